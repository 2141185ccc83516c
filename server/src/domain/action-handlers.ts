import type { PoolClient } from 'pg';
import { parseDelay } from '../engine';
import { ConflictError } from '../kernel';
import type { ActionContext, ActionHandler } from '../kernel';
import { assignIdNumbersToHousehold, claimIdNumbers, foldAssignIdNumbers, foldClaimIdNumbers, foldReleaseIdNumbers, releaseIdNumbers } from './households/id-claims';
import { assignHelperAtRegistration, foldAssignHelper } from './help/helper-assignment';
import { maskIdNumber } from './masking';
import { recordNoticePosting } from './notices/notice-posting.writer';
import { valueAt } from './records/record-writer';
import { villageNoticeContent } from './villages/village-notice';
import type { RecordWriter } from './records/record-writer';


/** The applicant household as the application form records it. */
function applicantOf(data: Record<string, unknown>) {
  const application = (data.application ?? data.candidate ?? {}) as Record<string, unknown>;
  const household = (application.household ?? application) as Record<string, unknown>;
  const head = (household.head ?? {}) as Record<string, unknown>;
  const members = Array.isArray(household.members) ? household.members : [];
  return {
    household,
    headName: String(head.name ?? valueAt(members, '0', 'name') ?? ''),
    headIdNumber: String(head.idNumber ?? valueAt(members, '0', 'idNumber') ?? ''),
    category: (household.category as string | undefined) ?? null,
    size: members.length || undefined,
  };
}

const numberAt = (data: unknown, ...path: string[]) => {
  const v = valueAt(data, ...path);
  return typeof v === 'number' ? v : null;
};
const textAt = (data: unknown, ...path: string[]) => {
  const v = valueAt(data, ...path);
  return typeof v === 'string' && v ? v : null;
};

/**
 * What a project's notices (三公开) show, from the steps so far: the project, its approved budget
 * and sources, the winner and amount once awarded or contracted, what was paid, and the
 * beneficiary households by head's name. Undefined for a case that is no project.
 */
export function projectNoticeContent(data: Record<string, unknown>): Record<string, unknown> | undefined {
  const proposed = data.proposed as Record<string, unknown> | undefined;
  if (!proposed || typeof proposed.projectName !== 'string') return undefined;
  const households = Array.isArray(proposed.linkedHouseholds) ? proposed.linkedHouseholds as Array<Record<string, unknown>> : [];
  const location = [textAt(proposed, 'location', 'town'), textAt(proposed, 'location', 'village')].filter(Boolean).join('');
  return {
    name: proposed.projectName, projectType: proposed.projectType ?? null, location: location || null,
    budget: numberAt(data, 'countyApproval', 'approvedBudget') ?? numberAt(proposed, 'budget'),
    fundSources: Array.isArray(proposed.fundSources) ? proposed.fundSources : [],
    winner: textAt(data, 'contracted', 'contractor') ?? textAt(data, 'awardNotice', 'winner'),
    amount: numberAt(data, 'contracted', 'contractAmount') ?? numberAt(data, 'awardNotice', 'awardAmount'),
    paid: numberAt(data, 'funds', 'paidAmount'),
    beneficiaries: households.map((h) => h.headName).filter((n): n is string => typeof n === 'string'),
    beneficiaryCount: households.length,
  };
}

/**
 * The households one notice lists, when its `publishNotice` names them (`households: { from, where }`:
 * a list of the step's data and the fields its lines must equal), as a village's batch shows them:
 * head, masked ID number, 村民小组, 人口, 属性 and the line's reason. A 回头看 posts its 拟清退 households so.
 */
export function noticeHouseholds(spec: unknown, data: Record<string, unknown>): Array<Record<string, unknown>> | undefined {
  if (!spec || typeof spec !== 'object') return undefined;
  const { from, where } = spec as { from?: unknown; where?: unknown };
  const list = typeof from === 'string' ? valueAt(data, ...from.split('.')) : undefined;
  const match = (where && typeof where === 'object' ? where : {}) as Record<string, unknown>;
  return (Array.isArray(list) ? list as Array<Record<string, unknown>> : [])
    .filter((line) => Object.entries(match).every(([field, value]) => line[field] === value))
    .map((line) => ({
      headName: textAt(line, 'headName') ?? '', headIdNumber: textAt(line, 'idNumber') ?? '', group: textAt(line, 'group'),
      size: numberAt(line, 'size'), category: textAt(line, 'category'), cause: textAt(line, 'reason'),
    }));
}

/**
 * A head removed by 清退 may be identified again by a new application: the registry keeps one
 * record per head's ID number (the unique index), so the same record comes back, registered by
 * the new case, and its versions keep the removal before it (migration 0024 names the version).
 */
