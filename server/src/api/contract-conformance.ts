/**
 * Compile-time checks that what the server builds is what the contract (server/src/contract) says
 * the API answers. The read models and the engine declare their own types, since their layers may
 * not import the contract; this file, in the layer that may import both, fails `tsc` as soon as
 * one drifts from the other. Types only: nothing here runs.
 */
import type * as Contract from '../contract';
import type { LintIssue as EngineLintIssue, LintResult as EngineLintResult } from '../engine/lint-definition';
import type { SimulationResult as EngineSimulationResult } from '../engine/simulate';
import type { DefinitionDiff } from '../engine/diff-definitions';
import type { MigrationItem as RuntimeMigrationItem } from '../runtime/migrate-instances';
import type { TaskView, OutcomeView } from '../domain/tasks/task-view';
import type { InboxPage } from '../domain/tasks/inbox.query';
import type { InstanceView } from '../domain/instances/instance.query';
import type { HouseholdSummary, findVisibleHousehold } from '../domain/households/registry.query';
import type { NoticeView } from '../domain/notices/notices.query';
import type { TownProgress } from '../domain/reports/progress.query';
import type { ImportReport } from './household-import';
import type { publicUser } from '../auth/session-user';

/** What `GET /api/households/:id` answers. */
type Household = Awaited<ReturnType<typeof findVisibleHousehold>>;

/** True when every `From` is a valid `To`. */
type Fits<From, To> = [From] extends [To] ? true : false;
/** True when both name the same properties. */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/** A check that must hold: `tsc` reports the failing entry by its position in the list. */
type Holds<T extends true> = T;

export type ContractConformance = [
  // Tasks and the inbox are the same types on both sides.
  Holds<Fits<OutcomeView, Contract.Outcome>>, Holds<Fits<Contract.Outcome, OutcomeView>>,
  Holds<Fits<TaskView, Contract.Task>>, Holds<Fits<Contract.Task, TaskView>>,
  Holds<Fits<InboxPage, Contract.InboxPage>>,
  // The read models type JSON read from the database (a state value, history actors and payloads, a
  // household's data) as unknown; the contract says what it holds. The rest must fit exactly.
  Holds<SameKeys<InstanceView, Contract.Instance>>,
  Holds<Fits<Omit<InstanceView, 'state' | 'history'>, Omit<Contract.Instance, 'state' | 'history'>>>,
  Holds<SameKeys<InstanceView['history'][number], Contract.HistoryEvent>>,
  Holds<Fits<HouseholdSummary, Contract.HouseholdSummary>>,
  Holds<SameKeys<Household, Contract.Household>>,
  Holds<Fits<Omit<Household, 'data' | 'instances'>, Omit<Contract.Household, 'data' | 'instances'>>>,
  Holds<Fits<Omit<Household['instances'][number], 'state'>, Omit<Contract.Household['instances'][number], 'state'>>>,
  Holds<Fits<NoticeView, Contract.NoticeSummary>>,
  Holds<Fits<TownProgress, Contract.TownProgress>>,
  Holds<Fits<ImportReport, Contract.ImportReport>>,
  Holds<Fits<ReturnType<typeof publicUser>, Contract.User>>,
  // Lint issues are the engine's; the contract must name the same codes.
  Holds<Fits<EngineLintIssue, Contract.LintIssue>>, Holds<Fits<Contract.LintIssue, EngineLintIssue>>,
  Holds<Fits<EngineLintResult, Contract.LintResult>>,
  Holds<Fits<EngineSimulationResult, Contract.SimulationResult>>,
  Holds<Fits<DefinitionDiff, Contract.DiffResult>>,
  Holds<Fits<RuntimeMigrationItem, Contract.MigrationItem>>,
];
