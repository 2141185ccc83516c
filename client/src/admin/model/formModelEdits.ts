import { renameInCondition, writeCondition } from './formConditions';
import { fieldTypeOf, type BlockLookup } from './formFieldTypes';
import { parseBlocks } from './formModelRead';
import type { ChoiceOptions, Condition, FieldModel, FieldSettings, FieldTypeId, FormModel, Label, ProjectRules, SchemaNode, SectionPart, UiNode, UiSettings } from './formModel';
import { newField, sampleValueOf, UI_FOR_TYPE } from './formNewField';

/**
 * Edits of the form builder: pure functions from a model to a new model. The model given is never
 * changed (undo is the previous model); each result writes a schema that the JSON Schema
 * meta-schema and the project's keywords accept (tests/admin-model/form-model-edits.test.ts).
 *
 * A field is addressed by its path of property names from the form's root; `'[]'` steps into the
 * row of a repeating group: `['visitors', '[]', 'body']`. `[]` is the form itself.
 */
export type FieldPath = readonly string[];

export type FormEditCode = 'badName' | 'nameTaken' | 'noField' | 'notContainer' | 'inBlock';

/** Why an edit was refused, zh-CN and English; `{name}` / `{path}` are filled from `vars`. */
export const FORM_EDIT_MESSAGES: Record<FormEditCode, { zh: string; en: string }> = {
  badName: { zh: '字段名“{name}”不合规：英文字母开头，只含字母、数字和下划线。', en: 'The field name “{name}” is not valid: letters, digits and underscores, starting with a letter.' },
  nameTaken: { zh: '这一组里已经有名为“{name}”的字段。', en: 'This section has a field named “{name}” already.' },
  noField: { zh: '找不到字段 {path}，可能已被修改。', en: 'There is no field {path}; it may have been changed.' },
  notContainer: { zh: '{path} 不是分组或重复组，不能放入字段。', en: '{path} is not a section or a repeating group; it cannot hold fields.' },
  inBlock: { zh: '{path} 来自共享模块，请在共享模块中修改，或先转为本表单字段。', en: '{path} comes from a shared block; change it in the block.' },
};

