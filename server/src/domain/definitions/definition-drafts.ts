import { NotFoundError } from '../../kernel';
import type { Clock, IdGenerator } from '../../kernel';
import { insertAuditEvent } from '../../store/audit-events.repository';
import type { AuditActor } from '../../store/audit-events.repository';
import type { Database } from '../../store/database';
import type { SqlClient } from '../../store/sql-client';
import { lockDefinitionKey } from './definition-versions.repository';
import type { VersionRow } from './definition-versions.repository';

/**
 * Admin editing of definitions: each change is one transaction holding the key's lock (creating,
 * drafting, saving and publishing never interleave) and writes its audit row in it. Published
 * versions never change. Creating, drafting, saving and publishing are runtime use cases
 * (runtime/create-definition.ts, runtime/create-draft.ts, runtime/save-draft.ts,
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
