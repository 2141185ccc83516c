import { useState } from 'react';
import { Alert, Button, Input, InputNumber, Radio, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useLocalize, useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import { emptyGroup, fromJsonLogic, OPERATORS, toJsonLogic, type ConditionGroup, type ConditionNode, type ConditionRule, type FormField } from '../model';

/** Fields offered to a condition, grouped by where their data comes from (`event.data.`, `data.<state>.`, `settings.`). */
export interface FieldGroup {
  label: string;
  prefix: string;
  fields: FormField[];
}

interface Props {
  value: unknown;
  fields: FieldGroup[];
  onChange: (logic: unknown) => void;
  disabled?: boolean;
}

type Resolved = FormField & { variable: string };

/**
 * The visual condition builder: AND/OR groups of "field operator value" rules over the form's
 * fields, written as the JsonLogic of an `expr` guard. A rule the builder cannot show is kept
 * and edited as JSON text instead.
 */
export function ConditionBuilder({ value, fields, onChange, disabled }: Props) {
  const t = useT(editorText);
  const [group, setGroup] = useState<ConditionGroup | null>(() => fromJsonLogic(value));
  const [text, setText] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [textError, setTextError] = useState<string | null>(null);

  // Follow changes made elsewhere (the JSON view, undo) without losing rules still being filled in here:
  // only a new value is followed (group is compared, not followed: typing in the builder must not reset it).
  // Adjusted while rendering, as React advises for state that follows a prop, rather than in an effect.
  const [followed, setFollowed] = useState(value);
  if (followed !== value) {
    setFollowed(value);
    if (!group || JSON.stringify(toJsonLogic(group)) !== JSON.stringify(value)) {
      setGroup(fromJsonLogic(value));
      setText(JSON.stringify(value ?? null, null, 2));
    }
  }

  const variables: Resolved[] = fields.flatMap((g) => g.fields.map((f) => ({ ...f, variable: `${g.prefix}${f.path}` })));
  const change = (next: ConditionGroup) => {
    setGroup(next);
    onChange(toJsonLogic(next));
  };

  if (!group) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('conditionTooComplex')} />
        <Input.TextArea
          rows={6}
          value={text}
          disabled={disabled}
          className="jz-admin-code"
          onChange={(event) => {
            setText(event.target.value);
            try {
              const parsed = JSON.parse(event.target.value);
              setTextError(null);
              onChange(parsed === null ? undefined : parsed);
            } catch (error) {
              setTextError(String((error as Error).message));
            }
          }}
        />
        {textError && <Alert type="error" showIcon title={textError} />}
        <Button size="small" onClick={() => change(emptyGroup())} disabled={disabled}>
          {t('conditionStartOver')}
        </Button>
      </Space>
    );
  }
  return (
    <div className="jz-admin-condition" data-testid="condition-builder">
      <GroupEditor group={group} variables={variables} fields={fields} onChange={change} disabled={disabled} depth={0} />
      {group.children.length > 0 && <pre className="jz-admin-logic">{JSON.stringify(toJsonLogic(group))}</pre>}
    </div>
  );
}

interface GroupProps {
  group: ConditionGroup;
  variables: Resolved[];
  fields: FieldGroup[];
  onChange: (group: ConditionGroup) => void;
  onRemove?: () => void;
  disabled?: boolean;
  depth: number;
}

function GroupEditor({ group, variables, fields, onChange, onRemove, disabled, depth }: GroupProps) {
  const t = useT(editorText);
  const replace = (index: number, node: ConditionNode | null) => {
    const children = [...group.children];
    if (node) children[index] = node;
    else children.splice(index, 1);
    onChange({ ...group, children });
  };
  const newRule: ConditionRule = { kind: 'rule', field: variables[0]?.variable ?? '', op: '===', value: undefined };
  return (
    <div className={depth ? 'jz-admin-condition-group jz-admin-condition-nested' : 'jz-admin-condition-group'}>
      <Space wrap>
        <Radio.Group
          size="small"
          value={group.combinator}
          disabled={disabled}
          onChange={(event) => onChange({ ...group, combinator: event.target.value })}
          options={[
            { value: 'and', label: t('combinatorAnd') },
            { value: 'or', label: t('combinatorOr') },
          ]}
          optionType="button"
        />
        {onRemove && <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={onRemove} aria-label={t('remove')} disabled={disabled} />}
      </Space>
      {group.children.map((child, index) =>
        child.kind === 'group' ? (
          <GroupEditor
            key={index}
            group={child}
            variables={variables}
            fields={fields}
            depth={depth + 1}
            disabled={disabled}
            onChange={(next) => replace(index, next)}
            onRemove={() => replace(index, null)}
          />
        ) : (
          <RuleEditor key={index} rule={child} variables={variables} fields={fields} disabled={disabled} onChange={(next) => replace(index, next)} />
        ),
      )}
      <Space wrap>
        <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={disabled} onClick={() => onChange({ ...group, children: [...group.children, newRule] })}>
          {t('addRule')}
        </Button>
        {depth < 2 && (
          <Button size="small" disabled={disabled} onClick={() => onChange({ ...group, children: [...group.children, { ...emptyGroup(), combinator: 'or', children: [newRule] }] })}>
            {t('addGroup')}
          </Button>
        )}
      </Space>
    </div>
  );
}

