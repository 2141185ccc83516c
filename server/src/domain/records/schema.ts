import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { households } from '../../store/schema';

/**
 * Tables of the domain records the workflows write (exit, projects and funds, assessments,
 * 帮扶记录卡, housing renovation) and the correction requests that unlock them. Every row carries
 * `tenant_id`; rows a workflow approved carry `locked_at` and change only through a
 * correction request (重审申请).
 */

const tenant = () => text('tenant_id').notNull();
const money = (name: string) => numeric(name, { precision: 14, scale: 2, mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

/** Every change of a registered household's status (未脱贫 → 预脱贫 → 已脱贫, and back), with its reason. */
export const householdStatusChanges = pgTable('household_status_changes', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  householdId: uuid('household_id').notNull().references(() => households.id),
  fromStatus: text('from_status').notNull(),
  toStatus: text('to_status').notNull(),
  /** 收入达标 or 政策性保障兜底 for an exit; the workflow op otherwise. */
  route: text('route'),
  reason: text('reason').notNull(),
  decisionNumber: text('decision_number'),
  instanceId: uuid('instance_id'),
  changedBy: uuid('changed_by'),
  changedAt: at('changed_at').notNull(),
}, (t) => [index('household_status_changes_household_idx').on(t.tenantId, t.householdId, t.changedAt)]);

/**
 * Every version of a registered household (members, head, details, status): written by the
 * `households_version` trigger (migration 0018) on each insert and change of a registry row, with
 * the change's type, case and user as the writer named them for its transaction.
 */
export const householdVersions = pgTable('household_versions', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  tenantId: tenant(),
  householdId: uuid('household_id').notNull().references(() => households.id),
  version: integer('version').notNull(),
  previousVersion: integer('previous_version'),
  changeType: text('change_type').notNull(),
  reason: text('reason'),
  instanceId: uuid('instance_id'),
  changedBy: uuid('changed_by'),
  changedAt: at('changed_at').notNull(),
  headName: text('head_name').notNull(),
  headIdNumber: text('head_id_number').notNull(),
  category: text('category'),
  status: text('status').notNull(),
  orgUnitId: text('org_unit_id').notNull(),
  orgPath: text('org_path').notNull(),
  data: jsonb('data').notNull(),
}, (t) => [uniqueIndex('household_versions_household_idx').on(t.householdId, t.version)]);

/** 帮扶记录卡: one row per help measure a household received. */
export const helpRecords = pgTable('help_records', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  householdId: uuid('household_id').references(() => households.id),
  headIdNumber: text('head_id_number').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  helperName: text('helper_name').notNull(),
  helperUnit: text('helper_unit').notNull(),
  measureType: text('measure_type').notNull(),
  content: text('content').notNull(),
  value: money('value'),
  confirmedByHousehold: boolean('confirmed_by_household').notNull().default(false),
  confirmedByVillageHead: boolean('confirmed_by_village_head').notNull().default(false),
  confirmedByTeamLeader: boolean('confirmed_by_team_leader').notNull().default(false),
  sourceInstanceId: uuid('source_instance_id'),
  createdAt: at('created_at').notNull().defaultNow(),
  /** Set once the household, the 村两委 head and the team leader have all confirmed. */
  lockedAt: at('locked_at'),
}, (t) => [
  index('help_records_household_idx').on(t.tenantId, t.headIdNumber, t.date),
  uniqueIndex('help_records_entry_idx').on(t.tenantId, t.headIdNumber, t.date, t.measureType, t.content),
]);

/** A poverty-alleviation project, from county approval to its results notice. */
export const projects = pgTable('projects', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  instanceId: uuid('instance_id').notNull(),
  orgUnitId: text('org_unit_id').notNull(),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  projectType: text('project_type').notNull(),
  budget: money('budget').notNull(),
  approvedBudget: money('approved_budget').notNull(),
  decisionNumber: text('decision_number'),
  fundSources: jsonb('fund_sources').notNull(),
  linkedHouseholds: jsonb('linked_households').notNull(),
  oneMatterOneDiscussion: boolean('one_matter_one_discussion').notNull(),
  procurementRoute: text('procurement_route'),
  subjectType: text('subject_type'),
  tenderThreshold: money('tender_threshold'),
  contractor: text('contractor'),
  contractNumber: text('contract_number'),
  contractAmount: money('contract_amount'),
  progressPercent: integer('progress_percent').notNull().default(0),
  acceptanceQuality: text('acceptance_quality'),
  paidAmount: money('paid_amount').notNull().default(0),
  paidPercent: numeric('paid_percent', { precision: 5, scale: 2, mode: 'number' }).notNull().default(0),
  /** 已立项, 采购中, 实施中, 整改中, 已验收, 已完结. */
  status: text('status').notNull(),
  approvedAt: at('approved_at').notNull(),
  closedAt: at('closed_at'),
  lockedAt: at('locked_at'),
  updatedAt: at('updated_at').notNull(),
}, (t) => [uniqueIndex('projects_instance_idx').on(t.instanceId), index('projects_scope_idx').on(t.tenantId, t.status, t.orgPath)]);

