import Busboy from 'busboy';
import { Router } from 'express';
import type { Request, Response } from 'express';
import { canSee } from '../auth/org-scope';
import { findAttachment, findNoticeCase, listCaseAttachments, readBlobBytes, toAttachmentView } from '../domain/attachments/attachments.repository';
import type { AttachmentRecord } from '../domain/attachments/attachments.repository';
import { noticePhotoIds } from '../domain/notices/notices.query';
import { isUuid, NotFoundError } from '../kernel';
import type { Actor } from '../kernel';
import { findInstanceForStep } from '../store/instances.repository';
import { uploadAttachment } from '../runtime/upload-attachment';
import type { ApiContext } from './api-context';
import { HttpError } from './http-error';
import { requestLocale, requireAuth } from './request-context';
import type { Locale } from './request-context';
import { idParams } from './request-schemas';
import { listOf, schemaRef } from './response-schemas';

/** Largest evidence file taken (DESIGN.md, "Attachments"). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const say = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);

interface ReceivedFile { name: string; content: Buffer; instanceId?: string }

/**
 * Reads the multipart body as it streams in and keeps the field `file` (and `instanceId`), stopping
 * at the size limit: a larger file is a 413 before the rest of it is read. File names are UTF-8
 * (what browsers send), so 入户照片.jpg arrives as itself.
 */
function receiveFile(req: Request, res: Response, locale: Locale): Promise<ReceivedFile> {
  const tooLarge = () => new HttpError(413, 'too_large', say(locale, '文件超过 10 MB 的上限，请压缩或分页扫描后再上传', 'The file is larger than the limit of 10 MB'));
  const type = req.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(new HttpError(400, 'invalid', say(locale, '请以 multipart/form-data 上传文件（字段名 file）', 'Send the file as multipart/form-data in the field "file"'),
      { '/file': [say(locale, '请选择要上传的文件', 'choose a file to upload')] }));
  }
  const declared = Number(req.get('content-length'));
  // The multipart envelope adds a few hundred bytes; a declared length far past the limit is refused unread.
  if (Number.isFinite(declared) && declared > MAX_ATTACHMENT_BYTES + 64 * 1024) {
    res.set('Connection', 'close');
    return Promise.reject(tooLarge());
  }
  return new Promise<ReceivedFile>((resolve, reject) => {
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 4, fieldSize: 200 } });
    } catch {
      reject(new HttpError(400, 'invalid', say(locale, '上传内容格式不正确', 'The multipart body is malformed')));
      return;
    }
    let file: { name: string; chunks: Buffer[] } | undefined;
    let instanceId: string | undefined;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      res.set('Connection', 'close');
      reject(error);
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || file) { stream.resume(); return; }
      const current = { name: info.filename ?? '', chunks: [] as Buffer[] };
      file = current;
      stream.on('data', (chunk: Buffer) => current.chunks.push(chunk));
      stream.on('limit', () => fail(tooLarge()));
    });
    parser.on('field', (field, value) => { if (field === 'instanceId' && value) instanceId = value; });
    parser.on('error', () => fail(new HttpError(400, 'invalid', say(locale, '上传内容不完整或格式不正确，请重试', 'The upload is incomplete or malformed; try again'))));
    parser.on('close', () => {
      if (failed) return;
      if (!file || file.chunks.length === 0) {
        reject(new HttpError(400, 'invalid', say(locale, '没有收到文件：请在 file 字段中选择文件', 'No file received in the field "file"'),
          { '/file': [say(locale, '请选择要上传的文件', 'choose a file to upload')] }));
        return;
      }
      resolve({ name: file.name, content: Buffer.concat(file.chunks), instanceId });
    });
    req.pipe(parser);
  });
}

/** Whether the actor may see an attachment: its uploader, or anyone who may see the case it belongs to. */
function maySee(actor: Actor, a: AttachmentRecord): boolean {
  return a.uploadedBy === actor.userId || (a.instanceId !== null && canSee(actor, a.orgPath));
}

/** The attachment, or a 404 when it does not exist or the caller may not see it (its existence is not their business). */
async function visibleAttachment(ctx: ApiContext, actor: Actor, id: string): Promise<AttachmentRecord> {
  const found = isUuid(id) ? await findAttachment(ctx.services.db.pool, ctx.tenantId, id) : null;
  if (!found || !maySee(actor, found)) throw new NotFoundError(`Attachment ${id} does not exist`);
  return found;
}

/** Sends the file or its thumbnail; content-addressed, so the browser may keep it. */
async function sendBytes(ctx: ApiContext, res: Response, a: AttachmentRecord, part: 'content' | 'thumbnail'): Promise<void> {
  const { pool } = ctx.services.db;
  let bytes: Buffer | null;
  if (part === 'thumbnail') {
    if (!a.hasThumbnail) throw new NotFoundError(`Attachment ${a.id} (${a.contentType}) has no thumbnail`);
    bytes = await readBlobBytes(pool, ctx.tenantId, a.sha256, 'thumbnail');
  } else {
    bytes = a.storage === 's3' ? await ctx.services.blobs.get(ctx.tenantId, a.sha256) : await readBlobBytes(pool, ctx.tenantId, a.sha256, 'content');
  }
  if (!bytes) throw new NotFoundError(`Attachment ${a.id} has no stored ${part}`);
  const fallback = a.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res.set({
    'Content-Type': part === 'thumbnail' ? 'image/jpeg' : a.contentType,
    'Content-Disposition': `inline; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(a.name)}`,
    'Cache-Control': 'private, max-age=31536000, immutable',
    // A PDF or an image is shown, never run: no script, no form, no navigation from it.
    'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    ETag: `"${a.sha256}${part === 'thumbnail' ? '-t' : ''}"`,
  });
  res.status(200).end(bytes);
}

