/**
 * Sets a user's password and enables the account: `npx tsx server/src/set-password-cli.ts <username>`,
 * the new password on standard input (or in JZ_NEW_PASSWORD). Uses the same configuration as the server.
 */
import { resolve } from 'node:path';
import { setUserPassword } from './auth/set-password';
import { parseConfig } from './config';
import { silentLogger } from './kernel';
import { startServices } from './services';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function main() {
  const username = process.argv[2];
  if (!username) throw new Error('usage: npx tsx server/src/set-password-cli.ts <username>  (password on stdin or in JZ_NEW_PASSWORD)');
  const password = process.env.JZ_NEW_PASSWORD ?? await readStdin();
  if (password.length < 10) throw new Error('The password must have at least 10 characters');
  // The CLI only changes a password: never in production mode, so the demo-password guard does not stop it.
  const config = { ...parseConfig(process.env, resolve(__dirname, '..', '..')), nodeEnv: 'development' as const, demoPassword: undefined };
  const services = await startServices({ config, logger: silentLogger, timers: 'none', sweepIntervalMs: 0 });
  try {
    if (!(await setUserPassword(services.db.pool, config.tenantId, username, password))) throw new Error(`No user "${username}"`);
    console.log(`Password of ${username} set; the account is enabled and its old sessions are closed.`);
  } finally {
    await services.close();
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
