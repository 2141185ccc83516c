/**
 * The form builder's model: a form's JSON Schema and uiSchema as typed data the builder edits, no
 * React, no I/O. `parseFormModel` reads a form into it, `writeFormModel` writes it back; for every
 * form in `schemas/` the two are exact inverses (same keys, same order). Edits are pure functions
 * in `formModelEdits.ts` that return a new model and never change the one they are given, so the
 * builder keeps its history as a list of models (undo/redo).
 *
 * A keyword the model does not know is kept in `extra` and makes its field "JSON-only": the builder
 * shows that field's JSON instead of its settings. `formCoverage.ts` counts them.
 */

export type SchemaNode = Record<string, unknown>;
export type Literal = string | number | boolean | null;

/** A text in Chinese (`title`, `description`) with its English beside it (`x-title-en`, `x-description-en`). */
export interface Label {
  zh?: string;
  en?: string;
}

/** The field types of the palette. Derived from a field's keywords by `fieldTypeOf`; changed with `setFieldType`. */
export type FieldTypeId =
  | 'text' | 'longText' | 'integer' | 'number' | 'money' | 'date' | 'dateRange'
  | 'choice' | 'multiChoice' | 'yesNo'
  | 'idNumber' | 'mobile' | 'phone' | 'landline' | 'bankAccount' | 'personName' | 'address'
  | 'attachment' | 'photos' | 'signature' | 'computed' | 'static'
  | 'section' | 'group' | 'unknown';

/** The palette in display order, with labels; `container` types hold other fields. */
export const FIELD_TYPES: ReadonlyArray<{ id: Exclude<FieldTypeId, 'unknown'>; zh: string; en: string; container?: boolean }> = [
  { id: 'text', zh: '单行文本', en: 'Text' },
  { id: 'longText', zh: '多行文本', en: 'Long text' },
  { id: 'integer', zh: '整数', en: 'Integer' },
  { id: 'number', zh: '数字', en: 'Number' },
  { id: 'money', zh: '金额（元）', en: 'Money (yuan)' },
  { id: 'date', zh: '日期', en: 'Date' },
  { id: 'dateRange', zh: '日期区间', en: 'Date range', container: true },
  { id: 'choice', zh: '单选', en: 'Single choice' },
  { id: 'multiChoice', zh: '多选', en: 'Multiple choice' },
  { id: 'yesNo', zh: '是/否', en: 'Yes / no' },
  { id: 'idNumber', zh: '身份证号', en: 'ID number' },
  { id: 'mobile', zh: '手机号', en: 'Mobile number' },
  { id: 'phone', zh: '联系电话（手机或固话）', en: 'Phone (mobile or landline)' },
  { id: 'landline', zh: '固定电话', en: 'Landline' },
  { id: 'bankAccount', zh: '银行账号', en: 'Bank account' },
  { id: 'personName', zh: '姓名', en: 'Person name' },
  { id: 'address', zh: '地址（镇/村/村民小组）', en: 'Address (town / village / group)', container: true },
  { id: 'attachment', zh: '附件', en: 'Attachment' },
  { id: 'photos', zh: '照片', en: 'Photos' },
  { id: 'signature', zh: '签名', en: 'Signature' },
  { id: 'computed', zh: '计算值', en: 'Computed value' },
  { id: 'static', zh: '说明文字/标题', en: 'Static text / heading' },
  { id: 'section', zh: '分组', en: 'Section', container: true },
  { id: 'group', zh: '重复组（列表）', en: 'Repeating group', container: true },
];

/** One choice of a single or multiple choice field. */
export interface ChoiceOption {
  value: Literal;
  label: Label;
}

/**
 * The choices of a field: `enum` with `enumNames` / `x-enumNames-en` beside it, or
 * `oneOf: [{ const, title, x-title-en }]` (for codes shown as words).
 */
export interface ChoiceOptions {
  style: 'enum' | 'oneOf';
  values: ChoiceOption[];
}

/** What a condition tests on one field of the object it looks at. */
export type FieldTest =
  | { field: string; op: 'equals' | 'notEquals'; value: Literal }
  | { field: string; op: 'in'; value: Literal[] }
  | { field: string; op: '>' | '>=' | '<' | '<='; value: number }
  /** "any member is …": some row of a list matches the inner condition. */
  | { field: string; op: 'any'; where: Condition };

/**
 * A show-if / required-if condition as data. `all` is the usual shape (`{ properties: { f: test },
 * required: [f] }`: every test holds); `and` / `or` combine conditions (`allOf` / `anyOf`).
 */
export type Condition =
  | { kind: 'all'; tests: FieldTest[]; objectType?: boolean }
  | { kind: 'and'; children: Condition[] }
  | { kind: 'or'; children: Condition[] };

/**
 * The project's own cross-field keywords (server/src/forms/keywords) as settings of a section or a
 * repeating group; their shapes are the keywords' own, checked by each keyword's meta-schema.
 */
export interface ProjectRules {
  dateRange?: { from: string; until: string; minDays?: number; maxDays?: number; message?: string };
  sumAtMost?: Array<{ fields: string[]; limit: string; at?: string; message?: string }> | { fields: string[]; limit: string; at?: string; message?: string };
  sumEquals?: { items: string; field: string; total: string; tolerance?: number; message?: string };
  majority?: { votes: string; of: string; result: string; passed: string; message?: string };
  quorum?: { kind: string; eligible: string; attended: string; rules: Record<string, string>; message?: string };
  uniqueBy?: string;
  perCapitaIncome?: { income: string; householdSize: string; tolerance?: number; message?: string };
  headIsMember?: { head: string; members: string; relation: string; value: string; fields: string[]; message?: string };
  idCardMatches?: { idNumber: string; birthDate?: string; sex?: string; message?: string };
}

