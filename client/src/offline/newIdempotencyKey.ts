/**
 * A random `Idempotency-Key` (32 hex digits). `crypto.getRandomValues` works on plain http too,
 * where `randomUUID` does not: county intranets often serve the app without TLS.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `jz-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
