import { Button, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { builderText } from '../../i18n/formBuilder';
import type { Condition, FieldModel, FieldTest, Literal } from '../model';
import { flattenCondition, toCondition, type FlatCondition } from './conditionRows';

type Op = FieldTest['op'];

const labelOf = (field: FieldModel) => field.label?.zh ?? field.name;
const choicesOf = (field: FieldModel | undefined) => field?.options?.values ?? field?.item?.options?.values;

/** Operators that make sense for a field of this type. */
function opsFor(field: FieldModel | undefined): Op[] {
  if (!field) return ['equals'];
  if (field.type === 'group') return ['any'];
  if (['integer', 'number', 'money', 'computed'].includes(field.type)) return ['equals', 'notEquals', '>', '>=', '<', '<='];
  if (field.type === 'yesNo') return ['equals'];
  return choicesOf(field) ? ['equals', 'notEquals', 'in'] : ['equals', 'notEquals'];
}

function blankTest(field: FieldModel): FieldTest {
  const op = opsFor(field)[0];
  if (op === 'any') {
    const inner = field.item?.fields?.[0];
    return { field: field.name, op: 'any', where: { kind: 'all', objectType: true, tests: inner ? [blankTest(inner)] : [] } };
  }
  if (field.type === 'yesNo') return { field: field.name, op: 'equals', value: true };
  const first = choicesOf(field)?.[0]?.value;
  return { field: field.name, op: 'equals', value: first ?? '' };
}

function ValueInput({ test, field, onChange }: { test: FieldTest; field: FieldModel | undefined; onChange: (test: FieldTest) => void }) {
  const t = useT(builderText);
  if (test.op === 'any') return null;
  const choices = choicesOf(field);
  if (field?.type === 'yesNo') {
    return (
      <Select aria-label={t('conditionValue')} style={{ minWidth: 90 }} value={String(test.value)} onChange={(v: string) => onChange({ ...test, op: 'equals', value: v === 'true' } as FieldTest)}
        options={[{ value: 'true', label: t('yes') }, { value: 'false', label: t('no') }]} />
    );
  }
  if (choices) {
    const options = choices.map((c) => ({ value: String(c.value), label: c.label.zh ?? String(c.value) }));
    const find = (v: string) => choices.find((c) => String(c.value) === v)?.value ?? v;
    if (test.op === 'in') {
      return <Select aria-label={t('conditionValue')} mode="multiple" style={{ minWidth: 160 }} value={test.value.map(String)} options={options} onChange={(vs: string[]) => onChange({ ...test, value: vs.map(find) })} />;
    }
    return <Select aria-label={t('conditionValue')} style={{ minWidth: 120 }} value={String(test.value)} options={options} onChange={(v: string) => onChange({ ...test, value: find(v) } as FieldTest)} />;
  }
  if (['>', '>=', '<', '<='].includes(test.op) || ['integer', 'number', 'money', 'computed'].includes(field?.type ?? '')) {
    return <InputNumber aria-label={t('conditionValue')} value={typeof test.value === 'number' ? test.value : null} onChange={(v) => onChange({ ...test, value: v ?? 0 } as FieldTest)} />;
  }
  return <Input aria-label={t('conditionValue')} style={{ width: 140 }} value={String((test as { value: Literal }).value ?? '')} onChange={(e) => onChange({ ...test, value: e.target.value } as FieldTest)} />;
}

/** One test: field, operator, value; "any member is…" opens one test over the group's row. */
function TestRow({ test, fields, onChange, onRemove, depth }: { test: FieldTest; fields: FieldModel[]; onChange: (test: FieldTest) => void; onRemove?: () => void; depth: number }) {
  const t = useT(builderText);
  const field = fields.find((f) => f.name === test.field);
  const rowFields = field?.item?.fields ?? [];
  const inner = test.op === 'any' && test.where.kind === 'all' ? test.where.tests[0] : undefined;
  return (
    <div className="jz-admin-condition-row" data-testid="condition-test">
      <Space wrap size={4}>
        <Select aria-label={t('conditionField')} style={{ minWidth: 140 }} value={test.field} showSearch optionFilterProp="label"
          options={fields.filter((f) => depth === 0 || f.type !== 'group').map((f) => ({ value: f.name, label: `${labelOf(f)}（${f.name}）` }))}
          onChange={(name: string) => { const next = fields.find((f) => f.name === name); if (next) onChange(blankTest(next)); }} />
        <Select aria-label={t('conditionOp')} style={{ minWidth: 110 }} value={test.op}
          options={opsFor(field).map((op) => ({ value: op, label: t(`op.${op}`) }))}
          onChange={(op: Op) => onChange(op === 'in' ? { field: test.field, op, value: [] } : op === 'any' ? blankTest(field!) : { field: test.field, op, value: op === 'equals' || op === 'notEquals' ? ((test as { value?: Literal }).value ?? '') : 0 } as FieldTest)} />
        <ValueInput test={test} field={field} onChange={onChange} />
        {onRemove && <Button type="text" size="small" icon={<DeleteOutlined aria-hidden />} aria-label={t('removeTest')} onClick={onRemove} />}
      </Space>
      {test.op === 'any' && depth === 0 && (
        <div className="jz-admin-condition-any">
          <Typography.Text type="secondary">{t('anyMember')}</Typography.Text>
          {inner && rowFields.length > 0 && (
            <TestRow test={inner} fields={rowFields} depth={1} onChange={(next) => onChange({ ...test, where: { kind: 'all', objectType: true, tests: [next] } })} />
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The show-if / required-if builder: tests over the other fields of the section (equals, not,
 * one of, comparisons, "any member is…"), joined by 并且 / 或者. A condition that nests more than
 * this shows as its JSON with a way to start over.
 */
export function ConditionEditor({ value, fields, onChange, testId }: { value: Condition | null | undefined; fields: FieldModel[]; onChange: (condition: Condition | null) => void; testId: string }) {
  const t = useT(builderText);
  const flat = flattenCondition(value);
  if (!flat) {
    return (
      <div data-testid={testId}>
        <Typography.Paragraph type="secondary">{t('conditionComplex')}</Typography.Paragraph>
        <pre className="jz-admin-code">{JSON.stringify(value, null, 2)}</pre>
        <Button size="small" onClick={() => onChange(null)}>{t('conditionClear')}</Button>
      </div>
    );
  }
  const set = (next: FlatCondition) => onChange(toCondition(next));
  return (
    <div data-testid={testId} className="jz-admin-condition">
      {flat.tests.length > 1 && (
        <Select aria-label={t('combinator')} size="small" value={flat.combinator} onChange={(combinator: 'and' | 'or') => set({ ...flat, combinator })}
          options={[{ value: 'and', label: t('and') }, { value: 'or', label: t('or') }]} />
      )}
      {flat.tests.map((test, i) => (
        <TestRow key={i} test={test} fields={fields} depth={0}
          onChange={(next) => set({ ...flat, tests: flat.tests.map((x, j) => (j === i ? next : x)) })}
          onRemove={() => set({ ...flat, tests: flat.tests.filter((_, j) => j !== i) })} />
      ))}
      <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={fields.length === 0} onClick={() => set({ ...flat, tests: [...flat.tests, blankTest(fields[0])] })}>
        {t('addTest')}
      </Button>
    </div>
  );
}
