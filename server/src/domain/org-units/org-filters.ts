import { resolveOrgUnit } from '../../store/org-units.repository';
import type { SqlClient } from '../../store/sql-client';

/** A path no org unit has: a list filtered by it is empty rather than unfiltered. */
const NO_UNIT_PATH = '\u0000none';

/**
 * The path of an `orgUnit=` filter (id or name): undefined without one; a path that matches
 * nothing when the unit does not exist (so the list is empty rather than unfiltered).
 */
export async function filterPathOrNull(db: SqlClient, tenantId: string, ref: string | undefined): Promise<string | undefined> {
  if (!ref) return undefined;
  const unit = await resolveOrgUnit(db, tenantId, ref);
  return unit ? unit.path : NO_UNIT_PATH;
}

/**
 * The org path a `town` / `village` filter pair names, or null when it names nothing. Neither
 * given → undefined (no filter).
 */
export async function filterPath(db: SqlClient, tenantId: string, town?: string, village?: string): Promise<string | null | undefined> {
  if (!town && !village) return undefined;
  const townUnit = town ? await resolveOrgUnit(db, tenantId, town, { level: 'town' }) : null;
  if (town && !townUnit) return null;
  if (!village) return townUnit!.path;
  const villageUnit = await resolveOrgUnit(db, tenantId, village, { level: 'village', underPath: townUnit?.path });
  return villageUnit ? villageUnit.path : null;
}
