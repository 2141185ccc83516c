import { listDefinitionDocuments } from '../../store/definitions.repository';
import type { SqlClient } from '../../store/sql-client';

/** The (definition, state) pairs whose tasks a set of roles may be candidates for. */
export interface RoleStates {
  pairs: Array<{ definitionKey: string; state: string }>;
}

interface TaskStateEntry { definitionKey: string; state: string; roles: string[] }

/** The part of a machine config this index reads: nested states and their task's roles. */
interface StateNode {
  states?: Record<string, StateNode>;
  meta?: { task?: { roles?: unknown } };
}

function collectTaskStates(definitionKey: string, node: StateNode | undefined, prefix: string[], into: TaskStateEntry[]): void {
  for (const [name, child] of Object.entries(node?.states ?? {})) {
    const path = [...prefix, name];
    const roles = child?.meta?.task?.roles;
    if (Array.isArray(roles)) into.push({ definitionKey, state: path.join('.'), roles: roles.filter((r): r is string => typeof r === 'string') });
    collectTaskStates(definitionKey, child, path, into);
  }
}

/**
 * Which task states each role can be a candidate for, from every stored version of every definition
 * (a task keeps the roles of the version it was opened under; retired versions keep their running
 * instances' tasks). The inbox uses it to read only those
 * states' slice of the task index instead of every open task; the role check itself stays in SQL.
 * Definitions change rarely, so the map is re-read at most every `ttlMs`.
 */
export function createRoleStateIndex(db: SqlClient, tenantId: string, ttlMs = 10_000) {
  let cached: { at: number; entries: TaskStateEntry[] } | undefined;
  let loading: Promise<TaskStateEntry[]> | undefined;

  const load = async (): Promise<TaskStateEntry[]> => {
    // Drafts too: a process that has not seen the publication yet still reads the new version's states.
    const entries: TaskStateEntry[] = [];
    for (const row of await listDefinitionDocuments(db, tenantId)) collectTaskStates(row.key, (row.document as { machine?: StateNode } | null)?.machine, [], entries);
    return entries;
  };

  const entries = async (): Promise<TaskStateEntry[]> => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.entries;
    loading ??= load().then((list) => {
      cached = { at: Date.now(), entries: list };
      return list;
    }).finally(() => { loading = undefined; });
    return loading;
  };

  return {
    async statesFor(roles: readonly string[]): Promise<RoleStates> {
      const seen = new Set<string>();
      const pairs: RoleStates['pairs'] = [];
      for (const e of await entries()) {
        const id = `${e.definitionKey}\u0000${e.state}`;
        if (!seen.has(id) && e.roles.some((r) => roles.includes(r))) {
          seen.add(id);
          pairs.push({ definitionKey: e.definitionKey, state: e.state });
        }
      }
      return { pairs };
    },
    /** Forgets the map, e.g. right after a definition is published. */
    invalidate(): void {
      cached = undefined;
    },
  };
}

export type RoleStateIndex = ReturnType<typeof createRoleStateIndex>;
