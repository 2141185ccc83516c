import { blockUseOf, getField, getFieldUi, type Condition, type FieldModel, type FieldPath, type FormModel, type Label } from '../model';

/** A shared block of `_defs.json` as the tree names it. */
export interface BlockRef {
  name: string;
  label?: Label;
}

/** One field as the builder's tree shows it: where it is, whether it is required, when it shows. */
export interface TreeRow {
  field: FieldModel;
  path: string[];
  required: boolean;
  /** Shown only while this holds (the field is declared in a show-if branch). */
  showIf?: Condition;
  /** Required only while some condition holds. */
  requiredIf: boolean;
  /** The fields inside a section or a repeating group's row, in display order. */
  children?: TreeRow[];
  /** The field is a shared block (or a list of one): its children are the block's fields, read-only. */
  block?: BlockRef;
  /** The field belongs to this shared block: read-only in the form, changed in the block. */
  readOnlyIn?: BlockRef;
}

/** Types whose fields the tree opens (a reused block stays one row: it is changed as a block). */
const CONTAINERS = new Set(['section', 'group', 'dateRange', 'address']);

/** The section (or row of a repeating group) holding the fields of the field at `path`, and the path the model knows it by. */
export function containerOf(model: FormModel, path: FieldPath): { section: FieldModel; rowPath: string[] } {
  const field = getField(model, path);
  return field.item ? { section: field.item, rowPath: [...path, '[]'] } : { section: field, rowPath: [...path] };
}

/** True when the tree can open the field and the palette can put fields in it. */
export function isContainer(field: FieldModel): boolean {
  if (field.block?.via === 'ref') return false;
  // A section extending a block (an address block's 乡镇/行政村/村民小组) holds the block's fields even with none of its own.
  return CONTAINERS.has(field.type) && Boolean(field.fields ?? field.item?.fields ?? field.block?.via === 'allOf');
}

/**
 * The fields of the section at `path` in the order the form shows them (`ui:order`), those of its
 * show-if branches included with their condition, each container opened.
 */
export function sectionRows(model: FormModel, path: FieldPath = [], depth = 0): TreeRow[] {
  const { section, rowPath } = containerOf(model, path);
  const branches = [...(section.parts ?? []).flatMap((part) => (part.kind === 'when' ? [part] : [])), ...(section.when ? [section.when] : [])];
  const rows: TreeRow[] = [];
  const conditionalRequired = new Set(branches.flatMap((b) => b.then.required ?? []));
  const add = (field: FieldModel, holderRequired: string[] | undefined, showIf?: Condition) => {
    const fieldPath = [...rowPath, field.name];
    const row: TreeRow = { field, path: fieldPath, required: Boolean(holderRequired?.includes(field.name)), showIf, requiredIf: !showIf && conditionalRequired.has(field.name) };
    if (depth < 12 && isContainer(field)) row.children = sectionRows(model, fieldPath, depth + 1);
    const use = blockUseOf(field);
    if (use) {
      const block = model.blocks?.find((b) => b.name === use.name);
      row.block = { name: use.name, label: block?.label };
      const inside = block && depth < 12 && use.via !== 'allOf' ? blockRows(model, block, use.via === 'item' ? [...fieldPath, '[]'] : fieldPath, row.block, depth + 1) : [];
      if (inside.length) row.children = inside;
    }
    rows.push(row);
  };
  for (const field of section.fields ?? []) add(field, section.required);
  for (const branch of branches) for (const field of branch.then.fields ?? []) add(field, branch.then.required, branch.when);
  // A section extending a block (`allOf: [{ $ref }]`) shows the block's fields after its own, read-only.
  const extended = section.block?.via === 'allOf' ? model.blocks?.find((b) => b.name === section.block!.name) : undefined;
  if (extended && depth < 12) rows.push(...blockRows(model, extended, rowPath, { name: extended.name, label: extended.label }, depth + 1));
  const order = getFieldUi(model, rowPath)['ui:order'];
  if (!order) return rows;
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.includes('*') ? order.indexOf('*') : order.length);
  return rows.map((row, i) => ({ row, i })).sort((a, b) => rank(a.row.field.name) - rank(b.row.field.name) || a.i - b.i).map(({ row }) => row);
}

