import { request, toQueryString } from './http';
import type { Text } from './types';

/** Forms as the form builder reads and saves them (scratch/admin-contract.md, "Forms"). */
export interface FormVersion {
  key: string;
  version: number;
  status?: 'draft' | 'published' | 'retired';
  title?: Text;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
}

export interface FormDraft {
  title: Text;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

const formPath = (key: string) => `/forms/${encodeURIComponent(key)}`;

/** The newest published version, a given version, or (`draft: true`) the draft, 404 when none. */
export const getFormVersion = (key: string, options: { version?: number; draft?: boolean } = {}, signal?: AbortSignal) =>
  request<FormVersion>('GET', `${formPath(key)}${toQueryString({ version: options.version, draft: options.draft || undefined })}`, undefined, signal);

/** The draft when there is one, else the newest published version. */
export async function getEditableForm(key: string, signal?: AbortSignal): Promise<FormVersion> {
  try {
    return await getFormVersion(key, { draft: true }, signal);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return getFormVersion(key, {}, signal);
    throw error;
  }
}

export const saveFormDraft = (key: string, draft: FormDraft) => request<FormVersion>('PUT', formPath(key), draft);
