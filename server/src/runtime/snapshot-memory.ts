import type { HeldSnapshot } from '../store/instances.repository';

/**
 * The snapshots of the cases this node stepped last, so the next step of a case read here does not
 * fetch, parse and restore its snapshot and form data again.
 *
 * Nothing kept is ever trusted on its own: a step's read sends the history hash it knows for the
 * case, and the database leaves the snapshot and data out of its answer only when the row's hash
 * is that one. The hash chain covers every step's payload, so it names the case's state exactly:
 * a step written by another node, a rolled-back step, a restored backup all change it (or never
 * had the kept one), and the read then brings the stored snapshot as before.
 *
 * A case is found by its own id and by the ids of the tasks and timers its last step opened (a
 * completion names the task, a timer delivery the timer). At most `maxKept` ids are held, the
 * least recently used going first; a completed case is let go at once.
 */
export interface SnapshotMemory {
  /**
   * What the node holds for the case that `id` (a case, task or timer id) belongs to: the hash to
   * send with the read and the snapshot to use when the read leaves it out, taken together.
   */
  recall(id: string): HeldSnapshot | undefined;
  /** Keeps the snapshot a step committed (its hash) under the case's id and the tasks and timers it opened. */
  keep(instanceId: string, hash: string, snapshot: Snapshot, openedIds: ReadonlyArray<string>): void;
  /** Lets a case go (it completed). */
  forget(instanceId: string): void;
  /** How many ids are held (for tests and metrics). */
  readonly size: number;
}

type Snapshot = HeldSnapshot['snapshot'];

interface Kept {
  hash: string;
  snapshot: Snapshot | undefined;
}

export function createSnapshotMemory(options: { maxKept?: number } = {}): SnapshotMemory {
  const maxKept = options.maxKept ?? 2_000;
  // One entry per case, shared by its ids and updated in place, so an old task's id never holds an old snapshot.
  const byId = new Map<string, Kept>();

  const touch = (id: string, kept: Kept) => {
    byId.delete(id);
    byId.set(id, kept);
    while (byId.size > maxKept) byId.delete(byId.keys().next().value as string);
  };

  return {
    recall(id) {
      const kept = byId.get(id);
      // A copy of the pair: the entry is updated in place when the case steps meanwhile.
      return kept?.snapshot ? { hash: kept.hash, snapshot: kept.snapshot } : undefined;
    },
    keep(instanceId, hash, snapshot, openedIds) {
      const kept = byId.get(instanceId) ?? { hash, snapshot };
      kept.hash = hash;
      kept.snapshot = snapshot;
      touch(instanceId, kept);
      for (const id of openedIds) touch(id, kept);
    },
    forget(instanceId) {
      const kept = byId.get(instanceId);
      if (!kept) return;
      kept.snapshot = undefined;
      byId.delete(instanceId);
    },
    get size() {
      return byId.size;
    },
  };
}
