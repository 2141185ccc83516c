/**
 * How a step's statement finds its case's rows. It closes the case's open tasks and scheduled
 * timers and releases its ID-number claims by the case's id and a status; each must come from one
 * index on both, never from a partial index whose predicate is that status (open tasks, scheduled
 * timers, claims without a household): such an index keeps the entry of every row that left the
 * predicate until a vacuum, and a bitmap scan of it reads them all on every step.
 */
import { ACTOR_FOR_STATE, openTask, startApplication } from '../support/household-flow';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleDataFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { watchStatements } from '../support/statements-sent';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

/** The partial indexes a step's statement must not scan for its own case's rows. */
const PARTIAL_BY_STATUS = ['tasks_inbox_idx', 'tasks_inbox_state_idx', 'tasks_open_due_idx', 'tasks_roles_idx', 'timers_due_idx', 'id_number_claims_household_idx'];

/** Every step statement (`jz_write_*`) sent while `work` runs. */
async function stepStatementsDuring(work: () => Promise<unknown>): Promise<Array<{ name: string; text: string }>> {
  const sent: Array<{ name: string; text: string }> = [];
  await watchStatements(work, { sent: (s) => { if (typeof s !== 'string' && s.name?.startsWith('jz_write_')) sent.push({ name: s.name, text: s.text }); } });
  return sent;
}

/** A household case from its application to the county's approval (the notice period fired), its step statements. */
async function householdPath(): Promise<Array<{ name: string; text: string }>> {
  const { instanceId } = await startApplication(services);
  const statements: Array<{ name: string; text: string }> = [];
  for (const outcome of ['SUBMIT', 'VERIFY', 'PASS', 'POSTED', 'TIMER', 'FORWARD', 'APPROVE', 'APPROVE']) {
    if (outcome === 'TIMER') {
      services.clock.advance('P8D');
      statements.push(...await stepStatementsDuring(() => services.runtime.fireDueTimers()));
      continue;
    }
    const task = await openTask(services, instanceId);
    const actor = await services.actor(ACTOR_FOR_STATE[task.state]);
    const example = exampleDataFor(task.form_key);
    const data = await uploadEvidence(task.form_key, outcome === 'SUBMIT' ? withFreshIdNumbers(example) : example, { services, actor, instanceId });
    statements.push(...await stepStatementsDuring(() => services.runtime.completeTask({ taskId: task.id, outcome, actor, data, comment: '同意' })));
  }
  return statements;
}

describe('a step finds its case rows by one index', () => {
  it('closes tasks and timers and releases claims through the case index on id and status, never a partial index read whole', async () => {
    // A county's tables as a planner sees them: other cases' closed tasks, fired timers and
    // registered claims, and many open tasks, scheduled timers and pending claims (copies of those
    // rows, nobody's to work), so each partial index holds more than a case's few rows.
    for (let i = 0; i < 2; i++) await householdPath();
    // Each copy is another case's (the cases are taken in turn), so no case has more than a few.
    const copies = (table: string, changes: string, from = table) => `
      WITH cases AS (SELECT array_agg(id) AS ids FROM instances)
      INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(r) || ${changes}
        || jsonb_build_object('instance_id', ids[1 + (n % cardinality(ids))]))).*
      FROM (SELECT * FROM ${from} LIMIT 1) r, cases, generate_series(1, 2000) n`;
    await services.db.pool.query(copies('tasks', `jsonb_build_object('id', gen_random_uuid(), 'status', 'open', 'candidate_roles', ARRAY['nobody'], 'assignee', NULL)`));
    await services.db.pool.query(copies('timers', `jsonb_build_object('id', gen_random_uuid(), 'status', 'scheduled', 'fire_at', now() + interval '10 years')`));
    await services.db.pool.query(copies('id_number_claims', `jsonb_build_object('id_number', 'F' || gen_random_uuid(), 'household_id', NULL)`,
      '(SELECT * FROM id_number_claims WHERE instance_id IS NOT NULL)'));
    await services.db.pool.query('ANALYZE tasks; ANALYZE timers; ANALYZE id_number_claims');
    const statements = await householdPath();
    const distinct = [...new Map(statements.map((s) => [s.name, s])).values()];
    expect(distinct.length).toBeGreaterThanOrEqual(5);

    const client = await services.db.pool.connect();
    const plans: string[] = [];
    try {
      for (const s of distinct) {
        // The plan the statement runs with once prepared and reused (a generic plan, whatever its parameters).
        const { rows } = await client.query(`EXPLAIN (GENERIC_PLAN) ${s.text}`);
        plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
    } finally {
      client.release();
    }
    const all = plans.join('\n');
    for (const index of PARTIAL_BY_STATUS) expect(all).not.toContain(` on ${index}`);
    // The statements that close or re-title the case's open tasks find them by the case's id and status.
    // (The last step closes all: its timers too.)
    const found = (index: string, cond: string) => expect(all).toMatch(new RegExp(`${index}[^\\n]*\\n\\s+Index Cond: \\(\\(instance_id = \\$\\d+\\) AND \\(${cond}`));
    found('tasks_instance_status_idx', 'status = ANY');
    found('timers_instance_status_idx', "status = 'scheduled'::text\\)");
    found('id_number_claims_instance_household_idx', 'household_id IS NULL\\)\\)');
  });

  it('finds the case and its evidence by their primary keys when the tables have no statistics (a new database, a restored backup), never by the county\'s or the uploader\'s index', async () => {
    // More cases and uploads than a planner without statistics would guess, then the statistics forgotten.
    for (let i = 0; i < 3; i++) await householdPath();
    const client = await services.db.pool.connect();
    const plans: string[] = [];
    try {
      const { rows: [{ version }] } = await client.query(`SELECT current_setting('server_version_num')::int AS version`);
      for (const table of ['instances', 'attachments']) {
        // PostgreSQL 18 can forget a table's statistics; before it they are the ones a table never analyzed has (none).
        if (version >= 180000) {
          await client.query(`SELECT pg_clear_relation_stats('public', $1)`, [table]);
          await client.query(`SELECT pg_clear_attribute_stats('public', $1, attname, false) FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`, [table]);
        }
      }
      const { rows: unanalysed } = await client.query(`SELECT relname FROM pg_class WHERE relname IN ('instances', 'attachments') AND reltuples < 0`);
      expect(unanalysed.map((r) => r.relname).sort()).toEqual(['attachments', 'instances']);
      const statements = await householdPath();
      for (const s of [...new Map(statements.map((x) => [x.name, x])).values()]) {
        const { rows } = await client.query(`EXPLAIN (GENERIC_PLAN) ${s.text}`);
        plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
    } finally {
      client.release();
    }
    const all = plans.join('\n');
    // Every step statement writes its case's row, found by its id; the steps with evidence bind it by the files' ids.
    expect(all.match(/Update on instances/g)?.length).toBe(plans.length);
    expect(all).toMatch(/Index Scan using instances_pkey on instances/);
    expect(all).toMatch(/Update on attachments[\s\S]*?attachments_pkey/);
    for (const index of ['instances_org_path_idx', 'instances_scope_idx', 'instances_created_by_idx', 'attachments_uploader_idx', 'attachments_instance_idx']) {
      expect(all).not.toContain(` ${index}`);
    }
  });
});
