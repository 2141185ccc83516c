import { Button, Space, Tooltip } from 'antd';
import type { TaskView } from '../api';
import { useLocalize, useT } from '../i18n';
import { inboxText } from '../i18n/inbox';
import { forwardOutcome, sameStep } from './forwardOutcome';

interface BatchBarProps {
  selected: TaskView[];
  sameStepCount: number;
  onSelectSameStep: () => void;
  onClear: () => void;
  onBatch: () => void;
}

/** Shown while tasks are ticked: grow the selection to the whole step, or approve it as a roster. */
export function BatchBar({ selected, sameStepCount, onSelectSameStep, onClear, onBatch }: BatchBarProps) {
  const t = useT(inboxText);
  const localize = useLocalize();
  if (!selected.length) return null;
  const uniform = sameStep(selected);
  const outcome = forwardOutcome(selected[0]);
  return (
    <div className="jz-batch-bar">
      <strong>{t('selected', { n: selected.length })}</strong>
      <Space wrap>
        {uniform && sameStepCount > selected.length && <Button onClick={onSelectSameStep}>{t('selectLoaded', { n: sameStepCount })}</Button>}
        <Button onClick={onClear}>{t('clearSelection')}</Button>
        <Tooltip title={uniform ? undefined : t('batchMixed')}>
          <Button type="primary" disabled={!uniform || !outcome} onClick={onBatch}>
            {t('batchApprove', { label: localize(outcome?.label), n: selected.length })}
          </Button>
        </Tooltip>
      </Space>
    </div>
  );
}
