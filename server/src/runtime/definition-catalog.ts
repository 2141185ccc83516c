import type { Pool } from 'pg';
import { loadDefinition } from '../engine';
import type { DefinitionDocument, LoadedDefinition } from '../engine';
import { NotFoundError } from '../kernel';
import type { StoredForm } from '../kernel';

/** A loaded definition with the row it came from and the form versions it pins. */
export interface CatalogDefinition {
  id: string;
  loaded: LoadedDefinition;
  formVersions: Record<string, number>;
}

/**
 * Published definitions and form versions, loaded from the database. Both are immutable once
 * published, so they are cached by id; which version is current is always read from the database.
 * `current` is the newest `published` version (new instances start on it); `byId` also loads
 * `retired` versions, on which instances started earlier keep running. Drafts are never loaded here.
 */
export interface DefinitionCatalog {
  current(tenantId: string, key: string): Promise<CatalogDefinition>;
  byId(id: string): Promise<CatalogDefinition>;
  form(tenantId: string, key: string, version: number): Promise<StoredForm>;
}

export function createDefinitionCatalog(pool: Pool, configForYear: (year: number) => Record<string, unknown>): DefinitionCatalog {
  const definitions = new Map<string, Promise<CatalogDefinition>>();
  const forms = new Map<string, Promise<StoredForm>>();

  const load = async (id: string): Promise<CatalogDefinition> => {
    const { rows } = await pool.query('SELECT id, version, document, form_versions FROM definitions WHERE id = $1', [id]);
    if (!rows[0]) throw new NotFoundError(`Definition ${id} does not exist`);
    const loaded = loadDefinition(rows[0].document as DefinitionDocument, { version: rows[0].version, configForYear });
    return { id, loaded, formVersions: rows[0].form_versions };
  };
  const byId = (id: string) => {
    let entry = definitions.get(id);
    if (!entry) {
      entry = load(id);
      entry.catch(() => definitions.delete(id));
      definitions.set(id, entry);
    }
    return entry;
  };

  return {
    byId,
    async current(tenantId, key) {
      const { rows } = await pool.query(
        `SELECT id FROM definitions WHERE tenant_id = $1 AND key = $2 AND status = 'published' ORDER BY version DESC LIMIT 1`, [tenantId, key]);
      if (!rows[0]) throw new NotFoundError(`No published definition "${key}"`);
      return byId(rows[0].id);
    },
    form(tenantId, key, version) {
      const cacheKey = `${tenantId}|${key}|${version}`;
      let entry = forms.get(cacheKey);
      if (!entry) {
        entry = pool.query('SELECT key, version, title, schema, ui_schema FROM forms WHERE tenant_id = $1 AND key = $2 AND version = $3', [tenantId, key, version])
          .then(({ rows }) => {
            if (!rows[0]) throw new NotFoundError(`Form ${key} v${version} does not exist`);
            return { key: rows[0].key, version: rows[0].version, title: rows[0].title, schema: rows[0].schema, uiSchema: rows[0].ui_schema };
          });
        entry.catch(() => forms.delete(cacheKey));
        forms.set(cacheKey, entry);
      }
      return entry;
    },
  };
}
