import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The database schema. Every county-owned row carries `tenant_id` (the county's code, 441424
 * for 五华) and every query filters by it. Migrations are generated from this file.
 */

const tenant = () => text('tenant_id').notNull();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** County → town → village → 村民小组, with a materialised path for scope checks (`441424.130.001`). */
export const orgUnits = pgTable('org_units', {
  id: text('id').primaryKey(),
  tenantId: tenant(),
  parentId: text('parent_id'),
  level: text('level').notNull(),
  name: text('name').notNull(),
  path: text('path').notNull(),
  flags: jsonb('flags').notNull().default({}),
  createdAt: createdAt(),
}, (t) => [index('org_units_path_idx').on(t.tenantId, t.path), index('org_units_parent_idx').on(t.parentId)]);

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: text('roles').array().notNull(),
  orgUnitId: text('org_unit_id').notNull().references(() => orgUnits.id),
  disabled: boolean('disabled').notNull().default(false),
  /** Null while the password is the one the seed set: production refuses such accounts. */
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('users_username_idx').on(t.username)]);

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  csrfToken: text('csrf_token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
}, (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]);

/**
 * Form versions; a published definition pins the versions it uses. At most one version of a key
 * is a `draft` (being edited by an admin); publishing the definition that pins it publishes it.
 */
export const forms = pgTable('forms', {
  tenantId: tenant(),
  key: text('key').notNull(),
  version: integer('version').notNull(),
  status: text('status').notNull().default('published'),
  title: jsonb('title').notNull(),
  // json, not jsonb: kept as written, so fields show in the order the builder put them (migration 0031).
  schema: json('schema').notNull(),
  uiSchema: json('ui_schema').notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.key, t.version] }),
  uniqueIndex('forms_one_draft_idx').on(t.tenantId, t.key).where(sql`status = 'draft'`),
]);

/**
 * Definition versions: `draft` (at most one per key, editable), `published` (the newest, which new
 * instances start on) and `retired` (an older published version; its running instances continue).
 */
export const definitions = pgTable('definitions', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  key: text('key').notNull(),
  version: integer('version').notNull(),
  status: text('status').notNull(),
  title: jsonb('title').notNull(),
  document: jsonb('document').notNull(),
  formVersions: jsonb('form_versions').notNull().default({}),
  createdAt: createdAt(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('definitions_key_version_idx').on(t.tenantId, t.key, t.version),
  uniqueIndex('definitions_one_draft_idx').on(t.tenantId, t.key).where(sql`status = 'draft'`),
]);

export const instances = pgTable('instances', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  definitionId: uuid('definition_id').notNull().references(() => definitions.id),
  definitionKey: text('definition_key').notNull(),
  definitionVersion: integer('definition_version').notNull(),
  status: text('status').notNull(),
  state: jsonb('state').notNull(),
  snapshot: jsonb('snapshot').notNull(),
  data: jsonb('data').notNull(),
  orgUnitId: text('org_unit_id').notNull(),
  orgPath: text('org_path').notNull(),
  title: text('title'),
  version: integer('version').notNull(),
  historySeq: integer('history_seq').notNull(),
  historyHash: text('history_hash').notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
}, (t) => [index('instances_scope_idx').on(t.tenantId, t.definitionKey, t.status, t.orgPath)]);

/** Human tasks. The inbox reads open ones by status, candidate role and org path. */
export const tasks = pgTable('tasks', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  instanceId: uuid('instance_id').notNull().references(() => instances.id),
  definitionKey: text('definition_key').notNull(),
  definitionVersion: integer('definition_version').notNull(),
  state: text('state').notNull(),
  title: jsonb('title').notNull(),
  formKey: text('form_key').notNull(),
  outcomes: jsonb('outcomes').notNull(),
  candidateRoles: text('candidate_roles').array().notNull(),
  orgUnitId: text('org_unit_id').notNull(),
  orgPath: text('org_path').notNull(),
  assignee: uuid('assignee'),
  status: text('status').notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }),
  createdAt: createdAt(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  completedBy: uuid('completed_by'),
  outcome: text('outcome'),
  comment: text('comment'),
}, (t) => [
  index('tasks_instance_status_idx').on(t.instanceId, t.status),
  // The inbox's covering index `tasks_inbox_state_idx` (see domain/tasks/inbox.query.ts) needs INCLUDE and a
  // C-collated column, which this builder cannot express: it is written by hand in migration 0002.
]);

