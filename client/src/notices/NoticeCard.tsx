import type { NoticeSummary } from '@shared/contract';
import { Card, Descriptions } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { NoticePeriod } from './NoticePeriod';

/** One notice on the board: village, household (ID masked by the server), period. */
export function NoticeCard({ notice }: { notice: NoticeSummary }) {
  const t = useT(noticesText);
  return (
    <Card
      size="small"
      className="jz-notice-card"
      data-testid="notice-card"
      title={<Link to={`/notices/${notice.id}`}>{notice.title}</Link>}
      extra={`${notice.townName} ${notice.villageName}`}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'head', label: t('householdHead'), children: notice.content.headName },
          { key: 'id', label: t('idNumber'), children: <span className="jz-mono">{notice.content.headIdNumber}</span> },
          ...(notice.content.category ? [{ key: 'category', label: t('category'), children: notice.content.category }] : []),
        ]}
      />
      <NoticePeriod notice={notice} />
    </Card>
  );
}
