import type { Pool } from 'pg';
import { findSensitiveFields } from '../forms';
import type { SensitiveKind } from '../forms';
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
export function createSensitiveFieldIndex(pool: Pool, tenantId: string, clock: Clock, ttlMs = 60_000): SensitiveFieldIndex {
  let cached: { at: number; fields: Map<string, SensitiveKind> } | undefined;
  let loading: Promise<Map<string, SensitiveKind>> | undefined;
  return {
    async fields() {
      const now = clock.now().getTime();
      if (cached && now - cached.at < ttlMs) return cached.fields;
      loading ??= (async () => {
        try {
          const { rows } = await pool.query('SELECT schema FROM forms WHERE tenant_id = $1', [tenantId]);
          const fields = new Map<string, SensitiveKind>();
          for (const row of rows) findSensitiveFields(row.schema, fields);
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
