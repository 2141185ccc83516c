import { computeNetIncome, computePerCapitaIncome, idCardBirthDate, idCardSex, type HouseholdIncome } from '@shared/forms';
import { COMPUTED_KEYWORD, fillComputed } from './computeValue';
import { isNode, resolveSchema as resolve, type Node } from './resolveSchema';

type Visit = (schema: Node, data: Node) => void;

/** Visits every object of the data together with its schema (properties and array items), innermost first. */
function walk(schemaNode: Node, data: unknown, root: Node, visit: Visit, depth = 0): void {
  if (depth > 12) return;
  const schema = resolve(schemaNode, root);
  if (Array.isArray(data) && isNode(schema.items)) {
    for (const item of data) walk(schema.items, item, root, visit, depth + 1);
    return;
  }
  if (!isNode(data)) return;
  // Children first: a parent's rule (the head from the 户主 member) reads what the children's rules filled.
  for (const [key, child] of Object.entries(isNode(schema.properties) ? schema.properties : {})) {
    if (isNode(child) && key in data) walk(child, data[key], root, visit, depth + 1);
  }
  visit(schema, data);
}

/** 家庭可支配收入 and 人均可支配收入 from the income items and the members, where the form has the `perCapitaIncome` rule. */
function fillIncome(schema: Node, data: Node): void {
  const config = schema.perCapitaIncome as { income?: string; householdSize?: string } | undefined;
  if (!config?.income || !config.householdSize || !isNode(data[config.income])) return;
  const income = data[config.income] as HouseholdIncome & Node;
  const sizeValue = data[config.householdSize];
  const size = Array.isArray(sizeValue) ? sizeValue.length : Number(sizeValue);
  income.netIncome = computeNetIncome(income);
  const perCapita = computePerCapitaIncome(income, size);
  if (perCapita !== undefined) income.perCapitaIncome = perCapita;
}

/** Birth date and sex from a valid ID number, where the form has the `idCardMatches` rule and they are still empty. */
function fillFromIdCard(schema: Node, data: Node): void {
  const config = schema.idCardMatches as { idNumber?: string; birthDate?: string; sex?: string } | undefined;
  const id = config?.idNumber ? data[config.idNumber] : undefined;
  if (typeof id !== 'string') return;
  const birthDate = idCardBirthDate(id);
  const sex = idCardSex(id);
  if (config?.birthDate && !data[config.birthDate] && birthDate) data[config.birthDate] = birthDate;
  if (config?.sex && !data[config.sex] && sex) data[config.sex] = sex;
}

/** The head's block from the member whose relation is 户主 (the first member is the 户主 until the clerk says otherwise), where the form has the `headIsMember` rule. */
function fillHead(schema: Node, data: Node): void {
  const config = schema.headIsMember as { head?: string; members?: string; relation?: string; value?: string; fields?: string[] } | undefined;
  if (!config?.head || !config.members || !config.relation || !config.value) return;
  const members = data[config.members];
  if (!Array.isArray(members) || members.length === 0) return;
  const first = members[0] as unknown;
  if (isNode(first) && first[config.relation] === undefined && !members.some((m) => isNode(m) && m[config.relation!] === config.value)) {
    first[config.relation] = config.value;
  }
  const member = members.find((m) => isNode(m) && m[config.relation!] === config.value) as Node | undefined;
  if (!member) return;
  const head = (isNode(data[config.head]) ? data[config.head] : (data[config.head] = {})) as Node;
  for (const field of config.fields ?? []) {
    if (member[field] === undefined) delete head[field];
    else head[field] = member[field];
  }
}

/**
 * Fills what the form's own rules can work out, so nobody types it twice or miscalculates it:
 * income totals, birth date and sex from the ID number, and the head of household from the 户主
 * member (typed once, in the members' list), and every computed field (`x-compute`). Returns the same object when
 * nothing changed, so callers can skip a re-render.
 */
export function deriveFields<T>(schema: Node, data: T): T {
  if (!isNode(data)) return data;
  const copy = structuredClone(data) as Node;
  walk(schema, copy, schema, (node, value) => {
    fillHead(node, value);
    fillIncome(node, value);
    fillFromIdCard(node, value);
    fillComputed(node, value, copy);
  });
  return JSON.stringify(copy) === JSON.stringify(data) ? data : (copy as T);
}

/** The uiSchema with the computed fields read-only (income totals, the head copied from the 户主 member): they follow other fields, not the keyboard. */
export function markComputedReadonly(schema: Node, uiSchema: Node = {}): Node {
  const result: Node = structuredClone(uiSchema);
  const mark = (schemaNode: Node, ui: Node, depth: number) => {
    if (depth > 6) return;
    const resolved = resolve(schemaNode, schema);
    const config = resolved.perCapitaIncome as { income?: string } | undefined;
    if (config?.income) {
      const incomeUi = (ui[config.income] ??= {}) as Node;
      for (const field of ['netIncome', 'perCapitaIncome']) incomeUi[field] = { ...(incomeUi[field] as Node), 'ui:readonly': true };
    }
    const head = resolved.headIsMember as { head?: string; fields?: string[] } | undefined;
    if (head?.head) {
      const headUi = (ui[head.head] ??= {}) as Node;
      for (const field of head.fields ?? []) headUi[field] = { ...(headUi[field] as Node), 'ui:readonly': true };
    }
    for (const [key, child] of Object.entries(isNode(resolved.properties) ? resolved.properties : {})) {
      if (!isNode(child)) continue;
      const childUi = (ui[key] ??= {}) as Node;
      if (resolve(child, schema)[COMPUTED_KEYWORD] !== undefined) childUi['ui:readonly'] = true;
      const items = resolve(child, schema).items;
      // Inside a repeating group the ui of each row lives under `items`.
      if (isNode(items)) mark(items, (childUi.items ??= {}) as Node, depth + 1);
      else mark(child, childUi, depth + 1);
    }
  };
  mark(schema, result, 0);
  return result;
}
