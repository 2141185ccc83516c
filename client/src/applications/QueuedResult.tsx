import { Alert, Button, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';
import { offlineText } from '../i18n/offline';

/** After an application was kept for later: where it is, and the two likely next moves. */
export function QueuedResult({ onAnother }: { onAnother: () => void }) {
  const t = useT(offlineText);
  const navigate = useNavigate();
  return (
    <Alert
      type="warning"
      showIcon
      title={t('queuedTitle')}
      description={
        <>
          <p>{t('queuedDetail')}</p>
          <Space wrap>
            <Button type="primary" onClick={() => void navigate('/inbox')}>{t('toInbox')}</Button>
            <Button onClick={onAnother}>{t('another')}</Button>
          </Space>
        </>
      }
    />
  );
}
