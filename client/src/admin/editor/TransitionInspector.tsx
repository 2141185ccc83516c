import { useState } from 'react';
import { AutoComplete, Button, Divider, Form, Input, Popconfirm, Select, Space, Switch, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import {
  DELAY, deleteTransition, EVENT_NAME, findState, guardLogic, listStates, listTransitions, moveTransition, updateTransition,
  type DocumentJson, type TransitionInfo, type TransitionKind,
} from '../model';
import { ConditionBuilder, type FieldGroup } from './ConditionBuilder';
import type { Selection } from './selection';
import { transitionKey } from '../model';

interface Props {
  doc: DocumentJson;
  transition: TransitionInfo;
  readOnly: boolean;
  fieldGroups: FieldGroup[];
  apply: (change: (doc: DocumentJson) => DocumentJson, select?: Selection) => void;
}

const DELAY_SUGGESTIONS = ['P7D', 'P5D@workdays', '$noticePeriod'].map((value) => ({ value, label: value }));

/** One transition: its event or delay, target, guard (built visually), description, order, delete. */
export function TransitionInspector({ doc, transition, readOnly, fieldGroups, apply }: Props) {
  const t = useT(editorText);
  const [event, setEvent] = useState(transition.event);
  // Another transition selected, or its event changed elsewhere (undo): follow it while rendering, not in an effect.
  const shownKey = `${transition.key}\u0000${transition.event}`;
  const [eventOf, setEventOf] = useState(shownKey);
  if (eventOf !== shownKey) {
    setEventOf(shownKey);
    setEvent(transition.event);
  }
  const source = findState(doc, transition.source);
  const outcomes = source?.meta?.task?.outcomes ?? [];
  const siblings = listTransitions(doc).filter((tr) => tr.source === transition.source && tr.kind === transition.kind && tr.event === transition.event);
  const eventValid = transition.kind === 'on' ? EVENT_NAME.test(event) : transition.kind === 'after' ? DELAY.test(event) : true;
  const hasGuard = Boolean(transition.guard);
  const logic = guardLogic(transition.guard);

  // Changing event, kind or order moves the transition: select it again where it lands.
  const moveTo = (kind: TransitionKind, newEvent: string) => {
    const landed = listTransitions(doc).filter((tr) => tr.source === transition.source && tr.kind === kind && tr.event === newEvent).length;
    const index = kind === transition.kind && newEvent === transition.event ? transition.index : landed;
    apply((d) => updateTransition(d, transition, { kind, event: newEvent }), {
      kind: 'transition',
      key: transitionKey({ source: transition.source, kind, event: kind === 'always' ? '' : newEvent, index }),
    });
  };
  const commitEvent = () => {
    if (eventValid && event !== transition.event) moveTo(transition.kind, event);
  };

  return (
    <div data-testid="transition-inspector">
      <Typography.Paragraph>
        {t('from')} <Typography.Text code>{transition.source}</Typography.Text>
      </Typography.Paragraph>
      <Form layout="vertical" size="small" disabled={readOnly}>
        <Form.Item label={t('transitionKind')}>
          <Select
            value={transition.kind}
            options={(['on', 'after', 'always'] as const).map((kind) => ({ value: kind, label: t(`transitionKind.${kind}`) }))}
            onChange={(kind: TransitionKind) => moveTo(kind, kind === 'on' ? outcomes[0]?.event ?? 'NEXT' : kind === 'after' ? 'P7D' : '')}
          />
        </Form.Item>
        {transition.kind !== 'always' && (
          <Form.Item
            label={transition.kind === 'on' ? t('event') : t('delay')}
            validateStatus={eventValid ? undefined : 'error'}
            help={eventValid ? (transition.kind === 'after' ? t('delayHint') : undefined) : transition.kind === 'on' ? t('badEvent', { event }) : t('badDelay', { delay: event })}
          >
            <Space.Compact style={{ width: '100%' }}>
              <AutoComplete
                value={event}
                options={transition.kind === 'on' ? outcomes.map((o) => ({ value: o.event, label: `${o.event} · ${o.label.zh}` })) : DELAY_SUGGESTIONS}
                onChange={(value: string) => setEvent(transition.kind === 'on' ? value.toUpperCase() : value)}
                onSelect={(value: string) => setEvent(value)}
                onBlur={commitEvent}
                aria-label={transition.kind === 'on' ? t('event') : t('delay')}
                style={{ width: '100%' }}
              />
              <Button onClick={commitEvent} disabled={readOnly || !eventValid || event === transition.event}>
                {t('apply')}
              </Button>
            </Space.Compact>
          </Form.Item>
        )}
        <Form.Item label={t('target')}>
          <Select
            showSearch
            value={transition.targetId ?? transition.target}
            status={transition.targetId ? undefined : 'error'}
            options={listStates(doc).map((s) => ({ value: s.id, label: s.id }))}
            onChange={(targetId: string) => apply((d) => updateTransition(d, transition, { targetId }))}
            aria-label={t('target')}
          />
        </Form.Item>
        <Form.Item label={t('description')}>
          <Input value={transition.description ?? ''} onChange={(e) => apply((d) => updateTransition(d, transition, { description: e.target.value }))} />
        </Form.Item>
      </Form>

      <Divider titlePlacement="start">
        {t('guard')}{' '}
        <Switch
          size="small"
          checked={hasGuard}
          disabled={readOnly}
          aria-label={t('guard')}
          onChange={(on) => apply((d) => updateTransition(d, transition, { guard: on ? { type: 'expr', params: { if: { '===': [{ var: '' }, null] } } } : null }))}
        />
      </Divider>
      {hasGuard && transition.guard?.type !== 'expr' && <Typography.Text type="warning">{t('guardNotExpr', { type: transition.guard?.type ?? '' })}</Typography.Text>}
      {hasGuard && transition.guard?.type === 'expr' && (
        <ConditionBuilder
          value={isPlaceholder(logic) ? undefined : logic}
          fields={fieldGroups}
          disabled={readOnly}
          onChange={(next) => apply((d) => updateTransition(d, transition, { guard: { type: 'expr', params: { if: next ?? { '===': [{ var: '' }, null] } } } }))}
        />
      )}
      {siblings.length > 1 && (
        <Typography.Paragraph type="secondary" className="jz-admin-gap">
          {t('guardOrder', { n: transition.index + 1, total: siblings.length })}{' '}
          <Button size="small" icon={<ArrowUpOutlined aria-hidden />} disabled={readOnly || transition.index === 0} onClick={() => apply((d) => moveTransition(d, transition, -1), { kind: 'transition', key: transitionKey({ ...transition, index: transition.index - 1 }) })} aria-label={t('moveUp')} />
          <Button size="small" icon={<ArrowDownOutlined aria-hidden />} disabled={readOnly || transition.index === siblings.length - 1} onClick={() => apply((d) => moveTransition(d, transition, 1), { kind: 'transition', key: transitionKey({ ...transition, index: transition.index + 1 }) })} aria-label={t('moveDown')} />
        </Typography.Paragraph>
      )}
      <Popconfirm title={t('deleteTransitionConfirm')} onConfirm={() => apply((d) => deleteTransition(d, transition), { kind: 'state', id: transition.source })} disabled={readOnly}>
        <Button size="small" danger icon={<DeleteOutlined aria-hidden />} disabled={readOnly} className="jz-admin-gap">
          {t('deleteTransition')}
        </Button>
      </Popconfirm>
    </div>
  );
}

/** The guard a new switch-on writes until a rule is chosen: shown as an empty builder. */
function isPlaceholder(logic: unknown): boolean {
  return JSON.stringify(logic) === JSON.stringify({ '===': [{ var: '' }, null] });
}
