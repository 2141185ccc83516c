import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fieldsOfSchema, fromJsonLogic, guardFor, listFormFields, moveFormField, removeFormField, toJsonLogic, upsertFormField,
  type ConditionGroup, type FieldSpec,
} from '../../client/src/admin/model';

const form = (path: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', path), 'utf8'));

describe('the condition builder model', () => {
  it('writes AND/OR groups of rules as JsonLogic and reads them back', () => {
    const group: ConditionGroup = {
      kind: 'group', combinator: 'and', children: [
        { kind: 'rule', field: 'data.verification.conclusion', op: '===', value: '情况属实' },
        { kind: 'group', combinator: 'or', children: [
          { kind: 'rule', field: 'event.data.amount', op: '>', value: 400000 },
          { kind: 'rule', field: 'data.proposed.oneMatterOneDiscussion', op: 'truthy' },
        ] },
      ],
    };
    const logic = toJsonLogic(group);
    expect(logic).toEqual({ and: [
      { '===': [{ var: 'data.verification.conclusion' }, '情况属实'] },
      { or: [{ '>': [{ var: 'event.data.amount' }, 400000] }, { '!!': [{ var: 'data.proposed.oneMatterOneDiscussion' }] }] },
    ] });
    expect(fromJsonLogic(logic)).toEqual(group);
    expect(guardFor({ kind: 'group', combinator: 'and', children: [] })).toBeUndefined();
  });

  it('reads the guards of the shipped workflows or says it cannot', () => {
    expect(fromJsonLogic({ '===': [{ var: 'settings.twoNoticesOneAnnouncement' }, true] })?.children).toHaveLength(1);
    expect(fromJsonLogic({ '<=': [{ var: 'event.data.approvedBudget' }, { var: 'data.proposed.budget' }] })).toBeNull();
  });
});

describe('form fields', () => {
  it('lists the fields of a stored form with their options, conditional ones included', () => {
    const fields = fieldsOfSchema(form('household-identification/verification.json').schema);
    const conclusion = fields.find((f) => f.path === 'conclusion');
    expect(conclusion?.options?.[1]).toEqual({ value: '需补正', label: { zh: '需补正', en: 'Needs correction' } });
    expect(fields.some((f) => f.path === 'reason')).toBe(true);
    expect(fields.find((f) => f.path === 'incomeVerified')?.kind).toBe('boolean');
  });
});

describe('the form builder model', () => {
  const source = form('household-identification/verification.json');
  const parts = { schema: source.schema, uiSchema: source.uiSchema };
  const remark: FieldSpec = { name: 'remark', titleZh: '备注', titleEn: 'Remark', type: 'textarea', required: false, options: [], visibleWhen: null };

  it('adds a field before the rest of the order and removes it again', () => {
    const added = upsertFormField(parts, remark);
    expect((added.schema.properties as Record<string, unknown>).remark).toMatchObject({ type: 'string', title: '备注' });
    expect(added.uiSchema.remark).toEqual({ 'ui:widget': 'textarea' });
    expect((added.uiSchema['ui:order'] as string[]).slice(-2)).toEqual(['remark', '*']);
    const removed = removeFormField(added, 'remark');
    expect(removed).toEqual(parts);
  });

  it('adds a required choice with Chinese labels and fills the examples', () => {
    const spec: FieldSpec = { name: 'level', titleZh: '等级', titleEn: 'Level', type: 'enum', required: true, visibleWhen: null,
      options: [{ value: 'a', zh: '甲', en: 'A' }, { value: 'b', zh: '乙', en: 'B' }] };
    const next = upsertFormField(parts, spec);
    expect((next.schema.properties as any).level.oneOf[0]).toEqual({ const: 'a', title: '甲', 'x-title-en': 'A' });
    expect(next.schema.required).toContain('level');
    expect((next.schema.examples as any[])[0].level).toBe('a');
    expect(listFormFields(next).find((f) => f.name === 'level')).toEqual(spec);
  });

  it('makes a field visible only under a condition, as the shipped schemas do', () => {
    const spec: FieldSpec = { ...remark, required: true, visibleWhen: { field: 'conclusion', equals: '不符合条件' } };
    const next = upsertFormField(parts, spec);
    expect((next.schema.properties as any).remark).toBeUndefined();
    const branch = (next.schema.allOf as any[]).find((b) => b.if.properties.conclusion?.const === '不符合条件');
    expect(branch.then.properties.remark.title).toBe('备注');
    expect(branch.then.required).toEqual(['remark']);
    expect(listFormFields(next).find((f) => f.name === 'remark')?.visibleWhen).toEqual(spec.visibleWhen);
    expect(listFormFields(parts).find((f) => f.name === 'reason')?.visibleWhen).toEqual({ field: 'conclusion', equals: ['需补正', '不符合条件'] });
  });

  it('moves a field in ui:order', () => {
    const moved = moveFormField(parts, 'visitDate', -1);
    expect((moved.uiSchema['ui:order'] as string[]).slice(0, 2)).toEqual(['visitDate', 'visitors']);
  });
});

describe('forms as the server stores them', () => {
  // Stored schemas carry their shared definitions inline under $defs (server/src/forms/inline-shared-defs.ts).
  const stored = {
    type: 'object',
    $defs: { reviewDecision: { type: 'object', required: ['opinion'], properties: { opinion: { title: '审核意见', type: 'string' }, reviewDate: { title: '审核日期', $ref: '#/$defs/date' } } }, date: { type: 'string', format: 'date' } },
    allOf: [{ $ref: '#/$defs/reviewDecision' }],
    properties: { checked: { title: '已比对', type: 'boolean' } },
  };

  it('offers the fields of a shared definition to conditions', () => {
    expect(fieldsOfSchema(stored).map((f) => [f.path, f.kind, f.format])).toEqual([
      ['checked', 'boolean', undefined], ['opinion', 'string', undefined], ['reviewDate', 'string', 'date'],
    ]);
  });

  it('lists them in the builder as shared, to be changed in the JSON', () => {
    const fields = listFormFields({ schema: stored, uiSchema: {} });
    expect(fields.find((f) => f.name === 'opinion')).toMatchObject({ shared: true, required: true, type: 'string' });
    expect(fields.find((f) => f.name === 'reviewDate')).toMatchObject({ shared: true, type: 'date' });
  });
});
