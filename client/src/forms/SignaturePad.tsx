import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { Button, Space } from 'antd';
import type { WidgetProps } from '@rjsf/utils';
import { uploadAttachment } from '../api/attachments';
import { ApiError } from '../api/ApiError';
import { AttachmentCard, rememberAttachment } from '../attachments/AttachmentCard';
import { useT } from '../i18n';
import { formsText } from '../i18n/forms';

const HEIGHT = 160;

/** The canvas as a PNG file, the shape `POST /api/attachments` takes. */
function canvasToPng(canvas: HTMLCanvasElement): Promise<File> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(new File([blob], 'signature.png', { type: 'image/png' })) : reject(new Error('canvas.toBlob gave nothing'))), 'image/png');
  });
}

/**
 * A signature field (`ui:widget: "signature"` on a `file-ref`): the person signs with a finger or
 * the mouse on a canvas; 确认签名 uploads the drawing as a PNG through `POST /api/attachments`, and
 * the field holds that attachment's id like any other evidence file. A signed field shows the
 * stored image and can be signed again.
 */
export default function SignaturePad({ id, value, disabled, readonly, onChange, rawErrors }: WidgetProps) {
  const t = useT(formsText);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [strokes, setStrokes] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [resigning, setResigning] = useState(false);
  const signed = typeof value === 'string' && value !== '' && !resigning;
  const locked = Boolean(disabled || readonly);

  // The drawing buffer follows the displayed width and the screen's pixel ratio, so lines stay sharp on phones.
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.max(1, Math.round(element.clientWidth * ratio));
    element.height = Math.round(HEIGHT * ratio);
    const context = element.getContext('2d');
    if (!context) return;
    context.scale(ratio, ratio);
    context.lineWidth = 2.5;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#1f1f1f';
    // A white ground: the PNG is read on white paper and in dark viewers alike.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, element.width, element.height);
  }, [signed]);

  // In the drawing's own units: the buffer was sized when the pad appeared, and the pad may be shown
  // narrower since (a phone turned, a window resized), so the pointer is scaled to the buffer.
  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const element = event.currentTarget;
    const box = element.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    const sx = box.width > 0 ? element.width / ratio / box.width : 1;
    const sy = box.height > 0 ? element.height / ratio / box.height : 1;
    return [(event.clientX - box.left) * sx, (event.clientY - box.top) * sy] as const;
  };
  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    if (locked || busy) return;
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const [x, y] = point(event);
    context.beginPath();
    context.moveTo(x, y);
    // A tap leaves a dot.
    context.lineTo(x + 0.1, y + 0.1);
    context.stroke();
  };
  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const context = event.currentTarget.getContext('2d');
    const [x, y] = point(event);
    context?.lineTo(x, y);
    context?.stroke();
  };
  const end = () => {
    if (!drawing.current) return;
    drawing.current = false;
    setStrokes((n) => n + 1);
  };
  const clear = () => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = '#fff';
    context.fillRect(0, 0, element.width, element.height);
    context.restore();
    setStrokes(0);
    setError(null);
  };
  const confirm = async () => {
    if (!canvas.current) return;
    setBusy(true);
    setError(null);
    try {
      const stored = await uploadAttachment(await canvasToPng(canvas.current), () => undefined);
      rememberAttachment(stored);
      setResigning(false);
      setStrokes(0);
      onChange(stored.id);
    } catch (cause) {
      setError(cause instanceof ApiError && cause.status !== 0 ? cause.message : t('signatureNetwork'));
    } finally {
      setBusy(false);
    }
  };

  if (signed) {
    return (
      <div className="jz-signature" id={id}>
        <AttachmentCard id={value as string} signature />
        {!locked && (
          <Button size="small" onClick={() => setResigning(true)}>
            {t('signAgain')}
          </Button>
        )}
      </div>
    );
  }
  return (
    <div className="jz-signature" aria-invalid={rawErrors?.length ? true : undefined}>
      <canvas
        ref={canvas}
        id={id}
        className="jz-signature-pad"
        style={{ height: HEIGHT }}
        role="img"
        aria-label={t('signatureArea')}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
        onPointerLeave={end}
        data-strokes={strokes}
      />
      {!locked && (
        <Space wrap>
          <Button onClick={clear} disabled={busy || strokes === 0}>
            {t('signatureClear')}
          </Button>
          <Button type="primary" ghost loading={busy} disabled={strokes === 0} onClick={() => void confirm()}>
            {t('signatureConfirm')}
          </Button>
          {resigning && <Button type="link" onClick={() => setResigning(false)}>{t('signatureKeep')}</Button>}
        </Space>
      )}
      <p className="jz-upload-hint">{t('signatureHint')}</p>
      {error && <p className="jz-upload-error" role="alert">{error}</p>}
    </div>
  );
}
