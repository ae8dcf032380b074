import { zoneOffsetMinutes } from '@urbangrid/domain';
import exifr from 'exifr';
import sharp from 'sharp';

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;
/** Decompression-bomb guard: more pixels than this is refused (a 12 MP phone photo has 12 M). */
const MAX_PIXELS = 64_000_000;

export interface ProcessedPhoto {
  /** The copy other users and the public see: re-encoded, upright, every metadata block removed. */
  publicCopy: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  takenAt: Date | null;
  location: [number, number] | null;
}

export class PhotoDecodeError extends Error {
  override name = 'PhotoDecodeError';
}

/**
 * Reads EXIF (capture time, GPS) from the original and makes the stripped copy and the JPEG
 * thumbnail with sharp (libvips). sharp writes no metadata unless asked (`keepMetadata` /
 * `withMetadata`), so re-encoding removes EXIF, XMP and ICC blocks; `rotate()` first applies the
 * EXIF orientation, which would otherwise be lost with the EXIF block.
 */
export async function processPhoto(
  original: Buffer,
  format: 'jpeg' | 'png' | 'webp',
  timeZone: string,
): Promise<ProcessedPhoto> {
  const { takenAt, location } = await readExif(original, timeZone);
  try {
    const upright = sharp(original, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const encoded =
      format === 'jpeg'
        ? upright.jpeg({ quality: 90, mozjpeg: true })
        : format === 'png'
          ? upright.png()
          : upright.webp({ quality: 90 });
    const { data: publicCopy, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(publicCopy)
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 75 })
      .toBuffer();
    return { publicCopy, thumbnail, width: info.width, height: info.height, takenAt, location };
  } catch (err) {
    throw new PhotoDecodeError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Capture time and position from EXIF. EXIF times carry no zone unless OffsetTimeOriginal is
 * set; without it the wall-clock time is read in the city's time zone (where the photo was taken).
 * Missing or broken EXIF gives nulls: it is never a reason to refuse a photo.
 */
export async function readExif(
  image: Buffer,
  timeZone: string,
): Promise<{ takenAt: Date | null; location: [number, number] | null }> {
  let takenAt: Date | null = null;
  let location: [number, number] | null = null;
  try {
    const gps = (await exifr.gps(image)) as { latitude?: number; longitude?: number } | undefined;
    const { latitude: lat, longitude: lon } = gps ?? {};
    if (
      typeof lat === 'number' &&
      typeof lon === 'number' &&
      Number.isFinite(lat) &&
      Number.isFinite(lon) &&
      Math.abs(lat) <= 90 &&
      Math.abs(lon) <= 180 &&
      !(lat === 0 && lon === 0)
    ) {
      location = [lon, lat];
    }
  } catch {
    location = null;
  }
  try {
    const tags = (await exifr.parse(image, {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'CreateDate'],
      reviveValues: false,
    })) as Record<string, unknown> | undefined;
    takenAt = exifTime(
      tags?.['DateTimeOriginal'] ?? tags?.['CreateDate'],
      tags?.['OffsetTimeOriginal'],
      timeZone,
    );
  } catch {
    takenAt = null;
  }
  return { takenAt, location };
}

/** `YYYY:MM:DD HH:MM:SS` (+ optional `±HH:MM` offset) → UTC instant. */
export function exifTime(raw: unknown, offset: unknown, timeZone: string): Date | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wall) || y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return null;
  }
  const o = typeof offset === 'string' ? /^([+-])(\d{2}):(\d{2})$/.exec(offset.trim()) : null;
  const minutes = o
    ? (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3]))
    : zoneOffsetMinutes(timeZone, wall - zoneOffsetMinutes(timeZone, wall) * 60_000);
  return new Date(wall - minutes * 60_000);
}
