/** The inbox read model lives in `domain/tasks/inbox.query.ts`; re-exported for the benchmarks that import it from here. */
export { findInbox, INBOX_COUNT_CAP } from '../domain/tasks/inbox.query';
export type { InboxFilter, InboxPage } from '../domain/tasks/inbox.query';
