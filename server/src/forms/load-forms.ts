import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createFormDocument } from './create-form-document';
import type { FormDocument } from './form-document';

const SHARED_DEFS_FILE = '_defs.json';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read form file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** The `$defs` of `_defs.json` in `dir` (the shared blocks as shipped); empty when there is no such file. */
export function readSharedDefs(dir: string): Record<string, unknown> {
  const file = join(dir, SHARED_DEFS_FILE);
  if (!existsSync(file)) return {};
  const content = readJson(file) as { $defs?: unknown };
  if (content === null || typeof content !== 'object' || content.$defs === null || typeof content.$defs !== 'object') {
    throw new Error(`${file} must be an object with "$defs".`);
  }
  return content.$defs as Record<string, unknown>;
}

/** A form file as written in `schemas/`: its key, path and parsed content (shared `$defs` not inlined). */
export interface FormFile {
  key: string;
  path: string;
  content: { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> } & Record<string, unknown>;
}

/**
 * Reads every form file under `dir` as written, with `_defs.json`'s `$defs` beside them and the
 * forms as the server stores them (`documents`, shared `$defs` inlined). Keys and skipped folders as
 * in {@link loadFormsFromDir}; sorted by key.
 */
export function loadFormFiles(dir: string): { files: FormFile[]; sharedDefs: Record<string, unknown>; documents: FormDocument[] } {
  const sharedDefs = readSharedDefs(dir);
  const files: FormFile[] = [];
  const documents: FormDocument[] = [];
  for (const folder of readdirSync(dir, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name.startsWith('_') || folder.name.startsWith('.')) continue;
    for (const file of readdirSync(join(dir, folder.name))) {
      if (!file.endsWith('.json')) continue;
      const path = join(dir, folder.name, file);
      const key = `${folder.name}.${file.slice(0, -'.json'.length)}`;
      const content = readJson(path);
      try {
        documents.push(createFormDocument(key, content, sharedDefs));
      } catch (error) {
        throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
      }
      files.push({ key, path, content: content as FormFile['content'] });
    }
  }
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return { files: files.sort(byKey), sharedDefs, documents: documents.sort(byKey) };
}

/**
 * Reads every form under `dir`: `<definitionKey>/<stateId>.json` becomes `<definitionKey>.<stateId>`
 * and `common/<name>.json` becomes `common.<name>`; the shared `$defs` of `_defs.json` are inlined
 * into each schema. Folders starting with `_` or `.` are skipped. Sorted by key.
 * Server only (file system); the browser receives forms from `GET /api/forms/:key`.
 */
export function loadFormsFromDir(dir: string): FormDocument[] {
  return loadFormFiles(dir).documents;
}