export const RULE_KEYWORDS = ['dateRange', 'sumAtMost', 'sumEquals', 'majority', 'quorum', 'uniqueBy', 'perCapitaIncome', 'headIsMember', 'idCardMatches'] as const;
export type RuleKeyword = (typeof RULE_KEYWORDS)[number];

/**
 * The settings of a field, one per JSON Schema keyword (the settings panel labels each):
 * bounds, lengths, pattern, format, default, counts of a list, and the project's annotations.
 */
export interface FieldSettings {
  type?: string | string[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  pattern?: string;
  default?: unknown;
  const?: Literal;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minContains?: number;
  maxContains?: number;
  readOnly?: boolean;
  /** `x-fill`: what the browser fills an empty field with (`today`, `me`). */
  'x-fill'?: string;
  /** `x-decision`: the field whose value decides the step's outcome. */
  'x-decision'?: boolean;
  /** `x-org-address`: an address block checked against the org tree. */
  'x-org-address'?: boolean;
  /** `x-compute`: a read-only value computed from other fields (JsonLogic), checked by the server. */
  'x-compute'?: ComputeSetting;
  /** `x-file`: what kind of file an attachment field takes (signature, photo, document) and which types. */
  'x-file'?: FileSetting;
  $schema?: string;
  $comment?: string;
}

export const SETTING_KEYWORDS: ReadonlyArray<keyof FieldSettings> = [
  'type', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'pattern', 'default', 'const', 'minItems', 'maxItems', 'uniqueItems', 'minContains', 'maxContains', 'readOnly',
  'x-fill', 'x-decision', 'x-org-address', 'x-compute', 'x-file', '$schema', '$comment',
];

/** `x-compute`: JsonLogic over the object holding the field (`$root` is the whole form), rounded to `round` decimals. */
export interface ComputeSetting {
  logic: unknown;
  round?: number;
  tolerance?: number;
}

/** `x-file`: the kind of file and the content types it takes. */
export interface FileSetting {
  kind: 'signature' | 'photo' | 'document';
  accept?: string[];
}

/** A part of a section's `allOf`, in order: a reused block, a show-if branch, or a rule on the rows of a list. */
export type SectionPart =
  | { kind: 'block'; block: string }
  | { kind: 'when'; when: Condition; then: FieldModel; keys: string[] }
  | { kind: 'rowRule'; contains: Condition; messages?: Record<string, string>; keys: string[] };

/**
 * One field, or a section (object), a repeating group (array) or a reusable block. Children keep
 * the order of `properties`; `required` keeps its own order. `keys` is the order the keywords were
 * written in, so that writing the field back changes nothing.
 */
export interface FieldModel {
  /** Property name; '' for a form's root, a list's row or a condition's branch. */
  name: string;
  /** Derived from the keywords at parse time and after each edit. */
  type: FieldTypeId;
  /** The reusable block this field is (`$ref`) or extends (`allOf: [{ $ref }]`, with `block.via`). */
  block?: { name: string; via: 'ref' | 'allOf' };
  label?: Label;
  description?: Label;
  settings: FieldSettings;
  options?: ChoiceOptions;
  /** Chinese messages by keyword (`errorMessage`), e.g. `{ pattern: 'msg:personName' }`. */
  messages?: Record<string, string>;
  rules: ProjectRules;
  /** A section's fields (`properties`). */
  fields?: FieldModel[];
  /** A section's required field names (`required`). */
  required?: string[];
  /** A section's `allOf` parts, in order. */
  parts?: SectionPart[];
  /** A section's own `if` / `then` (written without `allOf`). */
  when?: { when: Condition; then: FieldModel };
  /** A list's "at least one row is …" (`contains`), with `minContains` / `maxContains` in settings. */
  contains?: Condition;
  /** A list's row (`items`). */
  item?: FieldModel;
  /** Keywords the model does not know: the field is JSON-only. */
  extra?: SchemaNode;
  keys: string[];
}

/** The uiSchema beside a field: its `ui:*` settings and the ui of its children, keyed by name (`items` for a list's row). */
export interface UiNode {
  settings: UiSettings;
  children: Array<{ name: string; node: UiNode }>;
  /** `ui:*` keys the model does not know. */
  extra?: SchemaNode;
  keys: string[];
}

/** A section of the form (a card with a title) as `ui:options.sections` lists it. */
export interface UiSection {
  title: string;
  titleEn?: string;
  fields: string[];
}

export interface UiSettings {
  'ui:order'?: string[];
  'ui:widget'?: string;
  'ui:field'?: string;
  'ui:description'?: string;
  'ui:title'?: string;
  'ui:help'?: string;
  'ui:placeholder'?: string;
  'ui:readonly'?: boolean;
  'ui:disabled'?: boolean;
  'ui:options'?: { sections?: UiSection[]; inline?: boolean; rows?: number; [key: string]: unknown };
}

export const UI_KEYWORDS: ReadonlyArray<keyof UiSettings> = [
  'ui:order', 'ui:widget', 'ui:field', 'ui:description', 'ui:title', 'ui:help', 'ui:placeholder', 'ui:readonly', 'ui:disabled', 'ui:options',
];

/** A whole form: its root section, its own blocks (`$defs`), its example data and its uiSchema. */
export interface FormModel {
  root: FieldModel;
  /** `$defs`: blocks copied from `_defs.json` when the server stored the form, or the form's own. */
  blocks?: FieldModel[];
  /** `examples`: realistic data that validates; the preview shows it. */
  examples?: unknown[];
  ui: UiNode;
}
