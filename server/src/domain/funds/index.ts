export { bookConfiguredFunds, configuredCountyFunds, postInterestSubsidy, recordFundReceipt } from './fund-ledger.writer';
export type { ConfiguredFund, FundReceiptInput, InterestSubsidyInput } from './fund-ledger.writer';
export { fundReport } from './fund-report.query';
export { postDueInterestSubsidies } from './interest-subsidies';
