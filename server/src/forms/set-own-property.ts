/**
 * Sets an own, enumerable property even when the key is `__proto__`, so keys taken from submitted
 * data or from pointers can never reach an object's prototype.
 */
export function setOwnProperty(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
