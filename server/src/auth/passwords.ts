import argon2 from 'argon2';
import { ServiceUnavailableError } from '../kernel';

/** Runs password work when a place is free; see {@link createArgon2Gate}. */
export type Argon2Gate = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * At most `atOnce` argon2 operations at a time, up to `waiting` more queued in their order; more than
 * that is refused with a 503 (retry in 2 s). Each operation holds 64 MiB while it runs and already
 * spreads over 4 threads, so running more at once on a small server only multiplies the memory: a
 * burst of logins, which anyone may send, held 64 MiB per login before.
 */
export function createArgon2Gate(atOnce: number, waiting: number): Argon2Gate {
  let running = 0;
  const queue: Array<() => void> = [];
  return async (work) => {
    if (running < atOnce) {
      running++;
    } else {
      if (queue.length >= waiting) throw new ServiceUnavailableError('Too many password checks at once', 2);
      // The place is handed over by the operation that ends (running stays as it is).
      await new Promise<void>((take) => queue.push(take));
    }
    try {
      return await work();
    } finally {
      const next = queue.shift();
      if (next) next();
      else running--;
    }
  };
}

/** The app's gate for every password hash and check: two argon2 operations at once (128 MiB), 64 waiting. */
export const passwordWork = createArgon2Gate(2, 64);

/** argon2id with the library's defaults (64 MiB, 3 passes). */
export function hashPassword(password: string): Promise<string> {
  return passwordWork(() => argon2.hash(password, { type: argon2.argon2id }));
}

/**
 * A hash of a random password nobody knows, made with {@link hashPassword}'s parameters: checked
 * against when a login names no user, so that takes as long as a real check. Written out rather
 * than made at the first login, which would hold another 64 MiB then and take twice as long.
 */
export const NO_USER_HASH = '$argon2id$v=19$m=65536,p=4,t=3$Sx4W69HYtFZRM9p6llg+5A$guK92MC9HP5LScluZCgBcBrhYqrJYsGBrWH+A6Bp+FY';

/**
 * True when `password` matches `hash`; a malformed hash is a mismatch, not an error. Throws
 * ServiceUnavailableError when too many checks wait already (the login answers 503, not 401).
 */
export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return passwordWork(async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}