/** An edit the model refuses, with a code the builder shows as a message (`FORM_EDIT_MESSAGES`). */
export class FormEditError extends Error {
  constructor(readonly code: FormEditCode, readonly vars: Record<string, string> = {}) {
    super(FORM_EDIT_MESSAGES[code].en.replace(/\{(\w+)\}/g, (_, key: string) => vars[key] ?? ''));
    this.name = 'FormEditError';
  }
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const show = (path: FieldPath) => path.join('.') || '(form)';

interface Located {
  field: FieldModel;
  /** The section or branch whose `properties` declare the field. */
  holder: FieldModel;
  /** The section the field belongs to (the holder, or the section owning the holder's branch). */
  section: FieldModel;
  /** The show-if branch declaring it, if any. */
  part?: Extract<SectionPart, { kind: 'when' }> | { when: Condition; then: FieldModel };
}

function branchesOf(section: FieldModel): Array<Extract<SectionPart, { kind: 'when' }> | { when: Condition; then: FieldModel }> {
  const parts = (section.parts ?? []).filter((p): p is Extract<SectionPart, { kind: 'when' }> => p.kind === 'when');
  return section.when ? [...parts, section.when] : parts;
}

function findChild(section: FieldModel, name: string): Located | undefined {
  const own = section.fields?.find((f) => f.name === name);
  if (own) return { field: own, holder: section, section };
  for (const part of branchesOf(section)) {
    const field = part.then.fields?.find((f) => f.name === name);
    if (field) return { field, holder: part.then, section, part };
  }
  return undefined;
}

function fieldAtPath(root: FieldModel, path: FieldPath): FieldModel {
  let current = root;
  for (const [i, step] of path.entries()) {
    const next = step === '[]' ? current.item : findChild(current, step)?.field;
    if (!next) throw new FormEditError('noField', { path: show(path.slice(0, i + 1)) });
    current = next;
  }
  return current;
}

function locate(root: FieldModel, path: FieldPath): Located {
  if (path.length === 0 || path[path.length - 1] === '[]') throw new FormEditError('noField', { path: show(path) });
  const parent = fieldAtPath(root, path.slice(0, -1));
  const found = findChild(parent, path[path.length - 1]);
  if (!found) throw new FormEditError('noField', { path: show(path) });
  return found;
}

/** The section that holds the fields of the field at `path`: a section itself, or a repeating group's row. */
function containerAt(root: FieldModel, path: FieldPath): FieldModel {
  let field = fieldAtPath(root, path);
  if (field.item) field = field.item;
  if (field.block?.via === 'ref' && !field.fields) throw new FormEditError('inBlock', { path: show(path) });
  if (!field.fields) {
    const type = field.settings.type;
    if (type !== undefined && type !== 'object') throw new FormEditError('notContainer', { path: show(path) });
    field.fields = [];
  }
  return field;
}

function namesIn(section: FieldModel): string[] {
  return [...(section.fields ?? []), ...branchesOf(section).flatMap((part) => part.then.fields ?? [])].map((f) => f.name);
}

function uiAt(ui: UiNode, path: FieldPath, create: boolean): UiNode | undefined {
  let node = ui;
  for (const step of path) {
    const name = step === '[]' ? 'items' : step;
    let child = node.children.find((c) => c.name === name)?.node;
    if (!child) {
      if (!create) return undefined;
      child = { settings: {}, children: [], keys: [] };
      node.children.push({ name, node: child });
    }
    node = child;
  }
  return node;
}

/** The data path of a field in the examples: property names, `'[]'` for every row of a list. */
function forEachExampleObject(examples: unknown[] | undefined, path: FieldPath, visit: (holder: Record<string, unknown>) => void): void {
  const walk = (value: unknown, i: number) => {
    if (i === path.length) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) visit(value as Record<string, unknown>);
      return;
    }
    if (path[i] === '[]') {
      if (Array.isArray(value)) for (const row of value) walk(row, i + 1);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      walk((value as Record<string, unknown>)[path[i]], i + 1);
    }
  };
  for (const example of examples ?? []) walk(example, 0);
}

function lookupIn(model: FormModel): BlockLookup {
  return (name) => model.blocks?.find((block) => block.name === name);
}

function retype(model: FormModel, field: FieldModel, path: FieldPath): void {
  const lookup = lookupIn(model);
  if (field.block && !lookup(field.block.name)) return;
  field.type = fieldTypeOf(field, lookup, uiAt(model.ui, path, false));
}

function withoutName(list: string[] | undefined, name: string): string[] | undefined {
  return list?.filter((entry) => entry !== name);
}

function dropEmptyBranches(section: FieldModel): void {
  const empty = (then: FieldModel) => !(then.fields?.length) && !(then.required?.length) && Object.keys(then.rules).length === 0;
  if (section.parts) {
    section.parts = section.parts.filter((part) => part.kind !== 'when' || !empty(part.then));
    if (section.parts.length === 0) delete section.parts;
  }
  if (section.when && empty(section.when.then)) delete section.when;
}

function setRequiredIn(holder: FieldModel, name: string, required: boolean): void {
  const list = (holder.required ?? []).filter((entry) => entry !== name);
  if (required) list.push(name);
  if (list.length > 0 || holder.required) holder.required = list;
  if (list.length === 0 && holder.required && !holder.keys.includes('required')) delete holder.required;
}

const edit = (model: FormModel, change: (next: FormModel) => void): FormModel => {
  const next = structuredClone(model);
  change(next);
  return next;
};

/** Options of `addField`: where among the section's fields, required or not, and the field's widget. */
export interface AddFieldOptions {
  index?: number;
  required?: boolean;
  ui?: UiSettings;
}

/**
 * Adds a field to the section (or repeating group) at `parentPath`, at `index` of its fields (the
 * end by default) and at the same place in `ui:order`. A required field gets a sample value in the
 * examples, which must keep validating.
 * @example addField(model, ['visitors'], newField('idNumber', 'idNumber', { zh: '身份证号', en: 'ID number' }), { required: true })
 */
