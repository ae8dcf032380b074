import Busboy from '@fastify/busboy';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { ApiError } from '../../common/errors/api-error';

export interface ReceivedUpload {
  file: Buffer;
  /** Text fields of the form (only the first value of each). */
  fields: Record<string, string>;
}

/**
 * Reads a `multipart/form-data` body (kept a raw stream by the pass-through parser registered in
 * AttachmentsModule, as the imports module does for its uploads) with busboy: one file part named
 * `file`, at most `maxBytes`, plus a few short text fields. Past the limit the read stops → 413.
 */
export function readMultipartUpload(
  headers: IncomingHttpHeaders,
  body: unknown,
  maxBytes: number,
): Promise<ReceivedUpload> {
  const contentType = headers['content-type'];
  if (!(body instanceof Readable) || !contentType?.toLowerCase().startsWith('multipart/form-data')) {
    return Promise.reject(
      new ApiError(
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        'send the file as multipart/form-data in the field "file"',
      ),
    );
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      body.unpipe();
      body.resume();
      reject(err);
    };
    let bb: InstanceType<typeof Busboy>;
    try {
      bb = new Busboy({
        headers: { ...headers, 'content-type': contentType },
        limits: { files: 1, fields: 5, fieldSize: 200, parts: 6, fileSize: maxBytes },
      });
    } catch {
      reject(new ApiError('REQUEST.MALFORMED', 'malformed multipart/form-data body'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let gotFile = false;
    const fields: Record<string, string> = {};
    bb.on('file', (name: string, stream: Readable) => {
      if (name !== 'file' || gotFile) {
        stream.resume();
        return;
      }
      gotFile = true;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
      });
      stream.on('limit', () =>
        fail(new ApiError('ATTACHMENT.TOO_LARGE', `the file exceeds the limit of ${maxBytes} bytes`)),
      );
    });
    bb.on('field', (name: string, value: string) => {
      if (!(name in fields)) fields[name] = value;
    });
    bb.on('partsLimit', () => fail(new ApiError('REQUEST.MALFORMED', 'too many parts in the form')));
    bb.on('error', () => fail(new ApiError('REQUEST.MALFORMED', 'malformed multipart/form-data body')));
    bb.on('finish', () => {
      if (settled) return;
      if (!gotFile || size === 0) {
        fail(
          new ApiError('ATTACHMENT.FILE_REQUIRED', 'the form has no file in the field "file"', [
            { field: 'file', message: 'required: a photo or a short audio clip' },
          ]),
        );
        return;
      }
      settled = true;
      resolve({ file: Buffer.concat(chunks, size), fields });
    });
    body.on('error', fail);
    body.pipe(bb);
  });
}
