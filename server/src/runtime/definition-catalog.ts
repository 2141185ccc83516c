import { loadDefinition } from '../engine';
import type { DefinitionDocument, LoadedDefinition } from '../engine';
import { NotFoundError } from '../kernel';
import type { StoredForm } from '../kernel';
import type { Database, Queryable } from '../store/database';
import { findCurrentDefinitionId, findDefinitionById, findFormVersion } from '../store/definitions.repository';

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
  /** `db`: the caller's transaction when the read is part of one (a step starting a case); the pool otherwise. */
  current(tenantId: string, key: string, db?: Queryable): Promise<CatalogDefinition>;
  byId(id: string, db?: Queryable): Promise<CatalogDefinition>;
  form(tenantId: string, key: string, version: number, db?: Queryable): Promise<StoredForm>;
}

/** Builds the catalog over the pool; `configForYear` is what `$name` delays and configured values resolve against. */
export function createDefinitionCatalog(pool: Database['pool'], configForYear: (year: number) => Record<string, unknown>): DefinitionCatalog {
  const definitions = new Map<string, Promise<CatalogDefinition>>();
  const forms = new Map<string, Promise<StoredForm>>();

  const load = async (id: string, db: Queryable): Promise<CatalogDefinition> => {
    const row = await findDefinitionById(db, id);
    if (!row) throw new NotFoundError(`Definition ${id} does not exist`);
    const loaded = loadDefinition(row.document as DefinitionDocument, { version: row.version, configForYear });
    return { id, loaded, formVersions: row.formVersions };
  };
  const byId = (id: string, db: Queryable = pool) => {
    let entry = definitions.get(id);
    if (!entry) {
      entry = load(id, db);
      entry.catch(() => definitions.delete(id));
      definitions.set(id, entry);
    }
    return entry;
  };

  return {
    byId,
    async current(tenantId, key, db = pool) {
      const id = await findCurrentDefinitionId(db, tenantId, key);
      if (!id) throw new NotFoundError(`No published definition "${key}"`);
      return byId(id, db);
    },
    form(tenantId, key, version, db = pool) {
      const cacheKey = `${tenantId}|${key}|${version}`;
      let entry = forms.get(cacheKey);
      if (!entry) {
        entry = findFormVersion(db, tenantId, key, version).then((row) => {
          if (!row) throw new NotFoundError(`Form ${key} v${version} does not exist`);
          return row;
        });
        entry.catch(() => forms.delete(cacheKey));
        forms.set(cacheKey, entry);
      }
      return entry;
    },
  };
}
