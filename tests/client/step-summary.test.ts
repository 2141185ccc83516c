import type { Instance, StepSummary, Task } from '@shared/contract';
import { normalizeStepSummary } from '../../client/src/api/normalize';

const outcomes = [
  { event: 'SUBMIT', label: '提交', labelEn: 'Submit', kind: 'forward' as const },
  { event: 'WITHDRAW', label: '撤回', labelEn: '', kind: 'reject' as const },
];
const opened = {
  id: '5b0f4f0e-8c1a-4a53-9d7a-0f6f3b1c2d01', state: 'application', formKey: 'household-identification.application',
  title: '填写贫困户申请', titleEn: 'Fill in the application', outcomes, status: 'open' as const, orgUnitId: 'dongyuan', dueAt: null,
};
const summary: StepSummary = {
  id: '9a1f1c2e-3d4b-4c5d-8e6f-7a8b9c0d1e2f', definitionKey: 'household-identification', definitionVersion: 3, state: 'application', status: 'running',
  openedTasks: [opened],
};

describe('the client reading a start\'s answer', () => {
  it('folds each opened task\'s labels into one { zh, en } label, as it does for tasks', () => {
    const view = normalizeStepSummary(summary);
    expect(view.id).toBe(summary.id);
    expect(view.openedTasks).toHaveLength(1);
    expect(view.openedTasks[0].title).toEqual({ zh: '填写贫困户申请', en: 'Fill in the application' });
    expect(view.openedTasks[0].outcomes.map((o) => o.label)).toEqual([{ zh: '提交', en: 'Submit' }, '撤回']);
    expect(view.openedTasks[0]).not.toHaveProperty('titleEn');
  });

  it('reads a repeat that answers the whole case (a start first sent without asking for the summary) as its open tasks', () => {
    const task = (id: string, status: Task['status']): Task => ({
      ...opened, id, status, instanceId: summary.id, definitionKey: summary.definitionKey, definitionVersion: 3, candidateRoles: ['village_clerk'],
      orgUnitName: '东源村', assignee: null, createdAt: '2026-12-07T00:00:00.000Z', subject: null, receiptNo: null, daysLeft: null, dueStatus: null,
    });
    const { openedTasks: _none, ...caseFields } = summary;
    const whole = { ...caseFields, data: {}, history: [], timers: [], tasks: [task('t-done', 'completed'), task('t-open', 'open'), task('t-claimed', 'claimed')] } as unknown as Instance;
    const view = normalizeStepSummary(whole);
    expect(view.openedTasks.map((t) => t.id)).toEqual(['t-open', 't-claimed']);
    expect(view.openedTasks[1].outcomes[0]).toMatchObject({ event: 'SUBMIT', kind: 'forward', label: { zh: '提交', en: 'Submit' } });
    expect(view).not.toHaveProperty('tasks');
  });
});
