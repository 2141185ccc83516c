/**
 * The one permission to see full ID, bank and certificate numbers. Every use is audited with a
 * reason (api/unmask.ts); everyone else gets masked numbers and 403 on `?unmask=1`.
 */
export const UNMASK_ROLES: readonly string[] = ['county_reviewer', 'admin'];

/** True when one of `roles` may unmask personal numbers. */
export function mayUnmask(roles: readonly string[]): boolean {
  return roles.some((r) => UNMASK_ROLES.includes(r));
}

/** Roles that book money into and out of the county's fund ledger (receipts, interest subsidies). */
export const LEDGER_ROLES: readonly string[] = ['county_reviewer', 'admin'];

/** True when one of `roles` books money into the fund ledger. */
export function mayBookFunds(roles: readonly string[]): boolean {
  return roles.some((r) => LEDGER_ROLES.includes(r));
}
