import sharedDefs from '../../../schemas/_defs.json';
import { DataView } from '../forms/DataView';

const { $defs } = sharedDefs as unknown as { $defs: Record<string, unknown> };

/**
 * A block of the household record (income, living conditions) labelled with the titles of the
 * shared form definitions in schemas/_defs.json, exactly as the application form asked for it.
 */
export function RecordDetails({ record, definition }: { record: Record<string, unknown>; definition: 'income' | 'livingConditions' }) {
  return <DataView schema={{ $defs, $ref: `#/$defs/${definition}` }} data={record} />;
}
