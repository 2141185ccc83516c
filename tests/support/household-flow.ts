import type { TestServices } from './test-services';
import { uploadEvidence } from './evidence-uploads';
import { exampleDataFor } from './form-examples';

/** The one open task of an instance (fails loudly when there is not exactly one). */
export async function openTask(services: TestServices, instanceId: string) {
  const { rows } = await services.db.pool.query(
    `SELECT id, state, form_key, candidate_roles, org_unit_id FROM tasks WHERE instance_id = $1 AND status IN ('open', 'claimed')`, [instanceId]);
  if (rows.length !== 1) throw new Error(`expected one open task for ${instanceId}, found ${rows.length}: ${rows.map((r) => r.state).join(', ')}`);
  return rows[0] as { id: string; state: string; form_key: string };
}

/** Who completes each household-identification state in the demo data. */
export const ACTOR_FOR_STATE: Record<string, string> = {
  application: 'cun-dongyuan', verification: 'cun-dongyuan', villagerAppraisal: 'cun-dongyuan', 'publicNotice.posting': 'cun-dongyuan',
  objectionReview: 'zhen-huacheng', preliminaryOpinion: 'cun-dongyuan', townReview: 'zhen-huacheng', countyApproval: 'xian',
};

/** Completes the instance's open task with an outcome, using the form's example data (its files uploaded by the actor first). */
export async function act(services: TestServices, instanceId: string, outcome: string, extra: { comment?: string; data?: unknown } = {}) {
  const task = await openTask(services, instanceId);
  const actor = await services.actor(ACTOR_FOR_STATE[task.state]);
  const data = await uploadEvidence(task.form_key, extra.data ?? exampleDataFor(task.form_key), { services, actor, instanceId });
  return services.runtime.completeTask({ taskId: task.id, outcome, actor, data, comment: extra.comment ?? '同意' });
}

export async function startApplication(services: TestServices) {
  const clerk = await services.actor('cun-dongyuan');
  return services.runtime.startInstance({ definitionKey: 'household-identification', actor: clerk });
}

export async function instanceRow(services: TestServices, instanceId: string) {
  const { rows } = await services.db.pool.query('SELECT state, status, version, data FROM instances WHERE id = $1', [instanceId]);
  return rows[0];
}
