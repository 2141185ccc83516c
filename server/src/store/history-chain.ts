import { createHash } from 'node:crypto';
import type { ChainBreak, HistoryVerification } from '../contract';

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
  // Built by concatenation: every step hashes its form data through here.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort orders by UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** `sha256(prevHash + canonical event)`. */
export function hashHistoryEvent(prevHash: string, event: HistoryEventContent): string {
  return sealHistoryEvent(prevHash, event).hash;
}

/** A new event's hash with the canonical JSON of its actor and payload, which the step writer sends as they are. */
export interface SealedHistoryEvent {
  hash: string;
  actorJson: string;
  payloadJson: string;
}

/**
 * Hashes a new event and keeps the canonical JSON of its actor and payload: the step sends those
 * strings as its parameters, so the event (with the step's form data) is serialised once per step,
 * not once to hash it and again to send it. The hashed text is `canonicalJson` of the whole event,
 * assembled from its parts in the same (sorted) key order.
 */
export function sealHistoryEvent(prevHash: string, event: HistoryEventContent): SealedHistoryEvent {
  const { instanceId, seq, at, type } = event;
  const actorJson = canonicalJson(event.actor);
  const payloadJson = canonicalJson(event.payload);
  const parts = [`"actor":${actorJson}`, `"at":${JSON.stringify(at.toISOString())}`, `"instanceId":${canonicalJson(instanceId)}`];
  if (event.payload !== undefined) parts.push(`"payload":${payloadJson}`);
  parts.push(`"seq":${canonicalJson(seq)}`, `"type":${canonicalJson(type)}`);
  // An undefined actor is left out, as canonicalJson leaves out undefined members.
  const content = `{${(event.actor === undefined ? parts.slice(1) : parts).join(',')}}`;
  const hash = createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
  return { hash, actorJson, payloadJson };
}

export interface StoredHistoryEvent extends HistoryEventContent {
  prevHash: string;
  hash: string;
}

/** Result of checking a chain: where it first breaks, if it does, and why (`kind`, and `reason` in English for logs). */
export type ChainVerdict = { ok: true; length: number } | { ok: false; seq: number; kind: ChainBreak; reason: string };

/** What the instance row says the chain ends with: `instances.history_seq` and `instances.history_hash`. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Histories longer than this skip the search for the position an out-of-place event was written at (quadratic). */
const REORDER_SEARCH_LIMIT = 2_000;

/**
 * Re-computes the chain of one instance's events (ordered by seq) and reports the first
 * event that was edited, removed, duplicated or reordered. With `head` (the instance row's last
 * seq and hash) it also catches the removal of the last events, which leaves an intact but
 * shorter chain, and a chain whose end is not the one the instance recorded.
 */
export function verifyHistoryChain(events: readonly StoredHistoryEvent[], head?: ChainHead): ChainVerdict {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const expectedSeq = i + 1;
    if (e.seq !== expectedSeq) {
      if (e.seq === i) return { ok: false, seq: e.seq, kind: 'duplicate', reason: `event ${e.seq} appears twice` };
      return { ok: false, seq: expectedSeq, kind: 'missing', reason: `expected event ${expectedSeq}, found ${e.seq}: an event is missing` };
    }
    const expected = hashHistoryEvent(e.prevHash, e);
    if (expected !== e.hash) {
      // Content that hashes right under another seq is an intact event moved to a new place.
      if (events.length <= REORDER_SEARCH_LIMIT) {
        for (let seq = 1; seq <= Math.max(events.length, head?.seq ?? 0); seq++) {
          if (seq !== e.seq && hashHistoryEvent(e.prevHash, { ...e, seq }) === e.hash) {
            return { ok: false, seq: e.seq, kind: 'reordered', reason: `event ${e.seq} was written as event ${seq}: the events were reordered` };
          }
        }
      }
      return { ok: false, seq: e.seq, kind: 'edited', reason: 'content does not match its hash: the event was edited' };
    }
    if (e.prevHash !== prev) {
      return { ok: false, seq: e.seq, kind: 'relinked', reason: 'prev_hash does not match the previous event: events were reordered, replaced or removed' };
    }
    prev = e.hash;
  }
  if (head) {
    if (events.length < head.seq) {
      return { ok: false, seq: events.length + 1, kind: 'truncated', reason: `the instance recorded ${head.seq} events, only ${events.length} remain: the last events were removed` };
    }
    if (events.length > head.seq || prev !== head.hash) {
      return { ok: false, seq: events.length, kind: 'head_mismatch', reason: `the last event does not end the chain the instance recorded (event ${head.seq})` };
    }
  }
  return { ok: true, length: events.length };
}

