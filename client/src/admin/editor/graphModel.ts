import type { LintIssue } from '@shared/contract';
import { listStates, listTransitions, type DocumentJson, type StateInfo, type TransitionInfo } from '../model';

/** The part of a lint issue that places it on the graph. */
export type PlacedIssue = Pick<LintIssue, 'severity' | 'path' | 'stateId'>;

/** What the graph draws for one state, before layout. */
export interface GraphState extends StateInfo {
  title: { zh: string; en?: string };
  compound: boolean;
  parallelRegion: boolean;
}

export interface GraphTransition extends TransitionInfo {
  targetId: string;
  /** The outcome's label for a task outcome, else the event (or delay) itself. */
  label: { zh: string; en?: string };
  /** The outcome's label when the event is an outcome of the source state's task. */
  outcome?: { zh: string; en?: string };
  guarded: boolean;
}

/** The states and the drawable transitions (those whose target exists) of a document. */
export function graphOf(doc: DocumentJson): { states: GraphState[]; transitions: GraphTransition[] } {
  const infos = listStates(doc);
  const kindById = new Map(infos.map((s) => [s.id, s.kind]));
  const states = infos.map((info): GraphState => {
    const node = findNode(doc, info.id);
    const task = node?.meta?.task;
    return {
      ...info,
      title: task?.title ?? { zh: node?.description ?? info.name, en: info.name },
      compound: info.kind === 'compound' || info.kind === 'parallel',
      parallelRegion: info.parentId !== null && kindById.get(info.parentId) === 'parallel',
    };
  });
  const transitions = listTransitions(doc)
    .filter((t): t is TransitionInfo & { targetId: string } => t.targetId !== undefined)
    .map((t) => {
      const outcome = findNode(doc, t.source)?.meta?.task?.outcomes?.find((o) => o.event === t.event);
      return { ...t, label: outcome ? outcome.label : { zh: t.event, en: t.event }, outcome: outcome?.label, guarded: Boolean(t.guard) };
    });
  return { states, transitions };
}

function findNode(doc: DocumentJson, id: string) {
  let node = doc.machine as DocumentJson['machine'] | undefined;
  for (const name of id.split('.')) node = node?.states?.[name] as DocumentJson['machine'] | undefined;
  return node;
}

/** The state a lint issue belongs to: its `stateId`, else read from its JSON pointer (`/machine/states/a/states/b/...`). */
export function stateOfIssue(issue: PlacedIssue): string | undefined {
  if (issue.stateId) return issue.stateId;
  const parts = issue.path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts[0] !== 'machine') return undefined;
  const names: string[] = [];
  for (let i = 1; i + 1 < parts.length && parts[i] === 'states'; i += 2) names.push(parts[i + 1]);
  return names.length ? names.join('.') : undefined;
}

/** The worst severity per state, for colouring the nodes. */
export function issuesByState(issues: PlacedIssue[]): Map<string, 'error' | 'warning'> {
  const out = new Map<string, 'error' | 'warning'>();
  for (const issue of issues) {
    const id = stateOfIssue(issue);
    if (id && out.get(id) !== 'error') out.set(id, issue.severity);
  }
  return out;
}

/** What lint found on one state: counts by severity and the messages, for the badge on its node. */
export interface StateIssues {
  errors: number;
  warnings: number;
  messages: string[];
}

/** Lint issues grouped by the state they belong to (issues of the whole document are left out). */
export function issuesOfStates(issues: (PlacedIssue & { message: string })[]): Map<string, StateIssues> {
  const out = new Map<string, StateIssues>();
  for (const issue of issues) {
    const id = stateOfIssue(issue);
    if (!id) continue;
    const entry = out.get(id) ?? { errors: 0, warnings: 0, messages: [] };
    if (issue.severity === 'error') entry.errors += 1;
    else entry.warnings += 1;
    entry.messages.push(issue.message);
    out.set(id, entry);
  }
  return out;
}
