import { useEffect, useRef, useState } from 'react';
import { Button, Progress, Upload } from 'antd';
import { getUiOptions, type WidgetProps } from '@rjsf/utils';
import { uploadAttachment } from '../api/attachments';
import { ApiError } from '../api/ApiError';
import { useT } from '../i18n';
import { attachmentsText } from '../i18n/attachments';
import { formsText } from '../i18n/forms';
import { AttachmentCard, rememberAttachment } from './AttachmentCard';
import { acceptedTypes, EXTENSIONS } from './acceptedTypes';
import { compressImage } from './compressImage';

/** An upload not finished yet: being compressed, on its way, or failed and waiting for a retry. */
interface PendingUpload {
  key: string;
  name: string;
  file: File;
  status: 'compressing' | 'uploading' | 'error';
  percent: number;
  error?: string;
}

const ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';
/**
 * A form's 附件 / 照片 field (`format: "file-ref"`, or a list of them): pick files or take a photo
 * with the phone's camera, several at once where the field is a list; photos are compressed in the
 * browser, each upload shows its progress and can be retried; what is uploaded shows as a
 * thumbnail with its EXIF time and place. The field's value is the attachment ids.
 */
export default function AttachmentWidget({ id, value, schema, uiSchema, disabled, readonly, onChange, rawErrors }: WidgetProps) {
  const t = useT(attachmentsText);
  const tf = useT(formsText);
  const multiple = schema.type === 'array';
  const maxFiles = multiple && typeof schema.maxItems === 'number' ? schema.maxItems : multiple ? Infinity : 1;
  const accepted = acceptedTypes(schema as Record<string, unknown>, getUiOptions(uiSchema).accept);
  const accept = accepted ? accepted.flatMap((type) => [type, EXTENSIONS[type]]).join(',') : ACCEPT;
  const [refused, setRefused] = useState<string | null>(null);
  // Files taken since the last render: several picked at once arrive before `pending` shows them.
  const taken = useRef(0);
  useEffect(() => { taken.current = 0; });
  const ids: string[] = multiple ? (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []) : (typeof value === 'string' && value ? [value] : []);
  const [pending, setPending] = useState<PendingUpload[]>([]);
  // The newest ids, for uploads that finish after other changes of the field.
  const idsRef = useRef(ids);
  useEffect(() => { idsRef.current = ids; });
  const sequence = useRef(0);
  const locked = disabled || readonly;

  const setIds = (next: string[]) => {
    idsRef.current = next;
    onChange(multiple ? next : next[0]);
  };
  const update = (key: string, change: Partial<PendingUpload>) => setPending((all) => all.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const send = async (item: PendingUpload) => {
    update(item.key, { status: 'compressing', percent: 0, error: undefined });
    try {
      const file = await compressImage(item.file);
      update(item.key, { status: 'uploading' });
      const stored = await uploadAttachment(file, (percent) => update(item.key, { percent }));
      rememberAttachment(stored);
      setPending((all) => all.filter((p) => p.key !== item.key));
      setIds(multiple ? [...idsRef.current.filter((x) => x !== stored.id), stored.id] : [stored.id]);
    } catch (error) {
      const reason = error instanceof ApiError && error.status !== 0 ? (Object.values(error.fields ?? {})[0]?.[0] ?? error.message) : t('network');
      update(item.key, { status: 'error', error: reason });
    }
  };

  const add = (file: File) => {
    // The field's own limits, said at once rather than by the server after the upload.
    if (accepted && !accepted.includes(file.type)) {
      setRefused(tf('wrongFileType', { name: file.name, accept: accepted.map((type) => type.split('/')[1].toUpperCase()).join('、') }));
      return false;
    }
    if (multiple && idsRef.current.length + pending.length + taken.current >= maxFiles) {
      setRefused(tf('tooManyFiles', { max: maxFiles }));
      return false;
    }
    taken.current += 1;
    setRefused(null);
    sequence.current += 1;
    const item: PendingUpload = { key: `${sequence.current}-${file.name}`, name: file.name, file, status: 'compressing', percent: 0 };
    setPending((all) => (multiple ? [...all, item] : [item]));
    void send(item);
    // The picker only picks: uploading is ours (compression, progress, retry).
    return false;
  };

  const picker = (capture: boolean) => (
    <Upload
      accept={capture ? 'image/*' : accept}
      multiple={multiple && !capture}
      capture={capture ? 'environment' : undefined}
      showUploadList={false}
      beforeUpload={add}
      disabled={locked}
      id={capture ? undefined : id}
    >
      <Button disabled={locked} aria-describedby={`${id}__hint`}>{capture ? t('camera') : t('choose')}</Button>
    </Upload>
  );

  const full = multiple && ids.length + pending.length >= maxFiles;
  return (
    <div className="jz-upload" aria-invalid={rawErrors?.length ? true : undefined}>
      {refused && <p className="jz-upload-error" role="alert">{refused}</p>}
      {!locked && !full && (
        <>
          <div className="jz-upload-actions">
            {picker(false)}
            {picker(true)}
          </div>
          <p id={`${id}__hint`} className="jz-upload-hint">{t('hint')}</p>
        </>
      )}
      {pending.length > 0 && (
        <div className="jz-upload-pending" aria-live="polite">
          {pending.map((p) => (
            <div key={p.key} className="jz-upload-row">
              <span>{p.name}</span>
              {p.status === 'error' ? (
                <>
                  <span className="jz-upload-error" role="alert">{t('failed', { reason: p.error ?? '' })}</span>
                  <Button size="small" onClick={() => void send(p)}>{t('retry')}</Button>
                  <Button size="small" type="link" onClick={() => setPending((all) => all.filter((x) => x.key !== p.key))}>{t('remove')}</Button>
                </>
              ) : (
                <>
                  <span>{p.status === 'compressing' ? t('compressing') : t('uploading', { percent: p.percent })}</span>
                  <Progress percent={p.percent} size="small" showInfo={false} />
                </>
              )}
            </div>
          ))}
        </div>
      )}
      {ids.length > 0 && (
        <div className="jz-attachments">
          {ids.map((attachmentId) => (
            <AttachmentCard key={attachmentId} id={attachmentId}
              onRemove={locked ? undefined : () => setIds(idsRef.current.filter((x) => x !== attachmentId))} />
          ))}
        </div>
      )}
    </div>
  );
}
