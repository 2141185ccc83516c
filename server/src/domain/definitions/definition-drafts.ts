import { ConflictError, NotFoundError } from '../../kernel';
import type { Clock, IdGenerator } from '../../kernel';
import { insertAuditEvent } from '../../store/audit-events.repository';
import type { AuditActor } from '../../store/audit-events.repository';
import type { Database } from '../../store/database';
import type { SqlClient } from '../../store/sql-client';
import { findVersions, insertDraftVersion, loadFormIndex, lockDefinitionKey } from './definition-versions.repository';
import type { VersionRow } from './definition-versions.repository';
import { pinForms } from './form-pins';
import type { FormIndex } from './form-pins';

/**
 * Admin editing of definitions: each change is one transaction holding the key's lock (creating,
 * drafting, saving and publishing never interleave) and writes its audit row in it. Published
 * versions never change. Saving and publishing are runtime use cases (runtime/save-draft.ts,
 * runtime/publish-definition.ts) built on the lock and audit helpers here.
 */
export interface DefinitionEditDeps {
  db: Database;
  tenantId: string;
  ids: IdGenerator;
  clock: Clock;
}

export type Locale = 'zh-CN' | 'en';

/** The version `v` of a definition among its rows; 404 when it has none. */
export function versionOf(rows: VersionRow[], key: string, v: number): VersionRow {
  const row = rows.find((r) => r.version === v);
  if (!row) throw new NotFoundError(`Definition ${key} has no version ${v}`);
  return row;
}

/** Runs `work` in one transaction that holds the lock of the definition key (the use cases take the form keys' locks inside it). */
export async function withKeyLock<T>(deps: DefinitionEditDeps, key: string, work: (client: SqlClient) => Promise<T>): Promise<T> {
  return deps.db.transaction(async (client) => {
    await lockDefinitionKey(client, deps.tenantId, key);
    return work(client);
  });
}

/** Writes the audit row of a definition change on the change's own connection. */
export async function audit(client: SqlClient, deps: DefinitionEditDeps, actor: AuditActor, action: string, target: string, details: Record<string, unknown>): Promise<void> {
  await insertAuditEvent(client, { id: deps.ids.uuid(), tenantId: deps.tenantId, at: deps.clock.now(), actor, action, target, details });
}

/** Creates a definition whose version 1 is a draft of `document` (409 when the key exists); answers the draft and the form index it was pinned against. */
export async function createDefinition(deps: DefinitionEditDeps, actor: AuditActor, key: string, document: { title: unknown }, locale: Locale): Promise<{ row: VersionRow; index: FormIndex }> {
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

/**
 * A draft copy of version `fromVersion` (default the newest published) as version max+1, or the
 * draft that exists already (`created: false`): a key has at most one draft.
 */
export async function createDraft(deps: DefinitionEditDeps, actor: AuditActor, key: string, fromVersion: number | undefined): Promise<{ row: VersionRow; created: boolean }> {
  return withKeyLock(deps, key, async (client) => {
    const rows = await findVersions(client, deps.tenantId, key);
    if (rows.length === 0) throw new NotFoundError(`Definition ${key} does not exist`);
    const existing = rows.find((r) => r.status === 'draft');
    if (existing) return { row: existing, created: false };
    const source = fromVersion !== undefined ? versionOf(rows, key, fromVersion) : [...rows].reverse().find((r) => r.status === 'published');
    if (!source) throw new NotFoundError(`Definition ${key} has no published version to copy: pass fromVersion`);
    const version = rows[rows.length - 1].version + 1;
    const formVersions = pinForms(source.document, await loadFormIndex(client, deps.tenantId));
    await insertDraftVersion(client, { id: deps.ids.uuid(), tenantId: deps.tenantId, key, version, title: source.title, document: source.document, formVersions, createdAt: deps.clock.now() });
    await audit(client, deps, actor, 'definition.draft', `${key}@${version}`, { key, version, fromVersion: source.version });
    return { row: versionOf(await findVersions(client, deps.tenantId, key), key, version), created: true };
  });
}
