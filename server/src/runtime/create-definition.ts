import { audit, withKeyLock } from '../domain/definitions/definition-drafts';
import type { Locale } from '../domain/definitions/definition-drafts';
import { findVersions, insertDraftVersion, loadFormIndex } from '../domain/definitions/definition-versions.repository';
import type { VersionRow } from '../domain/definitions/definition-versions.repository';
import { pinForms } from '../domain/definitions/form-pins';
import type { FormIndex } from '../domain/definitions/form-pins';
import { ConflictError } from '../kernel';
import type { AuditActor } from '../store/audit-events.repository';
import type { RuntimeDeps } from './runtime-deps';

/** What creating a definition takes: its key and the document of its version 1. */
export interface CreateDefinitionInput {
  actor: AuditActor;
  key: string;
  document: { title: unknown };
  locale: Locale;
}

/** Creates a definition whose version 1 is a draft of `document` (409 when the key exists); answers the draft and the form index it was pinned against. */
export async function createDefinition(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock'>, input: CreateDefinitionInput): Promise<{ row: VersionRow; index: FormIndex }> {
  const { actor, key, document, locale } = input;
  return withKeyLock(deps, key, async (client) => {
    if ((await findVersions(client, deps.tenantId, key)).length) {
      throw new ConflictError(locale === 'en' ? `Definition ${key} exists already: open it and make a draft` : `流程 ${key} 已存在，请打开它并创建草稿`);
    }
    const index = await loadFormIndex(client, deps.tenantId);
    await insertDraftVersion(client, { id: deps.ids.uuid(), tenantId: deps.tenantId, key, version: 1, title: document.title, document, formVersions: pinForms(document, index), createdAt: deps.clock.now() });
    await audit(client, deps, actor, 'definition.create', `${key}@1`, { key, version: 1 });
    const [row] = await findVersions(client, deps.tenantId, key);
    return { row, index };
  });
}
