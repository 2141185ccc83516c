import { resolveLocalRef } from './local-ref';

/**
 * The schema keyword that marks an address block whose 乡镇 / 行政村 / 村民小组 are names of org
 * units (`"x-org-address": true` on the object with `town`, `village`, `group`). The server checks
 * such a block against the org tree and the unit the case is filed under, whatever widget the
 * browser shows for it.
 */
export const ORG_ADDRESS_KEYWORD = 'x-org-address';

/** The address fields, from the top of the tree down, with the org level each names. */
export const ORG_ADDRESS_LEVELS = [
  { field: 'town', level: 'town', zh: '乡镇', en: 'town' },
  { field: 'village', level: 'village', zh: '行政村', en: 'village' },
  { field: 'group', level: 'group', zh: '村民小组', en: "villagers' group" },
] as const;

/** One marked address block in submitted data, with the JSON pointer of the object. */
export interface OrgAddressValue {
  pointer: string;
  town?: string;
  village?: string;
  group?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** A schema node with everything it is combined with (`$ref`, `allOf`, `anyOf`, `oneOf`, `then`, `else`). */
function branchesOf(root: Json, node: Json, seen = new Set<Json>()): Json[] {
  if (seen.has(node)) return [];
  seen.add(node);
  const out: Json[] = [node];
  if (typeof node.$ref === 'string') {
    const target = resolveLocalRef(root, node.$ref);
    if (target) out.push(...branchesOf(root, target, seen));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[key];
    if (Array.isArray(list)) for (const child of list) if (isObject(child)) out.push(...branchesOf(root, child, seen));
  }
  for (const key of ['then', 'else']) {
    const child = node[key];
    if (isObject(child)) out.push(...branchesOf(root, child, seen));
  }
  return out;
}

const marking = new WeakMap<object, boolean>();

/**
 * Whether the schema marks any block `x-org-address`, found once per schema object (a form
 * version's schema does not change): a form without one is not walked at each submission.
 */
function marksOrgAddress(schema: Json): boolean {
  let marks = marking.get(schema);
  if (marks === undefined) {
    const seen = new Set<object>();
    const find = (node: unknown): boolean => {
      if (node === null || typeof node !== 'object' || seen.has(node)) return false;
      seen.add(node);
      if (!Array.isArray(node) && (node as Json)[ORG_ADDRESS_KEYWORD] === true) return true;
      return Object.values(node).some(find);
    };
    marks = find(schema);
    marking.set(schema, marks);
  }
  return marks;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Every address block in `data` that the form's schema marks `x-org-address`, with its pointer, in
 * document order. Walks the data along the schema, so only blocks the submission holds are named.
 * @example collectOrgAddresses(applicationSchema, data) // [{ pointer: '/household/address', town: '华城镇', village: '董源村', group: '第三村民小组' }]
 */
export function collectOrgAddresses(schema: unknown, data: unknown): OrgAddressValue[] {
  const out: OrgAddressValue[] = [];
  if (!isObject(schema) || !marksOrgAddress(schema)) return out;
  const root = schema;
  const visit = (nodes: Json[], value: unknown, pointer: string, depth: number): void => {
    if (nodes.length === 0 || depth > 16 || value === null || typeof value !== 'object') return;
    const branches = nodes.flatMap((node) => branchesOf(root, node));
    if (isObject(value) && branches.some((b) => b[ORG_ADDRESS_KEYWORD] === true)) {
      out.push({ pointer, town: text(value.town), village: text(value.village), group: text(value.group) });
      return;
    }
    if (Array.isArray(value)) {
      const items = branches.map((b) => b.items).filter(isObject);
      value.forEach((item, i) => visit(items, item, `${pointer}/${i}`, depth + 1));
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const declared = branches.map((b) => (isObject(b.properties) ? b.properties[key] : undefined)).filter(isObject);
      visit(declared, child, `${pointer}/${escapePointer(key)}`, depth + 1);
    }
  };
  visit([root], data, '', 0);
  return out;
}
