import type { ImportReport } from '@shared/contract';
import { useState } from 'react';
import { Alert, Button, Modal, Progress, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { ApiError, postFileForDownload, uploadFile } from '../api';
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
  /** The start of the downloaded files' names, e.g. `建档立卡导入` → 建档立卡导入模板.xlsx, 建档立卡导入错误表.xlsx. */
  fileStem: string;
  onClose: (imported: boolean) => void;
}

/**
 * Upload of an Excel sheet with a progress bar, then the server's verdict for every row, so the
 * user fixes exactly the rows that failed and imports them again.
 */
export function ExcelImportDialog({ path, title, hint, fileStem, onClose }: ExcelImportDialogProps) {
  const t = useT(excelImportText);
  const describe = useErrorMessage();
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fetchingErrors, setFetchingErrors] = useState(false);
  const [errorsFailed, setErrorsFailed] = useState<unknown>(null);

  /** The refused sheet back with its problems marked: made from the same file, so nothing is kept on the server. */
  const downloadErrors = async () => {
    if (!file) return;
    setFetchingErrors(true);
    setErrorsFailed(null);
    try {
      await postFileForDownload(`${path}/errors.xlsx`, file, `${fileStem}${t('errorsSuffix')}.xlsx`);
    } catch (cause) {
      setErrorsFailed(cause);
    } finally {
      setFetchingErrors(false);
    }
  };

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
        <p className="jz-import-template">
          <a href={`/api${path}/template.xlsx`} download={`${fileStem}${t('templateSuffix')}.xlsx`}>
            <DownloadOutlined aria-hidden /> {t('template')}
          </a>
          <span className="jz-import-template-hint">{t('templateHint')}</span>
        </p>
      )}
      {!report && (
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          beforeUpload={(picked) => {
            setFile(picked);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setError(null);
          }}
          disabled={percent !== null}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
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
      {error instanceof ApiError && error.fields && file && (
        <div className="jz-import-errors-download">
          <Button icon={<DownloadOutlined aria-hidden />} loading={fetchingErrors} onClick={() => void downloadErrors()}>
            {t('errors')}
          </Button>
          <span>{t('errorsHint')}</span>
          {errorsFailed !== null && <Alert type="error" showIcon title={describe(errorsFailed)} />}
        </div>
      )}
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
