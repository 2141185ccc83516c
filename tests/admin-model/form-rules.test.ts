import {
  fieldChoices, newRule, optionChoices, parseFormModel, removeField, renameField, ruleField, ruleProblems, setRuleValue, updateField, writeFormModel,
  type FormModel,
} from '../../client/src/admin/model';
import { createFormValidator } from '../../server/src/forms';
import { checkFormSchema } from '../../server/src/forms/check-form-schema';

const validator = createFormValidator();
const money = (title: string) => ({ title, type: 'number', format: 'money' });

/** A project budget with fund sources, a vote and a household, as the county's forms have them. */
function budgetForm(): FormModel {
  return parseFormModel({
    schema: {
      type: 'object',
      properties: {
        budget: money('总预算（元）'),
        sources: { title: '资金来源', type: 'array', items: { type: 'object', properties: { name: { title: '来源', type: 'string' }, amount: money('金额（元）') } } },
        postedFrom: { title: '公示开始', type: 'string', format: 'date' },
        postedUntil: { title: '公示结束', type: 'string', format: 'date' },
        attendees: { title: '到会人数', type: 'integer' },
        votesFor: { title: '赞成票', type: 'integer' },
        result: { title: '表决结果', type: 'string', oneOf: [{ const: '通过', title: '通过' }, { const: '不通过', title: '不通过' }] },
        members: {
          title: '家庭成员', type: 'array',
          items: { type: 'object', properties: { name: { title: '姓名', type: 'string' }, idNumber: { title: '身份证号', type: 'string', format: 'id-card' } } },
        },
      },
    },
    uiSchema: {},
  });
}
const write = (model: FormModel) => writeFormModel(model).schema;
const doc = (schema: Record<string, unknown>) => ({ key: 'test.rules', version: 1, title: { zh: '测试', en: 'Test' }, schema, uiSchema: {} });

describe('the project\'s rules as settings', () => {
  it('starts a new rule with the fields of the right type and depth, labelled in Chinese', () => {
    const model = budgetForm();
    const fields = model.root.fields!;
    expect(newRule('sumEquals', fields)).toEqual({ items: 'sources', field: 'amount', total: 'budget' });
    expect(newRule('dateRange', fields)).toEqual({ from: 'postedFrom', until: 'postedUntil' });
    expect(newRule('majority', fields)).toEqual({ votes: 'budget', of: 'attendees', result: 'result', passed: '通过' });
    expect(newRule('uniqueBy', fields.find((f) => f.name === 'members')!.item!.fields!)).toBe('idNumber');
    expect(fieldChoices(fields, ['date']).slice(0, 2)).toEqual([{ value: 'postedFrom', label: '公示开始（postedFrom）' }, { value: 'postedUntil', label: '公示结束（postedUntil）' }]);
    expect(ruleField('sumEquals', { items: 'sources', field: 'amount' }, 'field', fields)?.label?.zh).toBe('金额（元）');
    expect(optionChoices(fields.find((f) => f.name === 'result'))).toEqual([{ value: '通过', label: '通过（通过）' }, { value: '不通过', label: '不通过（不通过）' }]);
  });

  it('clears what depended on a changed setting and removes emptied optional ones', () => {
    expect(setRuleValue({ items: 'sources', field: 'amount', total: 'budget' }, 'sumEquals', 'items', 'members')).toEqual({ items: 'members', field: '', total: 'budget' });
    expect(setRuleValue({ votes: 'a', of: 'b', result: 'result', passed: '通过' }, 'majority', 'result', 'other')).toEqual({ votes: 'a', of: 'b', result: 'other', passed: '' });
    expect(setRuleValue({ from: 'a', until: 'b', minDays: 7, message: 'x' }, 'dateRange', 'minDays', undefined)).toEqual({ from: 'a', until: 'b', message: 'x' });
    expect(setRuleValue({ from: 'a', until: 'b', message: 'x' }, 'dateRange', 'message', '')).toEqual({ from: 'a', until: 'b' });
    expect(setRuleValue({ idNumber: 'id', sex: 'sex' }, 'idCardMatches', 'sex', undefined)).toEqual({ idNumber: 'id' });
  });

  it('writes the settings as the keyword the server checks, with the rule\'s own Chinese message said on the field', () => {
    let model = budgetForm();
    model = updateField(model, [], { rules: { sumEquals: { items: 'sources', field: 'amount', total: 'budget', message: '资金来源合计须等于总预算' } } });
    model = updateField(model, [], { rules: { dateRange: { from: 'postedFrom', until: 'postedUntil', minDays: 7 } } });
    model = updateField(model, ['members'], { rules: { uniqueBy: 'idNumber' } });
    const schema = write(model);
    expect(schema.sumEquals).toEqual({ items: 'sources', field: 'amount', total: 'budget', message: '资金来源合计须等于总预算' });
    expect((schema.properties as Record<string, Record<string, unknown>>).members.uniqueBy).toBe('idNumber');
    expect(checkFormSchema(schema)).toEqual([]);
    expect(ruleProblems(model, [])).toEqual({});
    const checked = validator.validate(doc(schema), { budget: 100, sources: [{ name: '财政', amount: 60 }], postedFrom: '2024-03-01', postedUntil: '2024-03-03' });
    expect(checked.fields).toEqual({ '/sources': ['资金来源合计须等于总预算'], '/postedUntil': ['期限至少 7 天（含首尾两天），现为 3 天'] });
  });

  it('says in Chinese, on the rule, that a field it names is not chosen or no longer exists, as the server would', () => {
    let model = updateField(budgetForm(), [], { rules: { sumEquals: { items: 'sources', field: 'amount', total: 'budget' }, majority: { votes: 'votesFor', of: 'attendees', result: '', passed: '' } } });
    model = updateField(model, ['members'], { rules: { uniqueBy: 'idNumber' } });
    expect(ruleProblems(model, [])).toEqual({ majority: ['过半数通过：请选择字段'] });
    // A rename changes the rules that name the field; a removal leaves the rule naming a field that is gone.
    expect(ruleProblems(renameField(model, ['budget'], 'totalBudget'), []).sumEquals).toBeUndefined();
    const removed = removeField(removeField(model, ['budget']), ['members', '[]', 'idNumber']);
    expect(ruleProblems(removed, []).sumEquals).toEqual(['合计等于引用的字段“budget”在本节中不存在']);
    expect(ruleProblems(removed, ['members'])).toEqual({ uniqueBy: ['不可重复引用的字段“idNumber”在列表的每一行中不存在'] });
    expect(checkFormSchema(write(removed)).map((p) => p.message)).toEqual(expect.arrayContaining(['合计等于引用的字段“budget”在本节中不存在', '不可重复引用的字段“idNumber”在列表的每一行中不存在']));
  });
});
