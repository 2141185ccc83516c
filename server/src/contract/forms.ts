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
