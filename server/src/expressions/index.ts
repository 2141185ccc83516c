export { ALLOWED_OPERATORS, evaluateCondition, evaluateExpression, findExpressionIssues } from './json-logic';
export type { ExpressionIssue, JsonLogicRule } from './json-logic';
