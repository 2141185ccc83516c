import { resolve } from 'node:path';

/** The app's configuration, parsed once from the environment (DESIGN.md, "Configuration"). */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** True when JZ_DATA_DIR was set (then it is used as given, never replaced by a fallback). */
  dataDirExplicit: boolean;
  databaseUrl?: string;
  redisUrl?: string;
  nodeEnv: 'development' | 'production' | 'test';
  demoPassword?: string;
  tenantId: string;
  rootDir: string;
}

/** Parses and checks the environment; a bad value stops the start with a message naming it. */
export function parseConfig(env: Record<string, string | undefined>, rootDir: string): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) throw new Error(`NODE_ENV must be development, production or test, not "${env.NODE_ENV}"`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (0 for a free one), not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(rootDir, env.JZ_DATA_DIR ?? 'data'),
    dataDirExplicit: Boolean(env.JZ_DATA_DIR),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    nodeEnv,
    demoPassword: env.JZ_DEMO_PASSWORD || undefined,
    tenantId: env.JZ_TENANT ?? '441424',
    rootDir,
  };
}
