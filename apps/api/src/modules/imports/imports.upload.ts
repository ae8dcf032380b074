import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Content types whose request body reaches the imports controller as a raw stream (registered
 * as a pass-through parser in app.factory), so an upload of hundreds of MB never sits in memory.
 */
export const IMPORT_UPLOAD_TYPES = [
  'application/octet-stream',
  'application/zip',
  'application/x-zip-compressed',
  'application/geo+json',
  'text/csv',
];

export class UploadTooLargeError extends Error {
  override name = 'UploadTooLargeError';
}

/** Streams `body` to `path`; stops, deletes the file and throws past `maxBytes`. Returns the size. */
export async function saveUpload(body: Readable, path: string, maxBytes: number): Promise<number> {
  let size = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) done(new UploadTooLargeError(`the upload exceeds ${maxBytes} bytes`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, cap, createWriteStream(path));
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return size;
}
