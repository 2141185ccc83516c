/** `POST /api/auth/login`, `GET /api/me`. */

export interface LoginRequest {
  username: string;
  password: string;
}

/** The logged-in user as `GET /api/me` and the login answer show it. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnitId: string;
  orgUnitName: string;
  /** The user's org unit as a path from the county (`441424/441424130/...`): their scope. */
  orgPath?: string;
}

export interface LoginAnswer {
  user: User;
  /** Sent back as `X-CSRF-Token` on every mutating request of this session. */
  csrfToken: string;
}

/** `GET /api/me`. */
export interface MeAnswer {
  user: User;
  /** Today in China by the server's clock (YYYY-MM-DD): what date fields declared `x-fill: today` start with; device clocks are often wrong. */
  today: string;
}
