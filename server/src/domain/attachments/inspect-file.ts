import exifr from 'exifr';
import sharp from 'sharp';

/** The kinds of evidence file the county takes: photos and scans. */
export type AttachmentType = 'image/jpeg' | 'image/png' | 'application/pdf';

/**
 * The file's type from its first bytes, never from its name or the browser's word: a renamed
 * executable is refused whatever it is called.
 */
export function sniffContentType(content: Buffer): AttachmentType | undefined {
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return undefined;
}

/** When and where a photo says it was taken (EXIF), as evidence that a visit happened. */
export interface PhotoEvidence {
  takenAt?: Date;
  location?: { lat: number; lng: number };
}

/**
 * The tags asked of every photo, as one object for the process's life: exifr keeps the options it
 * was given in a cache keyed by the options object itself, so an object made per call would stay
 * in that cache forever (about 8 KB an uploaded photo).
 */
export const EXIF_TIME_OPTIONS = Object.freeze({ pick: ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal'], reviveValues: false });

const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * A camera writes local time without a zone; unless the photo carries its offset
 * (OffsetTimeOriginal), it was taken in China (UTC+8), whatever the server's zone.
 */
export function exifTime(value: unknown, offset: unknown): Date | undefined {
  const match = typeof value === 'string' ? EXIF_TIME.exec(value.trim()) : null;
  if (!match) return undefined;
  const zone = typeof offset === 'string' && OFFSET.test(offset) ? offset : '+08:00';
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** EXIF time and GPS position of a JPEG or PNG; none for a PDF or a photo without them. */
export async function readPhotoEvidence(content: Buffer, type: AttachmentType): Promise<PhotoEvidence> {
  if (type === 'application/pdf') return {};
  const evidence: PhotoEvidence = {};
  try {
    const tags = (await exifr.parse(content, EXIF_TIME_OPTIONS)) as Record<string, unknown> | undefined;
    const takenAt = exifTime(tags?.DateTimeOriginal ?? tags?.CreateDate, tags?.OffsetTimeOriginal);
    if (takenAt) evidence.takenAt = takenAt;
    const gps = (await exifr.gps(content)) as { latitude?: number; longitude?: number } | undefined;
    const { latitude: lat, longitude: lng } = gps ?? {};
    if (typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
      evidence.location = { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
    }
  } catch {
    // A photo with broken EXIF is still a photo; it just proves less.
  }
  return evidence;
}

// Every thumbnail is of a new upload, so libvips' operation cache (up to 50 MB of decoded images
// by default) would never be hit: it only held memory.
sharp.cache(false);

/** Longest side of a thumbnail, in pixels: enough for a row of evidence on a phone. */
export const THUMBNAIL_SIZE = 320;

/**
 * A JPEG thumbnail of an image, turned upright by its EXIF orientation; undefined for a PDF.
 * Throws when the image cannot be decoded (a truncated or disguised file).
 */
export async function makeThumbnail(content: Buffer, type: AttachmentType): Promise<Buffer | undefined> {
  if (type === 'application/pdf') return undefined;
  return sharp(content, { limitInputPixels: 50_000_000 }).rotate()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 72 }).toBuffer();
}
