import type { Request } from 'express';
import { HttpError } from './http-error';
import { requestLocale } from './request-context';
import type { Locale } from './request-context';

/** Content types accepted for a workbook sent as the raw body. */
export const XLSX_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

const say = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);

async function readBody(req: Request, maxBytes: number, locale: Locale): Promise<Buffer> {
  const declared = Number(req.get('content-length'));
  const tooLarge = () => new HttpError(413, 'too_large', say(locale,
    `上传的文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限`, `The upload is larger than the limit of ${maxBytes} bytes`));
  // A declared length over the limit is refused before a byte of it is read.
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The content of the first file part of a multipart/form-data body. */
function firstFilePart(body: Buffer, boundary: string): Buffer | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const headerStart = start + delimiter.length + 2;
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd === -1) return undefined;
    const headers = body.subarray(headerStart, headerEnd).toString('utf8');
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next === -1) return undefined;
    if (/filename=/i.test(headers)) return body.subarray(headerEnd + 4, next - 2);
    start = next;
  }
  return undefined;
}

/**
 * The uploaded workbook: the raw body (xlsx or octet-stream), or the first file of a
 * multipart/form-data body (the browser's FormData). Anything else is a 400.
 */
export async function readUpload(req: Request, maxBytes: number): Promise<Buffer> {
  const locale = requestLocale(req);
  const type = (req.get('content-type') ?? '').toLowerCase();
  if (XLSX_TYPES.some((t) => type.startsWith(t))) return readBody(req, maxBytes, locale);
  const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.get('content-type') ?? '');
  if (boundary) {
    const file = firstFilePart(await readBody(req, maxBytes, locale), boundary[1] ?? boundary[2]);
    if (file) return file;
    throw new HttpError(400, 'invalid', say(locale, '表单中没有文件：请在文件字段中上传工作簿', 'The form data has no file: send the workbook in a file field'));
  }
  throw new HttpError(400, 'invalid', say(locale, `请上传 .xlsx 工作簿（Content-Type ${XLSX_TYPES[0]}，或带文件的 multipart/form-data）`,
    `Send an .xlsx workbook (Content-Type ${XLSX_TYPES[0]}, or multipart/form-data with a file)`));
}
