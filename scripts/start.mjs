#!/usr/bin/env node
// `npm start`: builds the web client when it is missing or older than its sources, then runs the server.
// The client is always built for production (React's production bundle), whatever NODE_ENV says:
// NODE_ENV=test changes the server's clock, not what the browser downloads.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const newest = (dir) => !existsSync(dir) ? 0 : !statSync(dir).isDirectory() ? statSync(dir).mtimeMs : readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
  const p = join(dir, e.name);
  return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
}, 0);
const sources = ['client/src', 'client/public', 'client/index.html', 'client/vite.config.ts', 'client/build'].map((p) => newest(join(root, p)));
const built = join(root, 'client', 'dist', 'index.html');
if (existsSync(join(root, 'client', 'vite.config.ts')) && (!existsSync(built) || statSync(built).mtimeMs < Math.max(...sources))) {
  console.log('Building the web client…');
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The server runs in node itself with tsx as a loader (no tsx CLI in between, whose own signal relay
// kills a child that does not acknowledge a signal within 60 ms: a busy server would die mid-step).
const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'src', 'main.ts')], { cwd: root, stdio: 'inherit' });
// One `kill` of the process group reaches the server directly and this wrapper twice (npm forwards it
// too): repeats within a second are the same request. A later signal is passed on: the server then
// forces its shutdown. Whatever happens, the server is gone 25 s after the first signal.
let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    const now = Date.now();
    if (firstSignalAt && now - firstSignalAt < 1_000) return;
    if (!firstSignalAt) setTimeout(() => server.kill('SIGKILL'), 25_000).unref();
    firstSignalAt ||= now;
    server.kill(signal);
  });
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