/** One staged payment of a project's funds; a payment is a fact, locked when written. */
export const disbursements = pgTable('disbursements', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  instanceId: uuid('instance_id').notNull(),
  stage: integer('stage').notNull(),
  stageName: text('stage_name').notNull(),
  percent: numeric('percent', { precision: 5, scale: 2, mode: 'number' }).notNull(),
  amount: money('amount').notNull(),
  retentionPercent: numeric('retention_percent', { precision: 5, scale: 2, mode: 'number' }).notNull(),
  payee: text('payee').notNull(),
  payeeBank: text('payee_bank').notNull(),
  payeeAccount: text('payee_account').notNull(),
  paidOn: date('paid_on', { mode: 'string' }).notNull(),
  voucherNumber: text('voucher_number').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedAt: at('recorded_at').notNull(),
  lockedAt: at('locked_at').notNull(),
}, (t) => [uniqueIndex('disbursements_stage_idx').on(t.projectId, t.stage)]);

/** An assessment case (督查考核): finding, circular, rectification rounds, interview, accountability. */
export const assessmentCases = pgTable('assessment_cases', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  instanceId: uuid('instance_id').notNull(),
  orgUnitId: text('org_unit_id').notNull(),
  orgPath: text('org_path').notNull(),
  source: text('source').notNull(),
  problemType: text('problem_type').notNull(),
  misuseType: text('misuse_type'),
  targetType: text('target_type').notNull(),
  targetUnit: text('target_unit'),
  targetPerson: jsonb('target_person'),
  foundOn: date('found_on', { mode: 'string' }).notNull(),
  circularNumber: text('circular_number'),
  rounds: integer('rounds').notNull().default(0),
  interviewedOn: date('interviewed_on', { mode: 'string' }),
  accountability: jsonb('accountability'),
  escalationReason: text('escalation_reason'),
  /** 已立案, 已通报, 整改中, 已约谈, 已追责, 已销号, 不予通报. */
  status: text('status').notNull(),
  openedAt: at('opened_at').notNull(),
  closedAt: at('closed_at'),
  lockedAt: at('locked_at'),
  updatedAt: at('updated_at').notNull(),
}, (t) => [uniqueIndex('assessment_cases_instance_idx').on(t.instanceId), index('assessment_cases_scope_idx').on(t.tenantId, t.status, t.orgPath)]);

/** A dangerous-house renovation (or a 五保户's care-home placement) of one household. */
export const housingRenovations = pgTable('housing_renovations', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  instanceId: uuid('instance_id').notNull(),
  householdId: uuid('household_id').references(() => households.id),
  headIdNumber: text('head_id_number').notNull(),
  headName: text('head_name').notNull(),
  orgUnitId: text('org_unit_id').notNull(),
  orgPath: text('org_path').notNull(),
  dangerGrade: text('danger_grade').notNull(),
  renovationType: text('renovation_type').notNull(),
  careHome: text('care_home'),
  approvedSubsidy: money('approved_subsidy'),
  decisionNumber: text('decision_number'),
  agreementNumber: text('agreement_number'),
  subsidyAmount: money('subsidy_amount'),
  builder: text('builder'),
  acceptedOn: date('accepted_on', { mode: 'string' }),
  paidAmount: money('paid_amount'),
  paidOn: date('paid_on', { mode: 'string' }),
  voucherNumber: text('voucher_number'),
  /** 已批准, 施工中, 已验收, 已发放, 集中供养. */
  status: text('status').notNull(),
  approvedAt: at('approved_at').notNull(),
  lockedAt: at('locked_at'),
  updatedAt: at('updated_at').notNull(),
}, (t) => [uniqueIndex('housing_renovations_instance_idx').on(t.instanceId), index('housing_renovations_household_idx').on(t.tenantId, t.headIdNumber)]);

/** 重审申请: the audited request to correct a locked record, and its decision. */
export const correctionRequests = pgTable('correction_requests', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
  reason: text('reason').notNull(),
  requestedChanges: jsonb('requested_changes').notNull().default({}),
  /** pending, approved, rejected. */
  status: text('status').notNull(),
  requestedBy: uuid('requested_by'),
  requestedByName: text('requested_by_name').notNull(),
  requestedAt: at('requested_at').notNull(),
  decidedBy: uuid('decided_by'),
  decidedByName: text('decided_by_name'),
  decidedAt: at('decided_at'),
  decisionComment: text('decision_comment'),
}, (t) => [
  index('correction_requests_record_idx').on(t.tenantId, t.recordType, t.recordId),
  index('correction_requests_status_idx').on(t.tenantId, t.status),
  uniqueIndex('correction_requests_pending_idx').on(t.tenantId, t.recordType, t.recordId).where(sql`status = 'pending'`),
]);
