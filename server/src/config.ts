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
  /**
   * TRUST_PROXY: how many reverse proxies in front of the app to trust for the client's address
   * (X-Forwarded-For); undefined trusts none, and the socket's address is the client's.
   */
  trustProxy?: number;
  tenantId: string;
  rootDir: string;
}

/** Parses and checks the environment; a bad value stops the start with a message naming it. */
export function parseConfig(env: Record<string, string | undefined>, rootDir: string): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) throw new Error(`NODE_ENV must be development, production or test, not "${env.NODE_ENV}"`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (0 for a free one), not "${env.PORT}"`);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(rootDir, env.JZ_DATA_DIR ?? 'data'),
    dataDirExplicit: Boolean(env.JZ_DATA_DIR),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    nodeEnv,
    demoPassword: env.JZ_DEMO_PASSWORD || undefined,
    trustProxy,
    tenantId: env.JZ_TENANT ?? '441424',
    rootDir,
  };
}

/**
 * TRUST_PROXY is a number of hops, never `true`: trusting every hop would let any client choose
 * its own address with an X-Forwarded-For header and so escape the per-address login limits.
 */
function parseTrustProxy(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const hops = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(hops)) {
    throw new Error(`TRUST_PROXY must be the number of reverse proxies in front of the app (such as 1), not "${value}"`);
  }
  return hops === 0 ? undefined : hops;
}
