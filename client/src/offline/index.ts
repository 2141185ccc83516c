/** Submissions made without a network: kept in IndexedDB, sent once each when it is back. */
export { OutboxWatcher } from './OutboxWatcher';
export { applicantName, queueApplication, queueCompletion } from './queueSubmission';
export { newIdempotencyKey } from './newIdempotencyKey';
export type { OutboxEntry } from './outboxTypes';
