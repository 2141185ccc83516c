import { deleteOutboxEntry, listOutbox, putOutboxEntry } from './outboxStore';
import type { Delivery } from './deliverEntry';
import { deliverEntry } from './deliverEntry';
import type { OutboxEntry } from './outboxTypes';

export interface FlushResult {
  delivered: OutboxEntry[];
  refused: OutboxEntry[];
  /** Why sending stopped early, if it did. */
  stopped?: Extract<Delivery, { kind: 'later' }>['reason'];
}

let running: Promise<FlushResult> | undefined;

async function flush(username: string): Promise<FlushResult> {
  const result: FlushResult = { delivered: [], refused: [] };
  for (const entry of await listOutbox()) {
    if (entry.username !== username || entry.refusal) continue;
    const delivery = await deliverEntry(entry);
    if (delivery.kind === 'later') {
      // In order: what was typed first is sent first; the rest waits with it.
      result.stopped = delivery.reason;
      break;
    }
    if (delivery.kind === 'delivered') {
      await deleteOutboxEntry(entry.id);
      result.delivered.push(entry);
    } else {
      const refused = { ...(await listOutbox()).find((e) => e.id === entry.id) ?? entry, refusal: delivery.refusal };
      await putOutboxEntry(refused);
      result.refused.push(refused);
    }
  }
  return result;
}

/**
 * Sends the user's waiting submissions, oldest first, until one cannot go (no network, no
 * session). One send at a time per browser: tabs share the Web Locks API's lock where the browser
 * has it; within a tab a second call joins the first. Idempotency keys make an overlap harmless anyway.
 */
export function flushOutbox(username: string): Promise<FlushResult> {
  if (!running) {
    const work = () => flush(username);
    // lib.dom types the callback's promise as nested; the lock resolves with the callback's result.
    const locked = navigator.locks ? (navigator.locks.request('jz-outbox', work) as unknown as Promise<FlushResult>) : work();
    running = locked.finally(() => { running = undefined; });
  }
  return running;
}
