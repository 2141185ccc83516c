import type { Logger } from '../kernel';
import { listenToPg } from './pg-listener';

/**
 * A count of the changes PostgreSQL announces on a channel (a NOTIFY a trigger sends at commit),
 * for a cache of rows any node may change: an entry is good while the count it was filled at is
 * still the count. The count also moves when the listening connection is lost or made again (a
 * change may have gone unheard meanwhile), and `listening` is false while it is lost: a cache is
 * then not read.
 */
export interface ChangeSignal {
  readonly count: number;
  readonly listening: boolean;
  /**
   * Moves the count for a change this node committed, at once: PostgreSQL's announcement of it
   * reaches the listening connection a moment later, maybe after this node's next request.
   */
  moved(): void;
  /** Calls `listener` after each move of the count; answers the function that stops it. */
  subscribe(listener: () => void): () => void;
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createPgChangeSignal(url: string, channel: string, what: string, logger: Logger): ChangeSignal {
  let count = 0;
  let listening = false;
  const listeners = new Set<() => void>();
  const move = () => {
    count++;
    for (const listener of listeners) listener();
  };
  const listener = listenToPg(url, channel, what, logger, {
    notified: move,
    listening() { listening = true; move(); },
    lost() { listening = false; move(); },
  });
  return {
    get count() { return count; },
    get listening() { return listening; },
    moved: move,
    subscribe(each) {
      listeners.add(each);
      return () => { listeners.delete(each); };
    },
    ready: () => listener.ready(),
    async close() {
      listening = false;
      listeners.clear();
      await listener.close();
    },
  };
}
