import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphOf, issuesByState, issuesOfStates, stateOfIssue } from '../../client/src/admin/editor/graphModel';
import { describeDelay, describeDuration, describeTransition } from '../../client/src/admin/editor/transitionLabel';
import { addState, freeStateName } from '../../client/src/admin/model';
import { graphText } from '../../client/src/i18n/editorGraph';
import { fill } from '../../client/src/i18n/catalog';
import { activeStateIds, describeStateValue } from '../../client/src/admin/editor/stateValue';
import type { DocumentJson } from '../../client/src/admin/model';

type GraphKey = keyof (typeof graphText)['en'];
const zh = (key: GraphKey, vars?: Record<string, string | number>) => fill(graphText['zh-CN'][key], vars);
const zhOf = (text: unknown) => (typeof text === 'string' ? text : ((text as { zh?: string } | undefined)?.zh ?? ''));

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

  it('labels every arrow in words: outcomes by their buttons, OBJECTION as 收到异议, $noticePeriod as the county\'s 公示期 7 天', () => {
    const labels = graphOf(doc).transitions.map((tr) => describeTransition(tr, zh, zhOf, { noticePeriod: 'P7D' }));
    expect(labels).toEqual(expect.arrayContaining(['核实通过', '核实通过 [条件]', '收到异议', '公示期 7 天', '已张贴']));
    expect(labels.filter((label) => /[A-Z]{3,}|\$/.test(label))).toEqual([]);
    expect(describeDelay('$noticePeriod', zh)).toBe('公示期（本年未配置）');
    expect(describeDelay('$somethingElse', zh, { somethingElse: 'P1M' })).toBe('县级配置时长 1 个月');
    expect(describeDelay('P5D@workdays', zh)).toBe('等待 5 个工作日');
    expect(describeDuration('P2W', zh)).toBe('14 天');
    expect(describeDuration('PT48H', zh)).toBe('48 小时');
    expect(describeDuration('soon', zh)).toBe('soon');
    expect(describeTransition({ kind: 'always', event: '', guarded: true }, zh, zhOf)).toBe('自动流转 [条件]');
  });

  it('names a state added by its Chinese title step1, step2… among its siblings, and keeps the title', () => {
    expect(freeStateName(doc, null)).toBe('step1');
    let next = addState(doc, null, freeStateName(doc, null), 'task', '县级复核');
    expect(next.machine.states?.step1?.meta?.task?.title).toEqual({ zh: '县级复核' });
    expect(freeStateName(next, null)).toBe('step2');
    next = addState(next, null, freeStateName(next, null), 'final', '终止');
    expect(next.machine.states?.step2).toEqual({ type: 'final', description: '终止' });
    // Inside a compound state the count starts again; existing ids stay as they are.
    expect(freeStateName(next, 'publicNotice')).toBe('step1');
    expect(Object.keys(next.machine.states ?? {})).toEqual([...Object.keys(doc.machine.states ?? {}), 'step1', 'step2']);
  });

  it('counts lint issues per state for the badges', () => {
    const counts = issuesOfStates([
      { severity: 'error', path: '/machine/states/a', message: '没有出口' },
      { severity: 'warning', path: '', stateId: 'a', message: '未使用' },
      { severity: 'error', path: '/title', message: '缺少标题' },
    ]);
    expect([...counts]).toEqual([['a', { errors: 1, warnings: 1, messages: ['没有出口', '未使用'] }]]);
  });
});
