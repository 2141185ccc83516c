import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, 3 passes). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/**
 * A hash of a random password nobody knows, made with {@link hashPassword}'s parameters: checked
 * against when a login names no user, so that takes as long as a real check. Written out rather
 * than made at the first login, which would hold another 64 MiB then and take twice as long.
 */
export const NO_USER_HASH = '$argon2id$v=19$m=65536,p=4,t=3$Sx4W69HYtFZRM9p6llg+5A$guK92MC9HP5LScluZCgBcBrhYqrJYsGBrWH+A6Bp+FY';

/** True when `password` matches `hash`; a malformed hash is a mismatch, not an error. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
