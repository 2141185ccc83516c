import { Alert, Button, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';
import { applicationsText } from '../i18n/applications';

/** After a successful submission: what happens next, and the two likely next moves. */
export function SubmittedResult({ onAnother }: { onAnother: () => void }) {
  const t = useT(applicationsText);
  return (
    <Alert
      type="success"
      showIcon
      title={t('submitted')}
      description={
        <>
          <p>{t('submittedDetail')}</p>
          <Space wrap>
            <Link to="/inbox">
              <Button type="primary">{t('toInbox')}</Button>
            </Link>
            <Button onClick={onAnother}>{t('another')}</Button>
          </Space>
        </>
      }
    />
  );
}
