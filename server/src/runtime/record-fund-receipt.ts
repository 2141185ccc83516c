import { LEDGER_ROLES, mayBookFunds } from '../auth/permissions';
import { recordFundReceipt } from '../domain/funds';
import type { FundReceiptInput } from '../domain/funds';
import { ForbiddenError } from '../kernel';
import type { Actor } from '../kernel';
import type { RuntimeDeps } from './runtime-deps';

/** 403 for an actor who does not book money into the county's fund ledger. */
export function assertMayBookFunds(actor: Actor, locale: 'zh-CN' | 'en'): void {
  if (!mayBookFunds(actor.roles)) {
    throw new ForbiddenError(locale === 'en' ? `Booking funds needs one of the roles ${LEDGER_ROLES.join(', ')}` : '只有县级审核员或管理员可以登记资金');
  }
}

/** Books money received from a source for a year into the ledger (county reviewers and admins). One transaction. */
export async function bookFundReceipt(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'clock' | 'ids'>,
  input: { receipt: FundReceiptInput; actor: Actor; locale: 'zh-CN' | 'en' }): Promise<{ id: string }> {
  assertMayBookFunds(input.actor, input.locale);
  return deps.db.transaction((tx) => recordFundReceipt(tx, deps.tenantId, input.receipt, () => deps.ids.uuid(), deps.clock.now()));
}
