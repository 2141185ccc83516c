import { Table } from 'antd';
import { useT } from '../i18n';
import { householdsText } from '../i18n/households';

type Member = Record<string, unknown>;

/** The members as the application recorded them; ID numbers come masked from the server. */
export function MembersTable({ members }: { members: Member[] }) {
  const t = useT(householdsText);
  const text = (value: unknown) => (value === undefined || value === null ? '—' : String(value));
  return (
    <Table<Member>
      size="small"
      rowKey={(_, index) => String(index)}
      pagination={false}
      scroll={{ x: 720 }}
      dataSource={members}
      columns={[
        { title: t('memberName'), dataIndex: 'name', render: text },
        { title: t('relation'), dataIndex: 'relation', render: text },
        { title: t('sex'), dataIndex: 'sex', render: text },
        { title: t('idNumber'), dataIndex: 'idNumber', render: (id: unknown) => <span className="jz-mono">{text(id)}</span> },
        { title: t('education'), dataIndex: 'education', render: text },
        { title: t('health'), dataIndex: 'health', render: text },
        { title: t('labour'), dataIndex: 'labour', render: text },
      ]}
    />
  );
}
