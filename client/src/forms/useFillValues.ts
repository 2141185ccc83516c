import { useEffect, useMemo, useState } from 'react';
import { fetchToday } from '../api';
import { useSession } from '../session/useSession';
import type { FillValues } from './fillDeclared';

/**
 * The values `x-fill` fields start with: the user's name and the server's China date, asked once
 * per form page (null until the server answered, so a form does not open with the device's date).
 */
export function useFillValues(): FillValues | null {
  const { user } = useSession();
  const [today, setToday] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchToday(controller.signal)
      .then(setToday)
      .catch(() => {
        // Offline: the date stays empty for the user to pick rather than taking the device's clock.
        if (!controller.signal.aborted) setToday('');
      });
    return () => controller.abort();
  }, []);
  const name = user?.displayName;
  return useMemo(() => (today === null ? null : { today: today || undefined, me: name }), [today, name]);
}
