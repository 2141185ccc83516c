import type { HelpRecord } from '@shared/contract';
import { Empty, Table, Tag } from 'antd';
import { useT } from '../i18n';
import { householdsText } from '../i18n/households';

/** 帮扶记录卡: every help given, and whether household, village head and team leader confirmed it. */
export function HelpRecordCard({ records }: { records: HelpRecord[] }) {
  const t = useT(householdsText);
  if (!records.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noHelp')} />;
  return (
    <Table<HelpRecord>
      size="small"
      rowKey={(record, index) => record.id ?? `${record.date}-${index}`}
      pagination={false}
      scroll={{ x: 760 }}
      dataSource={records}
      columns={[
        { title: t('helpDate'), dataIndex: 'date', width: 110 },
        { title: t('entryKind'), dataIndex: 'entryKind', width: 90 },
        { title: t('helper'), render: (_, record) => `${record.helperName}（${record.helperUnit}）` },
        { title: t('measure'), dataIndex: 'measureType' },
        { title: t('content'), dataIndex: 'content' },
        { title: t('result'), dataIndex: 'result', render: (result?: string | null) => result ?? '—' },
        { title: t('value'), dataIndex: 'value', align: 'right', render: (value?: number | null) => value?.toLocaleString('zh-CN') ?? '—' },
        {
          title: t('confirmed'),
          render: (_, record) =>
            record.confirmedByHousehold && record.confirmedByVillageHead && record.confirmedByTeamLeader ? (
              <Tag color="success">{t('confirmedAll')}</Tag>
            ) : (
              <Tag color="warning">{t('confirmedPartly')}</Tag>
            ),
        },
      ]}
    />
  );
}
