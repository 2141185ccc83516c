import { checkFormSchema } from '../../server/src/forms/check-form-schema';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';
import { findRuleReferenceProblems } from '../../server/src/forms/rule-references';
import { SCHEMAS_DIR } from './form-fixtures';

const members = { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, idNumber: { type: 'string' }, relation: { type: 'string' } } } };

describe('the strict check of a form as it is saved', () => {
  it('passes every form in schemas/', () => {
    const forms = loadFormsFromDir(SCHEMAS_DIR);
    expect(forms.length).toBeGreaterThanOrEqual(50);
    const refused = forms.map((form) => ({ key: form.key, problems: checkFormSchema(form.schema) })).filter((f) => f.problems.length);
    expect(refused).toEqual([]);
  });

  it('names, in Chinese and on the rule\'s own node, each field a project rule names that the form does not have', () => {
    const schema = {
      type: 'object',
      properties: {
        start: { type: 'string', format: 'date' }, members: { ...members, uniqueBy: 'idNo' }, total: { type: 'number' },
        head: { type: 'object', properties: { name: { type: 'string' } } },
      },
      dateRange: { from: 'start', until: 'end' },
      sumEquals: { items: 'members', field: 'amount', total: 'total' },
      headIsMember: { head: 'head', members: 'members', relation: 'relation', value: '户主', fields: ['name', 'sex'] },
      allOf: [{ if: { properties: { start: { const: '2024-01-01' } } }, then: { required: ['total', 'missing'] } }],
    };
    expect(findRuleReferenceProblems(schema)).toEqual([
      { at: '', keyword: 'dateRange', message: '日期区间引用的字段“end”在本节中不存在' },
      { at: '', keyword: 'sumEquals', message: '合计等于引用的字段“amount”在“members”中不存在' },
      { at: '', keyword: 'headIsMember', message: '户主即成员引用的字段“sex”在“head”中不存在' },
      { at: '/properties/members', keyword: 'uniqueBy', message: '不可重复引用的字段“idNo”在列表的每一行中不存在' },
      { at: '/allOf/0/then', keyword: 'required', message: '必填引用的字段“missing”在本节中不存在' },
    ]);
    const fixed = { ...schema, dateRange: { from: 'start', until: 'start' }, sumEquals: { items: 'members', field: 'name', total: 'total' } };
    fixed.properties = { ...schema.properties, members: { ...members, uniqueBy: 'idNumber' } };
    fixed.headIsMember = { ...schema.headIsMember, fields: ['name'] };
    fixed.allOf = [{ if: { properties: { start: { const: '2024-01-01' } } }, then: { required: ['total'] } }];
    expect(findRuleReferenceProblems(fixed)).toEqual([]);
  });

  it('refuses a rule with an empty field, an unknown format and a bad keyword value, each on its field', () => {
    expect(checkFormSchema({ type: 'object', properties: { a: { type: 'string', format: 'colour' }, b: { type: 'integer', minimum: 'one' } }, majority: { votes: '', of: 'b', result: 'a', passed: '通过' } })).toEqual([
      { at: '/schema/properties/b', message: '设置“minimum”的值有误：应当是 number 类型' },
      { at: '/schema/properties/a', message: '不认识的格式“colour”' },
      { at: '/schema', message: '过半数通过：请选择字段' },
    ]);
    expect(checkFormSchema({ type: 'object', properties: { d: { type: 'object', dateRange: { from: 1 } } } })[0]).toEqual({
      at: '/schema/properties/d', message: '日期区间（dateRange）的设置有误：应当有必需属性 until；/from 应当是 string 类型',
    });
  });
});
