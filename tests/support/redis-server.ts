/**
 * Debian's `redis-server` for the suites and benchmarks that need Redis: started on a free port
 * without persistence, stopped by pid. Nothing starts Redis on this machine by itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { findFreePort } from '../../server/src/store/embedded-postgres';

export const NO_REDIS = 'redis-server is not installed: install it with `apt-get install -y redis-server` (.ci/run does)';

/** True when Debian's redis-server can be run. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

/** True under CI (`CI=true`, as .ci/run sets), where a missing service fails the suite instead of skipping it. */
export const underCi = Boolean(process.env.CI) && !['false', '0'].includes(process.env.CI as string);

export interface RedisProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Sends one command (RESP) and answers the raw reply. */
  command(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Starts `redis-server` on a free port and resolves once it answers PING. */
export async function startRedisServer(): Promise<RedisProcess> {
  const port = await findFreePort();
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], { stdio: 'ignore' });
  const command = (...args: string[]) => new Promise<string>((done, fail) => {
    const socket = createConnection(port, '127.0.0.1');
    let reply = '';
    socket.on('data', (chunk) => { reply += chunk.toString(); if (reply.endsWith('\r\n')) { socket.end(); done(reply.trim()); } });
    socket.on('error', fail);
    socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await command('PING')) === '+PONG') break;
    } catch (err) {
      if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`redis-server on port ${port} did not answer: ${(err as Error).message}`, { cause: err }); }
      await new Promise((done) => setTimeout(done, 50));
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`, port, child, command,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
