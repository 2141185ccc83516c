import type { OutboxEntry } from './outboxTypes';

/**
 * Puts a refused submission back where its page looks for a draft (the keys of useLocalDraft) and
 * answers that page's path: the application form offers it as "continue", a task page restores it.
 * An application whose case was already started keeps that case, so a new try does not start another.
 */
export function reopenAsDraft(entry: OutboxEntry): string {
  const savedAt = new Date().toISOString();
  if (entry.kind === 'application') {
    const pending = entry.instanceId && entry.taskId ? { instanceId: entry.instanceId, taskId: entry.taskId, outcome: entry.outcome ?? 'SUBMIT' } : undefined;
    localStorage.setItem(`jz.draft.application.${entry.username}`, JSON.stringify({ savedAt, value: { data: entry.data, pending } }));
    return '/applications/new';
  }
  localStorage.setItem(`jz.draft.task.${entry.taskId}`, JSON.stringify({ savedAt, value: { data: entry.data, comment: entry.comment } }));
  return `/tasks/${encodeURIComponent(entry.taskId)}`;
}
