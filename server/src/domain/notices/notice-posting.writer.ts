import type { PoolClient } from 'pg';
import { ValidationError } from '../../kernel';
import type { ActionContext, FoldedWrite } from '../../kernel';

/**
 * The 村民小组 (`g`) of the village of the unit `unit` in the county `tenant` (SQL expressions; a
 * unit that is a group counts from its village). The unit is found by its id, its county checked
 * on the row found (`IS TRUE` keeps that condition from being an index's).
 */
function villageGroupsOf(tenant: string, unit: string): string {
  return `org_units x
     JOIN org_units v ON v.tenant_id = x.tenant_id AND v.id = CASE WHEN x.level = 'group' THEN x.parent_id ELSE x.id END
     JOIN org_units g ON g.tenant_id = v.tenant_id AND g.parent_id = v.id AND g.level = 'group'
     WHERE x.id = ${unit} AND (x.tenant_id = ${tenant}) IS TRUE`;
}

/** The 村民小组 of the case's village in the org tree, in code order (a case filed at a group counts from its village). */
export async function villageGroupNames(client: Pick<PoolClient, 'query'>, tenantId: string, orgUnitId: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>({
    name: 'jz_village_group_names',
    text: `SELECT g.name FROM ${villageGroupsOf('$1', '$2')} ORDER BY g.id`,
    values: [tenantId, orgUnitId],
  });
  return rows.map((r) => r.name);
}

/**
 * Where the case's village posts a notice, as a posting form opens with them (`org.noticePlaces` in a
 * task's prefill): the village's 村委会 and each of its 村民小组 from the org tree; the clerk removes
 * what was not posted rather than typing what was. Empty for a case filed above village level.
 */
export async function villageNoticePlaces(client: Pick<PoolClient, 'query'>, tenantId: string, orgUnitId: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>({
    name: 'jz_village_of_unit',
    text: `SELECT v.name FROM org_units u
     JOIN org_units v ON v.tenant_id = u.tenant_id AND v.id = CASE WHEN u.level = 'group' THEN u.parent_id ELSE u.id END AND v.level = 'village'
     WHERE u.tenant_id = $1 AND u.id = $2`,
    values: [tenantId, orgUnitId],
  });
  if (!rows[0]) return [];
  return [`${rows[0].name}村委会`, ...await villageGroupNames(client, tenantId, orgUnitId)];
}

/** The places a posting must name: the 村委会 and every 村民小组 of the village; what `places` lacks of them. */
export function missingPlaces(places: readonly string[], groups: readonly string[]): string[] {
  const missing: string[] = [];
  if (!places.some((p) => p.includes('村委会'))) missing.push('村委会');
  for (const group of groups) if (!places.some((p) => p.includes(group))) missing.push(group);
  return missing;
}

/** The places the posting step's form names. */
function placesOf(params: Record<string, unknown>, ctx: ActionContext): string[] {
  const posting = (ctx.data[String(params.step ?? 'posting')] ?? {}) as { places?: unknown };
  return Array.isArray(posting.places) ? posting.places.filter((p): p is string => typeof p === 'string') : [];
}

/**
 * `writeRecord { record: "noticePosting", step, kind, timerState }` on a notice's 已张贴 step (§二(三)2:
 * 在村委会和各村民小组公示7天): refuses a posting whose places leave out the 村委会 or any 村民小组 of
 * the village in the org tree (a 400 on `/places`, nothing written), then sets the open notice's end
 * to when the state's notice-period timer fires (counted from the posting date the clerk entered).
 */
export async function recordNoticePosting(client: PoolClient, params: Record<string, unknown>, ctx: ActionContext): Promise<void> {
  const places = placesOf(params, ctx);
  const missing = missingPlaces(places, await villageGroupNames(client, ctx.tenantId, ctx.orgUnitId));
  if (missing.length) {
    throw new ValidationError('张贴地点不全（Posting places are incomplete）', {
      '/places': [`须在村委会和本村每个村民小组张贴公示，还缺：${missing.join('、')}（The plan posts at the village committee and in every villagers' group; missing: ${missing.join(', ')}）`],
    });
  }
  await client.query({
    name: 'jz_notice_posting_ends',
    text: `UPDATE notices n SET ends_at = t.fire_at
     FROM (SELECT fire_at FROM timers WHERE instance_id = $1 AND status = 'scheduled' AND event_type LIKE '%.' || $3 ORDER BY created_at DESC, fire_at DESC LIMIT 1) t
     WHERE n.instance_id = $1 AND n.kind = $2 AND n.status = 'open'`,
    values: [ctx.instanceId, String(params.kind ?? 'notice'), String(params.timerState ?? '')],
  });
}

/**
 * The posting as a part of the step's own statement, when the step schedules the notice period's
 * timer (the notice ends when it fires) and the places name a 村委会: the notice's end is set, and
 * the statement is refused as a whole (nothing written) when a 村民小组 of the village in the org
 * tree is missing from the places. The step in a transaction then runs `recordNoticePosting`,
 * which names the missing groups. Undefined (the handler runs) otherwise.
 */
recordNoticePosting.fold = (params: Record<string, unknown>, ctx: ActionContext): FoldedWrite | undefined => {
  const places = placesOf(params, ctx);
  if (missingPlaces(places, []).length) return undefined;
  const suffix = `.${String(params.timerState ?? '')}`;
  // The latest of the state's timers, as the handler's read takes it.
  const timer = (ctx.scheduled ?? []).filter((t) => t.eventType.endsWith(suffix)).sort((a, b) => b.fireAt.getTime() - a.fireAt.getTime())[0];
  if (!timer) return undefined;
  return {
    tables: ['notices'],
    parts: [{
      shape: 'notice.postingEnds',
      sql: `UPDATE notices n SET ends_at = $3::timestamptz FROM u WHERE n.instance_id = $1::uuid AND n.kind = $2::text AND n.status = 'open' RETURNING n.id`,
      values: [ctx.instanceId, String(params.kind ?? 'notice'), timer.fireAt, ctx.tenantId, ctx.orgUnitId, places],
      // Every 村民小组 of the case's village is named by a place (as \`missingPlaces\` reads them).
      holds: `NOT EXISTS (SELECT 1 FROM ${villageGroupsOf('$4::text', '$5::text')}
    AND NOT EXISTS (SELECT 1 FROM unnest($6::text[]) AS p(place) WHERE strpos(p.place, g.name) > 0))`,
    }],
  };
};