const BREAK_TEXT: Record<ChainBreak, (seq: number) => { zh: string; en: string }> = {
  missing: (seq) => ({ zh: `第 ${seq} 条记录缺失`, en: `event ${seq} is missing` }),
  duplicate: (seq) => ({ zh: `第 ${seq} 条记录重复出现`, en: `event ${seq} appears twice` }),
  reordered: (seq) => ({ zh: `第 ${seq} 条记录的位置被调换`, en: `event ${seq} was moved: the events were reordered` }),
  relinked: (seq) => ({ zh: `第 ${seq} 条记录与前一条记录接不上（顺序被调换、记录被替换或删除）`, en: `event ${seq} does not follow the one before it (reordered, replaced or removed)` }),
  edited: (seq) => ({ zh: `第 ${seq} 条记录的内容被修改`, en: `event ${seq} was edited` }),
  truncated: (seq) => ({ zh: `自第 ${seq} 条起的最后几条记录被删除`, en: `the last events, from event ${seq} on, were removed` }),
  head_mismatch: (seq) => ({ zh: `第 ${seq} 条记录不是该案件登记的最后一条记录`, en: `event ${seq} is not the last event the case recorded` }),
};

/** Anything that runs a query: the pool or a client in a transaction. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The columns of `instances` the check reads. */
interface InstanceHeadRow { org_path: string; history_seq: number; history_hash: string }
/** The columns of `history` the check reads. */
interface HistoryRow {
  instance_id: string; seq: number; at: Date; type: string; actor: StoredHistoryEvent['actor']; payload: StoredHistoryEvent['payload'];
  prev_hash: string; hash: string;
}

/**
 * Re-computes one instance's history chain from the database and compares its end with the
 * instance row (`history_seq`, `history_hash`). Undefined when the instance does not exist in
 * the tenant; `orgPath` lets the caller check the org scope.
 * @example const v = await verifyInstanceHistory(pool, '441424', id); // { orgPath, verification: { ok: true, events: 4 } }
 */
export async function verifyInstanceHistory(db: Queryable, tenantId: string, instanceId: string): Promise<{ orgPath: string; verification: HistoryVerification } | undefined> {
  const instance = await db.query('SELECT org_path, history_seq, history_hash FROM instances WHERE id = $1 AND tenant_id = $2', [instanceId, tenantId]);
  const row = instance.rows[0] as InstanceHeadRow | undefined;
  if (!row) return undefined;
  const { rows } = await db.query(
    'SELECT instance_id, seq, at, type, actor, payload, prev_hash, hash FROM history WHERE instance_id = $1 ORDER BY seq, id', [instanceId]);
  const events: StoredHistoryEvent[] = (rows as HistoryRow[]).map((r) => ({
    instanceId: r.instance_id, seq: r.seq, at: r.at, type: r.type, actor: r.actor, payload: r.payload, prevHash: r.prev_hash, hash: r.hash,
  }));
  const verdict = verifyHistoryChain(events, { seq: row.history_seq, hash: row.history_hash });
  const verification: HistoryVerification = verdict.ok
    ? { ok: true, events: events.length }
    : { ok: false, events: events.length, brokenAt: verdict.seq, kind: verdict.kind, reason: BREAK_TEXT[verdict.kind](verdict.seq) };
  return { orgPath: row.org_path, verification };
}
