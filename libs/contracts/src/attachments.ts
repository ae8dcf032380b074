/**
 * Attachments (photos and short audio) of cases and their steps (spec 08; issue 5 item 1).
 * Upload first (`POST /api/v1/attachments`, multipart field `file`), then name the ids in the
 * intake or action body (`attachmentIds`); the server links them to the flow record.
 */
export type AttachmentPurpose = 'report' | 'before' | 'after' | 'verify' | 'check' | 'feedback' | 'evidence';

export interface AttachmentDto {
  id: string;
  purpose: AttachmentPurpose;
  /** Checked from the content, not the file name: image/jpeg, image/png, image/webp, audio/… */
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  /** URL of the copy other users see (EXIF stripped). */
  url: string;
  /** URL of a small JPEG preview; null for audio. */
  thumbnailUrl: string | null;
  /** Capture time and position read from EXIF before it was stripped (kept as fields). */
  takenAt: string | null;
  location: [number, number] | null;
  createdAt: string;
}
