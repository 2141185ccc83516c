import { createHash } from 'node:crypto';

/** The hash the first event of an instance chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** One history event as hashed: everything but the hash itself. */
export interface HistoryEventContent {
  instanceId: string;
  seq: number;
  at: Date;
  type: string;
  actor: unknown;
  payload: unknown;
}

/** JSON with object keys sorted at every level, so a value hashes the same after a JSONB round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** `sha256(prevHash + canonical event)`. */
export function hashHistoryEvent(prevHash: string, event: HistoryEventContent): string {
  const { instanceId, seq, at, type, actor, payload } = event;
  const content = canonicalJson({ instanceId, seq, at: at.toISOString(), type, actor, payload });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export interface StoredHistoryEvent extends HistoryEventContent {
  prevHash: string;
  hash: string;
}

/** Result of checking a chain: where it first breaks, if it does. */
export type ChainVerdict = { ok: true; length: number } | { ok: false; seq: number; reason: string };

/**
 * Re-computes the chain of one instance's events (ordered by seq) and reports the first
 * event that was edited, removed or reordered.
 */
export function verifyHistoryChain(events: readonly StoredHistoryEvent[]): ChainVerdict {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.seq !== i + 1) return { ok: false, seq: e.seq, reason: `expected event ${i + 1}, found ${e.seq}: an event is missing` };
    if (e.prevHash !== prev) return { ok: false, seq: e.seq, reason: 'prev_hash does not match the previous event' };
    const expected = hashHistoryEvent(prev, e);
    if (expected !== e.hash) return { ok: false, seq: e.seq, reason: 'content does not match its hash: the event was edited' };
    prev = e.hash;
  }
  return { ok: true, length: events.length };
}
