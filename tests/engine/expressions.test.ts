import { evaluateCondition, findExpressionIssues } from '../../server/src/expressions';

describe('expressions', () => {
  it('evaluates JsonLogic over data', () => {
    expect(evaluateCondition({ and: [{ '<': [{ var: 'income' }, 4000] }, { in: [{ var: 'category' }, ['低保户', '五保户']] }] }, { income: 3500, category: '低保户' })).toBe(true);
    expect(evaluateCondition({ '<': [{ var: 'income' }, 4000] }, { income: 4500 })).toBe(false);
  });
  it('refuses operators outside the safe set, at check time and at evaluation time', () => {
    const rule = { if: [true, { method: [{ var: 'x' }, 'constructor'] }, 1] };
    expect(findExpressionIssues(rule)).toEqual([{ path: '/if/1', message: expect.stringContaining('unknown operator "method"') }]);
    expect(() => evaluateCondition(rule, { x: 'a' })).toThrow(/Refused expression/);
  });
});
