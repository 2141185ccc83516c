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
    // Refused on every evaluation, not only the first: a refused rule is never remembered as checked.
    expect(() => evaluateCondition(rule, { x: 'a' })).toThrow(/Refused expression/);
  });
  it('evaluates a rule it has checked each time with that time\'s data, and checks a rule built anew', () => {
    const rule = { '>=': [{ var: 'members' }, 3] };
    expect(evaluateCondition(rule, { members: 4 })).toBe(true);
    expect(evaluateCondition(rule, { members: 2 })).toBe(false);
    // A rule built anew (an edited definition's) is checked anew.
    const edited = { '>=': [{ method: [{ var: 'members' }, 'valueOf'] }, 3] };
    expect(() => evaluateCondition(edited, { members: 4 })).toThrow(/Refused expression/);
  });
});
