import type { AttachmentPurpose } from '@urbangrid/contracts';
import type { SqlRunner } from '../../database/database';

export interface AttachmentRow {
  id: string;
  districtCode: string;
  uploadedBy: string;
  purpose: AttachmentPurpose;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  sha256: string;
  originalKey: string;
  publicKey: string;
  thumbnailKey: string | null;
  takenAt: Date | null;
  location: [number, number] | null;
}

export interface StoredAttachment extends Omit<AttachmentRow, 'takenAt'> {
  takenAt: string | null;
  caseId: string | null;
  flowSeq: number | null;
  createdAt: string;
}

const COLUMNS = `id, district_code AS "districtCode", uploaded_by AS "uploadedBy", purpose,
  content_type AS "contentType", size, width, height, sha256, original_key AS "originalKey",
  public_key AS "publicKey", thumbnail_key AS "thumbnailKey",
  to_char(taken_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "takenAt",
  CASE WHEN location IS NULL THEN NULL ELSE json_build_array(ST_X(location), ST_Y(location)) END AS location,
  case_id AS "caseId", flow_seq AS "flowSeq",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/** All SQL of the `attachment` table. */
export class AttachmentsRepository {
  constructor(private readonly db: SqlRunner) {}

  async insert(r: AttachmentRow): Promise<StoredAttachment> {
    const [row] = await this.db.query<StoredAttachment>(
      `INSERT INTO attachment (id, district_code, uploaded_by, purpose, content_type, size, width, height,
         sha256, original_key, public_key, thumbnail_key, taken_at, location)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamptz,
         CASE WHEN $14::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($14::float8, $15::float8), 4326) END)
       RETURNING ${COLUMNS}`,
      [
        r.id,
        r.districtCode,
        r.uploadedBy,
        r.purpose,
        r.contentType,
        r.size,
        r.width,
        r.height,
        r.sha256,
        r.originalKey,
        r.publicKey,
        r.thumbnailKey,
        r.takenAt?.toISOString() ?? null,
        r.location?.[0] ?? null,
        r.location?.[1] ?? null,
      ],
    );
    return row;
  }

  async find(id: string): Promise<StoredAttachment | null> {
    const [row] = await this.db.query<StoredAttachment>(`SELECT ${COLUMNS} FROM attachment WHERE id = $1`, [
      id,
    ]);
    return row ?? null;
  }

  /** The attachments of these ids (any owner, linked or not), locked for the linking transaction. */
  async findForLink(ids: string[]): Promise<StoredAttachment[]> {
    return this.db.query<StoredAttachment>(
      `SELECT ${COLUMNS} FROM attachment WHERE id = ANY($1::uuid[]) FOR UPDATE`,
      [ids],
    );
  }

  /**
   * Links unlinked attachments of the uploader to a flow record. The WHERE repeats the checks, so
   * of two requests racing for one attachment only one links it; returns the ids linked.
   */
  async link(ids: string[], uploadedBy: string, caseId: string, flowSeq: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      // In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, rowCount].
      `WITH linked AS (
         UPDATE attachment SET case_id = $3, flow_seq = $4
         WHERE id = ANY($1::uuid[]) AND uploaded_by = $2 AND case_id IS NULL
         RETURNING id)
       SELECT id FROM linked`,
      [ids, uploadedBy, caseId, flowSeq],
    );
    return rows.map((r) => r.id);
  }
}
