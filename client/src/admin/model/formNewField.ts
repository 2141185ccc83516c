import type { FieldModel, FieldTypeId, Label, SchemaNode, UiSettings } from './formModel';
import { readField } from './formModelRead';

const PERSON_NAME_PATTERN = '^[^0-9<>{}\\[\\]()@#$%&*=+|\\\\/]+$';
const FILE_REF = { type: 'string', format: 'file-ref', maxLength: 36 };
// An example's placeholder for an upload (server/src/forms/file-refs.ts): drivers upload a file in its place.
const EXAMPLE_FILE_REF = '00000000-0000-4000-8000-000000000001';
const titled = (zh: string, en: string) => ({ title: zh, 'x-title-en': en });

/** The keywords a new field of each palette type starts with (its label is added by `newField`). */
const TEMPLATES: Record<Exclude<FieldTypeId, 'unknown'>, SchemaNode> = {
  text: { type: 'string', minLength: 1, maxLength: 200 },
  longText: { type: 'string', minLength: 1, maxLength: 2000 },
  integer: { type: 'integer', minimum: 0 },
  number: { type: 'number', minimum: 0 },
  money: { type: 'number', format: 'money' },
  date: { type: 'string', format: 'date' },
  dateRange: {
    type: 'object',
    required: ['from', 'until'],
    properties: { from: { ...titled('开始日期', 'From'), type: 'string', format: 'date' }, until: { ...titled('结束日期', 'Until'), type: 'string', format: 'date' } },
    dateRange: { from: 'from', until: 'until' },
  },
  choice: { type: 'string', oneOf: [{ const: 'option1', ...titled('选项一', 'Option 1') }, { const: 'option2', ...titled('选项二', 'Option 2') }] },
  multiChoice: {
    type: 'array',
    items: { type: 'string', oneOf: [{ const: 'option1', ...titled('选项一', 'Option 1') }, { const: 'option2', ...titled('选项二', 'Option 2') }] },
    uniqueItems: true,
  },
  yesNo: { type: 'boolean', default: false },
  idNumber: { type: 'string', format: 'id-card' },
  mobile: { type: 'string', format: 'mobile' },
  phone: { type: 'string', format: 'phone' },
  landline: { type: 'string', format: 'landline' },
  bankAccount: { type: 'string', format: 'bank-account' },
  personName: { type: 'string', minLength: 1, maxLength: 30, pattern: PERSON_NAME_PATTERN, errorMessage: { pattern: 'msg:personName' } },
  address: {
    type: 'object',
    required: ['town', 'village'],
    properties: {
      town: { ...titled('乡镇', 'Town'), type: 'string', minLength: 1, maxLength: 20 },
      village: { ...titled('行政村', 'Village'), type: 'string', minLength: 1, maxLength: 20 },
      group: { ...titled('村民小组', "Villagers' group"), type: 'string', minLength: 1, maxLength: 30 },
    },
    'x-org-address': true,
  },
  attachment: { ...FILE_REF, 'x-file': { kind: 'document', accept: ['image/jpeg', 'image/png', 'application/pdf'] } },
  photos: { type: 'array', minItems: 1, maxItems: 20, items: { ...FILE_REF, 'x-file': { kind: 'photo', accept: ['image/jpeg', 'image/png'] } }, uniqueItems: true },
  signature: { ...FILE_REF, 'x-file': { kind: 'signature', accept: ['image/png'] } },
  computed: { type: 'number', readOnly: true, 'x-compute': { logic: { '+': [0] }, round: 2 } },
  static: { type: 'null' },
  section: { type: 'object', properties: {} },
  group: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'object', properties: {} } },
};

/** The widget a type needs beside its schema (the form's uiSchema). */
export const UI_FOR_TYPE: Partial<Record<FieldTypeId, UiSettings>> = {
  longText: { 'ui:widget': 'textarea' },
  multiChoice: { 'ui:widget': 'checkboxes' },
  address: { 'ui:field': 'orgUnits' },
  signature: { 'ui:widget': 'signature' },
};

/** The JSON Schema a new field of a type starts with, labelled. */
export function templateFor(type: Exclude<FieldTypeId, 'unknown'>, label: Label): SchemaNode {
  const node: SchemaNode = {};
  if (label.zh !== undefined) node.title = label.zh;
  if (label.en !== undefined) node['x-title-en'] = label.en;
  return { ...node, ...structuredClone(TEMPLATES[type]) };
}

/**
 * A new field of a palette type, with the settings that type starts with.
 * @example newField('money', 'subsidy', { zh: '补助金额', en: 'Subsidy' }).settings // { type: 'number', format: 'money' }
 */
export function newField(type: Exclude<FieldTypeId, 'unknown'>, name: string, label: Label): FieldModel {
  return readField(name, templateFor(type, label), () => undefined, UI_FOR_TYPE[type] ? { settings: { ...UI_FOR_TYPE[type] }, children: [], keys: [] } : undefined);
}

/** A value of the field's type, so that the form's examples still validate after a required field is added. */
export function sampleValueOf(field: FieldModel): unknown {
  const first = field.options?.values[0]?.value;
  switch (field.type) {
    case 'choice':
      return first ?? '';
    case 'multiChoice':
      return field.item?.options?.values[0] ? [field.item.options.values[0].value] : [];
    case 'yesNo':
      return false;
    case 'integer':
    case 'number':
    case 'money':
    case 'computed':
      return typeof field.settings.minimum === 'number' ? field.settings.minimum : 0;
    case 'date':
      return '2020-01-01';
    case 'idNumber':
      return '11010519491231002X';
    case 'mobile':
    case 'phone':
      return '13800138000';
    case 'landline':
      return '0753-4432100';
    case 'bankAccount':
      return '6217000000000000000';
    case 'personName':
      return '张三';
    case 'static':
      return null;
    case 'section':
    case 'address':
    case 'dateRange': {
      const out: Record<string, unknown> = {};
      for (const child of field.fields ?? []) if (field.required?.includes(child.name)) out[child.name] = sampleValueOf(child);
      return out;
    }
    case 'attachment':
    case 'signature':
      return EXAMPLE_FILE_REF;
    case 'photos':
      return Array.from({ length: Math.max(1, field.settings.minItems ?? 1) }, (_, i) => EXAMPLE_FILE_REF.replace(/1$/, String(i + 1)));
    case 'group':
      return field.item && (field.settings.minItems ?? 0) > 0 ? Array.from({ length: field.settings.minItems ?? 0 }, () => sampleValueOf(field.item!)) : [];
    default:
      return field.label?.zh ?? field.name;
  }
}
