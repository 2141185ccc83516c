import { walkAlongSchema } from './walk-along-schema';

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

/** A block the form marks `x-org-address`. */
const isAddressBlock = (node: Json): boolean => node[ORG_ADDRESS_KEYWORD] === true;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Every address block in `data` that the form's schema marks `x-org-address`, with its pointer, in
 * document order. Walks the data along the schema, so only blocks the submission holds are named.
 * @example collectOrgAddresses(applicationSchema, data) // [{ pointer: '/household/address', town: '华城镇', village: '董源村', group: '第三村民小组' }]
 */
export function collectOrgAddresses(schema: unknown, data: unknown): OrgAddressValue[] {
  const out: OrgAddressValue[] = [];
  walkAlongSchema(schema, data, isAddressBlock, (_branches, value, pointer) => {
    if (isObject(value)) out.push({ pointer, town: text(value.town), village: text(value.village), group: text(value.group) });
  });
  return out;
}
