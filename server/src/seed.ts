import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from './auth/passwords';
import { resolveConfigForYear } from './domain/county-config';
import { bookConfiguredFunds, configuredCountyFunds } from './domain/funds';
import { DEMO_ACCOUNTS, seedOrgUnits } from './domain/org-seed';
import { loadDefinition } from './engine';
import type { DefinitionDocument } from './engine';
import { loadFormsFromDir } from './forms/load-forms';
import type { IdGenerator } from './kernel';
import type { Database } from './store/database';

/** The definitions shipped in `workflows/` (every `*.json` but the county configuration). */
export function readWorkflowFiles(workflowsDir: string): DefinitionDocument[] {
  return readdirSync(workflowsDir)
    .filter((f) => f.endsWith('.json') && f !== 'county-config.json')
    .sort()
    .map((f) => JSON.parse(readFileSync(join(workflowsDir, f), 'utf8')) as DefinitionDocument);
}

/** Form keys a definition uses: its start form and its tasks' forms. */
export function formsUsedBy(doc: DefinitionDocument): string[] {
  const keys = new Set<string>();
  if (doc.startForm) keys.add(doc.startForm);
  const walk = (state: unknown) => {
    const node = (state ?? {}) as { meta?: { task?: { form?: unknown } }; states?: Record<string, unknown> };
    if (typeof node.meta?.task?.form === 'string') keys.add(node.meta.task.form);
    for (const child of Object.values(node.states ?? {})) walk(child);
  };
  walk(doc.machine);
  return [...keys];
}

/** The county funds of `workflows/county-config.json` (years and sources as configured from its first year). */
function configuredFundsOf(rootDir: string) {
  const file = JSON.parse(readFileSync(join(rootDir, 'workflows', 'county-config.json'), 'utf8')) as { years: Record<string, Record<string, unknown>> };
  const first = Math.min(...Object.keys(file.years).map(Number));
  return configuredCountyFunds(resolveConfigForYear(file, first));
}

export interface SeedOptions {
  tenantId: string;
  rootDir: string;
  demoPassword: string;
  ids: IdGenerator;
  now: Date;
}

/**
 * Seeds an empty database: the county's org units, demo accounts, every form in `schemas/` and
 * every definition in `workflows/` published as version 1. Does nothing when org units exist.
 * @returns whether anything was created
 */
export async function seedDatabase(db: Database, options: SeedOptions): Promise<boolean> {
  const { tenantId, ids, now } = options;
  const forms = loadFormsFromDir(join(options.rootDir, 'schemas'));
  const formVersions = new Map(forms.map((f) => [f.key, f.version]));
  const documents = readWorkflowFiles(join(options.rootDir, 'workflows'));
  // Refuse to seed a broken definition: the error names the state and the problem.
  for (const doc of documents) loadDefinition(doc, { knownForms: new Set(formVersions.keys()) });

  return db.transaction(async (client) => {
    // One seeder at a time, also when several processes start on an empty database together.
    await client.query('SELECT pg_advisory_xact_lock(441424002)');
    // The county's budgeted funds enter the ledger on every start: a year the configuration adds is booked once.
    await bookConfiguredFunds(client, tenantId, configuredFundsOf(options.rootDir), () => ids.uuid(), now);
    const { rows } = await client.query('SELECT count(*)::int AS n FROM org_units WHERE tenant_id = $1', [tenantId]);
    if (rows[0].n > 0) return false;
    // The demo accounts share one password, so they share one hash: an argon2id hash holds 64 MiB
    // while it is made, and one per account at once held over 300 MB at the first start.
    const demoHash = await hashPassword(options.demoPassword);
    const units = seedOrgUnits();
    await client.query(
      `INSERT INTO org_units (id, tenant_id, parent_id, level, name, path, flags)
       SELECT u.id, $1, u."parentId", u.level, u.name, u.path, coalesce(u.flags, '{}'::jsonb)
       FROM jsonb_to_recordset($2::jsonb) AS u(id text, "parentId" text, level text, name text, path text, flags jsonb)`,
      [tenantId, JSON.stringify(units)]);
    const byName = new Map(units.filter((u) => u.level !== 'group').map((u) => [u.name, u]));
    for (const account of DEMO_ACCOUNTS) {
      await client.query(
        'INSERT INTO users (id, tenant_id, username, display_name, password_hash, roles, org_unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [ids.uuid(), tenantId, account.username, account.displayName, demoHash, account.roles, byName.get(account.orgUnit)!.id]);
    }
    for (const form of forms) {
      await client.query('INSERT INTO forms (tenant_id, key, version, title, schema, ui_schema) VALUES ($1, $2, $3, $4, $5, $6)',
        [tenantId, form.key, form.version, JSON.stringify(form.title), JSON.stringify(form.schema), JSON.stringify(form.uiSchema)]);
    }
    for (const doc of documents) {
      const pinned = Object.fromEntries([...formsUsedBy(doc), ...forms.filter((f) => f.key.startsWith('common.')).map((f) => f.key)]
        .map((key) => [key, formVersions.get(key) ?? 1]));
      await client.query(
        `INSERT INTO definitions (id, tenant_id, key, version, status, title, document, form_versions, published_at)
         VALUES ($1, $2, $3, 1, 'published', $4, $5, $6, $7)`,
        [ids.uuid(), tenantId, doc.key, JSON.stringify(doc.title), JSON.stringify(doc), JSON.stringify(pinned), now]);
    }
    return true;
  });
}
