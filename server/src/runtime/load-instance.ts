import { isUuid, NotFoundError } from '../kernel';
import { findInstanceForStep } from '../store/instances.repository';
import type { InstanceStepRow } from '../store/instances.repository';
import type { RuntimeDeps, TxClient } from './runtime-deps';

/** The instance a step starts from; NotFoundError when the tenant has none with that id. */
export async function loadInstanceForStep(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'snapshots'>, instanceId: string, tx?: TxClient): Promise<InstanceStepRow> {
  // A malformed id cannot name a row; PostgreSQL would reject the cast with an error, not "not found".
  if (!isUuid(instanceId)) throw new NotFoundError(`Instance ${instanceId} does not exist`);
  const instance = await findInstanceForStep(tx ?? deps.db.pool, deps.tenantId, instanceId, deps.snapshots?.recall(instanceId));
  if (!instance) throw new NotFoundError(`Instance ${instanceId} does not exist`);
  return instance;
}
