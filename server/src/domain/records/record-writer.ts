import type { PoolClient } from 'pg';
import type { ActionContext, ActionHandler } from '../../kernel';

/** Writes one domain record inside the step's transaction (`writeRecord { record, op }`); `fold`, where given, writes it in the step's statement. */
export type RecordWriter = ActionHandler<PoolClient>;

/** A writer that dispatches on `params.op`; an unknown op is a definition bug and names the known ones. */
export function byOperation(record: string, operations: Record<string, RecordWriter>): RecordWriter {
  return (client, params, context) => {
    const op = String(params.op ?? '');
    const write = operations[op];
    if (!write) {
      throw new Error(`writeRecord "${record}" has no op "${op}" (definition ${context.definitionKey}); known: ${Object.keys(operations).join(', ')}`);
    }
    return write(client, params, context);
  };
}

/** The data a task state recorded (`context.data[state]`), or an empty object. */
export function stepData(context: ActionContext, state: string): Record<string, unknown> {
  const value = context.data[state];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Fails the step when an update found no row: the record the workflow expects was never created. */
export function expectRow(rowCount: number | null, what: string, context: ActionContext): void {
  if (!rowCount) throw new Error(`${what} of instance ${context.instanceId} (${context.definitionKey}) does not exist; the workflow wrote it out of order`);
}

/** The registry row of a household by its head's ID number, locked for the step. */
export async function findHousehold(client: PoolClient, tenantId: string, headIdNumber: string): Promise<{ id: string; status: string } | undefined> {
  const { rows } = await client.query('SELECT id, status FROM households WHERE tenant_id = $1 AND head_id_number = $2 FOR UPDATE', [tenantId, headIdNumber]);
  return rows[0];
}

/** The value at `path` in schema-free step data (undefined where any part of the path is missing). */
export function valueAt(data: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), data);
}

/** The household head's ID number a form recorded at `household.head.idNumber`, or ''. */
export function headIdNumberOf(data: unknown): string {
  const value = valueAt(data, 'household', 'head', 'idNumber');
  return typeof value === 'string' ? value : '';
}
