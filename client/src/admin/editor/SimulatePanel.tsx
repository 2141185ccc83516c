import type { DefinitionDocument, FormSpec, SimulatedStepResult, SimulatedTask, SimulationResult, SimulationStep } from '@shared/contract';
import { useEffect, useEffectEvent, useState } from 'react';
import { Alert, Button, Card, Collapse, Descriptions, Input, Space, Tag, Timeline, Typography } from 'antd';
import { ClockCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { simulate } from '../../api/adminDefinitions';
import { useLocalize, useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import type { DocumentJson } from '../model';
import { ErrorAlert } from '../shared/ErrorAlert';
import { activeStateIds, describeStateValue } from './stateValue';
import { isoMinute } from '../../i18n/dates';

interface Props {
  definitionKey: string;
  doc: DocumentJson;
  forms: Map<string, FormSpec>;
  onVisited: (ids: Set<string>) => void;
}

// Tasks opened and closed are listed already; the effects worth showing are notices, records, notifications.
const INTERNAL_EFFECTS = new Set(['openTask', 'closeTask']);
const time = (iso?: string | null) => (iso ? isoMinute(iso) : '—');

/**
 * Runs the draft step by step without storing anything: each click adds a step (complete the open
 * task with an outcome and sample data, send an event, move the clock) and the whole list is sent
 * again, so the answer always shows the path from the start.
 */
export function SimulatePanel({ definitionKey, doc, forms, onVisited }: Props) {
  const t = useT(editorText);
  const localize = useLocalize();
  const [steps, setSteps] = useState<SimulationStep[]>([]);
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [ranWith, setRanWith] = useState<DocumentJson | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(true);
  const [dataText, setDataText] = useState<Record<string, string>>({});
  const [duration, setDuration] = useState('P7D');
  const [eventType, setEventType] = useState('');
  const [settingsText, setSettingsText] = useState(() => JSON.stringify(doc.settings ?? {}, null, 2));
  const [startText, setStartText] = useState('{}');

  /** Sends the steps and shows the answer; state changes only when the answer is in. */
  const send = (next: SimulationStep[], settings: Record<string, unknown>, startData: Record<string, unknown>) =>
    simulate(definitionKey, {
      document: doc as DefinitionDocument,
      steps: next,
      settings,
      ...(Object.keys(startData).length ? { startData } : {}),
    })
      .then((answer) => {
        setSteps(next);
        setResult(answer);
        setRanWith(doc);
        const visited = new Set<string>(activeStateIds(answer.steps[0]?.stateBefore ?? answer.final.state));
        for (const step of answer.steps) activeStateIds(step.stateAfter).forEach((id) => visited.add(id));
        onVisited(visited);
      })
      .catch((cause: unknown) => setError(cause))
      .finally(() => setBusy(false));

  const run = async (next: SimulationStep[]) => {
    let settings: Record<string, unknown>;
    let startData: Record<string, unknown>;
    try {
      settings = JSON.parse(settingsText || '{}');
      startData = JSON.parse(startText || '{}');
    } catch (cause) {
      setError(new Error(t('jsonParseError', { message: (cause as Error).message })));
      return;
    }
    setBusy(true);
    setError(null);
    await send(next, settings, startData);
  };

  // Start where an instance would: the initial state and its tasks (`busy` starts true for this run).
  // Only on opening the panel; later runs are the user's clicks.
  const runFromStart = useEffectEvent(() => send([], doc.settings ?? {}, {}));
  const clearVisited = useEffectEvent(() => onVisited(new Set()));
  useEffect(() => {
    void runFromStart();
    return () => clearVisited();
  }, []);

  const sampleFor = (task: SimulatedTask): string => {
    const examples = forms.get(task.formKey)?.schema.examples;
    return JSON.stringify(Array.isArray(examples) && examples.length ? examples[0] : {}, null, 2);
  };
  const textFor = (task: SimulatedTask) => dataText[task.state] ?? sampleFor(task);
  const complete = (task: SimulatedTask, outcome: string) => {
    let data: Record<string, unknown> | undefined;
    try {
      data = JSON.parse(textFor(task) || '{}');
    } catch (cause) {
      setError(new Error(t('jsonParseError', { message: (cause as Error).message })));
      return;
    }
    void run([...steps, { kind: 'outcome', outcome, data }]);
  };

  const stale = result !== null && ranWith !== doc;
  const stepItems = (result?.steps ?? []).map((step) => ({
    key: step.index,
    color: step.accepted ? 'green' : 'red',
    content: <StepResult step={step} />,
  }));

  return (
    <div className="jz-admin-simulate" data-testid="simulate-panel">
      <Space wrap>
        <Button onClick={() => void run([])} loading={busy}>
          {t('simRestart')}
        </Button>
        <Button onClick={() => void run(steps.slice(0, -1))} disabled={steps.length === 0 || busy}>
          {t('simUndo')}
        </Button>
        {stale && (
          <Button type="primary" ghost onClick={() => void run(steps)} loading={busy}>
            {t('simRerun')}
          </Button>
        )}
      </Space>
      <Collapse
        className="jz-admin-gap"
        size="small"
        items={[
          {
            key: 'options',
            label: t('simOptions'),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('simSettings')}</Typography.Text>
                <Input.TextArea className="jz-admin-code" autoSize={{ minRows: 2, maxRows: 8 }} value={settingsText} onChange={(e) => setSettingsText(e.target.value)} aria-label={t('simSettings')} />
                <Typography.Text type="secondary">{t('simStartData')}</Typography.Text>
                <Input.TextArea className="jz-admin-code" autoSize={{ minRows: 2, maxRows: 8 }} value={startText} onChange={(e) => setStartText(e.target.value)} aria-label={t('simStartData')} />
                <Button size="small" onClick={() => void run([])} loading={busy}>
                  {t('simRestartWith')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {result && (
        <>
          <Descriptions
            size="small"
            column={1}
            className="jz-admin-gap"
            items={[
              { key: 'state', label: t('simNowIn'), children: describeStateValue(result.final.state) },
              { key: 'status', label: t('simStatus'), children: result.final.status === 'completed' ? t('simCompleted') : t('simRunning') },
              { key: 'now', label: t('simClock'), children: time(result.final.now) },
              { key: 'timers', label: t('simPendingTimers'), children: result.final.timers.map((timer) => `${timer.eventType.split('.').slice(-2).join('.')} @ ${time(timer.fireAt)}`).join('；') || '—' },
            ]}
          />
          {result.final.openTasks.map((task) => (
            <Card key={task.state} size="small" className="jz-admin-gap" title={`${localize(task.title)} · ${task.state}`} data-testid="sim-task">
              <Typography.Text type="secondary">
                {task.candidateRoles.join(', ')} · {t('due')} {time(task.dueAt)}
              </Typography.Text>
              <Input.TextArea
                className="jz-admin-code"
                autoSize={{ minRows: 3, maxRows: 10 }}
                value={textFor(task)}
                onChange={(e) => setDataText((current) => ({ ...current, [task.state]: e.target.value }))}
                aria-label={t('simData')}
              />
              <Space wrap className="jz-admin-gap">
                {task.outcomes.map((outcome) => (
                  <Button key={outcome.event} size="small" type={outcome.kind === 'forward' || !outcome.kind ? 'primary' : 'default'} loading={busy} onClick={() => complete(task, outcome.event)}>
                    {localize(outcome.label)} ({outcome.event})
                  </Button>
                ))}
              </Space>
            </Card>
          ))}
          {result.final.status === 'completed' && <Alert className="jz-admin-gap" type="success" showIcon title={t('simFinished')} />}
        </>
      )}
      <Space wrap className="jz-admin-gap">
        <Space.Compact>
          <Input value={duration} onChange={(e) => setDuration(e.target.value)} style={{ width: 120 }} aria-label={t('simDuration')} />
          <Button onClick={() => void run([...steps, { kind: 'advance', duration }])} loading={busy}>
            {t('simAdvance')}
          </Button>
        </Space.Compact>
        <Space.Compact>
          <Input value={eventType} placeholder="OBJECTION" onChange={(e) => setEventType(e.target.value.toUpperCase())} style={{ width: 160 }} aria-label={t('event')} />
          <Button disabled={!eventType} onClick={() => void run([...steps, { kind: 'event', type: eventType }])} loading={busy}>
            {t('simSendEvent')}
          </Button>
        </Space.Compact>
      </Space>
      {stepItems.length > 0 && (
        <>
          <Typography.Title level={5} className="jz-admin-gap">
            {t('simPath')}
          </Typography.Title>
          <Timeline items={stepItems} data-testid="sim-steps" />
        </>
      )}
    </div>
  );
}

/** One step of a simulation: what was done, whether it was accepted, where it led, and what it opened, closed, scheduled or fired. */
function StepResult({ step }: { step: SimulatedStepResult }) {
  const t = useT(editorText);
  const localize = useLocalize();
  return (
    <div className="jz-admin-sim-step">
      <div>
        <Typography.Text strong>
          {step.index}. {step.label}
        </Typography.Text>{' '}
        {step.accepted ? <Tag color="success">{t('simAccepted')}</Tag> : <Tag color="error">{t('simRefused')}</Tag>}
      </div>
      <Typography.Text type="secondary">
        {describeStateValue(step.stateBefore)} → {describeStateValue(step.stateAfter)}
      </Typography.Text>
      <div>
        {step.openedTasks.map((task) => (
          <Tag key={`o-${task.state}`} color="blue">
            + {localize(task.title)}
            {task.dueAt ? ` · ${t('due')} ${time(task.dueAt)}` : ''}
          </Tag>
        ))}
        {step.closedTasks.map((state) => (
          <Tag key={`c-${state}`}>− {state}</Tag>
        ))}
        {step.timersScheduled.map((timer) => (
          <Tag key={`s-${timer.eventType}-${timer.fireAt}`} color="purple">
            <ClockCircleOutlined aria-hidden /> {time(timer.fireAt)}
          </Tag>
        ))}
        {step.timersFired.map((timer) => (
          <Tag key={`f-${timer.eventType}-${timer.at}`} color="orange">
            <ThunderboltOutlined aria-hidden /> {time(timer.at)}
          </Tag>
        ))}
        {step.effects.filter((effect) => !INTERNAL_EFFECTS.has(effect.type)).map((effect, i) => (
          <Tag key={`e-${i}`}>{effect.type}</Tag>
        ))}
      </div>
      {step.errors && (
        <ul className="jz-admin-field-errors">
          {Object.entries(step.errors).map(([pointer, messages]) => (
            <li key={pointer}>
              <code>{pointer || '/'}</code> {messages.join('；')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
