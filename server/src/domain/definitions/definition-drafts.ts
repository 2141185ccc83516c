import { ConflictError, NotFoundError } from '../../kernel';
import type { Clock, IdGenerator } from '../../kernel';
import { insertAuditEvent } from '../../store/audit-events.repository';
import type { AuditActor } from '../../store/audit-events.repository';
import type { Database } from '../../store/database';
import type { SqlClient } from '../../store/sql-client';
import { findVersions, insertDraftVersion, loadFormIndex, lockDefinitionKey, lockFormKey, publishDraftVersion, updateDraftVersion } from './definition-versions.repository';
import type { VersionRow } from './definition-versions.repository';
import { formsUsedBy, pinForms } from './form-pins';
import type { FormIndex } from './form-pins';

/**
 * Admin editing of definitions: each change is one transaction holding the key's lock (creating,
 * drafting and publishing never interleave) and writes its audit row in it. Published versions
 * never change.
 */
export interface DefinitionEditDeps {
  db: Database;
  tenantId: string;
  ids: IdGenerator;
  clock: Clock;
}

type Locale = 'zh-CN' | 'en';

/** The version `v` of a definition among its rows; 404 when it has none. */
export function versionOf(rows: VersionRow[], key: string, v: number): VersionRow {
  const row = rows.find((r) => r.version === v);
  if (!row) throw new NotFoundError(`Definition ${key} has no version ${v}`);
  return row;
}

/** Runs `work` in one transaction that holds the lock of the definition key (and of `formKeys`). */
async function withKeyLock<T>(deps: DefinitionEditDeps, key: string, work: (client: SqlClient) => Promise<T>): Promise<T> {
  return deps.db.transaction(async (client) => {
    await lockDefinitionKey(client, deps.tenantId, key);
    return work(client);
  });
}

async function audit(client: SqlClient, deps: DefinitionEditDeps, actor: AuditActor, action: string, target: string, details: Record<string, unknown>): Promise<void> {
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

/** Saves a draft's document (also with lint errors) and re-pins its forms; 409 when the version is not a draft. */
export async function saveDraft(deps: DefinitionEditDeps, actor: AuditActor, key: string, v: number, document: Record<string, unknown>, locale: Locale): Promise<{ row: VersionRow; index: FormIndex }> {
  return withKeyLock(deps, key, async (client) => {
    const row = versionOf(await findVersions(client, deps.tenantId, key, true), key, v);
    if (row.status !== 'draft') {
      throw new ConflictError(locale === 'en' ? `Version ${v} of ${key} is ${row.status} and cannot change: make a draft` : `${key} 第 ${v} 版已${row.status === 'published' ? '发布' : '停用'}，不能修改，请创建草稿`);
    }
    const index = await loadFormIndex(client, deps.tenantId);
    const formVersions = pinForms(document, index);
    const title = typeof document.title === 'string' ? { zh: document.title } : document.title && typeof document.title === 'object' ? document.title : row.title;
    await updateDraftVersion(client, row.id, { document, title, formVersions });
    await audit(client, deps, actor, 'definition.save', `${key}@${v}`, { key, version: v });
    return { row: { ...row, document, title, formVersions }, index };
  });
}

/** A published version as the publish answer shows it. */
export interface PublishedVersion {
  key: string;
  version: number;
  status: 'published';
  publishedAt: string;
  formVersions: Record<string, number>;
}

/**
 * Publishes a draft and the draft forms it pins, retiring the published version, when `lint`
 * (run on the forms as they are under the lock) passes; otherwise nothing changes and the lint is
 * answered. 409 when the version is not a draft.
 */
export async function publishDraft<L extends { ok: boolean }>(deps: DefinitionEditDeps, actor: AuditActor, key: string, v: number,
  lint: (document: unknown, index: FormIndex) => L, locale: Locale): Promise<{ lint: L; published?: undefined } | { lint?: undefined; published: PublishedVersion }> {
  return withKeyLock(deps, key, async (client) => {
    const rows = await findVersions(client, deps.tenantId, key, true);
    const row = versionOf(rows, key, v);
    if (row.status !== 'draft') {
      throw new ConflictError(locale === 'en' ? `Version ${v} of ${key} is ${row.status}, not a draft` : `${key} 第 ${v} 版不是草稿（${row.status}）`);
    }
    // The form drafts it would publish may not change meanwhile.
    for (const formKey of formsUsedBy(row.document)) await lockFormKey(client, deps.tenantId, formKey);
    const index = await loadFormIndex(client, deps.tenantId);
    const checked = lint(row.document, index);
    if (!checked.ok) return { lint: checked };
    const formVersions = pinForms(row.document, index);
    const now = deps.clock.now();
    const draftForms = Object.entries(formVersions).filter(([formKey, fv]) => index.drafts.get(formKey)?.version === fv);
    const retired = rows.filter((r) => r.status === 'published').map((r) => r.version);
    await publishDraftVersion(client, deps.tenantId, { id: row.id, key }, now, formVersions, draftForms);
    await audit(client, deps, actor, 'definition.publish', `${key}@${v}`, { key, version: v, retired, formsPublished: Object.fromEntries(draftForms) });
    return { published: { key, version: v, status: 'published', publishedAt: now.toISOString(), formVersions } };
  });
}
