import { audit, versionOf, withKeyLock } from '../domain/definitions/definition-drafts';
import type { Locale } from '../domain/definitions/definition-drafts';
import { findVersions, loadFormIndex, updateDraftVersion } from '../domain/definitions/definition-versions.repository';
import type { VersionRow } from '../domain/definitions/definition-versions.repository';
import { pinForms } from '../domain/definitions/form-pins';
import type { FormIndex } from '../domain/definitions/form-pins';
import { ConflictError } from '../kernel';
import type { AuditActor } from '../store/audit-events.repository';
import type { RuntimeDeps } from './runtime-deps';

/** What saving a draft takes. */
export interface SaveDraftInput {
  actor: AuditActor;
  key: string;
  version: number;
  document: Record<string, unknown>;
  locale: Locale;
}

/**
 * Saves a draft's document (also with lint errors) and re-pins its forms, with its audit row, in
 * one transaction holding the definition key's lock; 409 when the version is not a draft.
 * Answers the saved row and the form index it was pinned against (the caller lints with it).
 */
export async function saveDraft(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock'>, input: SaveDraftInput): Promise<{ row: VersionRow; index: FormIndex }> {
  const { key, version: v, document, locale } = input;
  return withKeyLock(deps, key, async (client) => {
    const row = versionOf(await findVersions(client, deps.tenantId, key, true), key, v);
    if (row.status !== 'draft') {
      throw new ConflictError(locale === 'en' ? `Version ${v} of ${key} is ${row.status} and cannot change: make a draft` : `${key} 第 ${v} 版已${row.status === 'published' ? '发布' : '停用'}，不能修改，请创建草稿`);
    }
    const index = await loadFormIndex(client, deps.tenantId);
    const formVersions = pinForms(document, index);
    const title = typeof document.title === 'string' ? { zh: document.title } : document.title && typeof document.title === 'object' ? document.title : row.title;
    await updateDraftVersion(client, row.id, { document, title, formVersions });
    await audit(client, deps, input.actor, 'definition.save', `${key}@${v}`, { key, version: v });
    return { row: { ...row, document, title, formVersions }, index };
  });
}
