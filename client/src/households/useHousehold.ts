import type { Household } from '@shared/contract';
import { useEffect, useState } from 'react';
import { getHousehold } from '../api';

/** One household of the registry by id, read once per id (the request is dropped when the page leaves). */
export function useHousehold(id: string): { household: Household | null; error: unknown } {
  const [household, setHousehold] = useState<Household | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    getHousehold(id, controller.signal)
      .then(setHousehold)
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [id]);
  return { household, error };
}
