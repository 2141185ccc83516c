/**
 * Fills the engine's tables with household cases in bulk (`INSERT … SELECT generate_series`), so
 * steps can be measured with 10k or 1M cases already stored. Each seeded case is one instance
 * row (random UUID as the engine makes, a real persisted snapshot, its form data), its application
 * task (completed) and, while running, the open task it waits on (spread over the household's
 * task states and the county's villages), and two hash-chained history rows.
 * Seven cases in ten are running, the rest completed.
 */
import { Client } from 'pg';

export interface SeedTemplate {
  definitionId: string;
  /** The definition document, for the task states' titles, forms and outcomes. */
  document: Record<string, any>;
  /** A persisted snapshot and instance data of a real running case. */
  snapshot: unknown;
  data: unknown;
}

/** The household's task states with the roles that work them and the org level of their tasks. */
const STATES: Array<{ state: string; roles: string[]; level: 'village' | 'town' | 'county' }> = [
  { state: 'verification', roles: ['village_work_team'], level: 'village' },
  { state: 'villagerAppraisal', roles: ['village_clerk'], level: 'village' },
  { state: 'publicNotice.posting', roles: ['village_clerk'], level: 'village' },
  { state: 'preliminaryOpinion', roles: ['village_clerk'], level: 'village' },
  { state: 'objectionReview', roles: ['town_reviewer'], level: 'town' },
  { state: 'townReview', roles: ['town_reviewer'], level: 'town' },
  { state: 'countyApproval', roles: ['county_reviewer'], level: 'county' },
];

/** Secondary (non-constraint) indexes of the seeded tables, as `CREATE INDEX` statements. */
async function secondaryIndexes(db: Client): Promise<Array<{ name: string; def: string }>> {
  const { rows } = await db.query(`
    SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename IN ('instances', 'tasks', 'history')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`);
  return rows;
}

/**
 * Adds `count` cases in batches of 50,000 over `workers` connections to `url`; `progress` is told
 * the running total. A large seed drops the tables' secondary indexes first and builds them again
 * afterwards from their own definitions (faster than growing them row by row).
 */
export async function seedCases(url: string, template: SeedTemplate, count: number, progress: (done: number) => void,
  options: { workers?: number; log?: (message: string) => void } = {}): Promise<void> {
  const workers = options.workers ?? 2;
  const log = options.log ?? (() => undefined);
  const db = new Client({ connectionString: url });
  db.on('error', () => undefined);
  await db.connect();
  try {
    const { rows: [{ n: existing }] } = await db.query('SELECT count(*)::int AS n FROM instances');
    const rebuild = count >= 100_000 && count > existing ? await secondaryIndexes(db) : [];
    if (rebuild.length) log(`dropping ${rebuild.length} secondary indexes for the bulk load: ${rebuild.map((i) => i.name).join(', ')}`);
    for (const index of rebuild) await db.query(`DROP INDEX "${index.name}"`);
    let done = 0;
    let nextBatch = 0;
    const batch = 50_000;
    const batches = Math.ceil(count / batch);
    const worker = async () => {
      const client = new Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
      try {
        while (nextBatch < batches) {
          const b = nextBatch++;
          const n = Math.min(batch, count - b * batch);
          await seedBatch(client, template, n);
          done += n;
          progress(done);
        }
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, batches)) }, worker));
    // Rebuilding with parallel maintenance workers where the server allows them.
    await db.query(`SET maintenance_work_mem = '256MB'`);
    for (const index of rebuild) {
      const t0 = performance.now();
      await db.query(index.def);
      log(`built ${index.name} again in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const t0 = performance.now();
    await db.query('ANALYZE instances; ANALYZE tasks; ANALYZE history');
    log(`analysed the tables in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await db.end().catch(() => undefined);
  }
}