export function addField(model: FormModel, parentPath: FieldPath, field: FieldModel, options: AddFieldOptions = {}): FormModel {
  if (!FIELD_NAME.test(field.name)) throw new FormEditError('badName', { name: field.name });
  return edit(model, (next) => {
    const section = containerAt(next.root, parentPath);
    if (namesIn(section).includes(field.name)) throw new FormEditError('nameTaken', { name: field.name });
    const fields = section.fields!;
    const index = Math.max(0, Math.min(options.index ?? fields.length, fields.length));
    const before = fields[index]?.name;
    fields.splice(index, 0, structuredClone(field));
    const rowPath = fieldAtPath(next.root, parentPath).item ? [...parentPath, '[]'] : [...parentPath];
    const uiSettings = options.ui ?? UI_FOR_TYPE[field.type];
    if (uiSettings) Object.assign(uiAt(next.ui, [...rowPath, field.name], true)!.settings, structuredClone(uiSettings));
    const sectionUi = uiAt(next.ui, rowPath, false);
    const order = sectionUi?.settings['ui:order'];
    if (order) {
      const at = before !== undefined && order.includes(before) ? order.indexOf(before) : order.includes('*') ? order.indexOf('*') : order.length;
      order.splice(at, 0, field.name);
    }
    if (options.required) {
      setRequiredIn(section, field.name, true);
      forEachExampleObject(next.examples, rowPath, (holder) => {
        if (!(field.name in holder)) holder[field.name] = sampleValueOf(field);
      });
    }
  });
}

/** The names of the blocks `name` needs from `library` (itself and those it refers to), in the library's order. */
function blocksNeeded(name: string, library: SchemaNode): string[] {
  const needed = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')) {
          const ref = value.slice('#/$defs/'.length);
          if (!needed.has(ref) && ref in library) {
            needed.add(ref);
            visit(library[ref]);
          }
        } else visit(value);
      }
    }
  };
  visit({ $ref: `#/$defs/${name}` });
  return Object.keys(library).filter((key) => needed.has(key));
}

/**
 * Adds a field that reuses a block (`$ref: '#/$defs/<block>'`), labelled for this form. A form the
 * server stores carries the blocks it uses in its `$defs`: those the form lacks are copied from
 * `library` (the `$defs` of `_defs.json`), with the blocks they use.
 */
export function addBlockField(model: FormModel, parentPath: FieldPath, name: string, block: string, label?: Label, options: AddFieldOptions = {}, library?: SchemaNode): FormModel {
  let base = model;
  // A form without `$defs` gets them: the server keeps only references the form itself resolves.
  if (library && !model.blocks?.some((b) => b.name === block)) {
    if (!(block in library)) throw new FormEditError('noField', { path: `$defs/${block}` });
    const missing = blocksNeeded(block, library).filter((needed) => !model.blocks?.some((b) => b.name === needed));
    const parsed = parseBlocks(library);
    base = edit(model, (next) => { next.blocks = [...(next.blocks ?? []), ...parsed.filter((b) => missing.includes(b.name))]; });
  }
  const field: FieldModel = { name, type: 'unknown', block: { name: block, via: 'ref' }, settings: {}, rules: {}, keys: [] };
  if (label) field.label = { ...label };
  field.type = fieldTypeOf(field, lookupIn(base));
  return addField(base, parentPath, field, options);
}

function removeFrom(next: FormModel, path: FieldPath): { field: FieldModel; required: boolean; ui?: UiNode } {
  const found = locate(next.root, path);
  const name = found.field.name;
  const required = Boolean(found.holder.required?.includes(name));
  found.holder.fields = found.holder.fields!.filter((f) => f !== found.field);
  for (const holder of [found.section, ...branchesOf(found.section).map((part) => part.then)]) {
    if (holder.required?.includes(name)) holder.required = withoutName(holder.required, name);
  }
  dropEmptyBranches(found.section);
  const parentUi = uiAt(next.ui, path.slice(0, -1), false);
  let ui: UiNode | undefined;
  if (parentUi) {
    ui = parentUi.children.find((c) => c.name === name)?.node;
    parentUi.children = parentUi.children.filter((c) => c.name !== name);
    const settings = parentUi.settings;
    if (settings['ui:order']) settings['ui:order'] = withoutName(settings['ui:order'], name);
    for (const card of settings['ui:options']?.sections ?? []) card.fields = card.fields.filter((f) => f !== name);
  }
  forEachExampleObject(next.examples, path.slice(0, -1), (holder) => { delete holder[name]; });
  return { field: found.field, required, ui };
}

