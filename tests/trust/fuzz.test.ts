/**
 * Generated bad input against every endpoint that takes text from outside: starting a case,
 * completing and commenting on a task, filing an objection, logging in, and the list queries.
 * A seeded generator (the seed is printed; JZ_FUZZ_SEED picks another) builds a few thousand
 * requests from a valid one by planting NUL characters, lone surrogates, huge and deeply nested
 * values, wrong types, injection strings, prototype-pollution keys and out-of-range numbers.
 *
 * What must hold: no answer is a 5xx, and no refused request (4xx) changes a row. After every
 * answer the suite takes one checksum per table; after a 4xx it must equal the one before the
 * request, after a 2xx it becomes the new reference (an accepted request may write).
 */
import { exampleFor } from '../support/form-examples';
import { TEST_DEMO_PASSWORD } from '../support/global-setup';
import { drive, openTaskOf, startApiHarness } from '../api/api-harness';
import type { ApiClient, ApiHarness } from '../api/api-harness';

const SEED = Number(process.env.JZ_FUZZ_SEED ?? 20_261_124);
const CASES = 2_400;

/**
 * Tables a refused request writes by design, left out of the checksums:
 * - `sessions`: every request with a session cookie slides its expiry, whatever the answer;
 * - `rate_limits`: failed logins and objection attempts are counted before the body is checked,
 *   so that a flood of bad requests is throttled like any other;
 * - `audit_events`: asking to unmask ID numbers is recorded even when the list query then fails;
 * - `__drizzle_migrations` lives in another schema and is not listed anyway.
 */
const WRITTEN_BY_REFUSALS = new Set(['sessions', 'rate_limits', 'audit_events']);

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

/** A piece of JSON text written as it is: `1e400`, a thousand brackets, a duplicate key. */
class Raw {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold `Raw` pieces (JSON.stringify would turn 1e400 into null). */
function toJson(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const nested = (depth: number, open = '[', close = ']') => new Raw(open.repeat(depth) + (open === '{"a":' ? '1' : '') + close.repeat(depth));

/** Strings that are wrong somewhere: unstorable, hostile or merely odd. */
function badString(rng: Rng): string {
  return rng.pick([
    () => `曾${'\u0000'}庆华`,
    () => '\u0000',
    () => `name\ud800`,
    () => `\udc00tail`,
    () => `\ud83d`,
    () => "'; DROP TABLE instances; --",
    () => "' OR '1'='1",
    () => '1; SELECT pg_sleep(0)',
    () => '<script>alert(1)</script>',
    () => '<img src=x onerror=alert(1)>',
    () => '{{7*7}}${7*7}',
    () => '../../../etc/passwd',
    () => '%00%ff%ED%A0%80',
    () => '\u202e\u200b\ufeff',
    () => '😀'.repeat(rng.int(50) + 1),
    () => ' '.repeat(rng.int(5)),
    () => '',
    () => 'x'.repeat(rng.pick([1_000, 5_000, 20_000])),
    () => '\u0001\u0007\u001b[31m',
    () => '__proto__',
    () => 'constructor',
    () => String(rng.next()),
  ])();
}

/** Any value a field should not hold. */
function badValue(rng: Rng, depthBudget = 2): unknown {
  const kind = rng.int(16);
  switch (kind) {
    case 0: case 1: case 2: case 3: return badString(rng);
    case 4: return rng.pick([new Raw('1e400'), new Raw('-1e400'), new Raw('1e308'), new Raw('-0'), new Raw('123456789012345678901234567890'), 2 ** 53 + 1, -1, 0.1, 1e-320]);
    case 5: return rng.pick([null, true, false, 0]);
    case 6: return depthBudget > 0 ? [badValue(rng, depthBudget - 1), badValue(rng, depthBudget - 1)] : [];
    case 7: return depthBudget > 0 ? { [rng.pick(['__proto__', 'constructor', 'prototype', 'a\u0000', 'x'])]: badValue(rng, depthBudget - 1) } : {};
    case 8: return new Raw('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    case 9: return nested(rng.pick([50, 101, 1_000, 5_000]));
    case 10: return nested(rng.pick([101, 1_000, 3_000]), '{"a":', '}');
    case 11: return new Raw('{"a":1,"a":"\\u0000"}');
    case 12: return new Raw('"\\ud800\\udbff"');
    case 13: return new Raw('"\\u0000"');
    case 14: return Array.from({ length: rng.pick([0, 1, 300]) }, () => 'x');
    default: return { nested: { deeper: badString(rng) } };
  }
}

/** The paths of every value in a document, to pick one to spoil. */
function paths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...prefix, String(i)], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** A copy of `doc` with one to three values replaced by bad ones (or keys added beside them). */
function spoil(rng: Rng, doc: Record<string, unknown>): unknown {
  const copy = structuredClone(doc) as Record<string, any>;
  const all = paths(copy).filter((p) => p.length > 0);
  const times = 1 + rng.int(3);
  for (let i = 0; i < times && all.length > 0; i += 1) {
    const path = rng.pick(all);
    let parent: any = copy;
    for (const key of path.slice(0, -1)) parent = parent?.[key];
    if (parent === null || typeof parent !== 'object') continue;
    const last = path[path.length - 1];
    if (rng.chance(0.15) && !Array.isArray(parent)) {
      // A key of its own, as JSON.parse would make it: a plain own property, even for __proto__.
      Object.defineProperty(parent, rng.pick(['__proto__', 'constructor', 'x\u0000', '\ud800', 'unknownField']), { value: badValue(rng), enumerable: true, configurable: true, writable: true });
    } else {
      parent[last] = badValue(rng);
    }
  }
  if (rng.chance(0.05)) return rng.pick([[copy], 'text', 42, null]);
  return copy;
}

/** Percent-encodes text; a lone surrogate has no UTF-8 form, so it is sent as the bytes of one (invalid UTF-8). */
function encodeLoose(text: string): string {
  return text.split(/([\ud800-\udfff])/).map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part))).join('');
}

