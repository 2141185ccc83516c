/** The shared blocks of the forms (what `schemas/_defs.json` holds), as the form builder reads and saves them. */
import type { FormBlocksView, SavedFormBlocks, SaveFormBlocks } from '@shared/contract';
import { request } from './http';

/** The newest version of the shared blocks with every form and definition version using them. */
export const getFormBlocks = (signal?: AbortSignal) => request<FormBlocksView>('GET', '/form-blocks', undefined, signal);

/** Saves a block change made on `version`; the server answers 409 when another change came first or the forms reached differ from `forms`. */
export const saveFormBlocks = (version: number, body: SaveFormBlocks) => request<SavedFormBlocks>('PUT', '/form-blocks', body, undefined, { 'If-Match': `"${version}"` });
