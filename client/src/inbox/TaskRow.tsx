import { Button, Checkbox } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import type { TaskView } from '../api';
import { useDefinitions } from '../api/useDefinitions';
import { useLocalize, useT } from '../i18n';
import { inboxText } from '../i18n/inbox';
import { DueDate } from './DueDate';
import { dueInfo } from './dueInfo';

interface TaskRowProps {
  task: TaskView;
  me: string;
  selected: boolean;
  busy: boolean;
  onSelect: (task: TaskView, selected: boolean) => void;
  onClaim: (task: TaskView) => void;
  onUnclaim: (task: TaskView) => void;
}

/** One task in the inbox: what, where, by when, and the one action that fits its status. */
export function TaskRow({ task, me, selected, busy, onSelect, onClaim, onUnclaim }: TaskRowProps) {
  const t = useT(inboxText);
  const processes = useDefinitions();
  const localize = useLocalize();
  const overdue = dueInfo(task.dueAt)?.overdue ?? false;
  const mine = task.assignee === me;

  return (
    <div className={`jz-task-row${overdue ? ' jz-task-row-overdue' : ''}`}>
      <Checkbox checked={selected} onChange={(event) => onSelect(task, event.target.checked)} aria-label={localize(task.title)} />
      <div className="jz-task-main">
        <Link to={`/tasks/${task.id}`} className="jz-task-title">
          {localize(task.title)}
        </Link>
        <div className="jz-task-meta">
          <span>{processes.title(task.definitionKey)}</span>
          {task.orgUnitName && <span>{task.orgUnitName}</span>}
          <span>{dayjs(task.createdAt).format('YYYY-MM-DD')}</span>
          <DueDate dueAt={task.dueAt} />
        </div>
      </div>
      <div className="jz-task-actions">
        {task.status === 'claimed' && !mine && task.assignee && <span className="jz-chip">{t('claimedBy', { name: task.assignee })}</span>}
        {task.status === 'open' && (
          <Button size="small" loading={busy} onClick={() => onClaim(task)}>
            {t('claim')}
          </Button>
        )}
        {task.status === 'claimed' && mine && (
          <Button size="small" type="text" loading={busy} onClick={() => onUnclaim(task)}>
            {t('unclaim')}
          </Button>
        )}
        <Link to={`/tasks/${task.id}`}>
          <Button size="small" type={mine ? 'primary' : 'default'}>
            {t('open')}
          </Button>
        </Link>
      </div>
    </div>
  );
}
