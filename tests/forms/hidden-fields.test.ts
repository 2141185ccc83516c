import { exampleOf, formByKey, validator } from './form-fixtures';

describe('hidden fields', () => {
  it('drops a disability grade and certificate filled in for a healthy member, and stays valid', () => {
    const data = exampleOf('household-identification.application');
    Object.assign(data.household.members[0], { disabilityGrade: '一级', disabilityCertNo: 'not-a-number' });
    const result = validator.validate(formByKey('household-identification.application'), data);
    expect(result.fields).toEqual({});
    expect(result.valid).toBe(true);
    const member = (result.data as any).household.members[0];
    expect(member).not.toHaveProperty('disabilityGrade');
    expect(member).not.toHaveProperty('disabilityCertNo');
    expect(member.name).toBe('曾庆华');
  });

  it('keeps the disability grade of a member whose health is 残疾', () => {
    const data = exampleOf('household-identification.application');
    const result = validator.validate(formByKey('household-identification.application'), data);
    expect((result.data as any).household.members[5]).toMatchObject({ health: '残疾', disabilityGrade: '二级' });
  });

  it('drops 低保 fields unless the category is a 低保 one', () => {
    const form = formByKey('household-identification.application');
    const data = exampleOf('household-identification.application');
    Object.assign(data.household, { minimumLivingCertNo: '华城低保2015-031', minimumLivingMonthly: -5 });
    const ordinary = validator.validate(form, data);
    expect(ordinary.valid).toBe(true);
    expect((ordinary.data as any).household).not.toHaveProperty('minimumLivingCertNo');
    expect((ordinary.data as any).household).not.toHaveProperty('minimumLivingMonthly');

    data.household.category = '扶贫低保户';
    data.household.minimumLivingMonthly = 410;
    const withMinimumLiving = validator.validate(form, data);
    expect(withMinimumLiving.valid).toBe(true);
    expect((withMinimumLiving.data as any).household).toMatchObject({ minimumLivingCertNo: '华城低保2015-031', minimumLivingMonthly: 410 });
  });

  it('keeps only the fields of the procurement route chosen', () => {
    const form = formByKey('project-tendering.procurement');
    const data = {
      ...exampleOf('project-tendering.procurement'),
      route: 'government_procurement',
      procurementMethod: '竞争性磋商',
      procurementPlanNumber: '五华采计〔2017〕0412',
      commissionedParty: '董源村村民委员会',
    };
    const result = validator.validate(form, data);
    expect(result.fields).toEqual({});
    expect(Object.keys(result.data as object).sort()).toEqual(
      ['decidedBy', 'decidedOn', 'estimatedAmount', 'procurementMethod', 'procurementPlanNumber', 'route', 'subjectType'].sort(),
    );
  });

  it('drops the name and phone of an anonymous objection, even when they are malformed', () => {
    const form = formByKey('common.objection');
    const result = validator.validate(form, { content: '该户有商品房。', anonymous: true, name: '李建平1', phone: '12345' });
    expect(result).toEqual({ valid: true, fields: {}, data: { content: '该户有商品房。', anonymous: true } });
    const named = validator.validate(form, { content: '该户有商品房。', anonymous: false, name: '李建平', phone: '13902318765' });
    expect(named.data).toEqual({ content: '该户有商品房。', anonymous: false, name: '李建平', phone: '13902318765' });
  });

  it('drops the reason of a verification that found everything in order', () => {
    const data = { ...exampleOf('household-identification.verification'), reason: '' };
    const result = validator.validate(formByKey('household-identification.verification'), data);
    expect(result.valid).toBe(true);
    expect(result.data).not.toHaveProperty('reason');
  });

  it('drops fields the form does not declare, at every depth', () => {
    const data = exampleOf('household-identification.application');
    data.injected = { sql: "'; DROP TABLE households; --" };
    data.household.members[2].nickname = '阿强';
    data.household.income.transferIncome.lottery = 1_000_000;
    const result = validator.validate(formByKey('household-identification.application'), data);
    expect(result.valid).toBe(true);
    expect(result.data).toEqual(exampleOf('household-identification.application'));
  });

  it('neither changes the submitted object nor lets a __proto__ key through', () => {
    const data = JSON.parse(JSON.stringify(exampleOf('common.comment')).replace('{', '{"__proto__":{"polluted":true},'));
    const before = structuredClone(data);
    const result = validator.validate(formByKey('common.comment'), data);
    expect(data).toEqual(before);
    expect(result.valid).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(result.data, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
