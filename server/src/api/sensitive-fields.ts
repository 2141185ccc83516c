import { findSensitiveFields } from '../forms';
import type { SensitiveKind } from '../forms';
import { listFormSchemas } from '../store/forms.repository';
import type { SqlClient } from '../store/sql-client';
import type { Clock } from '../kernel';

/** The personal-number fields of every form of a tenant, read from the forms' formats. */
export interface SensitiveFieldIndex {
  fields(): Promise<ReadonlyMap<string, SensitiveKind>>;
}

/**
 * Reads every stored form's schema once per `ttlMs` and collects the fields whose format marks a
 * personal number. A form saved meanwhile is covered at the latest after `ttlMs`; until then the
 * long-digit safety net of `maskPersonalData` still masks its numbers.
 */
export function createSensitiveFieldIndex(db: SqlClient, tenantId: string, clock: Clock, ttlMs = 60_000): SensitiveFieldIndex {
  let cached: { at: number; fields: Map<string, SensitiveKind> } | undefined;
  let loading: Promise<Map<string, SensitiveKind>> | undefined;
  return {
    async fields() {
      const now = clock.now().getTime();
      if (cached && now - cached.at < ttlMs) return cached.fields;
      loading ??= (async () => {
        try {
          const fields = new Map<string, SensitiveKind>();
          for (const schema of await listFormSchemas(db, tenantId)) findSensitiveFields(schema, fields);
          cached = { at: now, fields };
          return fields;
        } finally {
          loading = undefined;
        }
      })();
      return loading;
    },
  };
}
