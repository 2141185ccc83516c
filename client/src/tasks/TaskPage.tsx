import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useDefinitions } from '../api/useDefinitions';
import { commonText, labelText, useLocalize, useT } from '../i18n';
import { tasksText } from '../i18n/tasks';
import { DueDate } from '../inbox/DueDate';
import { ErrorState } from '../layout/ErrorState';
import { useSession } from '../session/useSession';
import { HistoryTimeline } from './HistoryTimeline';
import { CommentsThread } from './CommentsThread';
import { HandoverActions } from './HandoverActions';
import { messagesText } from '../i18n/messages';
import { PriorSteps } from './PriorSteps';
import { TaskWorkPanel } from './TaskWorkPanel';
import { useTaskDetail } from './useTaskDetail';
import './tasks.css';
import { PageLoading } from '../layout/PageLoading';

// The diagram brings React Flow and ELK (most of this page's weight): loaded on request only.
const ProcessDiagram = lazy(() => import('./ProcessDiagram'));

/** `/tasks/:id`: earlier steps read-only, this step's form and outcomes, history and the process. */
export default function TaskPage() {
  const { id = '' } = useParams();
  const t = useT(tasksText);
  const tc = useT(commonText);
  const tl = useT(labelText);
  const tm = useT(messagesText);
  const localize = useLocalize();
  const processes = useDefinitions();
  const { user } = useSession();
  const { task, instance, form, error, reload } = useTaskDetail(id);
  const [showDiagram, setShowDiagram] = useState(false);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!task || !instance || !form) return <PageLoading />;

  const active = task.status === 'open' || task.status === 'claimed';
  const mine = task.status === 'open' || task.assignee === user?.username;
  // Whoever holds one of the task's roles works it (and may hand it over); others who follow the case may urge it.
  const canWork = (task.candidateRoles ?? []).some((role) => user?.roles.includes(role));
  // A 帮扶责任人 follows the cases of their households: they read the step, the village works it.
  const followOnly = !canWork && (user?.roles ?? []).length > 0 && (user?.roles ?? []).every((role) => role === 'helper');
  const working = active && mine && !followOnly;

  return (
    <section className="jz-task-page">
      <div className="jz-page-title">
        <Space wrap>
          <Link to="/inbox">
            <Button type="text" icon={<ArrowLeftOutlined aria-hidden />} aria-label={tc('back')} />
          </Link>
          <Typography.Title level={1}>{localize(task.title)}</Typography.Title>
          <Tag>{tl(`status.${task.status}`)}</Tag>
        </Space>
        {(task.subject ?? instance.subject) && (
          <div className="jz-case-subject" data-testid="case-subject">{(task.subject ?? instance.subject)?.text}</div>
        )}
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          { key: 'process', label: t('process'), children: processes.title(task.definitionKey) },
          ...(instance.receiptNo ? [{ key: 'receipt', label: t('receiptNo'), children: <span className="jz-mono" data-testid="receipt-no">{instance.receiptNo}</span> }] : []),
          { key: 'unit', label: t('unit'), children: task.orgUnitName ?? task.orgUnitId },
          { key: 'due', label: t('due'), children: <DueDate task={task} /> },
        ]}
      />
      {active && <HandoverActions taskId={task.id} canWork={canWork && mine} onChanged={reload} />}
      {!active && <Alert type="info" showIcon title={t('notOpen', { status: tl(`status.${task.status}`) })} />}
      {active && !mine && <Alert type="warning" showIcon title={t('claimedBy', { name: task.assignee ?? '' })} />}
      {active && instance.duplicateCheck && (
        instance.duplicateCheck.conflicts.length === 0
          ? <Alert type="success" showIcon data-testid="duplicate-check" title={t('duplicateCheckOk', { n: String(instance.duplicateCheck.checked) })} />
          : (
            <Alert
              type="error"
              showIcon
              data-testid="duplicate-check"
              title={t('duplicateCheckFailed', { n: String(instance.duplicateCheck.conflicts.length) })}
              description={<ul>{instance.duplicateCheck.conflicts.map((c) => <li key={c.field}>{c.message}</li>)}</ul>}
            />
          )
      )}
      <div className={working ? 'jz-task-columns' : 'jz-task-columns jz-task-columns-single'}>
        {working && (
          <div className="jz-task-work">
            <TaskWorkPanel key={task.id} task={task} form={form} />
          </div>
        )}
        <div className="jz-task-side">
          <Card title={t('priorSteps')} size="small">
            <PriorSteps instance={instance} currentTaskId={active ? task.id : undefined} />
          </Card>
          <Card title={tm('comments')} size="small">
            <CommentsThread taskId={task.id} />
          </Card>
          <Card title={t('history')} size="small">
            <HistoryTimeline instance={instance} />
          </Card>
          <Card title={t('diagram')} size="small">
            {showDiagram ? (
              <Suspense fallback={<PageLoading />}>
                <ProcessDiagram instance={instance} />
              </Suspense>
            ) : (
              <Button onClick={() => setShowDiagram(true)}>{t('showDiagram')}</Button>
            )}
          </Card>
        </div>
      </div>
    </section>
  );
}
