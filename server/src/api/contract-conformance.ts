/**
 * Compile-time check that what the server builds is what the contract (server/src/contract) says
 * the API answers, for the one shape the server still declares itself: the runtime's migration
 * items (runtime/migrate-instances.ts). Every other layer takes its answer types from the contract
 * directly. Types only: nothing here runs.
 */
import type * as Contract from '../contract';
import type { MigrationItem as RuntimeMigrationItem } from '../runtime/migrate-instances';

/** True when every `From` is a valid `To`. */
type Fits<From, To> = [From] extends [To] ? true : false;
/** A check that must hold: `tsc` reports the failing entry by its position in the list. */
type Holds<T extends true> = T;

export type ContractConformance = [
  Holds<Fits<RuntimeMigrationItem, Contract.MigrationItem>>,
];