/** A query string of known and unknown keys with hostile values, percent-encoded or raw. */
function badQuery(rng: Rng, keys: string[]): string {
  const values = ['%00', 'a%00b', '%ff', '%ED%A0%80', '%E0%A4%A', '1e400', 'Infinity', '-Infinity', 'NaN', '-1', '0', '1e300', '99999999999', '0x10',
    '%27%3B%20DROP%20TABLE%20tasks%3B--', '%3Cscript%3E', 'x'.repeat(3_000), '', '1', 'open', 'true', '华城镇', '441424130', '__proto__', '2026', '1900-01-01', '0000-01-01'];
  const parts: string[] = [];
  const n = 1 + rng.int(4);
  for (let i = 0; i < n; i += 1) {
    const key = rng.chance(0.85) ? rng.pick(keys) : rng.pick(['__proto__', 'constructor', 'x%00', 'page[0]', 'q%ff', 'unknown']);
    parts.push(`${key}=${rng.chance(0.1) ? encodeLoose(badString(rng).slice(0, 200)) : rng.pick(values)}`);
  }
  return parts.join('&');
}

/** Path ids that are not ids. */
const badIds = ['%ff', '%00', '%E0%A4%A', 'not-a-uuid', '00000000-0000-4000-8000-000000000000', '..%2F..%2Fetc', "1'%20OR%20'1'%3D'1", 'x'.repeat(500), '%ED%A0%80', '%c0%80'];

interface Outcome { status: number; target: string; detail: string }

/** One generated request, kept so that a failure can say what was sent. */
interface Probe { client: ApiClient; method: 'GET' | 'POST'; path: string; body?: string }

/** What was sent, short enough for a failure message, with unprintable characters escaped. */
const describeProbe = (p: Probe) => JSON.stringify(`${p.method} ${p.path.slice(0, 200)} ${(p.body ?? '').slice(0, 300)}`);

