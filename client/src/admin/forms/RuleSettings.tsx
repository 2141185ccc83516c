import { Alert, Button, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { builderText } from '../../i18n/formBuilder';
import {
  fieldChoices, newRule, offeredRules, optionChoices, QUORUM_RULES, RULE_KEYWORDS, RULE_SLOTS, RULES_WITH_MESSAGE, ruleField, setRuleValue, slotFields,
  type FieldModel, type ProjectRules, type RuleKeyword, type RuleSlot,
} from '../model';

type Rule = Record<string, unknown>;
type ObjectRule = Exclude<RuleKeyword, 'uniqueBy'>;

/** One setting of a rule: a field picked by its Chinese label, several fields, a number or the option of a choice field. */
function SlotInput({ keyword, rule, slot, fields, ruleName, onChange }: { keyword: ObjectRule; rule: Rule; slot: RuleSlot; fields: FieldModel[]; ruleName: string; onChange: (value: unknown) => void }) {
  const label = `${ruleName}：${slot.label}`;
  const value = rule[slot.key];
  let input;
  if (slot.kind === 'number') {
    input = <InputNumber aria-label={label} min={slot.min} step={slot.step} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} />;
  } else if (slot.kind === 'option') {
    const choices = optionChoices(ruleField(keyword, rule, slot.of, fields));
    input = choices.length
      ? <Select aria-label={label} style={{ minWidth: 160 }} value={typeof value === 'string' && value ? value : undefined} options={choices} onChange={(v: string) => onChange(v)} />
      : <Input aria-label={label} style={{ width: 160 }} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
  } else {
    const options = fieldChoices(slotFields(slot.scope, fields, rule), slot.prefer);
    input = slot.kind === 'fields'
      ? <Select mode="multiple" aria-label={label} style={{ minWidth: 220 }} value={Array.isArray(value) ? (value as string[]) : []} options={options} onChange={(v: string[]) => onChange(v)} />
      : <Select aria-label={label} style={{ minWidth: 180 }} allowClear={slot.optional} value={typeof value === 'string' && value ? value : undefined} options={options} onChange={(v: string | undefined) => onChange(v)} />;
  }
  return (
    <label className="jz-admin-rule-slot">
      <Typography.Text type="secondary">{slot.label}</Typography.Text>
      {input}
    </label>
  );
}

