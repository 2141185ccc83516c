/** Shapes of the HTTP contract (DESIGN.md, "Shapes the client and outside checks rely on"). */

/** A label from a definition: plain text, or zh/en side by side as the workflow JSON writes it. */
export type Text = string | { zh?: string; en?: string };

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnitId: string;
  orgUnitName: string;
}

export interface LoginAnswer {
  user: User;
  csrfToken: string;
}

export interface Outcome {
  event: string;
  label: Text;
  /** `forward` moves the case on; `return` and `reject` need a comment. */
  kind?: 'forward' | 'return' | 'reject';
}

export type TaskStatus = 'open' | 'claimed' | 'completed' | 'cancelled';

export interface Task {
  id: string;
  instanceId: string;
  definitionKey: string;
  definitionVersion: number;
  state: string;
  title: Text;
  formKey: string;
  outcomes: Outcome[];
  candidateRoles: string[];
  orgUnitId: string;
  orgUnitName?: string;
  /** Username of the claimant, null while unclaimed. */
  assignee: string | null;
  status: TaskStatus;
  dueAt: string | null;
  createdAt: string;
}

export interface TaskPage {
  items: Task[];
  total: number;
  page: number;
  pageSize: number;
  /** Open tasks per state id, for the filter chips. */
  counts: Record<string, number>;
}

export interface BatchResult {
  taskId: string;
  ok: boolean;
  status?: number;
  error?: { code: string; message: string };
}

/** XState's state value: `"verification"` or `{ publicNotice: "running" }`. */
export type StateValue = string | { [region: string]: StateValue };

export interface HistoryEvent {
  seq: number;
  at: string;
  type: string;
  actor: { username: string; displayName: string } | null;
  payload: { state?: string; outcome?: string; comment?: string; data?: Record<string, unknown> };
}

export interface Instance {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  state: StateValue;
  status: 'running' | 'completed' | 'terminated';
  orgUnitId: string;
  data: Record<string, unknown>;
  tasks: Task[];
  history: HistoryEvent[];
  /** For a household application: its ID numbers checked against the registry and the county's open cases. */
  duplicateCheck?: { checked: number; conflicts: Array<{ field: string; message: string }> };
}

export interface FormSpec {
  key: string;
  version: number;
  title?: Text;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
}

/** A state node of a definition's machine, as far as the diagram needs it. */
export interface MachineState {
  type?: string;
  initial?: string;
  description?: string;
  meta?: { task?: { title?: Text; outcomes?: Outcome[] } };
  on?: Record<string, unknown>;
  after?: Record<string, unknown>;
  always?: unknown;
  states?: Record<string, MachineState>;
}

export interface Machine extends MachineState {
  id: string;
}

export interface DefinitionVersion {
  key: string;
  version: number;
  title?: Text;
  machine: Machine;
}
