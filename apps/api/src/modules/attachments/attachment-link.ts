import type { AttachmentDto } from '@urbangrid/contracts';
import { ApiError } from '../../common/errors/api-error';
import type { SqlRunner } from '../../database/database';
import { type StoredAttachment, AttachmentsRepository } from './attachments.repository';

/** Most attachments one intake or action may name. */
export const MAX_ATTACHMENTS_PER_STEP = 9;

export function toAttachmentDto(a: StoredAttachment): AttachmentDto {
  return {
    id: a.id,
    purpose: a.purpose,
    contentType: a.contentType,
    size: a.size,
    width: a.width,
    height: a.height,
    url: `/api/v1/attachments/${a.id}`,
    thumbnailUrl: a.thumbnailKey ? `/api/v1/attachments/${a.id}/thumbnail` : null,
    takenAt: a.takenAt,
    location: a.location,
    createdAt: a.createdAt,
  };
}

/**
 * Links the named attachments to a case's flow record inside the caller's transaction (intake or
 * action): each must exist, be uploaded by the caller and not yet be linked, else 422
 * `ATTACHMENT.UNKNOWN` / `ATTACHMENT.NOT_OWNER` / `ATTACHMENT.ALREADY_LINKED`. Returns the DTOs
 * for `case_flow.attachments`, in the order given.
 */
export async function linkAttachments(
  tx: SqlRunner,
  userId: string,
  caseId: string,
  flowSeq: number,
  ids: readonly string[] | undefined,
): Promise<AttachmentDto[]> {
  if (!ids || ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const repo = new AttachmentsRepository(tx);
  const found = new Map((await repo.findForLink(unique)).map((a) => [a.id, a]));
  const field = (i: number): string => `attachmentIds[${i}]`;
  unique.forEach((id, i) => {
    const a = found.get(id);
    if (!a)
      throw new ApiError('ATTACHMENT.UNKNOWN', `no attachment ${id}`, [
        { field: field(i), message: 'upload it first' },
      ]);
    if (a.uploadedBy !== userId) {
      throw new ApiError('ATTACHMENT.NOT_OWNER', `attachment ${id} was uploaded by someone else`, [
        { field: field(i), message: 'only your own uploads can be attached' },
      ]);
    }
    if (a.caseId !== null) {
      throw new ApiError('ATTACHMENT.ALREADY_LINKED', `attachment ${id} is already attached to a case step`, [
        { field: field(i), message: 'upload the file again for another step' },
      ]);
    }
  });
  const linked = await repo.link(unique, userId, caseId, flowSeq);
  if (linked.length !== unique.length) {
    throw new ApiError(
      'ATTACHMENT.ALREADY_LINKED',
      'an attachment was attached by another request at the same time',
    );
  }
  return unique.map((id) => toAttachmentDto({ ...found.get(id)!, caseId, flowSeq }));
}
