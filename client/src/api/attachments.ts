import type { Attachment } from '@shared/contract';
import { api } from './http';
import { uploadFile } from './upload';

/** Uploads one evidence file; the answer's `id` is what a form's file field holds. */
export function uploadAttachment(file: File, onProgress: (percent: number) => void): Promise<Attachment> {
  return uploadFile<Attachment>('/attachments', file, onProgress);
}

/** Name, type, EXIF time and position of a file the caller may see. */
export function getAttachmentInfo(id: string, signal?: AbortSignal): Promise<Attachment> {
  return api.get<Attachment>(`/attachments/${encodeURIComponent(id)}/info`, signal);
}

export const attachmentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;
export const thumbnailUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}/thumbnail`;
