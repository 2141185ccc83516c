import type { SavedFormBlocks } from '../contract';
import { insertFormBlocks, listEditableForms, lockFormBlocks } from '../domain/definitions/form-blocks.repository';
import type { EditableFormRow } from '../domain/definitions/form-blocks.repository';
import { lockFormKey } from '../domain/definitions/definition-versions.repository';
import { storeFormDraft } from '../domain/definitions/form-drafts';
import { checkFormSchema } from '../forms/check-form-schema';
import { checkSharedBlocks, sharedBlocksUsedBy, withSharedBlocks } from '../forms/shared-blocks';
import { ConflictError, ValidationError } from '../kernel';
import { insertAuditEvent } from '../store/audit-events.repository';
import type { AuditActor } from '../store/audit-events.repository';
import { currentFormBlocks } from './read-form-blocks';
import type { FormBlocksDeps } from './read-form-blocks';
import type { RuntimeDeps } from './runtime-deps';

/** What saving the shared blocks takes: the whole new `$defs`, the version it was edited from, and the forms the admin confirmed. */
export interface SaveFormBlocksInput {
  actor: AuditActor;
  defs: Record<string, unknown>;
  /** The version the admin edited (`If-Match`): another version stored meanwhile is a conflict. */
  expectedVersion: number;
  /** The form keys the confirmation named: a different set reached now is a conflict. */
  confirmedForms: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const titleOf = (form: EditableFormRow) => `「${form.title.zh}」（${form.key}）`;

/**
 * Saves a change of the shared blocks as a new version, in one transaction holding the blocks'
 * lock and the lock of every form it reaches. Stored form versions never change: every form that
 * uses a changed block (directly or through another block) gets a draft carrying the new blocks,
 * its draft's other edits kept, and the draft is published with its processes as any form draft
 * is. Published versions, and the cases pinned to them, keep validating with the blocks they were
 * published with. Audited. 409 when the blocks or the set of forms changed since the admin looked;
 * 400 with Chinese messages for an invalid block, a block still in use that was removed, or a form
 * the change would break (its examples no longer valid, say); nothing is written then.
 */
export async function saveFormBlocks(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock'> & FormBlocksDeps, input: SaveFormBlocksInput): Promise<SavedFormBlocks> {
  return deps.db.transaction(async (client) => {
    await lockFormBlocks(client, deps.tenantId);
    const current = await currentFormBlocks(client, deps);
    if (current.version !== input.expectedVersion) {
      throw new ConflictError(`共享模块已被修改（现为第 ${current.version} 版，您编辑的是第 ${input.expectedVersion} 版），请重新打开后再改`);
    }
    const next = input.defs;
    const changed = Object.keys(next).filter((name) => !same(next[name], current.defs[name]));
    const removed = Object.keys(current.defs).filter((name) => !(name in next));
    if (changed.length === 0 && removed.length === 0) throw new ValidationError('共享模块没有改动', { '/defs': ['共享模块没有改动，无需保存'] });
    const problems = checkSharedBlocks(next, changed);
    if (problems.length) throw new ValidationError('共享模块有误', groupProblems(problems));

    const names = [...new Set([...Object.keys(current.defs), ...Object.keys(next)])];
    const touched = new Set([...changed, ...removed]);
    const reached = async () => (await listEditableForms(client, deps.tenantId)).filter((form) => sharedBlocksUsedBy(form.schema, names).some((name) => touched.has(name)));
    const keys = (await reached()).map((form) => form.key);
    for (const key of keys) await lockFormKey(client, deps.tenantId, key);
    // Read again under the locks: no form draft can change now.
    const forms = await reached();
    const fields: Record<string, string[]> = {};
    for (const form of forms) {
      const usesRemoved = sharedBlocksUsedBy(form.schema, names).filter((name) => removed.includes(name));
      if (usesRemoved.length) fields[`/forms/${form.key}`] = [`表单${titleOf(form)}仍在使用共享模块 ${usesRemoved.join('、')}，不能删除`];
    }
    if (Object.keys(fields).length) throw new ValidationError('仍在使用的共享模块不能删除', fields);
    const confirmed = new Set(input.confirmedForms);
    if (forms.length !== confirmed.size || forms.some((form) => !confirmed.has(form.key))) {
      const unnamed = forms.filter((form) => !confirmed.has(form.key)).map(titleOf);
      throw new ConflictError(`使用这些共享模块的表单有变化${unnamed.length ? `（未确认：${unnamed.join('、')}）` : ''}，请重新确认`);
    }

    const drafts: Array<{ form: EditableFormRow; schema: Record<string, unknown> }> = [];
    for (const form of forms) {
      let schema: Record<string, unknown>;
      try {
        schema = withSharedBlocks(form.schema, next, names, form.key);
      } catch (error) {
        fields[`/forms/${form.key}`] = [`表单${titleOf(form)}用不了修改后的共享模块：${(error as Error).message}`];
        continue;
      }
      const broken = checkFormSchema(schema);
      if (broken.length) {
        fields[`/forms/${form.key}`] = broken.map((p) => `表单${titleOf(form)}换用修改后的共享模块后有误（${p.at}）：${p.message}`);
        continue;
      }
      drafts.push({ form, schema });
    }
    if (Object.keys(fields).length) throw new ValidationError('修改后的共享模块不适用于使用它的表单', fields);

    const now = deps.clock.now();
    const version = current.version + 1;
    const written: SavedFormBlocks['forms'] = [];
    for (const { form, schema } of drafts) {
      const stored = await storeFormDraft(client, deps.tenantId, form.key, now, { title: form.title, schema, uiSchema: form.uiSchema });
      written.push({ key: form.key, version: stored.version, title: form.title });
    }
    await insertFormBlocks(client, { tenantId: deps.tenantId, version, defs: next, changed: [...changed, ...removed], createdBy: input.actor.username, createdAt: now });
    await insertAuditEvent(client, {
      id: deps.ids.uuid(), tenantId: deps.tenantId, at: now, actor: input.actor, action: 'form-blocks.save', target: `form-blocks@${version}`,
      details: { version, changed, removed, formDrafts: Object.fromEntries(written.map((f) => [f.key, f.version])) },
    });
    return { version, changed, removed, forms: written };
  });
}

function groupProblems(problems: Array<{ at: string; message: string }>): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const p of problems) (fields[p.at] ??= []).push(p.message);
  return fields;
}
