import { useCallback, useEffect, useState } from 'react';
import { flushOutbox, type FlushResult } from './flushOutbox';
import { listOutbox, onOutboxChange } from './outboxStore';
import type { OutboxEntry } from './outboxTypes';

/** How often waiting submissions are tried again while the browser believes it is online. */
const RETRY_MS = 30_000;

export interface Outbox {
  entries: OutboxEntry[];
  sending: boolean;
  /** Why the last send stopped early, if it did. */
  stopped: FlushResult['stopped'];
  send: () => Promise<FlushResult | undefined>;
}

/**
 * The user's queued submissions, kept current across tabs, and sent whenever the network comes
 * back (the `online` event), when the app opens, and every 30 s while some wait.
 */
export function useOutbox(username: string | undefined, onResult: (result: FlushResult) => void): Outbox {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [sending, setSending] = useState(false);
  const [stopped, setStopped] = useState<FlushResult['stopped']>();

  const reload = useCallback(() => {
    listOutbox().then(
      (all) => setEntries(all.filter((entry) => entry.username === username)),
      // No IndexedDB (a private window in an old browser): nothing can be waiting.
      () => setEntries([]),
    );
  }, [username]);

  const send = useCallback(async () => {
    if (!username) return undefined;
    setSending(true);
    try {
      const result = await flushOutbox(username);
      setStopped(result.stopped);
      onResult(result);
      return result;
    } catch {
      return undefined;
    } finally {
      setSending(false);
    }
  }, [username, onResult]);

  useEffect(() => {
    reload();
    return onOutboxChange(reload);
  }, [reload]);

  const waiting = entries.some((entry) => !entry.refusal);
  useEffect(() => {
    if (!waiting) return undefined;
    const tryNow = () => {
      if (navigator.onLine) void send();
    };
    tryNow();
    window.addEventListener('online', tryNow);
    const timer = window.setInterval(tryNow, RETRY_MS);
    return () => {
      window.removeEventListener('online', tryNow);
      window.clearInterval(timer);
    };
  }, [waiting, send]);

  return { entries, sending, stopped, send };
}
