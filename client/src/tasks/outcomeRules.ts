import type { OutcomeView } from '../api';

/**
 * Return and reject need a written reason (DOMAIN.md: a rejected applicant gets it in writing).
 * Without a `kind`, every outcome but the first (the forward one) counts as such.
 */
export function needsComment(outcome: OutcomeView, index: number): boolean {
  return outcome.kind ? outcome.kind !== 'forward' : index > 0;
}

/** Only the forward outcome has to carry a complete form; a return may send back what is there. */
export function needsValidForm(outcome: OutcomeView, index: number): boolean {
  return !needsComment(outcome, index);
}
