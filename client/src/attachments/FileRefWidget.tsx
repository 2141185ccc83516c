import { lazy, Suspense } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { useT } from '../i18n';
import { attachmentsText } from '../i18n/attachments';

/** The uploader (antd Upload, compression) loads when a form with a file field opens, not with the clerk's first page. */
const AttachmentWidget = lazy(() => import('./AttachmentWidget'));

/** The widget of `format: "file-ref"` fields and lists of them. */
export function FileRefWidget(props: WidgetProps) {
  const t = useT(attachmentsText);
  return (
    <Suspense fallback={<span className="jz-upload-hint">{t('loading')}</span>}>
      <AttachmentWidget {...props} />
    </Suspense>
  );
}
