import { computeValue, createFormValidator, createRjsfValidator, isLandline, type FormDocument } from '../../server/src/forms';
import { checkFormSchema } from '../../server/src/forms/check-form-schema';

const validator = createFormValidator();
const form = (schema: Record<string, unknown>): FormDocument => ({ key: 'test.newTypes', version: 1, title: { zh: '测试', en: 'Test' }, schema, uiSchema: {} });

// 人均可支配收入 = (各项收入 − 生产经营性支出) ÷ 家庭人口, computed from the other fields.
const perCapita = {
  logic: {
    '/': [
      { '-': [{ '+': [{ var: 'wageIncome' }, { var: 'transferIncome' }] }, { var: 'productionCosts' }] },
      { reduce: [{ var: '$root.members' }, { '+': [{ var: 'accumulator' }, 1] }, 0] },
    ],
  },
  round: 2,
};
const household: Record<string, any> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['members', 'income'],
  properties: {
    members: { type: 'array', minItems: 1, items: { type: 'object', properties: { name: { type: 'string' } } } },
    income: {
      type: 'object',
      properties: {
        wageIncome: { type: 'number', format: 'money' },
        transferIncome: { type: 'number', format: 'money' },
        productionCosts: { type: 'number', format: 'money' },
        perCapitaIncome: { title: '人均可支配收入', type: 'number', readOnly: true, 'x-compute': perCapita },
      },
    },
    office: { title: '办公电话', type: 'string', format: 'landline' },
    signatureRef: { title: '户主签名', type: 'string', format: 'file-ref', maxLength: 36, 'x-file': { kind: 'signature', accept: ['image/png'] } },
    period: {
      type: 'object',
      required: ['from', 'until'],
      properties: { from: { title: '开始日期', type: 'string', format: 'date' }, until: { title: '结束日期', type: 'string', format: 'date' } },
      dateRange: { from: 'from', until: 'until', maxDays: 30 },
    },
    heading: { title: '以下由村两委填写', type: 'null' },
  },
};
const data = () => ({
  members: [{ name: '甲' }, { name: '乙' }, { name: '丙' }],
  income: { wageIncome: 9000, transferIncome: 1500, productionCosts: 500, perCapitaIncome: 3333.33 },
  office: '0753-4432100',
  signatureRef: '00000000-0000-4000-8000-000000000001',
  period: { from: '2026-03-01', until: '2026-03-20' },
});

describe('computed values', () => {
  it('computes 人均可支配收入 from the income items and the household size', () => {
    const input = data();
    expect(computeValue(perCapita, input.income, input)).toBe(3333.33);
  });

  it('accepts the computed value and refuses another with a Chinese message that gives the right one', () => {
    expect(validator.validate(form(household), data()).valid).toBe(true);
    const wrong = data();
    wrong.income.perCapitaIncome = 4000;
    const result = validator.validate(form(household), wrong);
    expect(result.fields['/income/perCapitaIncome']).toEqual(['应为 3333.33（由其他字段计算得出，请重新计算）']);
    expect(validator.validate(form(household), wrong, 'en').fields['/income/perCapitaIncome']).toEqual(['must be 3333.33, computed from the other fields; compute it again']);
  });

  it('refuses a rule with an operator that could reach code, before it is ever evaluated', () => {
    const unsafe = structuredClone(household) as any;
    unsafe.properties.income.properties.perCapitaIncome['x-compute'] = { logic: { method: [{ var: 'wageIncome' }, 'toString'] } };
    expect(checkFormSchema(unsafe)).toEqual([{ at: '/schema/properties/income/properties/perCapitaIncome', message: '计算公式有误（x-compute）：operator "method" is not allowed in a computed value' }]);
    expect(computeValue({ logic: { method: [{ var: 'a' }, 'toString'] } }, { a: 1 })).toBeUndefined();
  });
});

describe('landline, signature, date range and static text', () => {
  it('takes a landline with its area code and refuses a mobile number', () => {
    expect(isLandline('0753-4432100')).toBe(true);
    expect(isLandline('020-12345678-801')).toBe(true);
    expect(isLandline('13800138000')).toBe(false);
    const mobile = { ...data(), office: '13800138000' };
    expect(validator.validate(form(household), mobile).fields['/office']).toEqual(['应为带区号的固定电话，如 0753-4432100']);
  });

  it('checks a date range within its maximum span', () => {
    const long = { ...data(), period: { from: '2026-03-01', until: '2026-04-30' } };
    expect(validator.validate(form(household), long).fields['/period/until']?.[0]).toMatch(/最多 30 天/);
  });

  it('knows a signature as an attachment of kind signature and refuses an unknown kind when the form is checked', () => {
    expect(checkFormSchema({ ...household, examples: [data()] })).toEqual([]);
    const bad = structuredClone(household) as any;
    bad.properties.signatureRef['x-file'] = { kind: 'drawing' };
    expect(checkFormSchema(bad)[0].message).toMatch(/x-file/);
  });

  it('compiles the same keywords in the browser validator', () => {
    const rjsf = createRjsfValidator('zh-CN');
    const wrong = data();
    wrong.income.perCapitaIncome = 1;
    expect(rjsf.validateFormData(wrong, household).errors.some((e) => e.property === '.income.perCapitaIncome')).toBe(true);
    expect(rjsf.validateFormData(data(), household).errors).toEqual([]);
  });

  it('finds an unknown keyword and an invalid example', () => {
    expect(checkFormSchema({ type: 'object', properties: { a: { type: 'string', colour: 'red' } } })).toEqual([{ at: '/schema/properties/a', message: '不认识的设置“colour”' }]);
    expect(checkFormSchema({ type: 'object', required: ['a'], properties: { a: { type: 'string' } }, examples: [{}] })).toEqual([{ at: '/schema/examples/0/a', message: '示例数据：此项为必填项' }]);
  });
});

describe('computed values that cannot be worked out', () => {
  const schema = { type: 'object', properties: { total: { type: 'number' }, count: { type: 'integer' }, ratio: { type: 'number', readOnly: true, 'x-compute': { logic: { '/': [{ var: 'total' }, { var: 'count' }] } } }, share: { type: 'integer', readOnly: true, 'x-compute': { logic: { '/': [{ var: 'total' }, 3] } } } } };

  it('check nothing (never a server error) when the rule fails on the data, and keep whole numbers for an integer field', () => {
    expect(computeValue({ logic: { substr: [{ var: 'a' }, { var: 'b.c' }] } }, { a: null, b: 1 })).toBeUndefined();
    expect(validator.validate(form(schema), { ratio: 2, total: 10, count: 0 }).valid).toBe(true);
    expect(() => computeValue({ logic: { reduce: 'x' } }, {})).not.toThrow();
    expect(validator.validate(form(schema), { share: 3333, total: 10000 }).valid).toBe(true);
    expect(validator.validate(form(schema), { share: 3000, total: 10000 }).fields['/share']).toEqual(['应为 3333（由其他字段计算得出，请重新计算）']);
  });
});
