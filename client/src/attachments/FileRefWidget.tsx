import { lazy, Suspense } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { useT } from '../i18n';
import { attachmentsText } from '../i18n/attachments';
import { SignatureWidget } from '../forms/SignatureWidget';

/** The uploader (antd Upload, compression) loads when a form with a file field opens, not with the clerk's first page. */
const AttachmentWidget = lazy(() => import('./AttachmentWidget'));

/** The widget of `format: "file-ref"` fields and lists of them; a signature (`x-file.kind`) is drawn, not uploaded. */
export function FileRefWidget(props: WidgetProps) {
  const t = useT(attachmentsText);
  if ((props.schema['x-file'] as { kind?: string } | undefined)?.kind === 'signature') return <SignatureWidget {...props} />;
  return (
    <Suspense fallback={<span className="jz-upload-hint">{t('loading')}</span>}>
      <AttachmentWidget {...props} />
    </Suspense>
  );
}