/** Removes a field wherever it is declared, with its required entry, its ui and its example values. */
export function removeField(model: FormModel, path: FieldPath): FormModel {
  return edit(model, (next) => { removeFrom(next, path); });
}

/**
 * Moves a field to `index` among the fields of the section at `toParentPath` (its own section by
 * default), in `properties` and in `ui:order`; it keeps its settings, ui and required flag.
 */
export function moveField(model: FormModel, path: FieldPath, index: number, toParentPath: FieldPath = path.slice(0, -1)): FormModel {
  const from = path.slice(0, -1);
  const sameSection = from.length === toParentPath.length && from.every((step, i) => step === toParentPath[i]);
  if (sameSection) {
    return edit(model, (next) => {
      const found = locate(next.root, path);
      const fields = found.holder.fields!;
      const at = fields.indexOf(found.field);
      fields.splice(at, 1);
      const to = Math.max(0, Math.min(index, fields.length));
      fields.splice(to, 0, found.field);
      const ui = uiAt(next.ui, from, false);
      const order = ui?.settings['ui:order'];
      if (order && order.includes(found.field.name)) {
        order.splice(order.indexOf(found.field.name), 1);
        const after = fields[to + 1]?.name;
        const place = after !== undefined && order.includes(after) ? order.indexOf(after) : order.includes('*') ? order.indexOf('*') : order.length;
        order.splice(place, 0, found.field.name);
      }
    });
  }
  let moved: { field: FieldModel; required: boolean; ui?: UiNode } | undefined;
  const removed = edit(model, (next) => { moved = removeFrom(next, path); });
  const added = addField(removed, toParentPath, moved!.field, { index, required: moved!.required, ui: moved!.ui?.settings });
  return added;
}

/** What `updateField` changes; a setting or rule given as `undefined` is removed, `null` removes messages or options. */
export interface FieldPatch {
  label?: Label;
  description?: Label | null;
  settings?: Partial<FieldSettings>;
  options?: ChoiceOptions | null;
  messages?: Record<string, string> | null;
  rules?: Partial<ProjectRules>;
}

/**
 * Changes a field's label, settings, choices, messages or the project's rules.
 * @example updateField(model, ['remarks'], { settings: { maxLength: 500 }, messages: { maxLength: '备注最多 500 字' } })
 */
export function updateField(model: FormModel, path: FieldPath, patch: FieldPatch): FormModel {
  return edit(model, (next) => {
    const field = path.length === 0 ? next.root : path.at(-1) === '[]' ? fieldAtPath(next.root, path) : locate(next.root, path).field;
    if (patch.label) field.label = { ...patch.label };
    if (patch.description === null) delete field.description;
    else if (patch.description) field.description = { ...patch.description };
    const assign = (target: Record<string, unknown>, values: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) delete target[key];
        else target[key] = structuredClone(value);
      }
    };
    if (patch.settings) assign(field.settings as Record<string, unknown>, patch.settings);
    if (patch.rules) assign(field.rules as Record<string, unknown>, patch.rules);
    if (patch.options === null) delete field.options;
    else if (patch.options) field.options = structuredClone(patch.options);
    if (patch.messages === null) delete field.messages;
    else if (patch.messages) field.messages = { ...patch.messages };
    retype(next, field, path);
  });
}

function renameInRules(rules: ProjectRules, from: string, to: string): ProjectRules {
  const swap = (value: unknown): unknown => {
    if (value === from) return to;
    if (Array.isArray(value)) return value.map(swap);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
    return value;
  };
  return swap(rules) as ProjectRules;
}

