import { failedResponse, parseJson, request, requestHeaders, toQueryString } from './http';
import { ApiError, type FieldErrors } from './ApiError';
import type { Text } from './types';

/** The admin side of `/api/definitions` (scratch/admin-contract.md, "Definitions"). */

export type VersionStatus = 'draft' | 'published' | 'retired';

export interface VersionSummary {
  version: number;
  status: VersionStatus;
  publishedAt: string | null;
  createdAt: string;
  runningInstances?: number;
}

export interface DefinitionSummary {
  key: string;
  title: Text;
  description?: Text | null;
  currentVersion: number | null;
  starterRoles: string[];
  versions: VersionSummary[];
}

/** A definition document as stored: `workflows/*.json`. Kept loose: the editor preserves what it does not know. */
export type DefinitionDocument = Record<string, unknown> & { key: string; title: Text; machine: Record<string, unknown> };

export interface LintIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  /** JSON pointer into the document, e.g. `/machine/states/notice/on/APPROVE`. */
  path: string;
  /** The dotted state id (`review.town`), when the issue belongs to a state. */
  stateId?: string;
  field?: string;
}

export interface LintResult {
  ok: boolean;
  issues: LintIssue[];
}

export interface VersionDetail {
  key: string;
  version: number;
  status: VersionStatus;
  title?: Text;
  publishedAt?: string | null;
  document?: DefinitionDocument;
  machine?: Record<string, unknown>;
  formVersions?: Record<string, number> | null;
  lint?: LintResult;
}

export interface DraftAnswer {
  key: string;
  version: number;
  status: 'draft';
  document: DefinitionDocument;
  formVersions: Record<string, number>;
  lint: LintResult;
}

export interface PublishAnswer {
  key: string;
  version: number;
  status: 'published';
  publishedAt: string;
  formVersions: Record<string, number>;
}

export interface TransitionRef {
  from: string;
  event: string;
  to: string;
}

export interface DiffResult {
  from: number;
  to: number;
  states: { added: string[]; removed: string[]; changed: { id: string; changes: string[] }[] };
  transitions: {
    added: TransitionRef[];
    removed: TransitionRef[];
    changed: { from: string; event: string; before: unknown; after: unknown }[];
  };
  forms: {
    added: string[];
    removed: string[];
    changed: { key: string; fromVersion: number; toVersion: number; fieldsAdded: string[]; fieldsRemoved: string[]; fieldsChanged: string[] }[];
  };
}

export type SimulationStep =
  | { kind: 'outcome'; outcome: string; data?: Record<string, unknown>; comment?: string }
  | { kind: 'event'; type: string; data?: Record<string, unknown> }
  | { kind: 'advance'; duration: string };

export interface SimulatedTask {
  state: string;
  title: Text;
  formKey: string;
  candidateRoles: string[];
  outcomes: { event: string; label: Text; kind?: string }[];
  dueAt: string | null;
}

export interface SimulatedTimer {
  key?: string;
  eventType: string;
  fireAt: string;
}

export interface SimulatedStepResult {
  index: number;
  kind: SimulationStep['kind'];
  label: string;
  stateBefore: unknown;
  stateAfter: unknown;
  accepted: boolean;
  errors?: FieldErrors;
  openedTasks: SimulatedTask[];
  closedTasks: string[];
  timersScheduled: SimulatedTimer[];
  timersFired: { eventType: string; at: string }[];
  effects: { type: string; [key: string]: unknown }[];
}

export interface SimulationResult {
  steps: SimulatedStepResult[];
  final: { state: unknown; status: 'running' | 'completed'; openTasks: SimulatedTask[]; timers: SimulatedTimer[]; data: Record<string, unknown>; now: string };
}

export interface SimulationRequest {
  document: DefinitionDocument;
  forms?: Record<string, { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> }>;
  startData?: Record<string, unknown>;
  startAt?: string;
  settings?: Record<string, unknown>;
  steps: SimulationStep[];
}

export interface MigrationItem {
  instanceId: string;
  orgUnitId: string;
  fromState: unknown;
  toState: unknown;
  closeTasks: string[];
  openTasks: string[];
  cancelTimers: string[];
  scheduleTimers: { eventType: string; fireAt: string }[];
  status: 'ok' | 'migrated' | 'failed' | 'skipped';
  error?: string;
}

export interface MigrationRequest {
  fromVersion: number;
  toVersion: number;
  mapping: Record<string, string>;
  dryRun: boolean;
  instanceIds?: string[];
}

export interface MigrationResult {
  dryRun: boolean;
  fromVersion: number;
  toVersion: number;
  unmapped: string[];
  items: MigrationItem[];
}

const definitionPath = (key: string) => `/definitions/${encodeURIComponent(key)}`;

export const listDefinitions = (signal?: AbortSignal) =>
  request<{ items: DefinitionSummary[] }>('GET', '/definitions', undefined, signal).then((answer) => answer.items);

export const getDefinitionVersion = (key: string, version: number, signal?: AbortSignal) =>
  request<VersionDetail>('GET', `${definitionPath(key)}/versions/${version}`, undefined, signal);

export const createDefinition = (key: string, title: { zh: string; en?: string }) =>
  request<DraftAnswer | VersionDetail>('POST', '/definitions', { key, title });

/** A draft copy of `fromVersion` (default: the newest published), or the draft that already exists. */
export const createDraft = (key: string, fromVersion?: number) =>
  request<DraftAnswer>('POST', `${definitionPath(key)}/drafts`, fromVersion ? { fromVersion } : {});

export const saveDraft = (key: string, version: number, document: DefinitionDocument) =>
  request<DraftAnswer>('PUT', `${definitionPath(key)}/drafts/${version}`, { document });

export const lintDocument = (key: string, document: DefinitionDocument) =>
  request<LintResult>('POST', `${definitionPath(key)}/lint`, { document });

/** An ApiError of a `lint_failed` answer, with the lint issues the answer lists beside `fields`. */
export type LintFailedError = ApiError & { issues?: LintIssue[] };

/** A POST whose 400 `lint_failed` answer carries `issues`, which the plain client would drop. */
async function postKeepingIssues<T>(path: string, body: unknown): Promise<T> {
  const headers = { ...requestHeaders('POST'), 'Content-Type': 'application/json' };
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
  } catch (cause) {
    throw new ApiError(0, 'network', String(cause));
  }
  const parsed = parseJson(await response.text());
  if (response.ok) return parsed as T;
  const error: LintFailedError = failedResponse(response.status, parsed);
  const issues = (parsed as { error?: { issues?: unknown } } | null)?.error?.issues;
  if (Array.isArray(issues)) error.issues = issues as LintIssue[];
  throw error;
}

export const publishDraft = (key: string, version: number) => postKeepingIssues<PublishAnswer>(`${definitionPath(key)}/drafts/${version}/publish`, {});

export const diffVersions = (key: string, from: number, to: number, signal?: AbortSignal) =>
  request<DiffResult>('GET', `${definitionPath(key)}/diff${toQueryString({ from, to })}`, undefined, signal);

export const simulate = (key: string, body: SimulationRequest) => postKeepingIssues<SimulationResult>(`${definitionPath(key)}/simulate`, body);

export const migrateInstances = (key: string, body: MigrationRequest) =>
  request<MigrationResult>('POST', `${definitionPath(key)}/migrations`, body);
