import type { User } from '@shared/contract';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchMe, login as apiLogin, logout as apiLogout, onUnauthorized } from '../api';
import { SessionContext, type SessionState } from './SessionContext';

/** The service worker's copy of `GET /api/me` (client/vite.config.ts): gone with the session, so an offline reload after logout shows no one. */
function forgetCachedSession(): void {
  if ('caches' in window) void caches.delete('jz-session').catch(() => undefined);
}

/** Knows who is logged in; any 401 from any call ends the session in the UI too. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<SessionState['status']>('loading');

  useEffect(() => {
    const controller = new AbortController();
    fetchMe(controller.signal)
      .then((me) => {
        setUser(me);
        setStatus('authenticated');
      })
      .catch(() => {
        // Offline or logged out alike: the login page is where either is explained.
        if (!controller.signal.aborted) setStatus('anonymous');
      });
    const stop = onUnauthorized(() => {
      forgetCachedSession();
      setUser(null);
      setStatus('anonymous');
    });
    return () => {
      controller.abort();
      stop();
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const me = await apiLogin(username, password);
    setUser(me);
    setStatus('authenticated');
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      forgetCachedSession();
      setUser(null);
      setStatus('anonymous');
    }
  }, []);

  const value = useMemo(() => ({ status, user, login, logout }), [status, user, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
