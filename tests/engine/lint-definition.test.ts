import { join } from 'node:path';
import { lintDefinition } from '../../server/src/engine';
import type { LintCode, LintResult } from '../../server/src/engine';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';
import { readWorkflowFiles } from '../../server/src/seed';

const ROOT = join(__dirname, '..', '..');
const forms = Object.fromEntries(loadFormsFromDir(join(ROOT, 'schemas')).map((f) => [f.key, f.schema]));
const config = { noticePeriod: 'P7D', planNoticePeriod: 'P10D', rectificationPeriod: 'P2M', awardNoticePeriod: 'P3D', acceptanceRectificationPeriod: 'P1M', overdueRectificationAfter: 'P2M' };

const reviewForm = { type: 'object', properties: { opinion: { type: 'string' }, amount: { type: 'number' } }, additionalProperties: false };

/** A small valid definition: apply (clerk) → review (town) → done. */
function base(): any {
  return {
    key: 'small-grant', title: { zh: '小额补助', en: 'Small grant' }, starterRoles: ['village_clerk'],
    machine: {
      id: 'small-grant', initial: 'apply',
      states: {
        apply: { meta: { task: { form: 'small-grant.apply', roles: ['village_clerk'], scope: 'village', title: { zh: '申请' }, outcomes: [{ event: 'SUBMIT', label: { zh: '提交' } }] } }, on: { SUBMIT: 'review' } },
        review: {
          meta: { task: { form: 'small-grant.review', roles: ['town_reviewer'], scope: 'town', title: { zh: '审核' }, dueIn: 'P5D', outcomes: [{ event: 'APPROVE', label: { zh: '通过' } }] } },
          on: { APPROVE: [{ guard: { type: 'expr', params: { if: { '>': [{ var: 'event.data.amount' }, 100] } } }, target: 'done' }, { target: 'done' }] },
        },
        done: { type: 'final' },
      },
    },
  };
}
const lintForms = { 'small-grant.apply': { type: 'object', properties: { name: { type: 'string' } } }, 'small-grant.review': reviewForm };
const lint = (doc: any, locale: 'zh-CN' | 'en' = 'zh-CN') => lintDefinition(doc, { forms: lintForms, config, locale });
const codes = (r: LintResult) => r.issues.map((i) => i.code);
const only = (r: LintResult, code: LintCode) => r.issues.filter((i) => i.code === code);

