/**
 * SQL condition: the case `instance` (an alias of `instances`) is about a household because a
 * section of its data names it, by its registry id (`householdId`, as the change, exit, relapse and
 * renovation forms do) or by its head's ID number (`household.head.idNumber`). `householdId` and
 * `headIdNumber` are SQL expressions (a parameter or a column). The household page and a helper's
 * inbox both read "the cases about a household" through it.
 */
export function caseNamesHousehold(instance: string, householdId: string, headIdNumber: string): string {
  return `EXISTS (
    SELECT 1 FROM jsonb_each(CASE WHEN jsonb_typeof(${instance}.data) = 'object' THEN ${instance}.data ELSE '{}'::jsonb END) s
    WHERE jsonb_typeof(s.value) = 'object' AND (s.value->>'householdId' = ${householdId} OR s.value #>> '{household,head,idNumber}' = ${headIdNumber}))`;
}
