/** Forms as the form builder reads and saves them: a version, the draft, or an empty form to start from. */
import type { FormDraft, FormSpec } from '@shared/contract';
import { request, toQueryString } from './http';

const formPath = (key: string) => `/forms/${encodeURIComponent(key)}`;

/** The newest published version, a given version, or (`draft: true`) the draft, 404 when none. */
export const getFormVersion = (key: string, options: { version?: number; draft?: boolean } = {}, signal?: AbortSignal) =>
  request<FormSpec>('GET', `${formPath(key)}${toQueryString({ version: options.version, draft: options.draft || undefined })}`, undefined, signal);

const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;

/** The draft when there is one, else the newest published version. */
export async function getEditableForm(key: string, signal?: AbortSignal): Promise<FormSpec> {
  try {
    return await getFormVersion(key, { draft: true }, signal);
  } catch (error) {
    if (isNotFound(error)) return getFormVersion(key, {}, signal);
    throw error;
  }
}

/** Like getEditableForm, but a key no version has yet answers an empty form (version 0) to start from. */
export async function getFormOrNew(key: string, signal?: AbortSignal): Promise<FormSpec> {
  try {
    return await getEditableForm(key, signal);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const name = key.slice(key.lastIndexOf('.') + 1);
    return {
      key,
      version: 0,
      status: 'draft',
      title: { zh: name, en: name },
      schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', title: name, 'x-title-en': name, type: 'object', properties: {} },
      uiSchema: {},
    };
  }
}

export const saveFormDraft = (key: string, draft: FormDraft) => request<FormSpec>('PUT', formPath(key), draft);
