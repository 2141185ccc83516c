import sharp from 'sharp';
import { replaceExampleFileRefs } from './forms';
import type { Actor } from './kernel';
import { uploadAttachment } from './runtime/upload-attachment';
import type { UploadAttachmentDeps } from './runtime/upload-attachment';

/** A small evidence file for a form field: a photo (PNG) for photo fields, a one-page PDF otherwise. */
export interface EvidenceFile {
  name: string;
  content: Buffer;
  type: 'image/png' | 'application/pdf';
}

let photo: Promise<Buffer> | undefined;

/** A one-page PDF that says what it stands for (ASCII only: the demo's stand-in for a scan). */
function pdfOf(label: string): Buffer {
  const text = `Jingzhun demo evidence: ${label}`.replace(/[()\\]/g, '');
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => { offsets.push(body.length); body += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The generated evidence file for the field `field` (its name ends in `Refs` or says photo: a photo). */
export async function evidenceFileFor(field: string): Promise<EvidenceFile> {
  if (/photo/i.test(field)) {
    photo ??= sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7d44' } }).png().toBuffer();
    return { name: `${field}.png`, content: await photo, type: 'image/png' };
  }
  return { name: `${field}.pdf`, content: pdfOf(field), type: 'application/pdf' };
}

/**
 * `data` of a form with each example placeholder of a file field replaced by a small generated
 * file that `actor` uploads for the case through the upload use case, as the form's uploader
 * would: the demo seed and in-process drivers submit evidence the step accepts.
 */
export function withUploadedEvidence<T>(deps: UploadAttachmentDeps, input: { schema: unknown; data: T; actor: Actor; instanceId?: string }): Promise<T> {
  return replaceExampleFileRefs(input.schema, input.data, async ({ field }) => {
    const file = await evidenceFileFor(field);
    const stored = await uploadAttachment(deps, { actor: input.actor, name: file.name, content: file.content, instanceId: input.instanceId });
    return stored.id;
  });
}
