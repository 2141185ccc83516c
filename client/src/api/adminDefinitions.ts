/** The admin side of `/api/definitions`: drafts, lint, publish, diff, simulation and migrations. */
import { failedResponse, parseJson, request, requestHeaders, toQueryString } from './http';
import type {
  CreateDefinitionRequest, DefinitionDocument, DiffResult, DraftAnswer, LintIssue, LintResult, MigrationRequest, MigrationResult,
  PublishAnswer, SimulationRequest, SimulationResult, VersionDetail,
} from '@shared/contract';
import { ApiError } from './ApiError';

const definitionPath = (key: string) => `/definitions/${encodeURIComponent(key)}`;

// The admin pages list definitions too; the call itself is everyone's (definitions.ts).
export { listDefinitions } from './definitions';

export const getDefinitionVersion = (key: string, version: number, signal?: AbortSignal) =>
  request<VersionDetail>('GET', `${definitionPath(key)}/versions/${version}`, undefined, signal);

export const createDefinition = (key: string, title: CreateDefinitionRequest['title']) =>
  request<DraftAnswer | VersionDetail>('POST', '/definitions', { key, title } satisfies CreateDefinitionRequest);

/** A draft copy of `fromVersion` (default: the newest published), or the draft that already exists. */
export const createDraft = (key: string, fromVersion?: number) =>
  request<DraftAnswer>('POST', `${definitionPath(key)}/drafts`, fromVersion ? { fromVersion } : {});

export const saveDraft = (key: string, version: number, document: DefinitionDocument) =>
  request<DraftAnswer>('PUT', `${definitionPath(key)}/drafts/${version}`, { document });

export const lintDocument = (key: string, document: DefinitionDocument) =>
  request<LintResult>('POST', `${definitionPath(key)}/lint`, { document });

/** An ApiError of a `lint_failed` answer (LintFailedBody), with the lint issues the answer lists beside `fields`. */
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