describe('fuzz: generated bad input never gets a 500 and a refused request changes no row', () => {
  let harness: ApiHarness;
  let clerk: ApiClient;
  let town: ApiClient;
  let admin: ApiClient;
  let checksumSql = '';
  let tables: string[] = [];

  beforeAll(async () => {
    // High limits so the generated requests reach validation instead of the throttles (their own suites test those).
    const limits = { objectionLimit: 1_000_000, loginFailureLimit: 1_000_000, anonymousWriteLimit: 1_000_000, anonymousWriteConcurrency: 1_000 };
    harness = await startApiHarness(limits);
    clerk = await harness.login('cun-dongyuan');
    town = await harness.login('zhen-huacheng');
    admin = await harness.login('admin');
    const { rows } = await harness.services.db.pool.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
    tables = rows.map((r) => r.name).filter((name) => !WRITTEN_BY_REFUSALS.has(name));
    checksumSql = `SELECT ${tables.map((t) => `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM "${t}" x) AS "${t}"`).join(', ')}`;
  });
  afterAll(async () => { await harness?.close(); });

  const checksums = async (): Promise<Record<string, string>> => (await harness.services.db.pool.query(checksumSql)).rows[0];

  it(`When ${CASES} generated bad requests hit start, complete, objection, login, comments and the lists, then none answers 5xx and no refused one changes a row`, async () => {
    const startedAt = Date.now();
    const rng = prng(SEED);

    // A case in the public notice (for objections) and one waiting at its application (for complete and comments).
    const noticeCase = (await clerk.post('/api/instances', { definitionKey: 'household-identification' })).body.id;
    await drive(harness, 'dongyuan', noticeCase, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
    const noticeId = (await harness.anonymous.get('/api/notices?town=华城镇')).body.items[0].id as string;
    expect(noticeId).toEqual(expect.any(String));
    let task: { id: string; formKey: string } | undefined;
    const openApplication = async () => {
      const id = (await clerk.post('/api/instances', { definitionKey: 'household-identification' })).body.id;
      task = await openTaskOf(clerk, id);
      return task!;
    };
    await openApplication();
    const application = exampleFor(task!.formKey);

    const listTargets: Array<{ client: () => ApiClient; path: string; keys: string[] }> = [
      { client: () => rng.pick([clerk, town]), path: '/api/tasks', keys: ['status', 'definitionKey', 'state', 'orgUnit', 'overdue', 'mine', 'unclaimed', 'sort', 'page', 'pageSize', 'q'] },
      { client: () => rng.pick([clerk, town, admin]), path: '/api/instances', keys: ['definitionKey', 'status', 'state', 'orgUnit', 'mine', 'page', 'pageSize'] },
      { client: () => harness.anonymous, path: '/api/notices', keys: ['town', 'village', 'status', 'page', 'pageSize'] },
      { client: () => rng.pick([clerk, town]), path: '/api/households', keys: ['town', 'village', 'category', 'status', 'cause', 'q', 'unmask', 'reason', 'page', 'pageSize'] },
      { client: () => rng.pick([clerk, town, admin]), path: '/api/reports/progress', keys: ['year'] },
      { client: () => harness.anonymous, path: '/api/org-units', keys: ['parent', 'level'] },
      { client: () => admin, path: '/api/admin/users', keys: ['q', 'orgUnitId', 'role', 'page', 'pageSize'] },
      { client: () => admin, path: '/api/admin/audit', keys: ['action', 'actor', 'target', 'from', 'to', 'page', 'pageSize'] },
      { client: () => clerk, path: '/api/definitions/household-identification/versions/1', keys: ['x'] },
      { client: () => clerk, path: `/api/forms/${task!.formKey}`, keys: ['version', 'draft'] },
    ];

    const post = (client: ApiClient, path: string, body: unknown): Probe => ({ client, method: 'POST', path, body: toJson(body) });
    /** The generators by endpoint, weighted; each builds one request. */
    const generators: Array<{ weight: number; name: string; probe: () => Probe }> = [
      {
        weight: 18, name: 'start',
        probe: () => post(clerk, '/api/instances', rng.chance(0.7)
          ? { definitionKey: rng.pick(['household-identification', 'housing-renovation', badString(rng)]), data: spoil(rng, application) }
          : spoil(rng, { definitionKey: 'household-identification', data: { household: {} }, orgUnitId: '441424130101', title: '申请' })),
      },
      {
        weight: 22, name: 'complete',
        probe: () => post(clerk, `/api/tasks/${rng.chance(0.08) ? rng.pick(badIds) : task!.id}/complete`, rng.chance(0.8)
          ? { outcome: rng.chance(0.8) ? 'SUBMIT' : badValue(rng), data: spoil(rng, application), ...(rng.chance(0.4) ? { comment: badValue(rng) } : {}) }
          : spoil(rng, { outcome: 'SUBMIT', data: application, comment: '同意' })),
      },
      {
        weight: 14, name: 'objection',
        probe: () => post(harness.anonymous, `/api/notices/${rng.chance(0.08) ? rng.pick(badIds) : noticeId}/objections`,
          spoil(rng, { content: '该户家中有小轿车一辆，不符合条件。', name: '李四', phone: '13800138000' })),
      },
      {
        weight: 8, name: 'login',
        probe: () => post(harness.anonymous, '/api/auth/login', spoil(rng, { username: rng.pick(['cun-dongyuan', 'admin', 'nobody']), password: rng.chance(0.2) ? TEST_DEMO_PASSWORD : 'wrong-password' })),
      },
      {
        weight: 12, name: 'comment',
        probe: () => post(clerk, `/api/tasks/${rng.chance(0.08) ? rng.pick(badIds) : task!.id}/comments`, spoil(rng, { text: '请补充户口本复印件' })),
      },
      {
        weight: 26, name: 'list',
        probe: () => {
          const target = rng.pick(listTargets);
          return { client: target.client(), method: 'GET', path: `${target.path}?${badQuery(rng, target.keys)}` };
        },
      },
    ];
    const totalWeight = generators.reduce((sum, g) => sum + g.weight, 0);
    const pickGenerator = () => {
      let roll = rng.int(totalWeight);
      for (const g of generators) if ((roll -= g.weight) < 0) return g;
      return generators[0];
    };

    const outcomes: Outcome[] = [];
    const changedByRefusal: string[] = [];
    let reference = await checksums();
    for (let i = 0; i < CASES; i += 1) {
      const generator = pickGenerator();
      const probe = generator.probe();
      const answer = await probe.client.request(probe.method, probe.path, probe.body, probe.body === undefined ? {} : { 'content-type': 'application/json' });
      outcomes.push({ status: answer.status, target: generator.name, detail: answer.status >= 500 ? `${describeProbe(probe)} → ${answer.text.slice(0, 200)}` : '' });
      const now = await checksums();
      if (answer.status >= 400) {
        const changed = tables.filter((t) => now[t] !== reference[t]);
        if (changed.length > 0) changedByRefusal.push(`#${i} ${describeProbe(probe)} → ${answer.status} changed ${changed.join(', ')}`);
      }
      reference = now;
      // A generated completion that was accepted moved its case on: later ones need an open application again.
      if (generator.name === 'complete' && answer.status < 300) await openApplication();
      if (generator.name === 'complete' && answer.status < 300) reference = await checksums();
    }

    const byStatus: Record<string, number> = {};
    const byTarget: Record<string, Record<string, number>> = {};
    for (const o of outcomes) {
      byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
      (byTarget[o.target] ??= {})[o.status] = ((byTarget[o.target] ??= {})[o.status] ?? 0) + 1;
    }
    const serverErrors = outcomes.filter((o) => o.status >= 500);
    const refused = outcomes.filter((o) => o.status >= 400 && o.status < 500).length;
    console.log([
      `fuzz seed ${SEED}: ${outcomes.length} cases in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
      `  4xx ${refused}, 2xx ${outcomes.filter((o) => o.status < 300).length}, 5xx ${serverErrors.length}`,
      `  by status ${JSON.stringify(byStatus)}`,
      ...Object.entries(byTarget).map(([target, statuses]) => `  ${target}: ${JSON.stringify(statuses)}`),
      `  checksummed tables (${tables.length}): ${tables.join(', ')}; left out: ${[...WRITTEN_BY_REFUSALS].join(', ')}`,
    ].join('\n'));

    expect(outcomes.length).toBeGreaterThanOrEqual(2_000);
    expect(serverErrors.map((o) => `${o.target} ${o.status} ${o.detail}`)).toEqual([]);
    expect(changedByRefusal).toEqual([]);
    // Most generated requests are bad by construction; a suite that stopped reaching the checks would show here.
    expect(refused).toBeGreaterThan(outcomes.length * 0.8);
    // `__proto__` keys in bodies and query strings polluted nothing in the server's process (it is this one).
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 240_000);
});
