/**
 * Shapes every part of the HTTP API shares. The contract is types only: the client imports it as
 * `@shared/contract`, so nothing here may import a module with I/O (or anything at run time).
 */

/** A label as a definition writes it: plain text, or zh and en side by side. */
export type LocalizedText = string | { zh?: string; en?: string };

/** A label the server always gives in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * What a case is about, for people (the definition's `meta.subject`), e.g. text
 * "曾庆华 ****3012 · 董源村第三村民小组". The ID number appears only as its last four characters.
 */
export interface Subject {
  text: string;
  householdName?: string;
  idTail?: string;
  village?: string;
  /** A project's or a unit's name, where the case is not about a household. */
  name?: string;
}

/** Field messages keyed by JSON pointer into the submitted data, e.g. `/members/0/idNumber`. */
export type FieldErrors = Record<string, string[]>;

/** Every error answer: 400, 401, 403, 404, 409, 413, 422 (DESIGN.md, "HTTP API"). */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    /** Only for bad input: the messages per field, in the caller's language. */
    fields?: FieldErrors;
  };
}

/** One page of a paged list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A list answered whole or with its total only (admin lists). */
export interface Listing<T> {
  items: T[];
  total: number;
}
