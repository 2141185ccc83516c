import { Redis } from 'ioredis';
import type { Logger } from '../kernel';
import type { MessageChannel } from '../store/message-channel';
import { redisConnection } from './bullmq-timer-queue';

const CHANNEL = 'jz:messages';

/**
 * The message channel on Redis pub/sub (when REDIS_URL is set): one subscriber connection per
 * node, a PUBLISH per signal; ioredis reconnects and re-subscribes by itself.
 */
export function createRedisMessageChannel(url: string, logger: Logger): MessageChannel {
  const options = { ...redisConnection(url), maxRetriesPerRequest: 2 };
  const publisher = new Redis(options);
  const subscriber = new Redis(options);
  const listeners = new Set<(userIds: string[]) => void>();
  const warn = (what: string) => (err: Error) => logger.warn(`${what} error`, { error: err.message });
  publisher.on('error', warn('message channel (publish)'));
  subscriber.on('error', warn('message channel (subscribe)'));
  subscriber.on('message', (channel: string, payload: string) => {
    if (channel !== CHANNEL) return;
    let ids: unknown;
    try { ids = JSON.parse(payload); } catch { return; }
    if (!Array.isArray(ids)) return;
    for (const listener of listeners) listener(ids.filter((id): id is string => typeof id === 'string'));
  });
  const started = subscriber.subscribe(CHANNEL).then(() => undefined);
  return {
    ready: () => started,
    async publish(userIds) {
      if (userIds.length) await publisher.publish(CHANNEL, JSON.stringify(userIds));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    async close() {
      listeners.clear();
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
