import { useState } from 'react';
import { AutoComplete, Form, Modal, Select } from 'antd';
import { useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import { DELAY, EVENT_NAME, findState, listStates, type DocumentJson, type TransitionKind } from '../model';

export interface NewTransition {
  source: string;
  kind: TransitionKind;
  event: string;
  targetId: string;
}

const DELAY_SUGGESTIONS = ['P7D', 'P5D@workdays', '$noticePeriod'].map((value) => ({ value, label: value }));

/** A new transition: from, kind (event, delay, automatic), event or delay, to. */
export function AddTransitionDialog({ doc, initial, onAdd, onCancel }: { doc: DocumentJson; initial: Partial<NewTransition>; onAdd: (t: NewTransition) => void; onCancel: () => void }) {
  const t = useT(editorText);
  const [value, setValue] = useState<NewTransition>({ source: '', kind: 'on', event: '', targetId: '', ...initial });
  const states = listStates(doc).map((s) => ({ value: s.id, label: s.id }));
  const outcomes = findState(doc, value.source || null)?.meta?.task?.outcomes ?? [];
  const eventValid = value.kind === 'on' ? EVENT_NAME.test(value.event) : value.kind === 'after' ? DELAY.test(value.event) : true;
  const valid = Boolean(value.source && value.targetId && eventValid);
  const set = (patch: Partial<NewTransition>) => setValue((current) => ({ ...current, ...patch }));
  return (
    <Modal open title={t('addTransition')} okText={t('add')} okButtonProps={{ disabled: !valid }} onOk={() => onAdd(value)} onCancel={onCancel}>
      <Form layout="vertical">
        <Form.Item label={t('from')} required>
          <Select showSearch value={value.source || undefined} options={states} onChange={(source: string) => set({ source })} aria-label={t('from')} />
        </Form.Item>
        <Form.Item label={t('transitionKind')}>
          <Select
            value={value.kind}
            options={(['on', 'after', 'always'] as const).map((kind) => ({ value: kind, label: t(`transitionKind.${kind}`) }))}
            onChange={(kind: TransitionKind) => set({ kind, event: kind === 'after' ? 'P7D' : kind === 'always' ? '' : outcomes[0]?.event ?? '' })}
          />
        </Form.Item>
        {value.kind !== 'always' && (
          <Form.Item
            label={value.kind === 'on' ? t('event') : t('delay')}
            required
            validateStatus={value.event && !eventValid ? 'error' : undefined}
            help={value.event && !eventValid ? (value.kind === 'on' ? t('badEvent', { event: value.event }) : t('badDelay', { delay: value.event })) : value.kind === 'after' ? t('delayHint') : t('eventHint')}
          >
            <AutoComplete
              value={value.event}
              options={value.kind === 'on' ? outcomes.map((o) => ({ value: o.event, label: `${o.event} · ${o.label.zh}` })) : DELAY_SUGGESTIONS}
              onChange={(event: string) => set({ event: value.kind === 'on' ? event.toUpperCase() : event })}
              aria-label={value.kind === 'on' ? t('event') : t('delay')}
            />
          </Form.Item>
        )}
        <Form.Item label={t('target')} required>
          <Select showSearch value={value.targetId || undefined} options={states} onChange={(targetId: string) => set({ targetId })} aria-label={t('target')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
