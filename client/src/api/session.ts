import type { LoginAnswer, LoginRequest, MeAnswer, User } from '@shared/contract';
import { api, setCsrfToken } from './http';

export async function login(username: string, password: string): Promise<User> {
  const answer = await api.post<LoginAnswer>('/auth/login', { username, password } satisfies LoginRequest);
  setCsrfToken(answer.csrfToken);
  return answer.user;
}

export async function logout(): Promise<void> {
  try {
    await api.post('/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

/** The logged-in user; rejects with a 401 ApiError when there is no session. */
export async function fetchMe(signal?: AbortSignal): Promise<User> {
  const answer = await api.get<MeAnswer>('/me', signal);
  return answer.user;
}

/** Today in China by the server's clock (YYYY-MM-DD), for date fields declared `x-fill: today`. */
export async function fetchToday(signal?: AbortSignal): Promise<string> {
  const answer = await api.get<MeAnswer>('/me', signal);
  return answer.today;
}
