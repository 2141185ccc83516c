import sharp from 'sharp';

/** When and where the test photo says it was taken: 2026-11-20 10:31:05 China time, near 董源村. */
export const PHOTO_EXIF = { localTime: '2026:11:20 10:31:05', takenAt: '2026-11-20T02:31:05.000Z', lat: 23.94, lng: 115.641667 };

/**
 * A real JPEG with EXIF time (DateTimeOriginal) and GPS position, made here rather than shipped,
 * so the test knows exactly what the file says.
 */
export function photoWithExif(options: { width?: number; height?: number; colour?: string } = {}): Promise<Buffer> {
  return sharp({ create: { width: options.width ?? 800, height: options.height ?? 600, channels: 3, background: options.colour ?? '#3a7d44' } })
    .withExif({
      IFD0: { Make: 'Jingzhun', Model: 'Test camera', DateTime: PHOTO_EXIF.localTime },
      IFD2: { DateTimeOriginal: PHOTO_EXIF.localTime },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '23/1 56/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '115/1 38/1 3000/100' },
    })
    .jpeg({ quality: 90 }).toBuffer();
}

/** A multipart/form-data body with one file (field `file`) and text fields, as a browser sends it. */
export function multipartBody(file: { name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const boundary = `----jz${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
