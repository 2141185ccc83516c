import type { User } from '@shared/contract';
import { createContext } from 'react';

export interface SessionState {
  /** `loading` until `GET /api/me` has answered once. */
  status: 'loading' | 'anonymous' | 'authenticated';
  user: User | null;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<SessionState>({
  status: 'loading',
  user: null,
  login: async () => undefined,
  logout: async () => undefined,
});
