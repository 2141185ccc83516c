import { postInterestSubsidy } from '../domain/funds';
import type { InterestSubsidyInput } from '../domain/funds';
import type { Actor } from '../kernel';
import { assertMayBookFunds } from './record-fund-receipt';
import type { RuntimeDeps } from './runtime-deps';

/**
 * Posts a micro-credit loan's interest subsidy (小额信贷贴息) against a fund source in the year it is
 * paid, by that year's rules (county reviewers and admins). One transaction.
 */
export async function postLoanInterestSubsidy(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'clock' | 'ids' | 'configForYear'>,
  input: { subsidy: InterestSubsidyInput; actor: Actor; locale: 'zh-CN' | 'en' }): Promise<{ id: string }> {
  assertMayBookFunds(input.actor, input.locale);
  const now = deps.clock.now();
  return deps.db.transaction((tx) => postInterestSubsidy(tx, {
    tenantId: deps.tenantId, actor: input.actor, input: input.subsidy, config: deps.configForYear(Number(input.subsidy.paidOn.slice(0, 4))), uuid: () => deps.ids.uuid(), now,
  }));
}
