import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';

/**
 * Where attachment bytes live. Keys are server-made relative paths (`private/…`, `public/…`,
 * `thumb/…`); only `public/` and `thumb/` objects are ever served. The local folder is the
 * default; an S3-like store implements the same three calls (keys map to object names).
 */
export interface AttachmentStorage {
  put(key: string, data: Buffer): Promise<void>;
  read(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

/** Nest injection token of the {@link AttachmentStorage}. */
export const ATTACHMENT_STORAGE = Symbol('ATTACHMENT_STORAGE');

const KEY_PATTERN = /^(private|public|thumb)\/[0-9a-f]{2}\/[0-9a-f-]{36}(\.[a-z0-9]{2,5})?$/;

/** Files under `DATA_DIR/attachments`, written to a temporary name and renamed (no half files). */
export class LocalFolderStorage implements AttachmentStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${randomUUID()}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, path);
  }

  read(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    return new Promise((ok, fail) => {
      const stream = createReadStream(path);
      stream.once('open', () => ok(stream));
      stream.once('error', fail);
    });
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`malformed storage key ${JSON.stringify(key)}`);
    const path = join(this.root, ...key.split('/'));
    if (!path.startsWith(this.root + sep)) throw new Error('storage key escapes the root');
    return path;
  }
}

/** The storage keys of one attachment. */
export function storageKeys(
  id: string,
  ext: string,
): { original: string; public: string; thumbnail: string } {
  const shard = id.slice(0, 2);
  return {
    original: `private/${shard}/${id}.${ext}`,
    public: `public/${shard}/${id}.${ext}`,
    thumbnail: `thumb/${shard}/${id}.jpg`,
  };
}
