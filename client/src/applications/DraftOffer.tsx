import { Alert, Button, Space } from 'antd';
import { useT } from '../i18n';
import { applicationsText } from '../i18n/applications';
import { isoMinute } from '../i18n/dates';

interface DraftOfferProps {
  savedAt: string;
  onContinue: () => void;
  onDiscard: () => void;
}

/** Offers back an application that was being typed when the page was last left. */
export function DraftOffer({ savedAt, onContinue, onDiscard }: DraftOfferProps) {
  const t = useT(applicationsText);
  return (
    <Alert
      type="info"
      showIcon
      title={t('draftFound', { time: isoMinute(savedAt) })}
      action={
        <Space orientation="vertical">
          <Button size="small" type="primary" onClick={onContinue}>
            {t('draftContinue')}
          </Button>
          <Button size="small" onClick={onDiscard}>
            {t('draftDiscard')}
          </Button>
        </Space>
      }
    />
  );
}
