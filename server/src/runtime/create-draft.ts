import { audit, versionOf, withKeyLock } from '../domain/definitions/definition-drafts';
import { findVersions, insertDraftVersion, loadFormIndex } from '../domain/definitions/definition-versions.repository';
import type { VersionRow } from '../domain/definitions/definition-versions.repository';
import { pinForms } from '../domain/definitions/form-pins';
import { NotFoundError } from '../kernel';
import type { AuditActor } from '../store/audit-events.repository';
import type { RuntimeDeps } from './runtime-deps';

/** What making a draft takes; without `fromVersion` the newest published version is copied. */
export interface CreateDraftInput {
  actor: AuditActor;
  key: string;
  fromVersion?: number;
}

/**
 * A draft copy of version `fromVersion` (default the newest published) as version max+1, or the
 * draft that exists already (`created: false`): a key has at most one draft.
 */
export async function createDraft(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock'>, input: CreateDraftInput): Promise<{ row: VersionRow; created: boolean }> {
  const { actor, key, fromVersion } = input;
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
