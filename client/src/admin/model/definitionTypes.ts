/** The parts of a definition document (`workflows/*.json`) the editor reads and writes. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface LabelJson {
  zh: string;
  en?: string;
}

/** Where a task is worked; `department:<code>` is a county department (`department:901` is 县住建局). */
export type TaskScope = 'village' | 'town' | 'county' | 'instance' | `department:${string}`;

export interface OutcomeJson {
  event: string;
  label: LabelJson;
  kind?: 'forward' | 'return' | 'reject';
  requiresComment?: boolean;
}

export interface TaskJson {
  form: string;
  roles: string[];
  scope: TaskScope;
  title: LabelJson;
  dueIn?: string;
  outcomes: OutcomeJson[];
}

export interface GuardJson {
  type: string;
  params?: Record<string, unknown>;
}

export interface TransitionJson {
  target?: string | string[];
  guard?: GuardJson;
  actions?: unknown;
  reenter?: boolean;
  description?: string;
  [key: string]: unknown;
}

export type TransitionsJson = string | TransitionJson | Array<string | TransitionJson>;

export interface StateJson {
  type?: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  initial?: string;
  states?: Record<string, StateJson>;
  on?: Record<string, TransitionsJson>;
  after?: Record<string, TransitionsJson>;
  always?: TransitionsJson;
  entry?: unknown;
  exit?: unknown;
  meta?: { task?: TaskJson; [key: string]: unknown };
  description?: string;
  [key: string]: unknown;
}

export interface MachineJson extends StateJson {
  id: string;
}

export interface DocumentJson {
  key: string;
  title: LabelJson | string;
  description?: LabelJson;
  orgLevel?: string;
  starterRoles?: string[];
  settings?: Record<string, unknown>;
  machine: MachineJson;
  [key: string]: unknown;
}

/** Roles known to the product (server/src/engine/definition.ts `ROLES`). */
export const ROLES = ['village_clerk', 'village_work_team', 'town_reviewer', 'county_reviewer', 'inspector', 'auditor', 'admin', 'department_officer', 'helper'] as const;

export const TASK_SCOPES = ['village', 'town', 'county', 'instance'] as const satisfies readonly TaskScope[];

/** A change the editor refuses, with a code the page turns into a sentence in the user's language. */
export class EditError extends Error {
  constructor(
    readonly code: 'badName' | 'stateExists' | 'noState' | 'noTransition' | 'badEvent' | 'badDelay' | 'noTarget' | 'lastState',
    readonly vars: Record<string, string> = {},
  ) {
    super(`${code} ${JSON.stringify(vars)}`);
    this.name = 'EditError';
  }
}
