import { addStepCardEntry, foldStepCardEntry } from '../domain/help/help-card';
import type { StepCardEntry } from '../domain/help/help-card';
import { helpCardEntryOf } from '../engine';
import { chinaDateString } from '../kernel';
import type { Actor } from '../kernel';
import type { CatalogDefinition } from './definition-catalog';
import type { FoldableWrite } from './commit-step';

/** The dotted path the process's subject reads the household head's ID number from (`meta.subject.idNumber: { var }`). */
function subjectIdPath(def: CatalogDefinition): string | undefined {
  const spec = (def.loaded.document.meta?.subject as { idNumber?: unknown } | undefined)?.idNumber;
  const path = spec && typeof spec === 'object' ? (spec as { var?: unknown }).var : undefined;
  return typeof path === 'string' ? path : undefined;
}

/**
 * The 帮扶记录卡 entry a task's completion files by its definition (`meta.task.helpCard`), as a
 * part of the step's statement (or its transaction): one entry per completed step, none for an
 * outcome that does not write (a return or rejection by default), none when the case names no household.
 */
export function stepHelpCardWrite(input: {
  def: CatalogDefinition; state: string; outcome: { event: string; kind?: string }; own: unknown; caseData: Record<string, unknown>;
  tenantId: string; instanceId: string; actor: Actor; now: Date; uuid: () => string;
}): FoldableWrite | undefined {
  const spec = input.def.loaded.tasks.get(input.state)?.helpCard;
  const draft = helpCardEntryOf(spec, { outcome: input.outcome, own: input.own, caseData: input.caseData, subjectIdPath: subjectIdPath(input.def) });
  if (!draft) return undefined;
  const entry: StepCardEntry = {
    ...draft, id: input.uuid(), tenantId: input.tenantId, instanceId: input.instanceId, date: draft.date ?? chinaDateString(input.now),
    helperName: input.actor.displayName ?? input.actor.username, actorOrgUnitId: input.actor.orgUnitId, actorUserId: input.actor.userId, now: input.now,
  };
  return { fold: foldStepCardEntry(entry), write: (client) => addStepCardEntry(client, entry) };
}
