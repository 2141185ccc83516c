import exifr from 'exifr';

// exifr's exports are read-only: its parse is wrapped (and still called) through the module registry.
jest.mock('exifr', () => {
  const actual = jest.requireActual('exifr');
  const real = actual.default ?? actual;
  return { __esModule: true, default: { ...real, parse: jest.fn((...args: unknown[]) => real.parse(...args)), gps: real.gps } };
});
import sharp from 'sharp';
import { EXIF_TIME_OPTIONS, readPhotoEvidence } from '../../server/src/domain/attachments/inspect-file';
import { PHOTO_EXIF, photoWithExif } from '../support/evidence-files';

/** What a photo proves (EXIF time and place), read at upload without keeping anything per photo. */
describe('readPhotoEvidence', () => {
  const parse = exifr.parse as jest.Mock;
  beforeEach(() => { parse.mockClear(); });

  it('reads when and where the photo was taken', async () => {
    const evidence = await readPhotoEvidence(await photoWithExif(), 'image/jpeg');
    expect(evidence.takenAt?.toISOString()).toBe(PHOTO_EXIF.takenAt);
    expect(evidence.location).toEqual({ lat: PHOTO_EXIF.lat, lng: PHOTO_EXIF.lng });
  });

  it('asks exifr with one options object for every photo, so its cache keyed by that object does not grow per upload', async () => {
    const [first, second] = [await photoWithExif(), await photoWithExif({ colour: '#884422' })];
    await readPhotoEvidence(first, 'image/jpeg');
    await readPhotoEvidence(second, 'image/jpeg');
    expect(parse).toHaveBeenCalledTimes(2);
    expect(parse.mock.calls[0][1]).toBe(EXIF_TIME_OPTIONS);
    expect(parse.mock.calls[1][1]).toBe(parse.mock.calls[0][1]);
  });

  it('reads nothing from a PDF', async () => {
    expect(await readPhotoEvidence(Buffer.from('%PDF-1.4\n'), 'application/pdf')).toEqual({});
    expect(parse).not.toHaveBeenCalled();
  });
});

describe('thumbnails', () => {
  it('keep no libvips cache: every thumbnail is of a new upload', () => {
    expect(sharp.cache()).toMatchObject({ memory: { max: 0 }, items: { max: 0 }, files: { max: 0 } });
  });
});
