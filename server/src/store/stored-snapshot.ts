/**
 * How a persisted XState snapshot is stored. Its `context.data` (every step's form data, the
 * largest part) is the instance's `data` column already, so the `snapshot` column keeps the rest
 * only: each step sends, writes and later reads the accumulated form data once rather than twice.
 */

type Snapshot = Record<string, unknown>;

/** The snapshot to store: `context.data` left out (the `data` column holds it). */
export function toStoredSnapshot(snapshot: unknown): unknown {
  if (!snapshot || typeof snapshot !== 'object') return snapshot;
  const s = snapshot as Snapshot;
  const context = s.context;
  if (!context || typeof context !== 'object' || !('data' in context)) return snapshot;
  const { data: _data, ...rest } = context as Snapshot;
  return { ...s, context: rest };
}

/**
 * The snapshot to restore: the stored one with `context.data` from the `data` column. Rows written
 * before the split still carry their own copy, which equals the column; the column wins.
 */
export function fromStoredSnapshot(stored: Snapshot, data: unknown): Snapshot {
  const context = stored.context;
  if (!context || typeof context !== 'object') return stored;
  return { ...stored, context: { ...(context as Snapshot), data: data ?? {} } };
}