const REREGISTER_DISMISSED = `ON CONFLICT (tenant_id, head_id_number) DO UPDATE SET org_unit_id = EXCLUDED.org_unit_id, org_path = EXCLUDED.org_path,
    head_name = EXCLUDED.head_name, category = EXCLUDED.category, status = EXCLUDED.status, data = EXCLUDED.data, source_instance_id = EXCLUDED.source_instance_id,
    registered_at = EXCLUDED.registered_at, updated_at = EXCLUDED.updated_at
  WHERE households.status = '清退'`;

/**
 * 建档立卡: creates the registry record when the county approves. It never overwrites a
 * registered household: a head already registered (other than one removed by 清退), or any member
 * number held by another household or case, fails the step with a conflict and changes nothing (a
 * registered household changes only through its own change process or a correction request).
 */
const registerHousehold: RecordWriter = async (client, _params, ctx) => {
  const applicant = applicantOf(ctx.data);
  const { rows } = await client.query(
    `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, source_instance_id, registered_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '未脱贫', $8, $9, $10, $10)
     ${REREGISTER_DISMISSED} RETURNING id`,
    [ctx.uuid(), ctx.tenantId, ctx.orgUnitId, ctx.orgPath, applicant.headName, applicant.headIdNumber, applicant.category,
      JSON.stringify(applicant.household), ctx.instanceId, ctx.now]);
  if (!rows[0]) {
    const masked = maskIdNumber(applicant.headIdNumber);
    throw new ConflictError(`不能建档立卡：户主身份证号 ${masked} 已登记为其他建档立卡户（Registration refused: head ID ${masked} is already registered; nothing was changed）`, 'household_already_registered');
  }
  await assignIdNumbersToHousehold(client, ctx, rows[0].id, applicant.household);
  await assignHelperAtRegistration(client, ctx, rows[0].id, applicant.category);
};
/** The registry row and its members' claims in the step's statement; a head already registered or a number held elsewhere refuses it. */
registerHousehold.fold = (_params, ctx) => {
  const applicant = applicantOf(ctx.data);
  return {
    tables: ['households', 'id_number_claims', 'household_helpers'],
    parts: [
      {
        shape: 'household.register',
        sql: `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, source_instance_id, registered_at, updated_at)
  SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, '未脱贫', $8::jsonb, $9::uuid, $10::timestamptz, $10::timestamptz FROM u
  ${REREGISTER_DISMISSED} RETURNING id`,
        values: [ctx.uuid(), ctx.tenantId, ctx.orgUnitId, ctx.orgPath, applicant.headName, applicant.headIdNumber, applicant.category,
          JSON.stringify(applicant.household), ctx.instanceId, ctx.now],
        holds: 'EXISTS (SELECT 1 FROM {0})',
      },
      foldAssignIdNumbers(ctx, applicant.household),
      // Every household gets its 帮扶责任人 in the registering step (DOMAIN.md), where its village is paired with a 帮扶单位.
      foldAssignHelper(ctx, applicant.category),
    ],
  };
};

/** ID-number claims of an application: `claim` at submission, `release` when the case ends unregistered. */
const idClaims: RecordWriter = async (client, params, ctx) => {
  if (params.op === 'release') return releaseIdNumbers(client, ctx);
  if (params.op === 'claim') return claimIdNumbers(client, ctx, applicantOf(ctx.data).household);
  throw new Error(`writeRecord "idClaims" has no op "${String(params.op)}" (definition ${ctx.definitionKey}); known: claim, release`);
};
idClaims.fold = (params, ctx) => {
  if (params.op === 'release') return { tables: ['id_number_claims'], parts: [foldReleaseIdNumbers(ctx)] };
  if (params.op === 'claim') return { tables: ['id_number_claims', 'households'], parts: foldClaimIdNumbers(ctx, applicantOf(ctx.data).household) };
  return undefined; // the handler names the unknown op
};

/** A writer's `fold` or undefined. */
type FoldOf = NonNullable<ActionHandler<PoolClient>['fold']>;

/**
 * The handlers for the engine's effect actions. `records` adds writers for `writeRecord`
 * by record name; the household registry's is built in. Each handler whose rows need no read
 * before they are written also folds into the step's own statement (`fold`): notices, their
 * closing, notifications, ID-number claims, the registry row and the notice posting (its places
 * held to the village's groups in the statement). Writers that first read and decide from what
 * they read run in the step's transaction: the record writers that lock a registry row
 * (`findHousehold … FOR UPDATE`).
 */