/** Renames a field: its property, required entries, ui, example values, and the conditions and rules of its section that name it. */
export function renameField(model: FormModel, path: FieldPath, name: string): FormModel {
  if (!FIELD_NAME.test(name)) throw new FormEditError('badName', { name });
  const from = path.at(-1)!;
  if (from === name) return model;
  return edit(model, (next) => {
    const found = locate(next.root, path);
    if (namesIn(found.section).includes(name)) throw new FormEditError('nameTaken', { name });
    found.field.name = name;
    const section = found.section;
    for (const holder of [section, ...branchesOf(section).map((part) => part.then)]) {
      if (holder.required) holder.required = holder.required.map((r) => (r === from ? name : r));
      holder.rules = renameInRules(holder.rules, from, name);
    }
    for (const part of section.parts ?? []) if (part.kind === 'when') part.when = renameInCondition(part.when, from, name);
    if (section.when) section.when.when = renameInCondition(section.when.when, from, name);
    const parentUi = uiAt(next.ui, path.slice(0, -1), false);
    if (parentUi) {
      for (const child of parentUi.children) if (child.name === from) child.name = name;
      const settings = parentUi.settings;
      if (settings['ui:order']) settings['ui:order'] = settings['ui:order'].map((entry) => (entry === from ? name : entry));
      for (const card of settings['ui:options']?.sections ?? []) card.fields = card.fields.map((f) => (f === from ? name : f));
    }
    forEachExampleObject(next.examples, path.slice(0, -1), (holder) => {
      if (!(from in holder)) return;
      const entries = Object.entries(holder).map(([key, value]) => [key === from ? name : key, value] as const);
      for (const key of Object.keys(holder)) delete holder[key];
      Object.assign(holder, Object.fromEntries(entries));
    });
  });
}

/** Gives a field another palette type: the new type's settings, the same name, label, description and required flag. */
export function setFieldType(model: FormModel, path: FieldPath, type: Exclude<FieldTypeId, 'unknown'>): FormModel {
  return edit(model, (next) => {
    const found = locate(next.root, path);
    const fresh = newField(type, found.field.name, found.field.label ?? {});
    if (found.field.description) fresh.description = found.field.description;
    const fields = found.holder.fields!;
    fields[fields.indexOf(found.field)] = fresh;
    const ui = uiAt(next.ui, path, false);
    if (ui) for (const key of ['ui:widget', 'ui:field'] as const) delete ui.settings[key];
    if (UI_FOR_TYPE[type]) Object.assign(uiAt(next.ui, path, true)!.settings, UI_FOR_TYPE[type]);
    forEachExampleObject(next.examples, path.slice(0, -1), (holder) => {
      if (found.field.name in holder) holder[found.field.name] = sampleValueOf(fresh);
    });
  });
}

/** Makes a field required or optional (in its branch when it is shown only under a condition). */
export function setRequired(model: FormModel, path: FieldPath, required: boolean): FormModel {
  return edit(model, (next) => {
    const found = locate(next.root, path);
    setRequiredIn(found.holder, found.field.name, required);
    if (required && !found.part) {
      forEachExampleObject(next.examples, path.slice(0, -1), (holder) => {
        if (!(found.field.name in holder)) holder[found.field.name] = sampleValueOf(found.field);
      });
    }
  });
}

function branchFor(section: FieldModel, when: Condition): FieldModel {
  const key = JSON.stringify(writeCondition(when));
  const existing = branchesOf(section).find((part) => JSON.stringify(writeCondition(part.when)) === key);
  if (existing) return existing.then;
  const then: FieldModel = { name: '', type: 'section', settings: { type: 'object' }, rules: {}, fields: [], required: [], keys: ['type', 'required', 'properties'] };
  section.parts = [...(section.parts ?? []), { kind: 'when', when: structuredClone(when), then, keys: ['if', 'then'] }];
  return then;
}

/**
 * Shows a field only while `when` holds (null: always). The field moves into the section's branch for
 * that condition (`allOf: [{ if, then }]`), required there if it was required; a hidden field's value
 * is dropped by the server before it validates.
 */
