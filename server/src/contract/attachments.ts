/**
 * `POST /api/attachments` → 201: one evidence file (JPEG, PNG or PDF, ≤ 10 MB). A form field of
 * format `file-ref` holds its `id`; photos carry their EXIF time and GPS position when they have them.
 */
export interface Attachment {
  id: string;
  name: string;
  size: number;
  contentType: 'image/jpeg' | 'image/png' | 'application/pdf';
  sha256: string;
  /** The case it is bound to; null until the submission that names it (uploads made before the case existed). */
  instanceId: string | null;
  createdAt: string;
  /** When the photo was taken (EXIF, China time unless the photo says otherwise), ISO 8601. */
  takenAt?: string;
  /** Where the photo was taken (EXIF GPS), decimal degrees. */
  location?: { lat: number; lng: number };
}
