import { uploadEvidence } from '../support/evidence-uploads';
import { exampleDataFor, exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { ACTOR_FOR_STATE } from '../support/household-flow';
import type { BrowserSuite } from './support';

const APPLICATION = 'household-identification.application';

/** A household head of 董源村 for a seeded case: a name and a valid ID number. */
export interface SeedHead {
  name: string;
  id: string;
}

/** A seeded case: its instance and 受理编号. */
export interface SeededCase {
  instanceId: string;
  receiptNo: string;
}

/** The application example with this head's name and ID number (members' numbers fresh). */
export function applicationOf(head: SeedHead) {
  const example = withFreshIdNumbers(exampleFor(APPLICATION));
  const text = JSON.stringify(example).split(example.household.head.idNumber).join(head.id).split(example.household.head.name).join(head.name);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Starts and submits a household application per head as 董源村's clerk, then completes the
 * outcomes given (each with its form's example and its evidence files uploaded, by the demo user of
 * the step), through the runtime.
 */
export async function seedCases(suite: BrowserSuite, heads: SeedHead[], outcomes: string[] = []): Promise<Map<string, SeededCase>> {
  const { services } = suite.app;
  const clerk = await services.actor('cun-dongyuan');
  const seeded = new Map<string, SeededCase>();
  for (const head of heads) {
    const started = await services.runtime.startInstance({ definitionKey: 'household-identification', actor: clerk });
    await services.runtime.completeTask({ taskId: started.openedTasks[0].id, outcome: 'SUBMIT', actor: clerk, data: applicationOf(head), comment: '' });
    const { rows } = await services.db.pool.query('SELECT receipt_no FROM instances WHERE id = $1', [started.instanceId]);
    seeded.set(head.name, { instanceId: started.instanceId, receiptNo: rows[0].receipt_no });
  }
  for (const outcome of outcomes) {
    for (const { instanceId } of seeded.values()) {
      const { rows } = await services.db.pool.query(`SELECT id, state, form_key FROM tasks WHERE instance_id = $1 AND status IN ('open', 'claimed')`, [instanceId]);
      const task = rows[0] as { id: string; state: string; form_key: string };
      const actor = await services.actor(ACTOR_FOR_STATE[task.state]);
      const data = await uploadEvidence(task.form_key, exampleDataFor(task.form_key), { services, actor, instanceId });
      await services.runtime.completeTask({ taskId: task.id, outcome, actor, data, comment: '同意' });
    }
  }
  return seeded;
}
