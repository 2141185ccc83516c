/**
 * Compile-time checks that what the server builds is what the contract (server/src/contract) says
 * the API answers, for the shapes the server still declares itself: the instance and household
 * read models, which type JSON read from the database as unknown, and the runtime's migration
 * items. Every other layer takes its answer types from the contract directly. Types only: nothing
 * here runs.
 */
import type * as Contract from '../contract';
import type { MigrationItem as RuntimeMigrationItem } from '../runtime/migrate-instances';
import type { InstanceView } from '../domain/instances/instance.query';
import type { findVisibleHousehold } from '../domain/households/registry.query';

/** What `GET /api/households/:id` answers. */
type Household = Awaited<ReturnType<typeof findVisibleHousehold>>;

/** True when every `From` is a valid `To`. */
type Fits<From, To> = [From] extends [To] ? true : false;
/** True when both name the same properties. */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/** A check that must hold: `tsc` reports the failing entry by its position in the list. */
type Holds<T extends true> = T;

export type ContractConformance = [
  // The read models type JSON read from the database (a state value, history actors and payloads, a
  // household's data) as unknown; the contract says what it holds. The rest must fit exactly.
  Holds<SameKeys<InstanceView, Contract.Instance>>,
  Holds<Fits<Omit<InstanceView, 'state' | 'history'>, Omit<Contract.Instance, 'state' | 'history'>>>,
  Holds<SameKeys<InstanceView['history'][number], Contract.HistoryEvent>>,
  Holds<SameKeys<Household, Contract.Household>>,
  Holds<Fits<Omit<Household, 'data' | 'instances'>, Omit<Contract.Household, 'data' | 'instances'>>>,
  Holds<Fits<Omit<Household['instances'][number], 'state'>, Omit<Contract.Household['instances'][number], 'state'>>>,
  Holds<Fits<RuntimeMigrationItem, Contract.MigrationItem>>,
];
