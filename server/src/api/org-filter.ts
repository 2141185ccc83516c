import type { Pool } from 'pg';
import { resolveOrgUnit } from './org-units.query';

/**
 * The path of an `orgUnit=` filter: undefined without one; a path that matches nothing when the
 * unit does not exist (so the list is empty rather than unfiltered).
 */
export async function filterPathOrNull(pool: Pool, tenantId: string, ref: string | undefined): Promise<string | undefined> {
  if (!ref) return undefined;
  const unit = await resolveOrgUnit(pool, tenantId, ref);
  return unit ? unit.path : '\u0000none';
}
