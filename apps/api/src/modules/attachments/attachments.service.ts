import { Inject, Injectable } from '@nestjs/common';
import type { AttachmentDto, AttachmentPurpose } from '@urbangrid/contracts';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { ApiError } from '../../common/errors/api-error';
import { parseIdempotencyKey, requestFingerprint } from '../../common/idempotency/idempotency-key';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import type { AuthUser } from '../auth/principal';
import { canSee } from '../cases/cases.service';
import { CasesRepository } from '../cases/cases.repository';
import { sniffContent } from './attachment-content';
import { ATTACHMENT_STORAGE, type AttachmentStorage, storageKeys } from './attachment-storage';
import { toAttachmentDto } from './attachment-link';
import { type StoredAttachment, AttachmentsRepository } from './attachments.repository';
import { readMultipartUpload } from './multipart-upload';
import { PhotoDecodeError, processPhoto } from './photo-processing';

export const ATTACHMENT_PURPOSES: readonly AttachmentPurpose[] = [
  'report',
  'before',
  'after',
  'verify',
  'check',
  'feedback',
  'evidence',
];

export interface AttachmentUploadResult {
  status: number;
  body: AttachmentDto;
  replayed: boolean;
}

/**
 * 附件 photos and short audio of cases and their steps (spec 08 §9, spec 04 §6). The original is
 * stored privately and never served; users see a re-encoded copy without EXIF, and EXIF capture
 * time and position are kept as columns.
 */
@Injectable()
export class AttachmentsService {
  private readonly repo: AttachmentsRepository;

  constructor(
    private readonly db: Database,
    private readonly idempotency: IdempotencyService,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.repo = new AttachmentsRepository(db);
  }

  /** `POST /attachments`: read the form, then store once per Idempotency-Key (when sent). */
  async upload(
    user: AuthUser,
    headers: IncomingHttpHeaders,
    body: unknown,
    path: string,
  ): Promise<AttachmentUploadResult> {
    const rawKey = headers['idempotency-key'];
    const key = rawKey === undefined ? null : parseIdempotencyKey(rawKey);
    const { attachments } = this.config;
    const { file, fields } = await readMultipartUpload(
      headers,
      body,
      Math.max(attachments.maxBytes, attachments.audioMaxBytes),
    );
    const purpose = (fields['purpose'] ?? 'report') as AttachmentPurpose;
    if (!ATTACHMENT_PURPOSES.includes(purpose)) {
      throw new ApiError('REQUEST.VALIDATION_FAILED', 'purpose is not known', [
        { field: 'purpose', message: `one of ${ATTACHMENT_PURPOSES.join(', ')}` },
      ]);
    }
    const store = async (): Promise<{ status: number; body: AttachmentDto }> => ({
      status: 201,
      body: await this.store(user, file, purpose),
    });
    if (key === null) return { ...(await store()), replayed: false };
    const digest = createHash('sha256').update(file).digest('hex');
    const { response, replayed } = await this.idempotency.execute(
      {
        userId: user.id,
        key,
        method: 'POST',
        path,
        fingerprint: requestFingerprint('POST', path, `${purpose}\n${digest}`),
      },
      store,
    );
    return { status: response.status, body: response.body as AttachmentDto, replayed };
  }

  /** The attachment's row when the caller may read it: its uploader, or anyone who sees its case. */
  async readable(user: AuthUser, id: string): Promise<StoredAttachment> {
    const a = await this.repo.find(id);
    if (!a) throw new ApiError('ATTACHMENT.NOT_FOUND', `no attachment ${id}`);
    if (a.uploadedBy === user.id) return a;
    if (a.caseId !== null) {
      const c = await new CasesRepository(this.db).findCase(a.caseId);
      if (c && canSee(user, c)) return a;
    }
    throw new ApiError('ATTACHMENT.NOT_VISIBLE', 'this attachment belongs to a case you cannot see');
  }

  /** The stripped copy (never the original). */
  async openPublic(
    user: AuthUser,
    id: string,
  ): Promise<{ stream: Readable; contentType: string; size: number | null }> {
    const a = await this.readable(user, id);
    return { stream: await this.storage.read(a.publicKey), contentType: a.contentType, size: null };
  }

  async openThumbnail(user: AuthUser, id: string): Promise<{ stream: Readable; contentType: string }> {
    const a = await this.readable(user, id);
    if (a.thumbnailKey === null) throw new ApiError('ATTACHMENT.NO_THUMBNAIL', 'audio has no thumbnail');
    return { stream: await this.storage.read(a.thumbnailKey), contentType: 'image/jpeg' };
  }

  private async store(user: AuthUser, file: Buffer, purpose: AttachmentPurpose): Promise<AttachmentDto> {
    const sniffed = sniffContent(file);
    if (!sniffed) {
      throw new ApiError(
        'ATTACHMENT.UNSUPPORTED_TYPE',
        'the file is not a JPEG, PNG or WebP photo or a supported audio clip (m4a, aac, mp3, ogg/opus, wav, webm)',
      );
    }
    const limit =
      sniffed.kind === 'audio' ? this.config.attachments.audioMaxBytes : this.config.attachments.maxBytes;
    if (file.length > limit) {
      throw new ApiError('ATTACHMENT.TOO_LARGE', `${sniffed.kind} files may have at most ${limit} bytes`);
    }
    const id = randomUUID();
    const keys = storageKeys(id, sniffed.ext);
    let publicCopy = file;
    let thumbnail: Buffer | null = null;
    let width: number | null = null;
    let height: number | null = null;
    let takenAt: Date | null = null;
    let location: [number, number] | null = null;
    if (sniffed.kind === 'image') {
      try {
        const p = await processPhoto(
          file,
          sniffed.ext === 'jpg' ? 'jpeg' : sniffed.ext,
          this.config.timeZone,
        );
        ({ publicCopy, thumbnail, width, height, takenAt, location } = p);
      } catch (err) {
        if (err instanceof PhotoDecodeError) {
          throw new ApiError('ATTACHMENT.CONTENT_INVALID', `the ${sniffed.ext} image cannot be decoded`);
        }
        throw err;
      }
    }
    await this.storage.put(keys.original, file);
    await this.storage.put(keys.public, publicCopy);
    if (thumbnail) await this.storage.put(keys.thumbnail, thumbnail);
    try {
      const row = await this.repo.insert({
        id,
        districtCode: user.districtCode,
        uploadedBy: user.id,
        purpose,
        contentType: sniffed.contentType,
        size: publicCopy.length,
        width,
        height,
        sha256: createHash('sha256').update(file).digest('hex'),
        originalKey: keys.original,
        publicKey: keys.public,
        thumbnailKey: thumbnail ? keys.thumbnail : null,
        takenAt,
        location,
      });
      return toAttachmentDto(row);
    } catch (err) {
      await Promise.all([keys.original, keys.public, keys.thumbnail].map((k) => this.storage.delete(k)));
      throw err;
    }
  }
}
