import { useCallback, useEffect, useEffectEvent, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the data after a save, without asking the server again. */
  setData: (data: T) => void;
}

/** How the last request ended, and which request (key and reload count) it was. */
interface Settled {
  request: string;
  error: unknown;
}

/**
 * Loads once per `key` (and on `reload`), cancelling the call when the key changes or the page
 * closes. `load` is read when the key changes (or on reload), so callers may pass an inline function.
 * Loading and error belong to a request: they are derived while rendering from the last request that
 * settled, so a new key shows loading at once, with the earlier data, and no error of the old key.
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [settled, setSettled] = useState<Settled | null>(null);
  const [generation, setGeneration] = useState(0);
  const request = JSON.stringify([key, generation]);
  const start = useEffectEvent((signal: AbortSignal) => load(signal));

  useEffect(() => {
    const controller = new AbortController();
    start(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setSettled({ request, error: null });
      },
      (cause: unknown) => {
        if (!controller.signal.aborted) setSettled({ request, error: cause });
      },
    );
    return () => controller.abort();
  }, [request]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const loading = settled?.request !== request;
  return { data, error: loading ? null : settled.error, loading, reload, setData };
}
