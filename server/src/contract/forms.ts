/** Forms: `GET /api/forms/:key` (schema + uiSchema), `PUT /api/forms/:key` (admin). */
import type { LocalizedText } from './common';

/** A form version: its JSON Schema (2020-12) and the uiSchema beside it. */
export interface FormSpec {
  key: string;
  version: number;
  status?: 'draft' | 'published' | 'retired';
  title?: LocalizedText;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
}

/** `PUT /api/forms/:key`: saves the draft. */
export interface FormDraft {
  title: LocalizedText;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/** A form that uses shared blocks: the version an editor works on (its draft, else the newest published one). */
export interface FormUsingBlocks {
  key: string;
  version: number;
  status: 'draft' | 'published';
  title: LocalizedText;
  /** The shared blocks it uses, directly or through other blocks. */
  blocks: string[];
}

/** A definition version cases run on (published, or retired with running cases) and the blocks its pinned forms carry. */
export interface DefinitionUsingBlocks {
  key: string;
  version: number;
  status: 'published' | 'retired';
  title: LocalizedText;
  /** Running cases pinned to this version. */
  running: number;
  forms: Array<{ key: string; version: number; blocks: string[] }>;
}

/**
 * `GET /api/form-blocks` (admin): the shared blocks (what `schemas/_defs.json` holds) at their
 * newest version (0: as shipped), with the forms and definition versions that use each.
 */
export interface FormBlocksView {
  version: number;
  defs: Record<string, unknown>;
  /** Per block, a value from the first form example that uses it (for the block editor's preview); blocks no example reaches are absent. */
  examples: Record<string, unknown>;
  forms: FormUsingBlocks[];
  definitions: DefinitionUsingBlocks[];
}

/**
 * `PUT /api/form-blocks` (admin, `If-Match: "<version>"`): the whole new `$defs` and the form keys
 * the admin confirmed (every form the change reaches gets a new draft with the new blocks).
 */
export interface SaveFormBlocks {
  defs: Record<string, unknown>;
  forms: string[];
}

/** The answer of a saved block change: the new version, what changed, and the form drafts written. */
export interface SavedFormBlocks {
  version: number;
  changed: string[];
  removed: string[];
  forms: Array<{ key: string; version: number; title: LocalizedText }>;
}
