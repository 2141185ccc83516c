import type { DocumentJson } from './definitionTypes';
import { findState, isWithin, parentIdOf } from './stateTree';

/**
 * The dotted id a transition target of `sourceId` names, as XState reads it: `#machine.a.b` from
 * the root, `.child` inside the source, anything else among the source's siblings. Undefined when
 * no such state exists.
 * @example resolveTarget(doc, 'publicNotice.running', '#household-identification.preliminaryOpinion') // 'preliminaryOpinion'
 */
export function resolveTarget(doc: DocumentJson, sourceId: string, raw: string): string | undefined {
  let id: string;
  if (raw.startsWith('#')) {
    const [machineId, ...path] = raw.slice(1).split('.');
    if (machineId !== doc.machine.id || path.length === 0) return undefined;
    id = path.join('.');
  } else if (raw.startsWith('.')) {
    id = `${sourceId}${raw}`;
  } else {
    const parent = parentIdOf(sourceId);
    id = parent ? `${parent}.${raw}` : raw;
  }
  return findState(doc, id) && id !== '' ? id : undefined;
}

/**
 * How a transition of `sourceId` should write the target `targetId`: the plain name for a sibling
 * (and its children), `.child` inside the source, `#machine.path` for anything else.
 */
export function encodeTarget(doc: DocumentJson, sourceId: string, targetId: string): string {
  if (targetId !== sourceId && isWithin(targetId, sourceId)) return targetId.slice(sourceId.length);
  const parent = parentIdOf(sourceId);
  if (parent === null) return targetId;
  if (isWithin(targetId, parent) && targetId !== parent) return targetId.slice(parent.length + 1);
  return `#${doc.machine.id}.${targetId}`;
}
