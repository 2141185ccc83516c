import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SpawnedApp {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** The file the app's log lines go to. */
  logFile: string;
}

/**
 * Starts the app as `npm start` does (`server/src/main.ts`) in its own process, its log lines going to
 * `logFile` as a deployment's go to a file or the journal. The bench does not read them while it
 * measures: a pipe read by the busy bench process would make the app's synchronous log writes wait
 * for it, and collecting them would cost the clients' CPU.
 */
export async function spawnApp(root: string, options: { env: Record<string, string>; logFile: string; nodeArgs?: string[]; name?: string }): Promise<SpawnedApp> {
  const out = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', join(root, 'server', 'src', 'main.ts')], {
    cwd: root, env: { ...process.env, ...options.env }, stdio: ['ignore', out, 'inherit'],
  });
  closeSync(out);
  let exited: number | null | undefined;
  child.once('exit', (code) => { exited = code; });
  const started = Date.now();
  for (;;) {
    const match = /listening on (http:\/\/[^/\s]+)\//.exec(readFileSync(options.logFile, 'utf8'));
    if (match) return { child, base: match[1], logFile: options.logFile };
    if (exited !== undefined) throw new Error(`${options.name ?? 'the app'} exited with ${exited} before listening; see ${options.logFile}`);
    if (Date.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`${options.name ?? 'the app'} did not listen within 2 minutes; see ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
