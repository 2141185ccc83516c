import { resolve } from 'node:path';
import type { ChannelConfig } from './runtime/notification-channels';

/** The app's configuration, parsed once from the environment (DESIGN.md, "Configuration"). */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** True when JZ_DATA_DIR was set (then it is used as given, never replaced by a fallback). */
  dataDirExplicit: boolean;
  databaseUrl?: string;
  redisUrl?: string;
  /** S3_URL: keep attachments in this S3-compatible bucket (`http://key:secret@host:port/bucket`) instead of PostgreSQL. */
  s3Url?: string;
  nodeEnv: 'development' | 'production' | 'test';
  demoPassword?: string;
  /**
   * TRUST_PROXY: how many reverse proxies in front of the app to trust for the client's address
   * (X-Forwarded-For); undefined trusts none, and the socket's address is the client's.
   */
  trustProxy?: number;
  tenantId: string;
  rootDir: string;
  /**
   * GET /metrics: with METRICS_TOKEN it is served on the public port to callers that send
   * `Authorization: Bearer <token>`; with METRICS_PORT on a listener of its own (METRICS_HOST,
   * default 127.0.0.1). Without a token, the public port serves it to direct callers on 127.0.0.1
   * only (404 for anyone else and for requests that came through a reverse proxy).
   */
  metrics: { token?: string; port?: number; host: string };
  /** LOG_FORMAT (json | pretty; default pretty in development or on a terminal, json otherwise) and LOG_LEVEL (default info). */
  log: { format: 'json' | 'pretty'; level: string };
  /**
   * NOTIFY_CHANNELS: outside channels for messages besides the built-in in-app list (`log`,
   * `webhook`, `sms`, comma-separated; default `log` in development, none otherwise), with
   * NOTIFY_WEBHOOK_URL and NOTIFY_SMS_URL (an HTTP SMS gateway taking `{ to, text }`).
   */
  notify: ChannelConfig;
}

/** Parses and checks the environment; a bad value stops the start with a message naming it. */
export function parseConfig(env: Record<string, string | undefined>, rootDir: string): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) throw new Error(`NODE_ENV must be development, production or test, not "${env.NODE_ENV}"`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (0 for a free one), not "${env.PORT}"`);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && (metricsToken.length < 16 || !/^[\x21-\x7e]+$/.test(metricsToken))) {
    throw new Error('METRICS_TOKEN must be at least 16 printable characters without spaces (e.g. `openssl rand -hex 24`)');
  }
  let metricsPort: number | undefined;
  if (env.METRICS_PORT) {
    metricsPort = Number(env.METRICS_PORT);
    if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535) throw new Error(`METRICS_PORT must be a port number (0 for a free one), not "${env.METRICS_PORT}"`);
  }
  const logFormat = env.LOG_FORMAT || (nodeEnv === 'development' || (nodeEnv !== 'test' && process.stdout.isTTY) ? 'pretty' : 'json');
  if (logFormat !== 'json' && logFormat !== 'pretty') throw new Error(`LOG_FORMAT must be json or pretty, not "${env.LOG_FORMAT}"`);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "${env.LOG_LEVEL}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(rootDir, env.JZ_DATA_DIR ?? 'data'),
    dataDirExplicit: Boolean(env.JZ_DATA_DIR),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    s3Url: env.S3_URL || undefined,
    nodeEnv,
    demoPassword: env.JZ_DEMO_PASSWORD || undefined,
    trustProxy,
    tenantId: env.JZ_TENANT ?? '441424',
    rootDir,
    metrics: { token: metricsToken, port: metricsPort, host: env.METRICS_HOST || '127.0.0.1' },
    log: { format: logFormat, level: logLevel },
    notify: parseNotifyChannels(env, nodeEnv),
  };
}

function parseNotifyChannels(env: Record<string, string | undefined>, nodeEnv: AppConfig['nodeEnv']): ChannelConfig {
  const names = (env.NOTIFY_CHANNELS ?? (nodeEnv === 'development' ? 'log' : '')).split(',').map((n) => n.trim()).filter(Boolean);
  for (const name of names) {
    if (!['log', 'webhook', 'sms'].includes(name)) throw new Error(`NOTIFY_CHANNELS may name log, webhook and sms, not "${name}"`);
  }
  const url = (name: string, value: string | undefined) => {
    if (!value || !/^https?:\/\/\S+$/.test(value)) throw new Error(`NOTIFY_CHANNELS names ${name}: set ${name === 'webhook' ? 'NOTIFY_WEBHOOK_URL' : 'NOTIFY_SMS_URL'} to its http(s) URL`);
    return value;
  };
  return {
    channels: [...new Set(names)] as ChannelConfig['channels'],
    webhookUrl: names.includes('webhook') ? url('webhook', env.NOTIFY_WEBHOOK_URL) : undefined,
    smsUrl: names.includes('sms') ? url('sms', env.NOTIFY_SMS_URL) : undefined,
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
