import type { FormData } from '../forms';
import { newIdempotencyKey } from './newIdempotencyKey';
import { putOutboxEntry } from './outboxStore';
import type { ApplicationEntry, CompletionEntry } from './outboxTypes';

type NewApplication = Omit<ApplicationEntry, 'id' | 'kind' | 'createdAt'>;
type NewCompletion = Omit<CompletionEntry, 'id' | 'kind' | 'createdAt'>;

/** The household head's name in an application's data, for the list of what waits. */
export function applicantName(data: FormData): string | undefined {
  const name = ((data.household as { head?: { name?: unknown } } | undefined)?.head?.name);
  return typeof name === 'string' && name.trim() ? name.trim() : undefined;
}

/** Keeps an application on the device (IndexedDB) until it can be sent; resolves once it is stored. */
export async function queueApplication(entry: NewApplication): Promise<ApplicationEntry> {
  const queued: ApplicationEntry = { ...entry, kind: 'application', id: newIdempotencyKey(), createdAt: new Date().toISOString() };
  await putOutboxEntry(queued);
  return queued;
}

/** Keeps a task completion on the device until it can be sent; resolves once it is stored. */
export async function queueCompletion(entry: NewCompletion): Promise<CompletionEntry> {
  const queued: CompletionEntry = { ...entry, kind: 'completion', id: newIdempotencyKey(), createdAt: new Date().toISOString() };
  await putOutboxEntry(queued);
  return queued;
}
