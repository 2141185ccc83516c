/**
 * Undo and redo of the form builder: every change is a new present, the one before it goes on the
 * past. Changes with the same `mergeKey` in a row (the keystrokes of one title) are one step.
 */
export interface EditHistory<T> {
  past: T[];
  present: T;
  future: T[];
  /** What the last change was, so the next keystroke of the same input joins it. */
  lastKey?: string;
}

/** Steps kept: enough for an afternoon's work on a form, small enough to hold in memory. */
export const HISTORY_LIMIT = 200;

export const startHistory = <T>(present: T): EditHistory<T> => ({ past: [], present, future: [] });

/**
 * The history after a change; the same history when nothing changed. A change clears what could be redone.
 * @example recordEdit(startHistory(1), 2).past // [1]
 */
export function recordEdit<T>(history: EditHistory<T>, next: T, mergeKey?: string): EditHistory<T> {
  if (Object.is(next, history.present)) return history;
  if (mergeKey !== undefined && mergeKey === history.lastKey && history.future.length === 0) {
    return { ...history, present: next };
  }
  const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], lastKey: mergeKey };
}

/** One step back; the same history when there is nothing to undo. */
export function undoEdit<T>(history: EditHistory<T>): EditHistory<T> {
  if (history.past.length === 0) return history;
  const previous = history.past[history.past.length - 1];
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

/** One step forward again; the same history when nothing was undone. */
export function redoEdit<T>(history: EditHistory<T>): EditHistory<T> {
  if (history.future.length === 0) return history;
  const [next, ...rest] = history.future;
  return { past: [...history.past, history.present], present: next, future: rest };
}

/** A new start (loaded, saved or restored): nothing to undo across it. */
export const resetHistory = startHistory;
