/** Workflow definitions and their versions: `/api/definitions…` (reading, and the admin's editing). */
import type { Bilingual, FieldErrors, LocalizedText } from './common';
import type { LintResult } from './lint';
import type { OutcomeKind } from './tasks';

export type VersionStatus = 'draft' | 'published' | 'retired';

export interface VersionSummary {
  version: number;
  status: VersionStatus;
  publishedAt: string | null;
  createdAt: string;
  /** Admins only: running instances pinned to this version. */
  runningInstances?: number;
}

/** A final state of a definition that names how a case ended (已识别建档, 不予纳入), so lists can say it. */
export interface DefinitionEndState {
  /** The dotted state id a finished case's `state` holds. */
  state: string;
  title: Bilingual;
  /** The case's request was refused there. */
  refused: boolean;
}

/** A human task state of a definition, so lists can name a step without loading the machine. */
export interface DefinitionTaskState {
  /** The dotted state id tasks carry (`review.town`). */
  state: string;
  title: Bilingual;
}

/** A row of `GET /api/definitions` and the answer of `GET /api/definitions/:key`. */
export interface DefinitionSummary {
  key: string;
  /** As the definition writes it. */
  title: LocalizedText;
  /** The same title with both languages filled in (one falls back to the other). */
  titles: Bilingual;
  description?: LocalizedText | null;
  /** The published version new instances start on; null while only drafts (or retired versions) exist. */
  currentVersion: number | null;
  starterRoles: string[];
  versions: VersionSummary[];
  /** The task states of the shown version (the published one, else the newest). */
  tasks: DefinitionTaskState[];
  /** The final states of the shown version that say how a case ended there (`meta.end`). */
  ends: DefinitionEndState[];
}

/** `GET /api/definitions`. */
export interface DefinitionList {
  items: DefinitionSummary[];
}

/** A state node of a definition's machine, as far as readers (the diagram) need it. */
export interface MachineState {
  type?: string;
  initial?: string;
  description?: string;
  meta?: { task?: { title?: LocalizedText; outcomes?: Array<{ event: string; label: LocalizedText; kind?: string }> } };
  on?: Record<string, unknown>;
  after?: Record<string, unknown>;
  always?: unknown;
  states?: Record<string, MachineState>;
}

export interface Machine extends MachineState {
  id: string;
}

/** A definition document as stored (`workflows/*.json`). Kept loose: the editor preserves what it does not know. */
export type DefinitionDocument = Record<string, unknown> & { key: string; title: LocalizedText; machine: Record<string, unknown> };

/** `GET /api/definitions/:key/versions/:v`: the machine and pinned forms; admins also get the document. */
export interface VersionDetail {
  key: string;
  version: number;
  status: VersionStatus;
  title?: LocalizedText;
  description?: LocalizedText | null;
  orgLevel?: string | null;
  starterRoles?: string[];
  settings?: Record<string, unknown>;
  publishedAt?: string | null;
  createdAt?: string;
  machine?: Machine;
  formVersions?: Record<string, number> | null;
  document?: DefinitionDocument;
  lint?: LintResult;
  /** Admins only: the county's named durations this year (`noticePeriod` → `P7D`), what a `$name` delay stands for. */
  delays?: Record<string, string>;
}

/** `POST /api/definitions`: a new definition, answered with its first draft. */
export interface CreateDefinitionRequest {
  key: string;
  title: { zh: string; en?: string };
}

export interface DraftAnswer {
  key: string;
  version: number;
  status: 'draft';
  document: DefinitionDocument;
  formVersions: Record<string, number>;
  lint: LintResult;
}

export interface PublishAnswer {
  key: string;
  version: number;
  status: 'published';
  publishedAt: string;
  formVersions: Record<string, number>;
}

export interface TransitionRef {
  from: string;
  event: string;
  to: string;
}

/** `GET /api/definitions/:key/diff?from=&to=`. */
export interface DiffResult {
  from: number;
  to: number;
  states: { added: string[]; removed: string[]; changed: { id: string; changes: string[] }[] };
  transitions: {
    added: TransitionRef[];
    removed: TransitionRef[];
    /** A changed transition: `before` and `after` are its targets, guards and actions as text. */
    changed: { from: string; event: string; before: string; after: string }[];
  };
  forms: {
    added: string[];
    removed: string[];
    changed: { key: string; fromVersion: number; toVersion: number; fieldsAdded: string[]; fieldsRemoved: string[]; fieldsChanged: string[] }[];
  };
}

/** One step of a simulation: complete the open task with an outcome, send a signal, or let time pass. */
export type SimulationStep =
  | { kind: 'outcome'; outcome: string; data?: Record<string, unknown>; comment?: string }
  | { kind: 'event'; type: string; data?: Record<string, unknown> }
  | { kind: 'advance'; duration: string };

export interface SimulatedTask {
  state: string;
  title: LocalizedText;
  formKey: string;
  candidateRoles: string[];
  /** The outcomes as the definition writes them. */
  outcomes: { event: string; label: LocalizedText; kind?: OutcomeKind; requiresComment?: boolean }[];
  dueAt: string | null;
}

export interface SimulatedTimer {
  key: string;
  eventType: string;
  fireAt: string;
}

export interface SimulatedStepResult {
  index: number;
  kind: SimulationStep['kind'];
  label: string;
  stateBefore: unknown;
  stateAfter: unknown;
  accepted: boolean;
  errors?: FieldErrors;
  openedTasks: SimulatedTask[];
  closedTasks: string[];
  timersScheduled: SimulatedTimer[];
  timersFired: { eventType: string; at: string }[];
  effects: { type: string; [key: string]: unknown }[];
}

/** The answer of `POST /api/definitions/:key/simulate`. */
export interface SimulationResult {
  steps: SimulatedStepResult[];
  final: { state: unknown; status: 'running' | 'completed'; openTasks: SimulatedTask[]; timers: SimulatedTimer[]; data: Record<string, unknown>; now: string };
}

export interface SimulationRequest {
  document: DefinitionDocument;
  forms?: Record<string, { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> }>;
  startData?: Record<string, unknown>;
  startAt?: string;
  settings?: Record<string, unknown>;
  steps: SimulationStep[];
}

/** What a migration does (or would do) to one instance. */
export interface MigrationItem {
  instanceId: string;
  orgUnitId: string | null;
  fromState: unknown;
  toState: unknown;
  closeTasks: string[];
  openTasks: string[];
  cancelTimers: string[];
  scheduleTimers: { eventType: string; fireAt: string }[];
  status: 'ok' | 'migrated' | 'failed' | 'skipped';
  error?: string;
}

/** `POST /api/definitions/:key/migrations`. */
export interface MigrationRequest {
  fromVersion: number;
  toVersion: number;
  /** Old state id → new state id; a state left out maps to the same id when the new version has it. */
  mapping: Record<string, string>;
  dryRun: boolean;
  /** Only these instances (default: every running instance of `fromVersion`). */
  instanceIds?: string[];
}

export interface MigrationResult {
  dryRun: boolean;
  fromVersion: number;
  toVersion: number;
  unmapped: string[];
  items: MigrationItem[];
}