async function seedBatch(db: Client, template: SeedTemplate, n: number): Promise<void> {
  const taskSpec = (state: string) => state.split('.').reduce((node: any, part) => node.states[part], template.document.machine).meta.task;
  const mix = STATES.map((s, k) => {
    const spec = taskSpec(s.state);
    return { k, state: s.state, title: spec.title, form: spec.form, outcomes: spec.outcomes, roles: s.roles, level: s.level };
  });
  const app = taskSpec('application');
  const { rows: villages } = await db.query(`SELECT id, path, parent_id FROM org_units WHERE level = 'village' ORDER BY id`);
  if (villages.length === 0) throw new Error('seedCases: no villages in org_units');
  const orgs = JSON.stringify(villages.map((v, i) => ({ i, village: v.id, village_path: v.path, town: v.parent_id, town_path: v.path.split('/').slice(0, 2).join('/') })));
  // Bulk rows are correct by construction: skip the per-row foreign-key triggers while writing them.
  await db.query(`SET session_replication_role = replica`);
  try {
    await db.query(`
      CREATE TEMP TABLE IF NOT EXISTS seed_cases (id uuid, n int, running boolean, k int, village text, village_path text, town text, town_path text, at timestamptz);
      TRUNCATE seed_cases`);
    await db.query(`
      INSERT INTO seed_cases
      SELECT gen_random_uuid(), g, (g % 10) < 7, g % ${mix.length}, o.village, o.village_path, o.town, o.town_path,
             now() - make_interval(hours => (g * 7919) % 8760)
      FROM generate_series(1, $1::int) AS g
      JOIN jsonb_to_recordset($2::jsonb) AS o(i int, village text, village_path text, town text, town_path text) ON o.i = (g * 31) % $3::int`,
    [n, orgs, villages.length]);
    await db.query(`
      INSERT INTO instances (id, tenant_id, definition_id, definition_key, definition_version, status, state, snapshot, data, org_unit_id, org_path,
                             version, history_seq, history_hash, created_at, updated_at, ended_at)
      SELECT s.id, '441424', $1, 'household-identification', 1, CASE WHEN s.running THEN 'running' ELSE 'completed' END,
             CASE WHEN s.running THEN to_jsonb(m.state) ELSE '"registered"' END, $2::jsonb, $3::jsonb, s.village, s.village_path,
             3, 2, encode(sha256(convert_to(s.id::text || '2', 'UTF8')), 'hex'), s.at, s.at + interval '3 days',
             CASE WHEN s.running THEN NULL ELSE s.at + interval '3 days' END
      FROM seed_cases s JOIN jsonb_to_recordset($4::jsonb) AS m(k int, state text) ON m.k = s.k`,
    [template.definitionId, JSON.stringify(template.snapshot), JSON.stringify(template.data), JSON.stringify(mix.map(({ k, state }) => ({ k, state })))]);
    await db.query(`
      INSERT INTO tasks (id, tenant_id, instance_id, definition_key, definition_version, state, title, form_key, outcomes, candidate_roles,
                         org_unit_id, org_path, status, due_at, created_at, completed_at, outcome)
      SELECT gen_random_uuid(), '441424', s.id, 'household-identification', 1, 'application', $1::jsonb, $2, $3::jsonb, ARRAY['village_clerk'],
             s.village, s.village_path, 'completed', s.at + interval '7 days', s.at, s.at + interval '1 day', 'SUBMIT'
      FROM seed_cases s
      UNION ALL
      SELECT gen_random_uuid(), '441424', s.id, 'household-identification', 1, m.state, m.title, m.form, m.outcomes, m.roles,
             CASE m.level WHEN 'village' THEN s.village WHEN 'town' THEN s.town ELSE '441424' END,
             CASE m.level WHEN 'village' THEN s.village_path WHEN 'town' THEN s.town_path ELSE '441424' END,
             CASE WHEN s.running THEN 'open' ELSE 'completed' END, s.at + interval '10 days', s.at + interval '1 day',
             CASE WHEN s.running THEN NULL ELSE s.at + interval '3 days' END, CASE WHEN s.running THEN NULL ELSE 'APPROVE' END
      FROM seed_cases s JOIN jsonb_to_recordset($4::jsonb) AS m(k int, state text, title jsonb, form text, outcomes jsonb, roles text[], level text) ON m.k = s.k`,
    [JSON.stringify(app.title), app.form, JSON.stringify(app.outcomes), JSON.stringify(mix)]);
    await db.query(`
      INSERT INTO history (tenant_id, instance_id, seq, at, type, actor, payload, prev_hash, hash)
      SELECT '441424', s.id, e.seq, s.at + make_interval(days => e.seq - 1), e.type, '{"username": "cun-dongyuan", "roles": ["village_clerk"]}',
             CASE e.seq WHEN 1 THEN '{"definitionKey": "household-identification", "definitionVersion": 1, "to": "application"}'::jsonb
                        ELSE jsonb_build_object('taskId', gen_random_uuid(), 'state', 'application', 'outcome', 'SUBMIT', 'from', 'application', 'to', 'verification', 'comment', '同意', 'data', $1::jsonb) END,
             CASE e.seq WHEN 1 THEN repeat('0', 64) ELSE encode(sha256(convert_to(s.id::text || '1', 'UTF8')), 'hex') END,
             encode(sha256(convert_to(s.id::text || e.seq::text, 'UTF8')), 'hex')
      FROM seed_cases s CROSS JOIN (VALUES (1, 'started'), (2, 'task_completed')) AS e(seq, type)`,
    [JSON.stringify((template.data as any)?.application ?? {})]);
  } finally {
    await db.query(`SET session_replication_role = DEFAULT`);
  }
}
