import { lazy, Suspense } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { useT } from '../i18n';
import { attachmentsText } from '../i18n/attachments';

/** The canvas and its upload load with the first form that asks for a signature. */
const SignaturePad = lazy(() => import('./SignaturePad'));

/** `ui:widget: "signature"`: a signature drawn on the screen, kept as a PNG attachment (a file-ref). */
export function SignatureWidget(props: WidgetProps) {
  const t = useT(attachmentsText);
  return (
    <Suspense fallback={<span className="jz-upload-hint">{t('loading')}</span>}>
      <SignaturePad {...props} />
    </Suspense>
  );
}
