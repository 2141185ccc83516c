/**
 * Lint findings of a definition (`POST /api/definitions/:key/lint`, drafts, and a refused publish).
 * The engine's lint (engine/lint-definition.ts) produces these very types.
 */

/** What a lint issue is about; stable codes the editor keys its help on. */
export type LintCode =
  | 'unreachable_state' | 'dead_end' | 'task_without_outcomes' | 'unhandled_event' | 'missing_form' | 'missing_roles'
  | 'unknown_role' | 'guard_unknown_field' | 'bad_delay' | 'unknown_target' | 'unknown_guard' | 'unknown_action' | 'invalid_definition'
  | 'eventless_cycle' | 'outcome_may_disagree' | 'form_invalid' | 'help_card_unknown_field';

/** One finding: `path` is a JSON pointer into the document, `stateId` the dotted state it belongs to. */
export interface LintIssue {
  severity: 'error' | 'warning';
  code: LintCode;
  message: string;
  /** JSON pointer into the document, e.g. `/machine/states/notice/on/APPROVE`. */
  path: string;
  /** The dotted state id (`review.town`), when the issue belongs to a state. */
  stateId?: string;
  field?: string;
}

export interface LintResult {
  /** True when no issue is an error: the definition may be published. */
  ok: boolean;
  issues: LintIssue[];
}

/** A refused publish or simulation: the usual error body, with the lint issues beside `fields`. */
export interface LintFailedBody {
  error: { code: 'lint_failed'; message: string; fields?: Record<string, string[]>; issues: LintIssue[] };
}
