import { useState } from 'react';
import { Alert, Input, InputNumber, Select, Space } from 'antd';
import { useT } from '../../i18n';
import { builderText } from '../../i18n/formBuilder';
import type { ComputeSetting, FieldModel } from '../model';
import { computeLogic, readComputeRule, type ComputeRule } from './computeRules';

const NUMERIC = new Set(['integer', 'number', 'money', 'computed']);
const labelOf = (field: FieldModel) => `${field.label?.zh ?? field.name}（${field.name}）`;

/** The computed value's settings: what it adds up or divides, chosen from the other fields, or its JsonLogic; decimals. */
export function ComputeEditor({ value, fields, onChange }: { value: ComputeSetting | undefined; fields: FieldModel[]; onChange: (value: ComputeSetting) => void }) {
  const t = useT(builderText);
  const rule = readComputeRule(value?.logic);
  const [logicText, setLogicText] = useState(() => JSON.stringify(value?.logic ?? null));
  const [logicError, setLogicError] = useState(false);
  const numbers = fields.filter((f) => NUMERIC.has(f.type));
  const lists = fields.filter((f) => f.type === 'group');
  const set = (next: ComputeRule) => onChange({ ...value, logic: computeLogic(next, lists.map((l) => l.name)) });
  const listRow = (list: string) => lists.find((l) => l.name === list)?.item?.fields?.filter((f) => NUMERIC.has(f.type)) ?? [];
  const kinds: ComputeRule['kind'][] = ['sum', 'listSum', 'count', 'divide', 'logic'];
  const blank = (kind: ComputeRule['kind']): ComputeRule => {
    if (kind === 'sum') return { kind, fields: [] };
    if (kind === 'listSum') return { kind, list: lists[0]?.name ?? '', field: listRow(lists[0]?.name ?? '')[0]?.name ?? '' };
    if (kind === 'count') return { kind, list: lists[0]?.name ?? '' };
    if (kind === 'divide') return { kind, dividend: numbers[0]?.name ?? '', divisor: lists[0]?.name ?? numbers[1]?.name ?? '' };
    return { kind, logic: value?.logic ?? null };
  };
  const pick = (items: FieldModel[]) => items.map((f) => ({ value: f.name, label: labelOf(f) }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="compute-editor">
      <Select aria-label={t('computeKind')} value={rule.kind} onChange={(kind: ComputeRule['kind']) => set(blank(kind))} options={kinds.map((kind) => ({ value: kind, label: t(`compute.${kind}`) }))} />
      {rule.kind === 'sum' && <Select aria-label={t('computeFields')} mode="multiple" value={rule.fields} options={pick(numbers)} onChange={(fields: string[]) => set({ kind: 'sum', fields })} />}
      {(rule.kind === 'listSum' || rule.kind === 'count') && (
        <Select aria-label={t('computeList')} value={rule.list} options={pick(lists)} onChange={(list: string) => set(rule.kind === 'count' ? { kind: 'count', list } : { kind: 'listSum', list, field: listRow(list)[0]?.name ?? '' })} />
      )}
      {rule.kind === 'listSum' && <Select aria-label={t('computeListField')} value={rule.field} options={pick(listRow(rule.list))} onChange={(field: string) => set({ ...rule, field })} />}
      {rule.kind === 'divide' && (
        <Space wrap>
          <Select aria-label={t('computeDividend')} style={{ minWidth: 160 }} value={rule.dividend} options={pick(numbers)} onChange={(dividend: string) => set({ ...rule, dividend })} />
          ÷
          <Select aria-label={t('computeDivisor')} style={{ minWidth: 160 }} value={rule.divisor} options={pick([...numbers, ...lists])} onChange={(divisor: string) => set({ ...rule, divisor })} />
        </Space>
      )}
      {rule.kind === 'logic' && (
        <>
          <Input.TextArea aria-label="JsonLogic" className="jz-admin-code" autoSize={{ minRows: 2 }} value={logicText} status={logicError ? 'error' : undefined}
            onChange={(e) => {
              setLogicText(e.target.value);
              try {
                onChange({ ...value, logic: JSON.parse(e.target.value) as unknown });
                setLogicError(false);
              } catch {
                setLogicError(true);
              }
            }} />
          {logicError && <Alert type="error" showIcon title={t('logicInvalid')} />}
        </>
      )}
      <Space>
        {t('computeRound')}
        <InputNumber aria-label={t('computeRound')} min={0} max={6} value={value?.round ?? 2} onChange={(round) => onChange({ logic: value?.logic ?? null, ...value, round: round ?? 2 })} />
      </Space>
    </Space>
  );
}
