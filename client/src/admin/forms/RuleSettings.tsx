import { useState } from 'react';
import { Alert, Button, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { builderText } from '../../i18n/formBuilder';
import { RULE_KEYWORDS, type FieldModel, type ProjectRules, type RuleKeyword } from '../model';

/** What a new rule starts with, from the section's own fields. */
function templateOf(keyword: RuleKeyword, fields: FieldModel[]): unknown {
  const named = (type: string) => fields.filter((f) => f.type === type).map((f) => f.name);
  const numbers = fields.filter((f) => ['integer', 'number', 'money'].includes(f.type)).map((f) => f.name);
  switch (keyword) {
    case 'dateRange':
      return { from: named('date')[0] ?? '', until: named('date')[1] ?? '' };
    case 'sumAtMost':
      return { fields: numbers.slice(0, -1), limit: numbers.at(-1) ?? '' };
    case 'sumEquals':
      return { items: named('group')[0] ?? '', field: '', total: numbers[0] ?? '' };
    case 'majority':
      return { votes: numbers[0] ?? '', of: numbers[1] ?? '', result: '', passed: '' };
    case 'uniqueBy':
      return '';
    case 'perCapitaIncome':
      return { income: named('section')[0] ?? '', householdSize: named('group')[0] ?? '' };
    case 'idCardMatches':
      return { idNumber: named('idNumber')[0] ?? '' };
    default:
      return {};
  }
}

/** One rule as JSON, applied while it parses. */
function RuleJson({ keyword, value, onChange }: { keyword: RuleKeyword; value: unknown; onChange: (value: unknown) => void }) {
  const t = useT(builderText);
  const [text, setText] = useState(() => JSON.stringify(value));
  const [bad, setBad] = useState(false);
  return (
    <>
      <Input.TextArea aria-label={t(`rule.${keyword}`)} className="jz-admin-code" autoSize={{ minRows: 1, maxRows: 6 }} value={text} status={bad ? 'error' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value) as unknown);
            setBad(false);
          } catch {
            setBad(true);
          }
        }} />
      {bad && <Alert type="error" showIcon title={t('logicInvalid')} />}
    </>
  );
}

/**
 * The project's own rules on a section or a repeating group (server/src/forms/keywords) as
 * settings: 不可重复 picks the row's field, 日期区间 the two dates and the least days; the others
 * are edited in their own small JSON with the section's field names.
 */
export function RuleSettings({ rules, fields, isGroup, onChange }: { rules: ProjectRules; fields: FieldModel[]; isGroup: boolean; onChange: (patch: Partial<ProjectRules>) => void }) {
  const t = useT(builderText);
  const present = RULE_KEYWORDS.filter((keyword) => rules[keyword] !== undefined);
  const offered = RULE_KEYWORDS.filter((keyword) => rules[keyword] === undefined && (keyword === 'uniqueBy' ? isGroup : true));
  const set = (keyword: RuleKeyword, value: unknown) => onChange({ [keyword]: value } as Partial<ProjectRules>);
  return (
    <div data-testid="rule-settings">
      {present.map((keyword) => (
        <div key={keyword} className="jz-admin-rule">
          <Space>
            <Typography.Text strong>{t(`rule.${keyword}`)}</Typography.Text>
            <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('removeRule', { rule: t(`rule.${keyword}`) })} onClick={() => set(keyword, undefined)} />
          </Space>
          {keyword === 'uniqueBy' ? (
            <Select aria-label={t('rule.uniqueBy')} style={{ minWidth: 200 }} value={typeof rules.uniqueBy === 'string' ? rules.uniqueBy : undefined}
              options={fields.map((f) => ({ value: f.name, label: `${f.label?.zh ?? f.name}（${f.name}）` }))} onChange={(name: string) => set('uniqueBy', name)} />
          ) : keyword === 'dateRange' && rules.dateRange ? (
            <Space wrap>
              {(['from', 'until'] as const).map((end) => (
                <Select key={end} aria-label={t(`range.${end}`)} style={{ minWidth: 140 }} value={rules.dateRange![end]}
                  options={fields.filter((f) => f.type === 'date').map((f) => ({ value: f.name, label: f.label?.zh ?? f.name }))}
                  onChange={(name: string) => set('dateRange', { ...rules.dateRange, [end]: name })} />
              ))}
              <InputNumber aria-label={t('range.minDays')} addonBefore={t('range.minDays')} min={1} value={rules.dateRange.minDays ?? null}
                onChange={(minDays) => set('dateRange', { ...rules.dateRange, minDays: minDays ?? undefined })} />
            </Space>
          ) : (
            <RuleJson keyword={keyword} value={rules[keyword]} onChange={(value) => set(keyword, value)} />
          )}
        </div>
      ))}
      {offered.length > 0 && (
        <Select aria-label={t('addRule')} placeholder={t('addRule')} style={{ minWidth: 200 }} value={null}
          options={offered.map((keyword) => ({ value: keyword, label: t(`rule.${keyword}`) }))}
          onChange={(keyword: RuleKeyword) => set(keyword, templateOf(keyword, fields))} />
      )}
    </div>
  );
}