/** Delayed transitions. The row is the truth; queue jobs only carry its id. */
export const timers = pgTable('timers', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  instanceId: uuid('instance_id').notNull().references(() => instances.id),
  key: text('key').notNull(),
  eventType: text('event_type').notNull(),
  fireAt: timestamp('fire_at', { withTimezone: true }).notNull(),
  status: text('status').notNull(),
  enqueuedAt: timestamp('enqueued_at', { withTimezone: true }),
  firedAt: timestamp('fired_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('timers_due_idx').on(t.fireAt).where(sql`status = 'scheduled'`),
  index('timers_instance_status_idx').on(t.instanceId, t.status, t.key),
]);

/** Append-only, hash-chained per instance: `hash = sha256(prev_hash | canonical event)`. */
export const history = pgTable('history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  tenantId: tenant(),
  instanceId: uuid('instance_id').notNull().references(() => instances.id),
  seq: integer('seq').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  type: text('type').notNull(),
  actor: jsonb('actor'),
  payload: jsonb('payload').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [uniqueIndex('history_instance_seq_idx').on(t.instanceId, t.seq)]);

/** Public notices (公示): masked at the API edge; objections attach to the running instance. */
export const notices = pgTable('notices', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  instanceId: uuid('instance_id').notNull().references(() => instances.id),
  kind: text('kind').notNull(),
  state: text('state').notNull(),
  orgUnitId: text('org_unit_id').notNull(),
  orgPath: text('org_path').notNull(),
  title: text('title').notNull(),
  content: jsonb('content').notNull(),
  status: text('status').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
}, (t) => [index('notices_scope_idx').on(t.tenantId, t.status, t.orgPath)]);

export const objections = pgTable('objections', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  noticeId: uuid('notice_id').notNull().references(() => notices.id),
  instanceId: uuid('instance_id').notNull().references(() => instances.id),
  content: text('content').notNull(),
  contact: jsonb('contact'),
  createdAt: createdAt(),
});

/** 建档立卡 registry: one row per registered household. */
export const households = pgTable('households', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  orgUnitId: text('org_unit_id').notNull(),
  orgPath: text('org_path').notNull(),
  headName: text('head_name').notNull(),
  headIdNumber: text('head_id_number').notNull(),
  category: text('category'),
  status: text('status').notNull(),
  data: jsonb('data').notNull(),
  sourceInstanceId: uuid('source_instance_id'),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [index('households_scope_idx').on(t.tenantId, t.orgPath), uniqueIndex('households_head_id_idx').on(t.tenantId, t.headIdNumber)]);

/** Outgoing notifications (rejection letters, reminders); delivered by a job. */
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  instanceId: uuid('instance_id'),
  template: text('template').notNull(),
  payload: jsonb('payload').notNull(),
  status: text('status').notNull(),
  createdAt: createdAt(),
});

/** Comments on a task, beside its outcome comment. */
export const taskComments = pgTable('task_comments', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  taskId: uuid('task_id').notNull().references(() => tasks.id),
  instanceId: uuid('instance_id').notNull().references(() => instances.id),
  authorId: uuid('author_id').notNull().references(() => users.id),
  text: text('text').notNull(),
  createdAt: createdAt(),
}, (t) => [index('task_comments_task_idx').on(t.taskId, t.createdAt)]);

/** Who did what outside an instance's history: unmasking, imports, admin edits, migrations. */
export const auditEvents = pgTable('audit_events', {
  id: uuid('id').primaryKey(),
  tenantId: tenant(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actor: jsonb('actor').notNull(),
  action: text('action').notNull(),
  target: text('target'),
  reason: text('reason'),
  details: jsonb('details').notNull().default({}),
}, (t) => [index('audit_events_tenant_at_idx').on(t.tenantId, t.at)]);

/** Fixed-window counters for login failures and public objections. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull(),
});

/** Idempotency-Key of a submission (offline queue): one per user and key, written in the step's transaction. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  tenantId: text('tenant_id').notNull(),
  userId: uuid('user_id').notNull(),
  key: text('key').notNull(),
  scope: text('scope').notNull(),
  requestHash: text('request_hash').notNull(),
  instanceId: uuid('instance_id'),
  status: integer('status'),
  response: jsonb('response'),
  preferenceApplied: text('preference_applied'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ name: 'idempotency_keys_pkey', columns: [t.tenantId, t.userId, t.key] }), index('idempotency_keys_created_at_idx').on(t.createdAt)]);
