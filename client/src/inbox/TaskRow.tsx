import { Button, Checkbox } from 'antd';
import { Link } from 'react-router-dom';
import type { TaskView } from '../api';
import { useDefinitions } from '../api/useDefinitions';
import { useLocalize, useT } from '../i18n';
import { inboxText } from '../i18n/inbox';
import { DueDate } from './DueDate';
import { isoDay } from '../i18n/dates';

interface TaskRowProps {
  task: TaskView;
  me: string;
  selected: boolean;
  busy: boolean;
  onSelect: (task: TaskView, selected: boolean) => void;
  onClaim: (task: TaskView) => void;
  onUnclaim: (task: TaskView) => void;
}

/**
 * One task in the inbox: what, where, by when, and the one action that fits its status. The title
 * is the row's one tab stop (Tab moves task to task); the checkbox, claim and open are also reached
 * by the inbox's keys (x, c, Enter: useInboxShortcuts) and by pointer.
 */
export function TaskRow({ task, me, selected, busy, onSelect, onClaim, onUnclaim }: TaskRowProps) {
  const t = useT(inboxText);
  const processes = useDefinitions();
  const localize = useLocalize();
  const rowClass = task.dueStatus === 'overdue' ? ' jz-task-row-overdue' : task.dueStatus === 'dueSoon' ? ' jz-task-row-due-soon' : '';
  const mine = task.assignee === me;
  // Whose case it is comes first: on a phone four rows of the same step must still be told apart.
  const name = task.subject?.text ?? localize(task.title);

  return (
    <div className={`jz-task-row${rowClass}`} data-testid="task-row" data-task-row>
      <Checkbox checked={selected} onChange={(event) => onSelect(task, event.target.checked)} aria-label={`${localize(task.title)} ${name}`} tabIndex={-1} />
      <div className="jz-task-main">
        <Link to={`/tasks/${task.id}`} className="jz-task-title">
          {localize(task.title)}
        </Link>
        {task.subject && <div className="jz-task-subject" data-testid="task-subject">{task.subject.text}</div>}
        <div className="jz-task-meta">
          <span>{processes.title(task.definitionKey)}</span>
          {task.orgUnitName && <span>{task.orgUnitName}</span>}
          {task.receiptNo && <span className="jz-mono" title={t('receiptNo')}>{task.receiptNo}</span>}
          <span>{isoDay(task.createdAt)}</span>
          <DueDate task={task} />
        </div>
      </div>
      <div className="jz-task-actions">
        {task.status === 'claimed' && !mine && task.assignee && <span className="jz-chip">{t('claimedBy', { name: task.assignee })}</span>}
        {task.status === 'open' && (
          <Button size="small" loading={busy} onClick={() => onClaim(task)} tabIndex={-1} data-action="claim">
            {t('claim')}
          </Button>
        )}
        {task.status === 'claimed' && mine && (
          <Button size="small" type="text" loading={busy} onClick={() => onUnclaim(task)} tabIndex={-1}>
            {t('unclaim')}
          </Button>
        )}
        <Link to={`/tasks/${task.id}`} tabIndex={-1} className={`jz-open-link${mine ? ' jz-open-link-primary' : ''}`} aria-hidden>
          {t('open')}
        </Link>
      </div>
    </div>
  );
}
