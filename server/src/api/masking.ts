/**
 * The masking rules live with the data in `domain/masking.ts`; the edge re-exports them for
 * callers that mask what they answer.
 */
export { maskBankAccount, maskIdNumber, maskName, maskPersonalData, maskPhone } from '../domain/masking';
export type { SensitiveFields } from '../domain/masking';
