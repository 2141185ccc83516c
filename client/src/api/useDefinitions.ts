import type { DefinitionSummary } from '@shared/contract';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useLocalize } from '../i18n/useT';
import { useSession } from '../session/useSession';
import { listDefinitions } from './definitions';

/**
 * Process names and step titles come from the server (`GET /api/definitions`), so a newly published
 * process appears in the inbox's filter and labels without a client change. One list per user
 * (admins also see drafts), shared by every component and fetched again after a few minutes.
 */
const FRESH_MS = 5 * 60_000;
const NONE: DefinitionSummary[] = [];

interface Entry {
  userId: string;
  at: number;
  items?: DefinitionSummary[];
}

let entry: Entry | undefined;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function ensureLoaded(userId: string): void {
  if (entry && entry.userId === userId && Date.now() - entry.at < FRESH_MS) return;
  const mine: Entry = { userId, at: Date.now(), items: entry?.userId === userId ? entry.items : undefined };
  entry = mine;
  listDefinitions().then(
    (items) => {
      if (entry !== mine) return;
      mine.items = items;
      notify();
    },
    // Without the list, labels fall back to the keys and state ids; the page's own request reports
    // the network or session trouble. The next component that mounts asks again.
    () => {
      if (entry === mine) entry = undefined;
    },
  );
}

export interface Processes {
  /** Every process the user may read, as the server lists them; empty until it has answered. */
  list: DefinitionSummary[];
  /** The process's title in the user's language, else its key. */
  title: (definitionKey: string) => string;
  /** A task state's title in the user's language (of that process when given), else undefined. */
  stepTitle: (state: string, definitionKey?: string) => string | undefined;
  /** How a finished case of the process ended in `state` (its `meta.end`), in the user's language; undefined where the process does not say. */
  endOf: (state: unknown, definitionKey: string) => { title: string; refused: boolean } | undefined;
}

/** The processes of `GET /api/definitions`, for pages behind the login. */
export function useDefinitions(): Processes {
  const userId = useSession().user?.id;
  const localize = useLocalize();
  const list = useSyncExternalStore(subscribe, () => (userId && entry?.userId === userId ? entry.items ?? NONE : NONE));

  useEffect(() => {
    if (userId) ensureLoaded(userId);
  }, [userId]);

  return useMemo(() => {
    const byKey = new Map(list.map((definition) => [definition.key, definition]));
    return {
      list,
      title: (definitionKey) => {
        const definition = byKey.get(definitionKey);
        return definition ? localize(definition.titles) : definitionKey;
      },
      stepTitle: (state, definitionKey) => {
        const candidates = definitionKey ? [byKey.get(definitionKey)] : list;
        for (const definition of candidates) {
          const step = definition?.tasks.find((task) => task.state === state);
          if (step) return localize(step.title);
        }
        return undefined;
      },
      endOf: (state, definitionKey) => {
        const end = typeof state === 'string' ? byKey.get(definitionKey)?.ends?.find((e) => e.state === state) : undefined;
        return end ? { title: localize(end.title), refused: end.refused } : undefined;
      },
    };
  }, [list, localize]);
}
