import { Button, Space, Tooltip } from 'antd';
import type { TaskView } from '../api';
import { useLocalize, useT } from '../i18n';
import { inboxText } from '../i18n/inbox';
import { forwardOutcome, sameStep } from './forwardOutcome';
import type { BatchMode } from './useBatchMode';

interface BatchBarProps {
  selected: TaskView[];
  mode: BatchMode;
  sameStepCount: number;
  onSelectSameStep: () => void;
  onClear: () => void;
  onBatch: () => void;
}

/** Shown while tasks are ticked: grow the selection to the whole step, or approve it as a roster. */
export function BatchBar({ selected, mode, sameStepCount, onSelectSameStep, onClear, onBatch }: BatchBarProps) {
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
        {uniform && mode.kind === 'none' ? (
          // Every case of this step needs its own form: a batch could only fail, so none is offered.
          <span className="jz-muted" data-testid="batch-not-offered">{t('batchNotOffered')}</span>
        ) : (
          <Tooltip title={uniform ? undefined : t('batchMixed')}>
            <Button type="primary" disabled={!uniform || !outcome || mode.kind === 'loading'} loading={uniform && mode.kind === 'loading'} onClick={onBatch}>
              {t('batchApprove', { label: localize(outcome?.label), n: selected.length })}
            </Button>
          </Tooltip>
        )}
      </Space>
    </div>
  );
}
