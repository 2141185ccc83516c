import type { SqlClient } from '../../store/sql-client';

/** A household's 一户一策 plan of one year (form `help.plan`), with its author. */
export interface HelpPlan {
  year: number;
  authorName: string;
  data: Record<string, unknown>;
  updatedAt: string;
}

/**
 * Writes the household's plan of `year`: the first save creates it, a later one replaces its
 * content and keeps who wrote it last (one plan per household and year).
 */
export async function saveHelpPlan(db: SqlClient, input: { id: string; tenantId: string; householdId: string; year: number; authorUserId: string | null; authorName: string; data: Record<string, unknown>; now: Date }): Promise<void> {
  await db.query(
    `INSERT INTO help_plans (id, tenant_id, household_id, year, author_user_id, author_name, data, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT (tenant_id, household_id, year) DO UPDATE SET author_user_id = EXCLUDED.author_user_id, author_name = EXCLUDED.author_name, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
    [input.id, input.tenantId, input.householdId, input.year, input.authorUserId, input.authorName, JSON.stringify(input.data), input.now]);
}

/** A household's plans, newest year first. */
export async function listHelpPlans(db: SqlClient, tenantId: string, householdId: string): Promise<HelpPlan[]> {
  const { rows } = await db.query<{ year: number; author_name: string; data: Record<string, unknown>; updated_at: Date }>(
    'SELECT year, author_name, data, updated_at FROM help_plans WHERE tenant_id = $1 AND household_id = $2 ORDER BY year DESC', [tenantId, householdId]);
  return rows.map((r) => ({ year: r.year, authorName: r.author_name, data: r.data, updatedAt: r.updated_at.toISOString() }));
}
