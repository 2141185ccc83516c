import { ORG_ADDRESS_LEVELS } from '../../forms/org-address';
import type { OrgAddressValue } from '../../forms/org-address';
import { ValidationError } from '../../kernel';
import { findAddressUnits } from '../../store/org-units.repository';
import type { AddressUnitRow } from '../../store/org-units.repository';
import type { SqlClient } from '../../store/sql-client';

type FieldErrors = Record<string, string[]>;

/**
 * What is wrong with each address against the org tree, by field pointer: a level at or above the
 * case's unit must name that unit (a case of 董源村 is 华城镇 / 董源村); a level below it must name a
 * child of the unit above in the tree (a 村民小组 of that 行政村), unless the tree holds nothing
 * below that unit yet. `units` is {@link findAddressUnits}' answer for the case's path.
 */
export function orgAddressProblems(units: readonly AddressUnitRow[], casePath: string, addresses: readonly OrgAddressValue[], locale: 'zh-CN' | 'en' = 'zh-CN'): FieldErrors {
  const en = locale === 'en';
  const pathIds = casePath.split('/');
  const own = units.filter((u) => pathIds.includes(u.id));
  const root = own.find((u) => u.id === pathIds[0]);
  const problems: FieldErrors = {};
  for (const address of addresses) {
    let parent = root;
    for (const { field, level, zh, en: label } of ORG_ADDRESS_LEVELS) {
      const value = address[field];
      if (value === undefined || !parent) break;
      const fixed = own.find((u) => u.level === level);
      const pointer = `${address.pointer}/${field}`;
      if (fixed) {
        if (value !== fixed.name) {
          problems[pointer] = [en ? `The ${label} must be ${fixed.name}, where this case is filed` : `${zh}应为本案所属的${fixed.name}`];
          break;
        }
        parent = fixed;
        continue;
      }
      // The tree holds no units below this one yet (e.g. a village whose 村民小组 are not imported): any name is taken.
      if (!parent.hasChildren) break;
      const unit = units.find((u) => u.parentId === parent!.id && u.level === level && u.name === value);
      if (!unit) {
        problems[pointer] = [en ? `Choose a ${label} of ${parent.name} from the list` : `${zh}应为${parent.name}的${zh}，请从列表中选择`];
        break;
      }
      parent = unit;
    }
  }
  return problems;
}

/**
 * Before the step, with one read of the org tree: refuses (400, by field) any marked
 * address (`x-org-address`) that does not fit the unit the case is filed under. Field pointers are
 * the form's, prefixed by `pointerPrefix` (`/data` for start data).
 */
export async function checkOrgAddresses(tx: SqlClient, tenantId: string, input: {
  casePath: string; addresses: readonly OrgAddressValue[]; locale?: 'zh-CN' | 'en'; pointerPrefix?: string;
}): Promise<void> {
  if (input.addresses.length === 0) return;
  const names = input.addresses.flatMap((a) => [a.town, a.village, a.group]).filter((n): n is string => n !== undefined);
  const units = await findAddressUnits(tx, tenantId, input.casePath, names);
  const problems = orgAddressProblems(units, input.casePath, input.addresses, input.locale);
  if (Object.keys(problems).length === 0) return;
  const en = input.locale === 'en';
  throw new ValidationError(en ? 'The address does not fit the case\'s unit' : '地址与本案所属单位不符',
    Object.fromEntries(Object.entries(problems).map(([pointer, messages]) => [`${input.pointerPrefix ?? ''}${pointer}`, messages])));
}