export function setShowIf(model: FormModel, path: FieldPath, when: Condition | null): FormModel {
  return edit(model, (next) => {
    const found = locate(next.root, path);
    const required = Boolean(found.holder.required?.includes(found.field.name));
    found.holder.fields = found.holder.fields!.filter((f) => f !== found.field);
    if (required) setRequiredIn(found.holder, found.field.name, false);
    const target = when ? branchFor(found.section, when) : found.section;
    target.fields = [...(target.fields ?? []), found.field];
    if (required) setRequiredIn(target, found.field.name, true);
    dropEmptyBranches(found.section);
    if (!when && required) {
      forEachExampleObject(next.examples, path.slice(0, -1), (holder) => {
        if (!(found.field.name in holder)) holder[found.field.name] = sampleValueOf(found.field);
      });
    }
  });
}

/** Makes a field required only while `when` holds (null: removes every such rule of the field). */
export function setRequiredIf(model: FormModel, path: FieldPath, when: Condition | null): FormModel {
  return edit(model, (next) => {
    const found = locate(next.root, path);
    const name = found.field.name;
    for (const part of branchesOf(found.section)) {
      if (part.then !== found.holder && part.then.required?.includes(name)) part.then.required = withoutName(part.then.required, name);
    }
    if (when) setRequiredIn(branchFor(found.section, when), name, true);
    dropEmptyBranches(found.section);
  });
}

/**
 * Sets a rule on the rows of a repeating group: at least one row must match `contains` ("any
 * member is …"), with the Chinese message shown when none does.
 * @example addRowRule(model, ['visitors'], { kind: 'all', objectType: true, tests: [{ field: 'body', op: 'equals', value: '村两委' }] }, '至少一名村两委成员')
 */
export function addRowRule(model: FormModel, path: FieldPath, contains: Condition, message?: string): FormModel {
  return edit(model, (next) => {
    const field = locate(next.root, path).field;
    if (!field.item && field.settings.type !== 'array') throw new FormEditError('notContainer', { path: show(path) });
    const part: SectionPart = message === undefined
      ? { kind: 'rowRule', contains: structuredClone(contains), keys: ['contains'] }
      : { kind: 'rowRule', contains: structuredClone(contains), messages: { contains: message }, keys: ['contains', 'errorMessage'] };
    field.parts = [...(field.parts ?? []), part];
  });
}

/** Removes the `index`-th row rule of a repeating group. */
export function removeRowRule(model: FormModel, path: FieldPath, index: number): FormModel {
  return edit(model, (next) => {
    const field = locate(next.root, path).field;
    const rules = (field.parts ?? []).filter((p) => p.kind === 'rowRule');
    field.parts = (field.parts ?? []).filter((p) => p !== rules[index]);
    if (field.parts.length === 0) delete field.parts;
  });
}

/** Changes the uiSchema of a field (widget, help, sections…); a key given as `undefined` is removed. */
export function setFieldUi(model: FormModel, path: FieldPath, patch: Partial<UiSettings>): FormModel {
  return edit(model, (next) => {
    const settings = uiAt(next.ui, path, true)!.settings as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete settings[key];
      else settings[key] = structuredClone(value);
    }
  });
}

/** Replaces the form's example data (the preview shows it; the server checks it validates). */
export function setExamples(model: FormModel, examples: unknown[]): FormModel {
  return edit(model, (next) => { next.examples = structuredClone(examples); });
}

/** The field at a path (the form's root for `[]`), for reading. */
export function getField(model: FormModel, path: FieldPath): FieldModel {
  return fieldAtPath(model.root, path);
}

/** The ui settings of the field at a path (empty when it has none). */
export function getFieldUi(model: FormModel, path: FieldPath): UiSettings {
  return uiAt(model.ui, path, false)?.settings ?? {};
}

/**
 * Replaces the field at `path` (`[]`: the form's root) by what `make` returns for a copy of it;
 * the field keeps its place, its required entry and its ui.
 */
export function replaceField(model: FormModel, path: FieldPath, make: (field: FieldModel, model: FormModel) => FieldModel): FormModel {
  return edit(model, (next) => {
    if (path.length === 0) {
      next.root = make(next.root, next);
      return;
    }
    if (path.at(-1) === '[]') {
      const list = fieldAtPath(next.root, path.slice(0, -1));
      list.item = make(list.item!, next);
      return;
    }
    const found = locate(next.root, path);
    const fields = found.holder.fields!;
    fields[fields.indexOf(found.field)] = make(found.field, next);
  });
}
