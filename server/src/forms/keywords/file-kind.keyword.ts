import type { KeywordDefinition } from 'ajv';

/** The kinds of file a `file-ref` field takes; a signature is the PNG the signature pad draws. */
export const FILE_KINDS = ['signature', 'photo', 'document'] as const;

/**
 * `"x-file": { "kind": "signature", "accept": ["image/png"] }` beside `format: file-ref`: what the
 * field's uploader offers (the signature pad, the camera, a file) and the content types it takes.
 */
export interface FileKindConfig {
  kind: (typeof FILE_KINDS)[number];
  accept?: Array<'image/jpeg' | 'image/png' | 'application/pdf'>;
}

/** An annotation keyword: its meta-schema refuses an unknown kind or content type when the form is compiled. */
export const fileKindKeyword: KeywordDefinition = {
  keyword: 'x-file',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['kind'],
    properties: {
      kind: { enum: [...FILE_KINDS] },
      accept: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['image/jpeg', 'image/png', 'application/pdf'] } },
    },
    additionalProperties: false,
  },
};
