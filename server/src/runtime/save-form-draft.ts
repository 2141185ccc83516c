import { lockFormKey } from '../domain/definitions/definition-versions.repository';
import { storeFormDraft } from '../domain/definitions/form-drafts';
import type { FormVersionView } from '../domain/definitions/form-drafts';
import { insertAuditEvent } from '../store/audit-events.repository';
import type { AuditActor } from '../store/audit-events.repository';
import type { RuntimeDeps } from './runtime-deps';

/** What saving a form's draft takes: the form's key and its title, schema and uiSchema (checked by the caller). */
export interface SaveFormDraftInput {
  actor: AuditActor;
  key: string;
  form: { title: { zh: string; en: string }; schema: Record<string, unknown>; uiSchema: Record<string, unknown> };
}

/**
 * Creates or overwrites a form's one draft (version max+1 when it has none) with its audit row,
 * in one transaction holding the form key's lock (publishing a definition that pins the draft
 * takes the same lock).
 */
export async function saveFormDraft(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock'>, input: SaveFormDraftInput): Promise<FormVersionView> {
  const { actor, key, form } = input;
  return deps.db.transaction(async (client) => {
    await lockFormKey(client, deps.tenantId, key);
    const { version, created } = await storeFormDraft(client, deps.tenantId, key, deps.clock.now(), form);
    await insertAuditEvent(client, {
      id: deps.ids.uuid(), tenantId: deps.tenantId, at: deps.clock.now(), actor, action: 'form.save', target: `${key}@${version}`, details: { key, version, created },
    });
    return { key, version, status: 'draft', title: form.title, schema: form.schema, uiSchema: form.uiSchema };
  });
}