export function createActionHandlers(records: Record<string, RecordWriter> = {}): Record<string, ActionHandler<PoolClient>> {
  const writers: Record<string, RecordWriter> = { household: registerHousehold, idClaims, noticePosting: recordNoticePosting, ...records };
  const noticePeriodEnd = (params: Record<string, unknown>, ctx: ActionContext) => {
    const period = typeof params.period === 'string' && params.period.startsWith('$')
      ? String(ctx.configForYear(ctx.year)[params.period.slice(1)] ?? '') : String(params.period ?? '');
    const spec = parseDelay(period);
    // The same calendar as the state's timer, so the notice ends when the notice period's timer fires.
    return spec ? ctx.calendar.addDelay(ctx.now, spec) : null;
  };
  const noticeValues = (params: Record<string, unknown>, ctx: ActionContext, village?: Record<string, unknown>) => {
    const applicant = applicantOf(ctx.data);
    const project = projectNoticeContent(ctx.data);
    const households = noticeHouseholds(params.households, ctx.data);
    const about = village ? { village } : { headName: applicant.headName, headIdNumber: applicant.headIdNumber, category: applicant.category, size: applicant.size };
    return [ctx.uuid(), ctx.tenantId, ctx.instanceId, String(params.kind ?? 'notice'), ctx.states.join(','), ctx.orgUnitId, ctx.orgPath,
      String(params.title ?? '公示'), JSON.stringify({ ...about, definitionKey: ctx.definitionKey, ...(project ? { project } : {}), ...(households ? { households } : {}) }),
      ctx.now, noticePeriodEnd(params, ctx)];
  };
  const notificationValues = (params: Record<string, unknown>, ctx: ActionContext) =>
    [ctx.uuid(), ctx.tenantId, ctx.instanceId, String(params.template ?? 'generic'), JSON.stringify({ params, state: ctx.states, by: ctx.actor.username }), ctx.now];
  // `content: 'village'`: a village's exit notice shows the register's indicators of the year, read in the step's transaction.
  const publishNotice: ActionHandler<PoolClient> = async (client, params, ctx) => {
    const village = params.content === 'village' ? await villageNoticeContent(client, ctx) : undefined;
    await client.query(
      `INSERT INTO notices (id, tenant_id, instance_id, kind, state, org_unit_id, org_path, title, content, status, starts_at, ends_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11)`, noticeValues(params, ctx, village));
  };
  publishNotice.fold = (params, ctx) => (params.content === 'village' ? undefined : {
    tables: ['notices'],
    parts: [{
      shape: 'notice.publish',
      sql: `INSERT INTO notices (id, tenant_id, instance_id, kind, state, org_unit_id, org_path, title, content, status, starts_at, ends_at)
  SELECT $1::uuid, $2::text, $3::uuid, $4::text, $5::text, $6::text, $7::text, $8::text, $9::jsonb, 'open', $10::timestamptz, $11::timestamptz FROM u RETURNING id`,
      values: noticeValues(params, ctx),
    }],
  });
  const closeNotice: ActionHandler<PoolClient> = async (client, params, ctx) => {
    await client.query(`UPDATE notices SET status = 'closed', closed_at = $3 WHERE instance_id = $1 AND kind = $2 AND status = 'open'`,
      [ctx.instanceId, String(params.kind ?? 'notice'), ctx.now]);
  };
  closeNotice.fold = (params, ctx) => ({
    tables: ['notices'],
    parts: [{
      shape: 'notice.close',
      sql: `UPDATE notices n SET status = 'closed', closed_at = $3::timestamptz FROM u WHERE n.instance_id = $1::uuid AND n.kind = $2::text AND n.status = 'open' RETURNING n.id`,
      values: [ctx.instanceId, String(params.kind ?? 'notice'), ctx.now],
    }],
  });
  const writeRecord: ActionHandler<PoolClient> = async (client, params, ctx) => {
    const writer = writers[String(params.record)];
    if (!writer) throw new Error(`No writer for record "${String(params.record)}"; known: ${Object.keys(writers).join(', ')}`);
    await writer(client, params, ctx);
  };
  writeRecord.fold = (params, ctx) => (writers[String(params.record)]?.fold as FoldOf | undefined)?.(params, ctx);
  const notify: ActionHandler<PoolClient> = async (client, params, ctx) => {
    await client.query(
      `INSERT INTO notifications (id, tenant_id, instance_id, template, kind, payload, status, deliver_at, created_at) VALUES ($1, $2, $3, $4, 'case_event', $5, 'pending', $6, $6)`, notificationValues(params, ctx));
  };
  notify.fold = (params, ctx) => ({
    tables: ['notifications'],
    parts: [{
      shape: 'notification',
      sql: `INSERT INTO notifications (id, tenant_id, instance_id, template, kind, payload, status, deliver_at, created_at)
  SELECT $1::uuid, $2::text, $3::uuid, $4::text, 'case_event', $5::jsonb, 'pending', $6::timestamptz, $6::timestamptz FROM u RETURNING id`,
      values: notificationValues(params, ctx),
    }],
  });
  return { publishNotice, closeNotice, writeRecord, notify };
}
