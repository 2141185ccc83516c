import type { OutcomeCheck } from './outcome-checks';
import type { HelpCardSpec } from './help-card-spec';
import type { PrefillSpec } from './prefill';
import type { SubjectSpec } from './subject';

/** Types of a workflow definition document (`workflows/*.json`). */

/** A label in the user's language; zh-CN first, English beside it. */
export interface Label {
  zh: string;
  en?: string;
}

/** Who acts on a task relative to the instance's org unit. */
/**
 * Where a task's unit is: the case's village, town or county, the case's own unit, or a county
 * department (`department:901` is 县住建局, the unit 441424901 under the county).
 */
export type TaskScope = 'village' | 'town' | 'county' | 'instance' | `department:${string}`;

/** Kind of outcome: the forward one is listed first; return and reject need a comment. */
export type OutcomeKind = 'forward' | 'return' | 'reject';

export interface TaskOutcome {
  event: string;
  label: Label;
  kind?: OutcomeKind;
  requiresComment?: boolean;
  /**
   * `shared`: a roster of this step may be completed at once with one form filled once (a town's
   * review of a village's roster). Without it, batch is offered only when the form needs no input.
   */
  batch?: 'shared';
  /**
   * What the submitted form must say for this outcome, by field (a dotted path in the form's data)
   * and the values allowed: `{ "conclusion": ["情况属实"] }` makes 核实通过 with any other conclusion
   * a 400 on that field, so an outcome never disagrees with the form's decision.
   */
  requires?: Record<string, unknown[]>;
  /** Rules the submission must meet, each with its field's message (engine/outcome-checks.ts). */
  checks?: OutcomeCheck[];
}

/** The human task a state opens while it is active (`meta.task`). */
export interface TaskSpec {
  form: string;
  roles: string[];
  scope: TaskScope;
  title: Label;
  /** ISO 8601 duration until the task is due, e.g. `P5D` or `P3D@workdays`. */
  dueIn?: string;
  outcomes: TaskOutcome[];
  /** What the form opens with, from earlier steps' data: form field path → JsonLogic over `{ data }` (engine/prefill.ts). */
  prefill?: PrefillSpec;
  /** The 帮扶记录卡 entry completing the task files for the case's household (engine/help-card-spec.ts). */
  helpCard?: HelpCardSpec;
}

/** Roles known to the product (DOMAIN.md, "Bodies and roles"). */
export const ROLES = [
  'village_clerk', 'village_work_team', 'town_reviewer', 'county_reviewer', 'inspector', 'auditor', 'admin',
  // A county department's officer (住建局, 教育局 …) and a 帮扶责任人 of a 帮扶单位: both bound to a department unit.
  'department_officer', 'helper',
] as const;
export type Role = (typeof ROLES)[number];

/** A workflow definition as stored: the XState machine config plus engine metadata. */
export interface DefinitionDocument {
  key: string;
  title: Label;
  description?: Label;
  /** Org level of the unit an instance belongs to (where it starts). */
  orgLevel?: 'village' | 'town' | 'county';
  /** Roles that may start an instance. */
  starterRoles?: string[];
  /**
   * Where the org tree is no secret for this process (an inspection case names the village it is
   * about): a start in an existing unit outside the starter's scope is refused with 403 and this
   * message instead of being answered as a missing unit (404).
   */
  startScopeMessage?: Label;
  /**
   * The form that `POST /api/instances { data }` is checked against; its data is kept as
   * `data.start`. Without one, an instance starts with no data (the first task collects it).
   */
  startForm?: string;
  /** Free configuration the definition's guards read as `settings.*` (e.g. variant switches). */
  settings?: Record<string, unknown>;
  /** Definition-wide metadata: `subject` says what a case is about (see engine/subject.ts). */
  meta?: { subject?: SubjectSpec; [key: string]: unknown };
  machine: MachineConfigJson;
}

/** The XState machine config as JSON (only the subset the engine accepts). */
export interface MachineConfigJson {
  id: string;
  initial?: string;
  type?: 'compound' | 'parallel';
  context?: Record<string, unknown>;
  states?: Record<string, StateConfigJson>;
  [key: string]: unknown;
}

export interface StateConfigJson {
  type?: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  initial?: string;
  states?: Record<string, StateConfigJson>;
  on?: Record<string, TransitionsJson>;
  after?: Record<string, TransitionsJson>;
  always?: TransitionsJson;
  entry?: ActionRefJson | ActionRefJson[];
  exit?: ActionRefJson | ActionRefJson[];
  meta?: { task?: TaskSpec; end?: EndSpec; [key: string]: unknown };
  description?: string;
  [key: string]: unknown;
}

/** How a case that ends in a final state (`meta.end`) has ended, as lists name it: 已识别建档, or 不予纳入 with `refused`. */
export interface EndSpec {
  title: Label;
  /** The case's request was refused (its tag reads as a refusal rather than as done). */
  refused?: boolean;
}

export interface TransitionJson {
  target?: string | string[];
  guard?: GuardRefJson;
  actions?: ActionRefJson | ActionRefJson[];
  reenter?: boolean;
  description?: string;
}

export type TransitionsJson = string | TransitionJson | Array<string | TransitionJson>;
export interface GuardRefJson {
  type: string;
  params?: Record<string, unknown>;
}
export interface ActionRefJson {
  type: string;
  params?: Record<string, unknown>;
}
