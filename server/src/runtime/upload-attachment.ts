import { createHash } from 'node:crypto';
import { canActOnTask, canSee, isReadOnlyActor } from '../auth/org-scope';
import type { BlobStore } from '../domain/attachments/blob-store';
import { insertAttachment } from '../domain/attachments/attachments.repository';
import type { AttachmentView } from '../domain/attachments/attachments.repository';
import { makeThumbnail, readPhotoEvidence, sniffContentType } from '../domain/attachments/inspect-file';
import { ForbiddenError, isUuid, NotFoundError, ValidationError } from '../kernel';
import type { Actor, Clock, IdGenerator } from '../kernel';
import type { Database } from '../store/database';
import { findInstanceOrgPath } from '../store/instances.repository';
import { listOpenTaskAccess } from '../store/tasks.repository';

/** What storing an upload needs. */
export interface UploadAttachmentDeps {
  db: Database;
  tenantId: string;
  ids: IdGenerator;
  clock: Clock;
  blobs: BlobStore;
}

/** One received file. */
export interface UploadAttachmentInput {
  actor: Actor;
  /** The file's name as the user's device gave it (Chinese names kept as they are). */
  name: string;
  content: Buffer;
  /** The case it is evidence for; none while the application that will start the case is being filled in. */
  instanceId?: string;
  locale?: 'zh-CN' | 'en';
}

/** Longest file name kept (characters); longer names are cut, keeping the extension. */
const MAX_NAME = 120;

function cleanName(name: string): string {
  // Path parts and control characters have no place in a file name shown to people.
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\p{C}]/gu, '').trim() || '附件';
  if (base.length <= MAX_NAME) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, MAX_NAME - ext.length) + ext;
}

/**
 * Stores one evidence file: its type decided by its bytes (JPEG, PNG or PDF), its content once per
 * county and SHA-256 (PostgreSQL by default, the S3 bucket when configured), a thumbnail of
 * photos and their EXIF time and position. The rows are one transaction; an object in S3 is
 * written before it (content-addressed, so an orphan is harmless and a retry reuses it).
 */
export async function uploadAttachment(deps: UploadAttachmentDeps, input: UploadAttachmentInput): Promise<AttachmentView> {
  const en = input.locale === 'en';
  const uploadedBy = input.actor.userId;
  if (!uploadedBy) throw new ForbiddenError('Only a logged-in user uploads evidence');
  let orgPath = input.actor.orgPath;
  if (input.instanceId !== undefined) {
    const missing = () => new NotFoundError(`Instance ${input.instanceId} does not exist`);
    if (!isUuid(input.instanceId)) throw missing();
    const casePath = await findInstanceOrgPath(deps.db.pool, deps.tenantId, input.instanceId);
    // A case the uploader may not see is answered as missing, as everywhere, unless they work one of
    // its open tasks (a county department's task on a village's case: 住建局 approving a renovation).
    if (casePath === undefined) throw missing();
    if (!canSee(input.actor, casePath)) {
      const tasks = await listOpenTaskAccess(deps.db.pool, deps.tenantId, input.instanceId);
      if (!tasks.some((t) => canActOnTask(input.actor, t))) throw missing();
    }
    orgPath = casePath;
  }
  if (isReadOnlyActor(input.actor)) {
    // Inspectors change nothing, except on a case whose open task they work themselves.
    const tasks = input.instanceId === undefined ? [] : await listOpenTaskAccess(deps.db.pool, deps.tenantId, input.instanceId);
    if (!tasks.some((t) => canActOnTask(input.actor, t))) {
      throw new ForbiddenError(en ? 'Inspectors upload evidence only for a task they work' : '督查人员只能为本人办理的任务上传材料');
    }
  }
  const contentType = sniffContentType(input.content);
  if (!contentType) {
    throw new ValidationError(en ? 'Only JPEG, PNG and PDF files are taken' : '只能上传 JPEG、PNG 图片或 PDF 文件',
      { '/file': [en ? 'Upload a photo (JPEG, PNG) or a scan as PDF' : '请上传照片（JPEG、PNG）或 PDF 扫描件'] });
  }
  let thumbnail: Buffer | undefined;
  try {
    thumbnail = await makeThumbnail(input.content, contentType);
  } catch {
    throw new ValidationError(en ? 'The image cannot be read' : '图片无法读取',
      { '/file': [en ? 'The image is damaged or not what its type says; take or scan it again' : '图片已损坏或格式不符，请重新拍摄或扫描后上传'] });
  }
  const evidence = await readPhotoEvidence(input.content, contentType);
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  if (deps.blobs.kind === 's3') await deps.blobs.put(deps.tenantId, sha256, input.content, contentType);
  const id = deps.ids.uuid();
  const now = deps.clock.now();
  const name = cleanName(input.name);
  await deps.db.transaction((tx) => insertAttachment(tx, {
    id, tenantId: deps.tenantId, sha256, name, size: input.content.length, contentType, storage: deps.blobs.kind,
    content: input.content, thumbnail, instanceId: input.instanceId, uploadedBy, orgPath,
    takenAt: evidence.takenAt, location: evidence.location, now,
  }));
  return {
    id, name, size: input.content.length, contentType, sha256, instanceId: input.instanceId ?? null, createdAt: now.toISOString(),
    ...(evidence.takenAt ? { takenAt: evidence.takenAt.toISOString() } : {}), ...(evidence.location ? { location: evidence.location } : {}),
  };
}
