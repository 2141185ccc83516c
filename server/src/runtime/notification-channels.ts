import type { Logger } from '../kernel';
import type { Recipient } from '../store/notifications.repository';

/** One message as an outside channel sends it. */
export interface OutboundMessage {
  notificationId: string;
  kind: string;
  title: string;
  body: string | null;
  /** The page the message leads to, relative to the app (`/tasks/<id>`), when it has one. */
  link: string | null;
  recipients: Recipient[];
}

/**
 * A way out for messages besides the in-app 消息 list (which is built in). `send` throws when
 * the channel failed; the queued job then retries the notification with backoff, and channels
 * that already took it are not asked again.
 */
export interface NotificationChannel {
  readonly name: string;
  /** Works inside this process with nothing outside to wait for or retry (the log): needs no queue. */
  readonly local?: boolean;
  send(message: OutboundMessage): Promise<void>;
}

/** Which outside channels to use (NOTIFY_CHANNELS), with their endpoints. */
export interface ChannelConfig {
  channels: Array<'log' | 'webhook' | 'sms'>;
  webhookUrl?: string;
  smsUrl?: string;
}

/** For development: every message as a log line, nothing leaves the machine. */
export function createLoggingChannel(logger: Logger): NotificationChannel {
  return {
    name: 'log',
    local: true,
    async send(message) {
      logger.info('消息 (message)', { notificationId: message.notificationId, kind: message.kind, title: message.title, to: message.recipients.map((r) => r.username), link: message.link });
    },
  };
}

async function postJson(url: string, body: unknown, idempotencyKey: string): Promise<void> {
  const answer = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  await answer.arrayBuffer().catch(() => undefined);
  if (!answer.ok) throw new Error(`${url} answered ${answer.status}`);
}

/** A webhook: one JSON POST per message (`Idempotency-Key` is the notification id); any non-2xx is a failure. */
export function createWebhookChannel(url: string): NotificationChannel {
  return {
    name: 'webhook',
    async send(message) {
      await postJson(url, {
        notificationId: message.notificationId, kind: message.kind, title: message.title, body: message.body, link: message.link,
        recipients: message.recipients.map((r) => ({ username: r.username, displayName: r.displayName })),
      }, message.notificationId);
    },
  };
}

/**
 * An SMS gateway over HTTP: one POST `{ to, text }` per recipient with a mobile number (the
 * operator's gateway signs and sends it); recipients without a number are skipped.
 */
export function createSmsChannel(url: string): NotificationChannel {
  return {
    name: 'sms',
    async send(message) {
      const text = `【精准】${message.title}${message.body ? `：${message.body}` : ''}`;
      for (const recipient of message.recipients) {
        if (recipient.phone) await postJson(url, { to: recipient.phone, text }, `${message.notificationId}-${recipient.userId}`);
      }
    },
  };
}

/** The outside channels the configuration names. */
export function createChannels(config: ChannelConfig, logger: Logger): NotificationChannel[] {
  return config.channels.map((name) => {
    if (name === 'log') return createLoggingChannel(logger);
    if (name === 'webhook') return createWebhookChannel(config.webhookUrl!);
    return createSmsChannel(config.smsUrl!);
  });
}
