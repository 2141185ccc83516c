import { Router } from 'express';
import { chinaYear, NotFoundError, parseDelay } from '../kernel';
import { countRunning, listVersions } from '../domain/definitions/definition-versions.repository';
import type { VersionRow } from '../domain/definitions/definition-versions.repository';
import type { ApiContext } from './api-context';
import { requireAuth } from './request-context';
import { keyParams, versionParams } from './request-schemas';
import type { Bilingual, DefinitionEndState, DefinitionList, DefinitionSummary, DefinitionTaskState, VersionSummary } from '../contract';
import { itemsOf, schemaRef } from './response-schemas';

/** A definition's label with both languages filled in, one falling back to the other. */
function bilingual(label: unknown, fallback: string): Bilingual {
  if (typeof label === 'string') return { zh: label, en: label };
  const l = (label ?? {}) as { zh?: string; en?: string };
  return { zh: l.zh ?? l.en ?? fallback, en: l.en ?? l.zh ?? fallback };
}

/** What `pick` answers for each state of a machine (its dotted id and node), in document order. */
function collectStates<T>(machine: MachineNode | undefined, pick: (state: string, node: MachineNode) => T | undefined, prefix: string[] = []): T[] {
  return Object.entries(machine?.states ?? {}).flatMap(([name, child]) => {
    const path = [...prefix, name];
    const own = pick(path.join('.'), child);
    return [...(own === undefined ? [] : [own]), ...collectStates(child, pick, path)];
  });
}

/** The human task states of a machine, dotted as tasks carry them. */
const taskStatesOf = (machine: MachineNode | undefined): DefinitionTaskState[] => collectStates(machine, (state, node) => {
  const task = node.meta?.task;
  return task ? { state, title: bilingual(task.title, state) } : undefined;
});

/** The final states of a machine that say how a case ended there (`meta.end`), dotted as a case's state is. */
const endStatesOf = (machine: MachineNode | undefined): DefinitionEndState[] => collectStates(machine, (state, node) => {
  const end = node.meta?.end;
  return end ? { state, title: bilingual(end.title, state), refused: end.refused === true } : undefined;
});

/** The county's named durations of a year (`$noticePeriod` → `P7D`): what the editor shows a `$name` delay as. */
function namedDelays(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && parseDelay(entry[1]) !== undefined));
}

/** The part of a machine config the summaries read: nested states, their task's title and how a case ends there. */
interface MachineNode {
  states?: Record<string, MachineNode>;
  meta?: { task?: { title?: unknown }; end?: { title?: unknown; refused?: unknown } };
}

/** The top-level fields of a definition document the answers show. */
interface DocumentFields {
  description?: string;
  orgLevel?: string;
  starterRoles?: string[];
  settings?: Record<string, unknown>;
  machine?: MachineNode;
}

const fieldsOf = (row: VersionRow) => row.document as DocumentFields;

/**
 * `GET /api/definitions`, `/api/definitions/:key`, `/api/definitions/:key/versions/:v`: what any
 * logged-in user may read. Published and retired versions are readable (running instances stay on
 * a retired version); drafts, running-instance counts and whole documents are for admins.
 */
export function createDefinitionsRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;
  const isAdmin = (roles: string[]) => roles.includes('admin');
  const versionView = (r: VersionRow): VersionSummary => ({ version: r.version, status: r.status, publishedAt: r.publishedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() });

  const rowsOf = (roles: string[], key?: string) => listVersions(pool, ctx.tenantId, { key, withDrafts: isAdmin(roles) });
  // Lists name processes and their steps from here (the inbox's filter, its state chips), so a newly
  // published process shows up in the client without a client change.
  const summarise = (rows: VersionRow[], running?: Map<string, number>): DefinitionSummary => {
    const latest = rows[rows.length - 1];
    const current = [...rows].reverse().find((r) => r.status === 'published');
    const shown = current ?? latest;
    return {
      key: latest.key, title: shown.title as DefinitionSummary['title'], titles: bilingual(shown.title, latest.key),
      description: fieldsOf(shown).description ?? null,
      currentVersion: current?.version ?? null, starterRoles: fieldsOf(shown).starterRoles ?? [],
      versions: rows.map((r) => (running ? { ...versionView(r), runningInstances: running.get(r.id) ?? 0 } : versionView(r))),
      tasks: taskStatesOf(fieldsOf(shown).machine),
      ends: endStatesOf(fieldsOf(shown).machine),
    };
  };

  ctx.routes.add(router, {
    method: 'get', path: '/definitions', tag: 'definitions', access: 'session',
    summary: 'Workflow definitions with their versions (admins: drafts too, and running instances per version)',
    responses: { 200: { description: 'definitions', schema: itemsOf('Definition') } },
  }, async ({ req }) => {
    const { roles } = requireAuth(req).user;
    const rows = await rowsOf(roles);
    const running = isAdmin(roles) ? await countRunning(pool, ctx.tenantId) : undefined;
    const byKey = new Map<string, VersionRow[]>();
    for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
    const answer: DefinitionList = { items: [...byKey.values()].map((list) => summarise(list, running)) };
    return answer;
  });

  ctx.routes.add<unknown, unknown, { key: string }>(router, {
    method: 'get', path: '/definitions/:key', tag: 'definitions', access: 'session', summary: 'One definition and its versions',
    params: keyParams, responses: { 200: { description: 'the definition', schema: schemaRef('Definition') } },
  }, async ({ req, params }) => {
    const { roles } = requireAuth(req).user;
    const rows = await rowsOf(roles, params.key);
    if (rows.length === 0) throw new NotFoundError(`Definition ${params.key} does not exist`);
    return summarise(rows, isAdmin(roles) ? await countRunning(pool, ctx.tenantId, params.key) : undefined);
  });

  ctx.routes.add<unknown, unknown, { key: string; v: number }>(router, {
    method: 'get', path: '/definitions/:key/versions/:v', tag: 'definitions', access: 'session',
    summary: 'One version: its machine (states, tasks, outcomes) and the form versions it pins; admins also get the whole document',
    params: versionParams, responses: { 200: { description: 'the version', schema: schemaRef('DefinitionVersion') } },
  }, async ({ req, params }) => {
    const { roles } = requireAuth(req).user;
    const row = (await rowsOf(roles, params.key)).find((r) => r.version === params.v);
    if (!row) throw new NotFoundError(`Definition ${params.key} has no version ${params.v}`);
    const doc = fieldsOf(row);
    return {
      key: row.key, ...versionView(row), title: row.title, description: doc.description ?? null, orgLevel: doc.orgLevel ?? null,
      starterRoles: doc.starterRoles ?? [], settings: doc.settings ?? {}, machine: doc.machine, formVersions: row.formVersions,
      ...(isAdmin(roles) ? { document: row.document, delays: namedDelays(ctx.services.configForYear(chinaYear(ctx.services.clock.now()))) } : {}),
    };
  });

  return router;
}