describe('lintDefinition', () => {
  it('finds nothing in the shipped workflows', () => {
    for (const doc of readWorkflowFiles(join(ROOT, 'workflows'))) {
      const r = lintDefinition(doc, { forms, config });
      expect({ key: doc.key, issues: r.issues }).toEqual({ key: doc.key, issues: [] });
      expect(r.ok).toBe(true);
    }
  });

  it('finds nothing in the small definition', () => {
    expect(lint(base())).toEqual({ ok: true, issues: [] });
  });

  it('reports an unreachable state at its pointer, once for a whole subtree', () => {
    const doc = base();
    doc.machine.states.orphan = { initial: 'a', states: { a: { on: { GO: '#small-grant.done' } } } };
    const r = lint(doc);
    expect(only(r, 'unreachable_state')).toEqual([expect.objectContaining({ severity: 'error', path: '/machine/states/orphan', stateId: 'orphan' })]);
    expect(r.ok).toBe(false);
  });

  it('reports a non-final state with no way out as a dead end', () => {
    const doc = base();
    doc.machine.states.review.on.APPROVE = 'limbo';
    doc.machine.states.limbo = {};
    const r = lint(doc, 'en');
    expect(only(r, 'dead_end')).toEqual([expect.objectContaining({ path: '/machine/states/limbo', stateId: 'limbo', message: expect.stringContaining('no way out') })]);
  });

  it('reports a task state without outcomes', () => {
    const doc = base();
    doc.machine.states.review.meta.task.outcomes = [];
    expect(only(lint(doc), 'task_without_outcomes')).toEqual([expect.objectContaining({ path: '/machine/states/review/meta/task/outcomes', stateId: 'review' })]);
  });

  it('reports an outcome no state handles', () => {
    const doc = base();
    doc.machine.states.review.meta.task.outcomes.push({ event: 'RETURN', label: { zh: '退回' }, kind: 'return' });
    const r = lint(doc);
    expect(only(r, 'unhandled_event')).toEqual([expect.objectContaining({ path: '/machine/states/review/meta/task/outcomes/1', stateId: 'review', message: expect.stringContaining('RETURN') })]);
  });

  it('reports a missing form and a task without one', () => {
    const doc = base();
    doc.machine.states.review.meta.task.form = 'small-grant.nowhere';
    delete doc.machine.states.apply.meta.task.form;
    const r = lint(doc);
    expect(only(r, 'missing_form').map((i) => i.path).sort()).toEqual(['/machine/states/apply/meta/task/form', '/machine/states/review/meta/task/form']);
  });

  it('reports missing and unknown roles, for tasks and starters', () => {
    const doc = base();
    doc.machine.states.apply.meta.task.roles = [];
    doc.machine.states.review.meta.task.roles = ['town_reviewer', 'mayor'];
    doc.starterRoles = ['villager'];
    const r = lint(doc);
    expect(only(r, 'missing_roles')).toEqual([expect.objectContaining({ path: '/machine/states/apply/meta/task/roles' })]);
    expect(only(r, 'unknown_role').map((i) => i.path).sort()).toEqual(['/machine/states/review/meta/task/roles/1', '/starterRoles/0']);
  });

  it('reports a guard that reads a field the form lacks, naming the field', () => {
    const doc = base();
    doc.machine.states.review.on.APPROVE[0].guard.params.if = { and: [{ '>': [{ var: 'event.data.amout' }, 100] }, { var: 'data.apply.nmae' }] };
    const r = lint(doc, 'en');
    const found = only(r, 'guard_unknown_field');
    expect(found).toEqual([
      expect.objectContaining({ path: '/machine/states/review/on/APPROVE/0/guard', stateId: 'review', field: 'amout', message: 'The guard reads event.data.amout, but form "small-grant.review" has no field "amout"' }),
      expect.objectContaining({ path: '/machine/states/review/on/APPROVE/0/guard', stateId: 'review', field: 'nmae' }),
    ]);
    // The fields the forms have pass.
    doc.machine.states.review.on.APPROVE[0].guard.params.if = { and: [{ '>': [{ var: 'event.data.amount' }, 100] }, { var: 'data.apply.name' }] };
    expect(only(lint(doc), 'guard_unknown_field')).toEqual([]);
  });

  it('reports a 帮扶记录卡 declaration that reads a field its forms lack, in Chinese, and a malformed one', () => {
    const doc = base();
    doc.machine.states.review.meta.task.helpCard = {
      kind: '帮扶措施', measureType: '产业', household: 'data.apply.idNumber', value: 'amount', visit: '审核意见：{opinon}；申请人{data.apply.name}，{data.visit.date}',
    };
    const found = only(lint(doc), 'help_card_unknown_field');
    expect(found).toEqual([
      expect.objectContaining({ path: '/machine/states/review/meta/task/helpCard/visit', stateId: 'review', field: 'opinon', message: '任务“review”的帮扶记录卡（visit）读取字段“opinon”，但表单“small-grant.review”没有该字段' }),
      expect.objectContaining({ path: '/machine/states/review/meta/task/helpCard/visit', field: 'data.visit.date', message: '任务“review”的帮扶记录卡（visit）读取 data.visit.date，但没有名为“visit”的任务环节' }),
      expect.objectContaining({ path: '/machine/states/review/meta/task/helpCard/household', field: 'data.apply.idNumber', message: expect.stringContaining('表单“small-grant.apply”没有该字段') }),
    ]);
    expect(lint(doc).ok).toBe(false);
    // The fields the forms have pass.
    doc.machine.states.review.meta.task.helpCard.visit = '审核意见：{opinion}；申请人{data.apply.name}';
    doc.machine.states.review.meta.task.helpCard.household = 'data.apply.name';
    expect(only(lint(doc), 'help_card_unknown_field')).toEqual([]);
    expect(lint(doc).ok).toBe(true);
    // A kind the card lacks, an outcome the task lacks, no text and an unknown key are refused by shape.
    doc.machine.states.review.meta.task.helpCard = { kind: '慰问', measureType: '产业', outcomes: ['PASS'], colour: 'red' };
    const shape = lint(doc, 'en').issues.filter((i) => i.code === 'invalid_definition').map((i) => i.message).join('\n');
    expect(shape).toContain('kind must be one of 走访, 帮扶措施, 帮扶成效');
    expect(shape).toContain('outcome "PASS" is not an outcome of this task; known: APPROVE');
    expect(shape).toContain('needs at least one of visit, measure or result');
    expect(shape).toContain('unknown key "colour"');
  });

  it('reports delays and due dates that do not parse, and $names the configuration lacks', () => {
    const doc = base();
    doc.machine.states.review.meta.task.dueIn = '5 days';
    doc.machine.states.review.after = { $noSuchPeriod: 'done', P7X: 'done' };
    const r = lint(doc);
    expect(only(r, 'bad_delay').map((i) => i.path).sort()).toEqual([
      '/machine/states/review/after/$noSuchPeriod', '/machine/states/review/after/P7X', '/machine/states/review/meta/task/dueIn']);
  });

  it('reports unknown targets, guards and actions under their own codes', () => {
    const doc = base();
    doc.machine.states.apply.on.SUBMIT = 'reveiw';
    doc.machine.states.review.on.APPROVE[0].guard.type = 'exp';
    doc.machine.states.review.entry = [{ type: 'sendSms' }];
    const r = lint(doc);
    expect(only(r, 'unknown_target')).toEqual([expect.objectContaining({ path: '/machine/states/apply/on/SUBMIT', stateId: 'apply', message: expect.stringContaining('review') })]);
    expect(only(r, 'unknown_guard')).toEqual([expect.objectContaining({ path: '/machine/states/review/on/APPROVE' })]);
    expect(only(r, 'unknown_action')).toEqual([expect.objectContaining({ path: '/machine/states/review/entry' })]);
  });

  it('reports what the loader refuses otherwise as invalid_definition, and a document without a machine', () => {
    const doc = base();
    doc.machine.states.review.color = 'red';
    expect(only(lint(doc), 'invalid_definition')).toEqual([expect.objectContaining({ path: '/machine/states/review' })]);
    expect(lint({ key: 'x' })).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'invalid_definition', path: '/machine' })] });
    expect(codes(lint(null))).toEqual(['invalid_definition']);
  });

  describe('eventless loops', () => {
    // Before the check existed, linting passed these and a case entering them hung the server.
    jest.setTimeout(20_000);
    const guard = { type: 'expr', params: { if: { '==': [{ var: 'data.apply.name' }, '循环'] } } };

    it('reports two states whose always transitions point at each other, naming both, in Chinese and in English', () => {
      const doc = base();
      doc.machine.states.review.on.APPROVE = 'checkA';
      doc.machine.states.checkA = { always: 'checkB' };
      doc.machine.states.checkB = { always: { target: 'checkA' } };
      const zh = only(lint(doc), 'eventless_cycle');
      expect(zh).toEqual([expect.objectContaining({ severity: 'error', path: '/machine/states/checkA', stateId: 'checkA' })]);
      expect(zh[0].message).toContain('死循环：checkA → checkB → checkA');
      const en = only(lint(doc, 'en'), 'eventless_cycle');
      expect(en[0].message).toContain('endless loop: checkA → checkB → checkA');
      expect(lint(doc).ok).toBe(false);
    });

    it('finds a loop through a parent state and one that only changes data', () => {
      const doc = base();
      doc.machine.states.review.on.APPROVE = 'outer';
      // outer.inner → back (the parent's always applies to its child) → outer (enters outer.inner again)
      doc.machine.states.outer = { initial: 'inner', always: 'back', states: { inner: {} } };
      doc.machine.states.back = { always: 'outer' };
      doc.machine.states.counting = { always: { actions: [{ type: 'setData', params: { path: 'n', value: 1 } }] } };
      doc.machine.states.apply.on.COUNT = 'counting';
      const found = only(lint(doc, 'en'), 'eventless_cycle');
      expect(found.map((i) => [i.severity, i.stateId])).toEqual([['error', 'outer.inner'], ['error', 'counting']]);
    });

    it('warns, without refusing, about a loop whose guards could break it', () => {
      const doc = base();
      doc.machine.states.review.on.APPROVE = 'checkA';
      doc.machine.states.checkA = { always: [{ target: 'checkB', guard }, { target: 'done' }] };
      doc.machine.states.checkB = { always: 'checkA' };
      const r = lint(doc, 'en');
      expect(only(r, 'eventless_cycle')).toEqual([expect.objectContaining({ severity: 'warning', stateId: 'checkA', message: expect.stringContaining('may loop: checkA → checkB → checkA') })]);
      expect(r.ok).toBe(true);
    });

    it('accepts always transitions that lead somewhere to rest, and a self-transition that changes nothing', () => {
      const doc = base();
      doc.machine.states.review.on.APPROVE = 'route';
      doc.machine.states.route = { always: [{ target: 'done', guard }, { target: 'apply' }] };
      doc.machine.states.idle = { always: 'idle', on: { GO: 'done' } };
      doc.machine.states.apply.on.IDLE = 'idle';
      expect(only(lint(doc), 'eventless_cycle')).toEqual([]);
    });
  });

  it('answers in Chinese by default and in English on request', () => {
    const doc = base();
    doc.machine.states.orphan = {};
    expect(only(lint(doc), 'unreachable_state')[0].message).toContain('无法从初始状态到达');
    expect(only(lint(doc, 'en'), 'unreachable_state')[0].message).toContain('cannot be reached');
  });

  it('reports malformed documents instead of throwing', () => {
    const shapes: unknown[] = [
      null, 0, 'x', [], { machine: [] }, { machine: { id: 'x', states: 5 } },
      { machine: { id: 'x', initial: 'a', states: { a: { on: 5, after: [1], always: 7, meta: 'm' } } } },
      { machine: { id: 'x', initial: 'a', states: { a: { on: { GO: [{ target: 5 }, null, 'b'] }, meta: { task: { outcomes: 'x', roles: 'y', form: 3, dueIn: 4 } } }, b: { type: 'final' } } } },
      { machine: { id: 'x', initial: 'a', states: { a: { on: { GO: { target: 'b' } } }, b: { type: 'history' } } } },
      { machine: { id: 'x', initial: 'a', states: { a: { meta: { task: { form: 'f', roles: ['admin'], scope: 'x', title: {}, outcomes: [null, 5, { event: 7 }] } } } } } },
    ];
    for (const doc of shapes) {
      const r = lintDefinition(doc, { forms: lintForms });
      expect(r.ok).toBe(false);
      expect(r.issues.length).toBeGreaterThan(0);
      for (const issue of r.issues) expect(typeof issue.path).toBe('string');
    }
  });
});