/** A name not yet used in the section: the type's own name, numbered (`text1`, `text2`…). */
export function freeName(rows: TreeRow[], base: string): string {
  const taken = new Set(rows.map((row) => row.field.name));
  for (let n = 1; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** The rows of a tree, depth first, for finding one by path. */
export function flattenRows(rows: TreeRow[]): TreeRow[] {
  return rows.flatMap((row) => [row, ...flattenRows(row.children ?? [])]);
}

/** Schema keywords that describe the same object as their parent: a field under them is in the parent's section. */
const SAME_SECTION = new Set(['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'not']);

/**
 * The tree row a pointer of the server's strict check names (`/schema/properties/members/items/properties/name`
 * → `members/[]/name`); `''` for the whole form, null for places outside the tree (a shared block's `$defs`, an example).
 * @example treeKeyOf('/schema/properties/visit/allOf/0/then/properties/note') // 'visit/note'
 */
export function treeKeyOf(pointer: string): string | null {
  if (pointer !== '/schema' && !pointer.startsWith('/schema/')) return null;
  const parts = pointer.split('/').slice(2).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === 'properties') path.push(parts[++i]);
    else if (part === 'items') path.push('[]');
    else if (SAME_SECTION.has(part)) {
      if (/^\d+$/.test(parts[i + 1] ?? '')) i++;
    } else return null;
  }
  // A field is the row itself, not its list's row.
  while (path.at(-1) === '[]') path.pop();
  return path.join('/');
}

/** The server's messages by tree row (see {@link treeKeyOf}); those it cannot place stay out. */
export function problemsByRow(fields: Record<string, string[]> | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [pointer, messages] of Object.entries(fields ?? {})) {
    const key = treeKeyOf(pointer);
    if (key !== null && key !== '') out.set(key, [...(out.get(key) ?? []), ...messages]);
  }
  return out;
}

/** The fields of a shared block under `path`, read-only, nested blocks and sections opened. */
export function blockRows(model: FormModel, block: FieldModel, path: string[], owner: BlockRef, depth: number): TreeRow[] {
  const section = block.item ?? block;
  const inner = block.item ? [...path, '[]'] : path;
  const branches = [...(section.parts ?? []).flatMap((part) => (part.kind === 'when' ? [part] : [])), ...(section.when ? [section.when] : [])];
  const fields = [...(section.fields ?? []).map((field) => ({ field, required: section.required, showIf: undefined as Condition | undefined })),
    ...branches.flatMap((b) => (b.then.fields ?? []).map((field) => ({ field, required: b.then.required, showIf: b.when })))];
  return fields.map(({ field, required, showIf }) => {
    const fieldPath = [...inner, field.name];
    const row: TreeRow = { field, path: fieldPath, required: Boolean(required?.includes(field.name)), showIf, requiredIf: false, readOnlyIn: owner };
    const use = blockUseOf(field);
    const nested = use ? model.blocks?.find((b) => b.name === use.name) : undefined;
    if (use) row.block = { name: use.name, label: nested?.label };
    if (depth < 12) {
      // A field of a block inside the block belongs to the nearest one: that is the block to change.
      // A section extending a block shows its own fields (this block's), then the extended block's.
      const own = field.fields || field.item?.fields ? blockRows(model, field, fieldPath, owner, depth + 1) : [];
      const inside = nested && use?.via !== 'allOf' ? blockRows(model, nested, use?.via === 'item' ? [...fieldPath, '[]'] : fieldPath, row.block!, depth + 1)
        : nested ? [...own, ...blockRows(model, nested, fieldPath, row.block!, depth + 1)] : own;
      if (inside.length) row.children = inside;
    }
    return row;
  });
}
