import { Button, Space } from 'antd';
import type { OutcomeView } from '../api';
import { useLocalize } from '../i18n';
import { needsComment } from './outcomeRules';

interface OutcomeButtonsProps {
  outcomes: OutcomeView[];
  busy: string | null;
  onChoose: (outcome: OutcomeView, index: number) => void;
}

/** One button per outcome of the step: forward first and primary, return and reject after it. */
export function OutcomeButtons({ outcomes, busy, onChoose }: OutcomeButtonsProps) {
  const localize = useLocalize();
  return (
    <Space wrap className="jz-outcomes">
      {outcomes.map((outcome, index) => (
        <Button
          key={outcome.event}
          type={index === 0 ? 'primary' : 'default'}
          danger={outcome.kind === 'reject'}
          size="large"
          disabled={busy !== null && busy !== outcome.event}
          loading={busy === outcome.event}
          onClick={() => onChoose(outcome, index)}
          data-needs-comment={needsComment(outcome, index) || undefined}
        >
          {localize(outcome.label)}
        </Button>
      ))}
    </Space>
  );
}
