import type { FormData } from '../forms';

/** Why the server would not take a queued submission, kept so the list can say it and the data is not lost. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string[]>;
}

interface EntryBase {
  /** Also the IndexedDB key. */
  id: string;
  /** Whose submission: a shared village PC sends only the logged-in user's entries. */
  username: string;
  /** What the list shows, e.g. "贫困户申请 · 黄伟强". */
  label: string;
  createdAt: string;
  data: FormData;
  /** `Idempotency-Key` of the completion: made once, so a repeat after a lost answer is carried out once. */
  completeKey: string;
  refusal?: Refusal;
}

/** A household application filed offline: the case is started, then its application task completed. */
export interface ApplicationEntry extends EntryBase {
  kind: 'application';
  definitionKey: string;
  /** `Idempotency-Key` of the start. */
  startKey: string;
  /** Known once the case exists (started online before the network went, or by an earlier send). */
  instanceId?: string;
  taskId?: string;
  outcome?: string;
}

/** A task completion made offline. */
export interface CompletionEntry extends EntryBase {
  kind: 'completion';
  taskId: string;
  outcome: string;
  outcomeLabel: string;
  comment: string;
}

export type OutboxEntry = ApplicationEntry | CompletionEntry;
