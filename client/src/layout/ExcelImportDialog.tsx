import type { ImportReport } from '@shared/contract';
import { useState } from 'react';
import { Alert, Button, Modal, Progress, Table, Tag, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ApiError, uploadFile } from '../api';
import { useErrorMessage, useT } from '../i18n';
import { excelImportText } from '../i18n/excelImport';
import './excelImport.css';

type Row = ImportReport['rows'][number];

interface ExcelImportDialogProps {
  /** The API path that takes the workbook, e.g. `/households/import`. */
  path: string;
  title: string;
  /** What the sheet holds and what happens to rows with problems. */
  hint: string;
  onClose: (imported: boolean) => void;
}

/**
 * Upload of an Excel sheet with a progress bar, then the server's verdict for every row, so the
 * user fixes exactly the rows that failed and imports them again.
 */
export function ExcelImportDialog({ path, title, hint, onClose }: ExcelImportDialogProps) {
  const t = useT(excelImportText);
  const describe = useErrorMessage();
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  const start = async () => {
    if (!file) return;
    setError(null);
    setPercent(0);
    try {
      setReport(await uploadFile<ImportReport>(path, file, setPercent));
    } catch (cause) {
      setError(cause);
    } finally {
      setPercent(null);
    }
  };

  return (
    <Modal
      open
      title={title}
      width={720}
      onCancel={() => onClose(Boolean(report?.imported))}
      footer={
        report ? (
          <Button type="primary" onClick={() => onClose(report.imported > 0)}>
            {t('close')}
          </Button>
        ) : (
          <Button type="primary" disabled={!file} loading={percent !== null} onClick={() => void start()}>
            {t('start')}
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
          disabled={percent !== null}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('pick')}</p>
          <p className="ant-upload-hint">{hint}</p>
        </Upload.Dragger>
      )}
      {percent !== null && (
        <div className="jz-import-progress">
          <Progress percent={percent} status="active" />
          {percent >= 100 ? t('checking') : t('uploading', { n: percent })}
        </div>
      )}
      {error !== null && <Alert type="error" showIcon title={describe(error)} />}
      {error instanceof ApiError && error.fields && (
        // A refused sheet names every problem by row and column; nothing was written, so all must be fixed.
        <ul className="jz-import-problems" aria-label={t('problems')}>
          {Object.values(error.fields).flat().map((message) => (
            <li key={message} className="jz-import-error">
              {message}
            </li>
          ))}
        </ul>
      )}
      {report && (
        <>
          <Alert
            type={report.failed ? 'warning' : 'success'}
            showIcon
            title={t('done', { total: report.total, imported: report.imported, failed: report.failed })}
          />
          <Table<Row>
            size="small"
            rowKey="row"
            dataSource={report.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ y: 360 }}
            columns={[
              { title: t('row'), dataIndex: 'row', width: 80 },
              {
                title: t('result'),
                render: (_, row) =>
                  row.ok ? (
                    <Tag color="success">{t('ok')}</Tag>
                  ) : (
                    (row.errors ?? []).map((message) => (
                      <div key={message} className="jz-import-error">
                        {message}
                      </div>
                    ))
                  ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