/**
 * Evidence files: `POST /api/attachments` (one file, streamed, ≤ 10 MB, JPEG/PNG/PDF), the file and
 * its thumbnail for whoever may see its case, a case's attachments, and the posted notice's photos
 * for the public.
 */
export function createAttachmentsRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;
  const deps = { db: ctx.services.db, tenantId: ctx.tenantId, ids: ctx.services.ids, clock: ctx.services.clock, blobs: ctx.services.blobs };

  ctx.routes.add(router, {
    method: 'post', path: '/attachments', tag: 'attachments', access: 'session',
    summary: 'Uploads one evidence file (multipart field `file`, optional field `instanceId`): JPEG, PNG or PDF, at most 10 MB; 413 when larger, 400 for another type. Stored once per content (SHA-256); photos keep their EXIF time and GPS position',
    upload: { contentTypes: ['multipart/form-data'] },
    responses: { 201: { description: 'the stored file', schema: schemaRef('Attachment') } },
  }, async ({ req, res }) => {
    const { actor } = requireAuth(req);
    const locale = requestLocale(req);
    const file = await receiveFile(req, res, locale);
    const instanceId = file.instanceId ?? (typeof req.query.instanceId === 'string' && req.query.instanceId ? req.query.instanceId : undefined);
    const stored = await uploadAttachment(deps, { actor, name: file.name, content: file.content, instanceId, locale });
    res.status(201).json(stored);
    return undefined;
  });

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'get', path: '/attachments/:id', tag: 'attachments', access: 'session',
    summary: 'The file, for its uploader and for whoever may see its case (404 otherwise)', params: idParams,
    responses: { 200: { description: 'the file', contentType: 'application/octet-stream' } },
  }, async ({ req, res, params }) => {
    const { actor } = requireAuth(req);
    await sendBytes(ctx, res, await visibleAttachment(ctx, actor, params.id), 'content');
    return undefined;
  });

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'get', path: '/attachments/:id/thumbnail', tag: 'attachments', access: 'session',
    summary: 'A JPEG thumbnail (320 px) of a photo; 404 for a PDF and for what the caller may not see', params: idParams,
    responses: { 200: { description: 'the thumbnail', contentType: 'image/jpeg' } },
  }, async ({ req, res, params }) => {
    const { actor } = requireAuth(req);
    await sendBytes(ctx, res, await visibleAttachment(ctx, actor, params.id), 'thumbnail');
    return undefined;
  });

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'get', path: '/attachments/:id/info', tag: 'attachments', access: 'session',
    summary: 'What is known of a file: name, size, type, EXIF time and position', params: idParams,
    responses: { 200: { description: 'the attachment', schema: schemaRef('Attachment') } },
  }, async ({ req, params }) => toAttachmentView(await visibleAttachment(ctx, requireAuth(req).actor, params.id)));

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'get', path: '/instances/:id/attachments', tag: 'attachments', access: 'session',
    summary: 'The evidence files of a case, oldest first, for whoever may see the case', params: idParams,
    responses: { 200: { description: 'the attachments', schema: listOf('Attachment', false) } },
  }, async ({ req, params }) => {
    const { actor } = requireAuth(req);
    const instance = isUuid(params.id) ? await findInstanceForStep(pool, ctx.tenantId, params.id) : undefined;
    if (!instance || !canSee(actor, instance.orgPath)) throw new NotFoundError(`Instance ${params.id} does not exist`);
    return { items: (await listCaseAttachments(pool, ctx.tenantId, params.id)).map(toAttachmentView) };
  });

  const noticePhoto = async (noticeId: string, photoId: string): Promise<AttachmentRecord> => {
    const missing = () => new NotFoundError(`Notice ${noticeId} has no photo ${photoId}`);
    if (!isUuid(noticeId) || !isUuid(photoId)) throw missing();
    const notice = await findNoticeCase(pool, ctx.tenantId, noticeId);
    // The public sees what is on the notice and nothing else of the case.
    if (!notice || !noticePhotoIds(notice.data, notice.kind).includes(photoId)) throw missing();
    const photo = await findAttachment(pool, ctx.tenantId, photoId);
    if (!photo || photo.instanceId !== notice.instanceId) throw missing();
    return photo;
  };
  const photoParams = { type: 'object', required: ['id', 'photoId'], properties: { id: { type: 'string', maxLength: 100 }, photoId: { type: 'string', maxLength: 100 } } } as const;
  for (const [suffix, part] of [['', 'content'], ['/thumbnail', 'thumbnail']] as const) {
    ctx.routes.add<unknown, unknown, { id: string; photoId: string }>(router, {
      method: 'get', path: `/notices/:id/photos/:photoId${suffix}`, tag: 'notices', access: 'public',
      summary: `A photo of the posted notice${suffix ? ' (thumbnail)' : ''}: public, and only the photos the notice names`, params: photoParams,
      responses: { 200: { description: 'the photo', contentType: 'image/jpeg' } },
    }, async ({ res, params }) => {
      await sendBytes(ctx, res, await noticePhoto(params.id, params.photoId), part);
      return undefined;
    });
  }
  return router;
}
