import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphOf, issuesByState, stateOfIssue } from '../../client/src/admin/editor/graphModel';
import { activeStateIds, describeStateValue } from '../../client/src/admin/editor/stateValue';
import type { DocumentJson } from '../../client/src/admin/model';

const doc: DocumentJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', 'household-identification.json'), 'utf8'));

describe('the graph the editor draws', () => {
  it('draws compound states as frames and every transition whose target exists, labelled by its outcome', () => {
    const { states, transitions } = graphOf(doc);
    expect(states.find((s) => s.id === 'publicNotice')).toMatchObject({ compound: true, kind: 'compound' });
    expect(states.find((s) => s.id === 'publicNotice.posting')).toMatchObject({ parentId: 'publicNotice', initial: true, hasTask: true });
    // 核实通过: excluded by a rule or above the line → rejected (guarded), otherwise on to the appraisal.
    const verify = transitions.filter((t) => t.source === 'verification' && t.event === 'VERIFY');
    expect(verify.map((t) => [t.targetId, t.guarded])).toEqual([['rejected', true], ['rejected', true], ['villagerAppraisal', false]]);
    expect(verify[2]).toMatchObject({ label: { zh: '核实通过', en: 'Verified' } });
    expect(transitions.filter((t) => t.source === 'townReview' && t.event === 'APPROVE').map((t) => t.guarded)).toEqual([true, false]);
    expect(transitions.find((t) => t.kind === 'after')?.targetId).toBe('preliminaryOpinion');
  });

  it('places a lint issue on its state, from stateId or from the JSON pointer', () => {
    expect(stateOfIssue({ severity: 'error', path: '/machine/states/a', stateId: 'review.town' })).toBe('review.town');
    expect(stateOfIssue({ severity: 'warning', path: '/machine/states/publicNotice/states/running/after/P7X' })).toBe('publicNotice.running');
    expect(stateOfIssue({ severity: 'error', path: '/title' })).toBeUndefined();
    const worst = issuesByState([
      { severity: 'warning', path: '', stateId: 'a' },
      { severity: 'error', path: '', stateId: 'a' },
      { severity: 'warning', path: '', stateId: 'a' },
    ]);
    expect(worst.get('a')).toBe('error');
  });

  it('reads XState state values, nested and parallel', () => {
    expect(activeStateIds({ publicNotice: 'running' })).toEqual(['publicNotice', 'publicNotice.running']);
    expect(describeStateValue({ joint: { regionA: 'townCheck', regionB: 'step1' } })).toBe('joint.regionA.townCheck + joint.regionB.step1');
    expect(describeStateValue('application')).toBe('application');
  });
});
