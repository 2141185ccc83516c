import type { FieldModel, FormModel, UiNode } from './formModel';
import { parseFormModel } from './formModelRead';
import { writeFormModel } from './formModelWrite';

/** A field the builder cannot show as settings: its path and what it cannot show. */
export interface JsonOnlyField {
  path: string;
  why: string;
}

/** Every field of a model with its dotted path (rows of a list as `members[]`, branches in place). */
export function walkFields(field: FieldModel, visit: (field: FieldModel, path: string) => void, path = ''): void {
  const child = (name: string) => (path && name ? `${path}.${name}` : path || name);
  for (const f of field.fields ?? []) {
    const at = child(f.name);
    visit(f, at);
    walkFields(f, visit, at);
  }
  if (field.item) {
    const at = `${path}[]`;
    visit(field.item, at);
    walkFields(field.item, visit, at);
  }
  for (const part of field.parts ?? []) if (part.kind === 'when') walkFields(part.then, visit, path);
  if (field.when) walkFields(field.when.then, visit, path);
}

function uiProblems(ui: UiNode, path: string, out: JsonOnlyField[]) {
  if (ui.extra) out.push({ path: `ui:${path}`, why: `uiSchema keys ${Object.keys(ui.extra).join(', ')}` });
  for (const child of ui.children) uiProblems(child.node, path ? `${path}.${child.name}` : child.name, out);
}

/** The fields of a form that only its JSON can change (unknown type or keywords the model does not read). */
export function findJsonOnlyFields(model: FormModel): JsonOnlyField[] {
  const out: JsonOnlyField[] = [];
  const check = (field: FieldModel, path: string) => {
    if (field.extra) out.push({ path, why: `keywords ${Object.keys(field.extra).join(', ')}` });
    else if (field.type === 'unknown') out.push({ path, why: 'unknown type' });
  };
  if (model.root.extra) out.push({ path: '(form)', why: `keywords ${Object.keys(model.root.extra).join(', ')}` });
  walkFields(model.root, check);
  for (const block of model.blocks ?? []) {
    check(block, `$defs/${block.name}`);
    walkFields(block, check, `$defs/${block.name}`);
  }
  uiProblems(model.ui, '', out);
  return out;
}

/** What `npm run forms:coverage` reports for one form. */
export interface FormCoverage {
  key: string;
  fields: number;
  jsonOnly: JsonOnlyField[];
  roundTrip: boolean;
}

/** Reads a form into the model and writes it back: fields, JSON-only fields, and whether the result is identical (key order too). */
export function formCoverage(key: string, parts: { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> }, sharedDefs: Record<string, unknown> = {}): FormCoverage {
  const model = parseFormModel(parts, sharedDefs);
  let fields = 0;
  walkFields(model.root, () => (fields += 1));
  const written = writeFormModel(model);
  const roundTrip = JSON.stringify(written.schema) === JSON.stringify(parts.schema) && JSON.stringify(written.uiSchema) === JSON.stringify(parts.uiSchema ?? {});
  return { key, fields, jsonOnly: findJsonOnlyFields(model), roundTrip };
}

/** The last line of `npm run forms:coverage`. */
export function coverageLine(results: FormCoverage[]): string {
  const editable = results.filter((r) => r.jsonOnly.length === 0).length;
  const jsonOnly = results.reduce((sum, r) => sum + r.jsonOnly.length, 0);
  const roundTrip = results.filter((r) => r.roundTrip).length;
  return `builder: ${editable}/${results.length} forms fully editable, ${jsonOnly} JSON-only fields, round-trip ${roundTrip}/${results.length}`;
}
