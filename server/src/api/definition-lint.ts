import type { Pool, PoolClient } from 'pg';
import { lintDefinition } from '../engine';
import type { LintResult } from '../engine';

type Db = Pool | PoolClient;

/** One stored version of a definition. */
export interface VersionRow {
  id: string;
  key: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  title: unknown;
  document: any;
  formVersions: Record<string, number>;
  publishedAt: Date | null;
  createdAt: Date;
}

const toVersion = (r: Record<string, any>): VersionRow => ({
  id: r.id, key: r.key, version: r.version, status: r.status, title: r.title, document: r.document, formVersions: r.form_versions ?? {},
  publishedAt: r.published_at, createdAt: r.created_at,
});

/** Every version of a definition, oldest first; `lock` takes the rows for the transaction (publish, new draft). */
export async function findVersions(db: Db, tenantId: string, key: string, lock = false): Promise<VersionRow[]> {
  const { rows } = await db.query(
    `SELECT id, key, version, status, title, document, form_versions, published_at, created_at FROM definitions
     WHERE tenant_id = $1 AND key = $2 ORDER BY version${lock ? ' FOR UPDATE' : ''}`, [tenantId, key]);
  return rows.map(toVersion);
}

/** The forms an editor can pin: per key the newest published version and the draft, with schemas. */
export interface FormIndex {
  published: Map<string, { version: number; schema: Record<string, unknown> }>;
  drafts: Map<string, { version: number; schema: Record<string, unknown> }>;
}

export async function loadFormIndex(db: Db, tenantId: string): Promise<FormIndex> {
  const { rows } = await db.query(
    `SELECT DISTINCT ON (key, status) key, version, status, schema FROM forms WHERE tenant_id = $1 ORDER BY key, status, version DESC`, [tenantId]);
  const index: FormIndex = { published: new Map(), drafts: new Map() };
  for (const r of rows) (r.status === 'draft' ? index.drafts : index.published).set(r.key, { version: r.version, schema: r.schema });
  return index;
}

/** Form keys a definition uses: its tasks' forms and its start form. */
export function formsUsedBy(doc: any): string[] {
  const keys = new Set<string>();
  const walk = (state: any) => {
    if (typeof state?.meta?.task?.form === 'string') keys.add(state.meta.task.form);
    for (const child of Object.values(state?.states ?? {})) walk(child);
  };
  walk(doc?.machine);
  if (typeof doc?.startForm === 'string') keys.add(doc.startForm);
  return [...keys].sort();
}

/**
 * The form versions a draft pins: for each form it uses, the form's draft when one exists, else
 * its newest published version; the shared `common.*` forms (objections on notices) beside them.
 */
export function pinForms(doc: any, index: FormIndex): Record<string, number> {
  const pins: Record<string, number> = {};
  for (const key of formsUsedBy(doc)) {
    const version = index.drafts.get(key)?.version ?? index.published.get(key)?.version;
    if (version !== undefined) pins[key] = version;
  }
  for (const [key, form] of index.published) if (key.startsWith('common.') && !(key in pins)) pins[key] = form.version;
  return Object.fromEntries(Object.entries(pins).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Lints a document against the forms it would pin (drafts first) and the county's configuration of `year`. */
export function lintAgainstForms(doc: unknown, index: FormIndex, config: Record<string, unknown>, locale: 'zh-CN' | 'en',
  overrides: Record<string, Record<string, unknown>> = {}): LintResult {
  const forms: Record<string, Record<string, unknown> | null> = {};
  for (const [key, f] of index.published) forms[key] = f.schema;
  for (const [key, f] of index.drafts) forms[key] = f.schema;
  Object.assign(forms, overrides);
  return lintDefinition(doc, { forms, config, locale });
}

/** Running instances per definition version id. */
export async function countRunning(db: Db, tenantId: string, key?: string): Promise<Map<string, number>> {
  const values: unknown[] = [tenantId];
  const byKey = key ? ` AND definition_key = $${values.push(key)}` : '';
  const { rows } = await db.query(
    `SELECT definition_id, count(*)::int AS n FROM instances WHERE tenant_id = $1 AND status = 'running'${byKey} GROUP BY definition_id`, values);
  return new Map(rows.map((r) => [r.definition_id as string, r.n as number]));
}
