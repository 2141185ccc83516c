import type { Attachment } from '@shared/contract';

/** `2026-11-20 10:31` in China time, whatever the device's zone. */
export function chinaDateTime(iso: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The EXIF time and place of a photo as text values, or nothing where it records none. */
export function exifFacts(a: Pick<Attachment, 'takenAt' | 'location'>): { time?: string; lat?: string; lng?: string } {
  return {
    ...(a.takenAt ? { time: chinaDateTime(a.takenAt) } : {}),
    ...(a.location ? { lat: a.location.lat.toFixed(5), lng: a.location.lng.toFixed(5) } : {}),
  };
}
