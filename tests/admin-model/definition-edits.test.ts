import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addState, addTransition, deleteState, deleteTransition, encodeTarget, listStates, listTransitions, renameState, resolveTarget,
  setTask, updateTransition, EditError, type DocumentJson,
} from '../../client/src/admin/model';

const load = (key: string): DocumentJson => JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', `${key}.json`), 'utf8'));

describe('the definition editor model', () => {
  const doc = load('household-identification');

  it('lists nested states with dotted ids and resolves targets as XState reads them', () => {
    const ids = listStates(doc).map((s) => s.id);
    expect(ids).toContain('publicNotice.posting');
    expect(resolveTarget(doc, 'publicNotice.running', '#household-identification.preliminaryOpinion')).toBe('preliminaryOpinion');
    expect(resolveTarget(doc, 'publicNotice.posting', 'running')).toBe('publicNotice.running');
    expect(resolveTarget(doc, 'verification', 'nowhere')).toBeUndefined();
    expect(encodeTarget(doc, 'publicNotice.running', 'preliminaryOpinion')).toBe('#household-identification.preliminaryOpinion');
    expect(encodeTarget(doc, 'publicNotice', 'publicNotice.running')).toBe('.running');
  });

  it('adds a task state and a transition to it, leaving the original document untouched', () => {
    const withState = addState(doc, null, 'secondReview', 'task');
    const next = addTransition(withState, 'townReview', { kind: 'on', event: 'ESCALATE', targetId: 'secondReview' });
    expect(doc.machine.states?.secondReview).toBeUndefined();
    expect(next.machine.states?.secondReview?.meta?.task?.title.zh).toBe('secondReview');
    expect(next.machine.states?.townReview.on?.ESCALATE).toBe('secondReview');
    expect(listTransitions(next).find((t) => t.event === 'ESCALATE')?.targetId).toBe('secondReview');
  });

  it('refuses a duplicate or badly formed state name', () => {
    expect(() => addState(doc, null, 'verification', 'atomic')).toThrow(EditError);
    expect(() => addState(doc, null, '2nd', 'atomic')).toThrow(EditError);
  });

  it('renames a state and keeps every transition and data guard pointing at it', () => {
    const guarded = addTransition(doc, 'countyApproval', {
      kind: 'on', event: 'CHECK', targetId: 'registered',
      guard: { type: 'expr', params: { if: { '===': [{ var: 'data.preliminaryOpinion.agreed' }, true] } } },
    });
    const next = renameState(guarded, 'preliminaryOpinion', 'villageOpinion');
    expect(next.machine.states?.villageOpinion).toBeDefined();
    expect(next.machine.states?.preliminaryOpinion).toBeUndefined();
    expect(next.machine.states?.objectionReview.on?.DISMISS).toBe('villageOpinion');
    expect(next.machine.states?.publicNotice.states?.running.after?.$noticePeriod).toBe('#household-identification.villageOpinion');
    expect(JSON.stringify(next.machine.states?.countyApproval.on?.CHECK)).toContain('data.villageOpinion.agreed');
    expect(Object.keys(next.machine.states ?? {}).indexOf('villageOpinion')).toBe(Object.keys(doc.machine.states ?? {}).indexOf('preliminaryOpinion'));
  });

  it('renames a compound state and rewrites targets into its children', () => {
    const next = renameState(doc, 'publicNotice', 'notice');
    expect(next.machine.states?.villagerAppraisal.on?.PASS).toBe('notice');
    expect(listTransitions(next).every((t) => t.target === undefined || t.targetId !== undefined)).toBe(true);
  });

  it('deletes a state with the transitions that led to it', () => {
    const next = deleteState(doc, 'secondNotice');
    expect(next.machine.states?.secondNotice).toBeUndefined();
    const townApprove = listTransitions(next).filter((t) => t.source === 'townReview' && t.event === 'APPROVE');
    expect(townApprove).toHaveLength(1);
    expect(townApprove[0].targetId).toBe('countyApproval');
    expect(listTransitions(next).every((t) => t.target === undefined || t.targetId !== undefined)).toBe(true);
  });

  it('edits a transition: event, target, guard, delay, and deletes it', () => {
    const [approve] = listTransitions(doc).filter((t) => t.source === 'townReview' && t.event === 'APPROVE');
    const guard = { type: 'expr', params: { if: { '>': [{ var: 'event.data.score' }, 60] } } };
    const changed = updateTransition(doc, approve, { guard, targetId: 'announcement' });
    const first = listTransitions(changed).find((t) => t.source === 'townReview' && t.event === 'APPROVE' && t.index === 0);
    expect(first?.targetId).toBe('announcement');
    expect(first?.guard).toEqual(guard);
    const [delay] = listTransitions(doc).filter((t) => t.kind === 'after');
    const moved = updateTransition(doc, delay, { event: 'P10D' });
    expect(moved.machine.states?.publicNotice.states?.running.after).toEqual({ P10D: '#household-identification.preliminaryOpinion' });
    expect(() => updateTransition(doc, delay, { event: '10 days' })).toThrow(EditError);
    const removed = deleteTransition(doc, listTransitions(doc).find((t) => t.source === 'verification' && t.event === 'REJECT')!);
    expect(removed.machine.states?.verification.on?.REJECT).toBeUndefined();
  });

  it('sets and removes a state task, keeping the state\'s other metadata (how a case ends there)', () => {
    const task = { form: 'x.y', roles: ['town_reviewer'], scope: 'town' as const, title: { zh: '复核' }, outcomes: [] };
    const next = setTask(doc, 'registered', task);
    expect(next.machine.states?.registered.meta?.task).toEqual(task);
    expect(next.machine.states?.registered.meta?.end).toEqual({ title: { zh: '已识别建档', en: 'Registered' } });
    expect(setTask(next, 'registered', undefined).machine.states?.registered.meta).toEqual({ end: { title: { zh: '已识别建档', en: 'Registered' } } });
    // A state whose only metadata was its task keeps none.
    const bare = setTask(doc, 'villagerAppraisal', undefined);
    expect(bare.machine.states?.villagerAppraisal.meta).toBeUndefined();
  });
});