/** A rule's own Chinese message, said instead of the standard one; empty keeps the standard one. */
function MessageInput({ rule, ruleName, onChange }: { rule: Rule; ruleName: string; onChange: (message: string) => void }) {
  const t = useT(builderText);
  return (
    <label className="jz-admin-rule-slot jz-admin-rule-message">
      <Typography.Text type="secondary">{t('ruleMessage')}</Typography.Text>
      <Input aria-label={`${ruleName}：${t('ruleMessage')}`} placeholder={t('ruleMessageHint')} value={typeof rule.message === 'string' ? rule.message : ''} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** The settings of one object rule (a `sumAtMost` list shows one of these per line). */
function ObjectRuleSettings({ keyword, rule, fields, ruleName, onChange }: { keyword: ObjectRule; rule: Rule; fields: FieldModel[]; ruleName: string; onChange: (rule: Rule) => void }) {
  const t = useT(builderText);
  const set = (key: string, value: unknown) => onChange(setRuleValue(rule, keyword, key, value));
  const kinds = keyword === 'quorum' ? optionChoices(fields.find((f) => f.name === rule.kind)) : [];
  const quorumRules = (rule.rules ?? {}) as Record<string, string>;
  return (
    <Space wrap align="end">
      {RULE_SLOTS[keyword].map((slot) => <SlotInput key={slot.key} keyword={keyword} rule={rule} slot={slot} fields={fields} ruleName={ruleName} onChange={(value) => set(slot.key, value)} />)}
      {kinds.map((kind) => (
        <label key={kind.value} className="jz-admin-rule-slot">
          <Typography.Text type="secondary">{kind.label}</Typography.Text>
          <Select aria-label={`${ruleName}：${kind.label}`} style={{ minWidth: 160 }} allowClear value={quorumRules[kind.value]} options={QUORUM_RULES.map((q) => ({ value: q.value, label: q.label }))}
            onChange={(v: string | undefined) => set('rules', Object.fromEntries(Object.entries({ ...quorumRules, [kind.value]: v }).filter(([, r]) => r)))} />
        </label>
      ))}
      {keyword === 'quorum' && kinds.length === 0 && <Typography.Text type="secondary">{t('quorumNeedsKinds')}</Typography.Text>}
      {RULES_WITH_MESSAGE.has(keyword) && <MessageInput rule={rule} ruleName={ruleName} onChange={(message) => set('message', message)} />}
    </Space>
  );
}

/**
 * The project's own rules on a section or a repeating group (server/src/forms/keywords) as
 * settings: each field a rule names is picked from the section's fields by its Chinese label (at
 * the right depth: 不可重复 picks a field of the list's row, 户主即成员 the relation of the members'
 * rows), its numbers typed, its own Chinese message beside it. What the server would refuse (a
 * field not chosen, a field that is gone) is said under the rule in the same words.
 */
export function RuleSettings({ rules, fields, rowFields, isGroup, problems, onChange }: {
  rules: ProjectRules; fields: FieldModel[]; rowFields?: FieldModel[]; isGroup: boolean; problems?: Partial<Record<RuleKeyword, string[]>>; onChange: (patch: Partial<ProjectRules>) => void;
}) {
  const t = useT(builderText);
  const present = RULE_KEYWORDS.filter((keyword) => rules[keyword] !== undefined);
  const offered = offeredRules(rules, RULE_KEYWORDS, isGroup);
  const set = (keyword: RuleKeyword, value: unknown) => onChange({ [keyword]: value } as Partial<ProjectRules>);
  // A group's own rules (不可重复) name fields of its rows; the others, fields of the section that holds them.
  const uniqueFields = rowFields ?? fields;
  return (
    <div data-testid="rule-settings">
      {present.map((keyword) => {
        const ruleName = t(`rule.${keyword}`);
        const value = rules[keyword];
        return (
          <div key={keyword} className="jz-admin-rule" data-testid={`rule-${keyword}`}>
            <Space>
              <Typography.Text strong>{ruleName}</Typography.Text>
              <Button type="text" size="small" icon={<DeleteOutlined aria-hidden />} aria-label={t('removeRule', { rule: ruleName })} onClick={() => set(keyword, undefined)} />
            </Space>
            {keyword === 'uniqueBy' ? (
              <label className="jz-admin-rule-slot">
                <Typography.Text type="secondary">{t('uniqueByField')}</Typography.Text>
                <Select aria-label={t('rule.uniqueBy')} style={{ minWidth: 200 }} value={typeof value === 'string' && value ? value : undefined}
                  options={fieldChoices(uniqueFields, ['idNumber'])} onChange={(name: string) => set('uniqueBy', name)} />
              </label>
            ) : keyword === 'sumAtMost' ? (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {(Array.isArray(value) ? (value as Rule[]) : [value as Rule]).map((rule, i, all) => (
                  <Space key={i} align="start">
                    <ObjectRuleSettings keyword="sumAtMost" rule={rule} fields={fields} ruleName={`${ruleName} ${i + 1}`} onChange={(next) => set('sumAtMost', all.map((r, j) => (j === i ? next : r)))} />
                    {all.length > 1 && <Button type="text" size="small" icon={<DeleteOutlined aria-hidden />} aria-label={t('removeRule', { rule: `${ruleName} ${i + 1}` })} onClick={() => set('sumAtMost', all.filter((_, j) => j !== i))} />}
                  </Space>
                ))}
                <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => set('sumAtMost', [...(Array.isArray(value) ? (value as Rule[]) : [value as Rule]), ...(newRule('sumAtMost', fields) as Rule[])])}>{t('addSumAtMost')}</Button>
              </Space>
            ) : (
              <ObjectRuleSettings keyword={keyword} rule={(value ?? {}) as Rule} fields={fields} ruleName={ruleName} onChange={(next) => set(keyword, next)} />
            )}
            {problems?.[keyword]?.map((problem) => <Alert key={problem} type="error" showIcon className="jz-admin-rule-problem" title={problem} />)}
          </div>
        );
      })}
      {offered.length > 0 && (
        <Select aria-label={t('addRule')} placeholder={t('addRule')} style={{ minWidth: 200 }} value={null}
          options={offered.map((keyword) => ({ value: keyword, label: t(`rule.${keyword}`) }))}
          onChange={(keyword: RuleKeyword) => set(keyword, newRule(keyword, keyword === 'uniqueBy' ? uniqueFields : fields))} />
      )}
    </div>
  );
}
