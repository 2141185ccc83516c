/** Longest side kept, in pixels: plenty to read a house, a face or a signature, a fraction of a phone's 4000 px. */
export const MAX_SIDE = 1600;
const QUALITY = 0.82;
/** Photos already this small and this light are sent as they are. */
const SMALL_BYTES = 1_500_000;

/** The APP1 "Exif" segment of a JPEG (marker included), or undefined. */
export function findExifSegment(jpeg: Uint8Array): Uint8Array | undefined {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1];
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = (jpeg[i + 2] << 8) | jpeg[i + 3];
    const isExif = marker === 0xe1 && String.fromCharCode(...jpeg.subarray(i + 4, i + 8)) === 'Exif';
    if (isExif) return jpeg.slice(i, i + 2 + length);
    i += 2 + length;
  }
  return undefined;
}

/**
 * The segment with its Orientation tag set to "upright": the canvas has already turned the pixels,
 * and a second turn by whoever reads the tag would lay the photo on its side.
 */
export function withUprightOrientation(segment: Uint8Array): Uint8Array {
  const out = segment.slice();
  const tiff = 10;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (tiff + 8 > out.length) return out;
  const little = out[tiff] === 0x49;
  const ifd0 = tiff + view.getUint32(tiff + 4, little);
  if (ifd0 + 2 > out.length) return out;
  const entries = view.getUint16(ifd0, little);
  for (let n = 0; n < entries; n += 1) {
    const entry = ifd0 + 2 + n * 12;
    if (entry + 12 > out.length) break;
    if (view.getUint16(entry, little) === 0x0112) view.setUint16(entry + 8, 1, little);
  }
  return out;
}

/** The JPEG with the EXIF segment put back right after its start (and after a JFIF header, if any). */
export function insertExifSegment(jpeg: Uint8Array, segment: Uint8Array): Uint8Array<ArrayBuffer> {
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + ((jpeg[4] << 8) | jpeg[5]);
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, at), 0);
  out.set(segment, at);
  out.set(jpeg.subarray(at), at + segment.length);
  return out;
}

/**
 * A phone photo made small enough for a village's mobile data before it is sent: at most
 * {@link MAX_SIDE} px, JPEG, drawn upright on a canvas. Its EXIF (time and GPS, the evidence of a
 * visit) is copied over, so the server reads the same time and place as from the original. PDFs
 * and photos that are already small go as they are.
 */
export async function compressImage(file: File): Promise<File> {
  if (file.type !== 'image/jpeg' && file.type !== 'image/png') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.size <= SMALL_BYTES) {
    bitmap.close();
    return file;
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const context = canvas.getContext('2d');
  if (!context) return file;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', QUALITY));
  if (!blob || blob.size >= file.size) return file;
  let bytes = new Uint8Array(await blob.arrayBuffer());
  if (file.type === 'image/jpeg') {
    const exif = findExifSegment(new Uint8Array(await file.arrayBuffer()));
    if (exif) bytes = insertExifSegment(bytes, withUprightOrientation(exif));
  }
  const name = file.name.replace(/\.(png|jpe?g)$/i, '') + '.jpg';
  return new File([bytes], name, { type: 'image/jpeg', lastModified: file.lastModified });
}
