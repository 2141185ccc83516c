import type { OrgUnit } from '@shared/contract';
import { useEffect, useMemo, useState } from 'react';
import { getUiOptions, type FieldProps, type RJSFSchema, type UiSchema } from '@rjsf/utils';
import { listOrgUnits } from '../api/adminUsers';
import { useSession } from '../session/useSession';
import { isNode, type Node } from './resolveSchema';

/** Children of an org unit, asked once per page load (the tree changes rarely and holds no personal data). */
const childrenCache = new Map<string, Promise<OrgUnit[]>>();
function childrenOf(parentId: string): Promise<OrgUnit[]> {
  let entry = childrenCache.get(parentId);
  if (!entry) {
    entry = listOrgUnits(parentId);
    entry.catch(() => childrenCache.delete(parentId));
    childrenCache.set(parentId, entry);
  }
  return entry;
}

/** One picker per tree level: the units it offers and whether the user's own unit fixes it. */
interface Level {
  field: string;
  units: OrgUnit[] | undefined;
  fixed: boolean;
}

/**
 * `"ui:field": "orgUnits"` on an address object: its fields (`ui:options.orgFields`, by default
 * town, village, group) are picked from the org tree, one level each below the county, no free
 * text. A level at or above the user's own unit is fixed to it and filled in (a clerk of 董源村
 * sees 华城镇 and 董源村 already chosen); below it the choices are the children of the unit picked
 * above (村民小组 appear as soon as the tree has them; a level the tree does not hold yet stays a
 * text field). Offline, when the tree cannot be read, the fields are the schema's own (the town a
 * choice, the village typed) rather than a form that cannot be filled. The validator still checks
 * the values against the schema.
 */
export function OrgUnitFields(props: FieldProps) {
  const { registry, uiSchema, schema, formData, onChange, fieldPathId } = props;
  const { user } = useSession();
  const fields = useMemo(() => {
    const option = getUiOptions(uiSchema).orgFields;
    return Array.isArray(option) ? option.map(String) : ['town', 'village', 'group'];
  }, [uiSchema]);
  const path = (user?.orgPath ?? '').split('/').filter(Boolean);
  const county = path[0];
  const own = path.slice(1);
  const value = (isNode(formData) ? formData : {}) as Record<string, unknown>;
  // Children by parent id; null when the tree could not be read (offline): the fields are then the schema's own.
  const [loaded, setLoaded] = useState<Record<string, OrgUnit[] | null>>({});

  // Which unit each level's choices hang from: the county, then the unit chosen (or fixed) above.
  const levels: Level[] = [];
  const wanted: string[] = [];
  let parentId: string | undefined = county;
  for (const [i, field] of fields.entries()) {
    if (!parentId) break;
    const answer: OrgUnit[] | null | undefined = loaded[parentId];
    if (answer === null) break;
    const units: OrgUnit[] | undefined = answer;
    if (!units) wanted.push(parentId);
    const fixedUnit = own[i] ? units?.find((unit) => unit.id === own[i]) : undefined;
    levels.push({ field, units: fixedUnit ? [fixedUnit] : units, fixed: Boolean(fixedUnit) || (Boolean(own[i]) && !units) });
    parentId = own[i] ?? units?.find((unit) => unit.name === value[field])?.id;
  }
  const wantedKey = wanted.join('|');

  useEffect(() => {
    if (!wantedKey) return;
    let alive = true;
    void Promise.all(wantedKey.split('|').map(async (id) => [id, await childrenOf(id).catch(() => null)] as const)).then((pairs) => {
      if (alive) setLoaded((before) => ({ ...before, ...Object.fromEntries(pairs) }));
    });
    return () => {
      alive = false;
    };
  }, [wantedKey]);

  // The user's own units are filled in; a choice that no longer fits the unit above is cleared.
  const corrected = { ...value };
  for (const level of levels) {
    const names = level.units?.map((unit) => unit.name);
    if (!names || names.length === 0) continue;
    if (level.fixed && names.length === 1) corrected[level.field] = names[0];
    else if (typeof corrected[level.field] === 'string' && !names.includes(corrected[level.field] as string)) delete corrected[level.field];
  }
  const correctedKey = JSON.stringify(corrected);
  const changed = correctedKey !== JSON.stringify(value);
  useEffect(() => {
    if (!changed) return;
    // Each corrected level at its own path: the form applies it onto its latest data, so a tree that
    // answers late never puts back an address (or anything else) from before what was typed since.
    const next = JSON.parse(correctedKey) as Record<string, unknown>;
    for (const field of fields) {
      if (next[field] !== value[field]) onChange(next[field], [...fieldPathId.path, field]);
    }
    // onChange is a new function on every render; the corrected value is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [changed, correctedKey]);

  const resolved = registry.schemaUtils.retrieveSchema(schema as RJSFSchema, value);
  const properties = { ...(isNode(resolved.properties) ? resolved.properties : {}) } as Record<string, Node>;
  // The tree's order (town, village, group), whatever order merging the schema's parts left the properties in.
  const ui: UiSchema = { 'ui:order': [...fields, '*'], ...uiSchema, 'ui:field': undefined };
  for (const level of levels) {
    const names = level.units?.map((unit) => unit.name);
    const property = properties[level.field];
    // The user's own level is never theirs to change, and a level waits for its choices before it takes input.
    if (level.fixed || !level.units) ui[level.field] = { ...(uiSchema?.[level.field] as object), 'ui:readonly': true };
    if (!names || names.length === 0 || !isNode(property)) continue;
    const narrowed: Node = { ...property };
    if (Array.isArray(narrowed.oneOf)) narrowed.oneOf = (narrowed.oneOf as Node[]).filter((branch) => names.includes(String(branch.const)));
    else {
      narrowed.enum = names;
      delete narrowed['x-enumNames-en'];
    }
    properties[level.field] = narrowed;
    ui[level.field] = { ...(uiSchema?.[level.field] as object), 'ui:widget': 'select', ...(level.fixed ? { 'ui:readonly': true } : {}) };
  }
  // Below a level still to be chosen from the tree, nothing can be picked yet.
  const last = levels[levels.length - 1];
  if (last?.units?.length) for (const field of fields.slice(levels.length)) ui[field] = { ...(uiSchema?.[field] as object), 'ui:readonly': true };
  const ObjectField = registry.fields.ObjectField;
  return <ObjectField {...props} schema={{ ...resolved, properties } as RJSFSchema} uiSchema={ui} formData={changed ? corrected : value} />;
}
