import Form from '@rjsf/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

import { createRjsfValidator, localizeFormSchema, toErrorSchema } from '../../server/src/forms';
import { allForms, exampleOf, formByKey, validator } from './form-fixtures';

const zhValidator = createRjsfValidator('zh-CN');

function render(schema: Record<string, unknown>, uiSchema: Record<string, unknown>, formData: unknown, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return renderToStaticMarkup(createElement(Form as any, {
    schema, uiSchema, formData, noHtml5Validate: true, validator: locale === 'en' ? createRjsfValidator('en') : zhValidator,
  }));
}

describe('the forms in rjsf', () => {
  it.each(allForms().map((f) => [f.key]))('%s renders its example with Chinese labels', (key) => {
    const form = formByKey(key);
    const html = render(form.schema, form.uiSchema, exampleOf(key));
    expect(html).toContain(`<legend id="root__title">${form.title.zh}</legend>`);
    const labels = [...html.matchAll(/<label class="control-label"[^>]*>([^<]*)/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('shows a disability grade only for the member whose health is 残疾', () => {
    const form = formByKey('household-identification.application');
    const html = render(form.schema, form.uiSchema, exampleOf(form.key));
    expect(html).toContain('id="root_household_members_5_disabilityGrade"');
    expect(html).not.toContain('id="root_household_members_0_disabilityGrade"');
  });

  it('shows Chinese option labels for English-coded values, and English labels with the English schema', () => {
    const form = formByKey('project-tendering.procurement');
    expect(render(form.schema, form.uiSchema, exampleOf(form.key))).toContain('直接委托村级实施（自建自管）');
    const application = formByKey('household-identification.application');
    const english = render(localizeFormSchema(application.schema, 'en'), application.uiSchema, exampleOf(application.key), 'en');
    expect(english).toContain('<legend id="root__title">Poor household application</legend>');
    expect(english).toContain('>Huacheng</option>');
    expect(english).toContain('Relation to head');
  });

  it('gives the browser the same verdict and messages as the server', () => {
    const form = formByKey('household-identification.application');
    const data = exampleOf(form.key);
    data.household.members[0].idNumber = '441424196803153013';
    data.household.income.perCapitaIncome = 3400;
    const browser = zhValidator.validateFormData(data, form.schema as any);
    const server = validator.validate(form, data);
    expect(browser.errorSchema).toEqual(toErrorSchema(server.fields));
    expect(browser.errors.map((e) => e.message)).toEqual(expect.arrayContaining(['身份证号校验码不正确，请核对']));
  });
});

describe('localizeFormSchema', () => {
  it('swaps in English titles and labels without touching values or examples', () => {
    const form = formByKey('household-identification.application');
    const english = localizeFormSchema(form.schema, 'en') as any;
    expect(english.title).toBe('Poor household application');
    expect(english.$defs.sex.oneOf).toEqual([{ const: '男', title: 'Male' }, { const: '女', title: 'Female' }]);
    expect(english.$defs.sex.enum).toBeUndefined();
    expect(english.examples).toEqual(form.schema.examples);
    expect(localizeFormSchema(form.schema, 'zh-CN')).toBe(form.schema);
  });
});