function RuleEditor({ rule, variables, fields, onChange, disabled }: { rule: ConditionRule; variables: Resolved[]; fields: FieldGroup[]; onChange: (rule: ConditionRule | null) => void; disabled?: boolean }) {
  const t = useT(editorText);
  const localize = useLocalize();
  const field = variables.find((v) => v.variable === rule.field);
  const fieldOptions = fields.map((g) => ({
    label: g.label,
    options: g.fields.map((f) => ({ value: `${g.prefix}${f.path}`, label: `${localize(f.title)} · ${g.prefix}${f.path}` })),
  }));
  if (rule.field && !field) fieldOptions.push({ label: t('otherVariable'), options: [{ value: rule.field, label: rule.field }] });
  return (
    <div className="jz-admin-condition-rule" data-testid="condition-rule">
      <Select
        className="jz-admin-condition-field"
        showSearch={{ optionFilterProp: 'label' }}
        value={rule.field || undefined}
        placeholder={t('pickField')}
        options={fieldOptions}
        disabled={disabled}
        onChange={(variable: string) => onChange({ ...rule, field: variable, value: undefined })}
        popupMatchSelectWidth={false}
        aria-label={t('pickField')}
      />
      <Select
        className="jz-admin-condition-op"
        value={rule.op}
        disabled={disabled}
        options={OPERATORS.concat(OPERATORS.includes(rule.op) ? [] : [rule.op]).map((op) => ({ value: op, label: t(`op.${op}`) }))}
        onChange={(op) => onChange({ ...rule, op, value: op === 'in' ? [] : op === 'truthy' || op === 'falsy' ? undefined : rule.value })}
        aria-label={t('operator')}
      />
      {rule.op !== 'truthy' && rule.op !== 'falsy' && <ValueInput rule={rule} field={field} disabled={disabled} onChange={(value) => onChange({ ...rule, value })} />}
      <Button type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={() => onChange(null)} aria-label={t('remove')} disabled={disabled} />
    </div>
  );
}

function ValueInput({ rule, field, onChange, disabled }: { rule: ConditionRule; field?: Resolved; onChange: (value: unknown) => void; disabled?: boolean }) {
  const t = useT(editorText);
  const localize = useLocalize();
  if (field?.options) {
    return (
      <Select
        className="jz-admin-condition-value"
        mode={rule.op === 'in' ? 'multiple' : undefined}
        value={rule.value as string}
        disabled={disabled}
        placeholder={t('pickValue')}
        options={field.options.map((o) => ({ value: o.value as string, label: localize(o.label) }))}
        onChange={onChange}
        aria-label={t('value')}
      />
    );
  }
  if (field?.kind === 'boolean') {
    return (
      <Select
        className="jz-admin-condition-value"
        value={rule.value as boolean}
        disabled={disabled}
        placeholder={t('pickValue')}
        options={[
          { value: true, label: t('valueTrue') },
          { value: false, label: t('valueFalse') },
        ]}
        onChange={onChange}
        aria-label={t('value')}
      />
    );
  }
  if (rule.op === 'in') {
    return (
      <Select
        className="jz-admin-condition-value"
        mode="tags"
        value={(rule.value as string[]) ?? []}
        disabled={disabled}
        onChange={onChange}
        aria-label={t('value')}
      />
    );
  }
  if (field?.kind === 'number' || field?.kind === 'integer' || typeof rule.value === 'number') {
    return (
      <InputNumber
        className="jz-admin-condition-value"
        value={rule.value as number}
        disabled={disabled}
        onChange={(value) => onChange(value ?? undefined)}
        aria-label={t('value')}
      />
    );
  }
  return (
    <Input
      className="jz-admin-condition-value"
      value={(rule.value as string) ?? ''}
      disabled={disabled}
      placeholder={field?.format === 'date' ? 'YYYY-MM-DD' : undefined}
      onChange={(event) => onChange(event.target.value)}
      aria-label={t('value')}
    />
  );
}
