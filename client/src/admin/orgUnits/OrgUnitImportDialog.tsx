import { useState } from 'react';
import { Alert, Button, Modal, Progress, Table, Tag, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { uploadFile, type ImportReport } from '../../api';
import { useT } from '../../i18n';
import { orgUnitsText } from '../../i18n/admin';
import { ErrorAlert } from '../shared/ErrorAlert';

type Row = ImportReport['rows'][number];

/** Upload of an Excel sheet of org units (代码, 名称, 上级代码, 级别, 相对贫困村), then the verdict per row. */
export function OrgUnitImportDialog({ onClose }: { onClose: (imported: boolean) => void }) {
  const t = useT(orgUnitsText);
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    if (!file) return;
    setError(null);
    setPercent(0);
    try {
      setReport(await uploadFile<ImportReport>('/org-units/import', file, setPercent));
    } catch (cause) {
      setError(cause);
    } finally {
      setPercent(null);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={t('importTitle')}
      onCancel={() => onClose(Boolean(report?.imported))}
      footer={
        report ? (
          <Button type="primary" onClick={() => onClose(report.imported > 0)}>
            {t('close')}
          </Button>
        ) : (
          <Button type="primary" disabled={!file} loading={percent !== null} onClick={start}>
            {t('importStart')}
          </Button>
        )
      }
    >
      {!report && (
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          beforeUpload={(picked) => {
            setFile(picked);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('importPick')}</p>
          <p className="ant-upload-hint">{t('importHint')}</p>
        </Upload.Dragger>
      )}
      {percent !== null && <Progress percent={percent} status="active" />}
      <ErrorAlert error={error} />
      {report && (
        <>
          <Alert type={report.failed ? 'warning' : 'success'} showIcon title={t('importDone', { total: report.total, imported: report.imported, failed: report.failed })} />
          <Table<Row>
            size="small"
            rowKey="row"
            dataSource={report.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ y: 360 }}
            columns={[
              { title: t('row'), dataIndex: 'row', width: 80 },
              { title: t('result'), render: (_, row) => (row.ok ? <Tag color="success">{t('ok')}</Tag> : (row.errors ?? []).map((m) => <div key={m}>{m}</div>)) },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
