import type { CaseState, ClosureType } from '@urbangrid/domain';
import type { SqlRunner } from '../../database/database';

export type ServiceKind = 'event' | 'component';

/** A small class the city marks public, as an Open311 service (spec 07 §4). */
export interface ServiceRow {
  kind: ServiceKind;
  code: string;
  name: string;
  nameEn: string | null;
  groupName: string;
  type: 'realtime' | 'batch';
  /** 立案条件 of the class (default profile, current): code and text. */
  conditions: { code: string; text: string }[];
  /** 处置时限 of the normal-urgency condition lines, as milestones. */
  limits: { value: number; unit: string }[];
}

/** A publicly listed case with what its Open311 view needs. */
export interface PublicCaseRow {
  id: string;
  caseNo: string;
  state: CaseState;
  kind: ServiceKind;
  classCode: string;
  className: string | null;
  description: string;
  address: string | null;
  lon: number;
  lat: number;
  componentCode: string | null;
  source: string;
  reportedAt: Date;
  updatedAt: Date;
  disposalDeadline: Date | null;
  departmentName: string | null;
  previousState: CaseState | null;
  closureType: ClosureType | null;
  reason: string | null;
  duplicateOfNo: string | null;
  mediaIds: string[];
  channel: string | null;
}

export interface RequestFilter {
  caseNos?: string[];
  services?: { kind: ServiceKind; code: string }[];
  from: Date;
  to: Date;
  status?: 'open' | 'closed';
  updatedAfter?: Date;
  updatedBefore?: Date;
  agency?: string;
  limit: number;
  offset: number;
  sources: readonly string[];
}

const TERMINAL = `('CLOSED', 'REJECTED', 'VOID')`;

/** SQL of the Open311 façade: public classes, public cases, tokens. */
export class Open311Repository {
  constructor(private readonly db: SqlRunner) {}

  async services(only?: { kind: ServiceKind; code: string }): Promise<ServiceRow[]> {
    const rows = await this.db.query<{
      kind: ServiceKind;
      code: string;
      name: string;
      name_en: string | null;
      group_name: string | null;
      open311_type: 'realtime' | 'batch';
      conditions: { code: string; text: string }[] | null;
      limits: { value: number; unit: string }[] | null;
    }>(
      `SELECT c.kind, c.code, c.name, c.name_en, b.name AS group_name, c.open311_type,
              (SELECT jsonb_agg(DISTINCT jsonb_build_object('code', f.condition_code, 'text', f.condition_text))
                 FROM filing_standard f
                WHERE f.kind = c.kind AND f.small_class_code = c.code AND f.valid_to IS NULL
                  AND f.profile_id = 'default') AS conditions,
              (SELECT jsonb_agg(f.milestones -> -1)
                 FROM filing_standard f
                WHERE f.kind = c.kind AND f.small_class_code = c.code AND f.valid_to IS NULL
                  AND f.profile_id = 'default' AND f.urgency = 'normal' AND f.area_class = 'default') AS limits
         FROM classification c
         LEFT JOIN classification b ON b.kind = c.kind AND b.code = c.parent_code AND b.valid_to IS NULL
        WHERE c.level = 'small' AND c.valid_to IS NULL AND c.is_public
          AND ($1::text IS NULL OR (c.kind = $1 AND c.code = $2))
        ORDER BY c.kind DESC, c.code`,
      [only?.kind ?? null, only?.code ?? null],
    );
    return rows.map((r) => ({
      kind: r.kind,
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      groupName: r.group_name ?? '',
      type: r.open311_type,
      conditions: (r.conditions ?? []).sort((a, b) => a.code.localeCompare(b.code)),
      limits: r.limits ?? [],
    }));
  }

  /** Latest change to the public service list or a definition: the discovery changeset. */
  async changeset(): Promise<Date> {
    const [row] = await this.db.query<{ at: Date | null }>(
      `SELECT greatest((SELECT max(updated_at) FROM classification WHERE is_public OR level = 'small'),
                       (SELECT max(created_at) FROM filing_standard)) AS at`,
    );
    return row?.at ? new Date(row.at) : new Date(0);
  }

  async requests(f: RequestFilter): Promise<PublicCaseRow[]> {
    const params: unknown[] = [f.sources];
    const where: string[] = ['c.source = ANY($1)'];
    const p = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.caseNos) {
      where.push(`c.case_no = ANY(${p(f.caseNos)})`);
    } else {
      where.push(`c.reported_at >= ${p(f.from)}`, `c.reported_at <= ${p(f.to)}`);
      if (f.services && f.services.length > 0) {
        where.push(
          `(c.kind, c.class_code) IN (SELECT * FROM unnest(${p(f.services.map((s) => s.kind))}::text[], ${p(
            f.services.map((s) => s.code),
          )}::text[]))`,
        );
      }
      if (f.status === 'open') where.push(`c.state NOT IN ${TERMINAL}`);
      if (f.status === 'closed') where.push(`c.state IN ${TERMINAL}`);
      if (f.updatedAfter) where.push(`c.updated_at > ${p(f.updatedAfter)}`);
      if (f.updatedBefore) where.push(`c.updated_at < ${p(f.updatedBefore)}`);
      if (f.agency) where.push(`d.name = ${p(f.agency)}`);
    }
    const rows = await this.db.query<{
      id: string;
      case_no: string;
      state: CaseState;
      kind: ServiceKind;
      class_code: string;
      class_name: string | null;
      description: string;
      address: string | null;
      lon: number;
      lat: number;
      component_code: string | null;
      source: string;
      reported_at: Date;
      updated_at: Date;
      disposal_deadline: Date | null;
      department_name: string | null;
      previous_state: CaseState | null;
      closure_type: ClosureType | null;
      reason: string | null;
      duplicate_no: string | null;
      media_ids: string[] | null;
      channel: string | null;
    }>(
      `SELECT c.id, c.case_no, c.state, c.kind, c.class_code, cl.name AS class_name, c.description, c.address,
              ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.component_code, c.source, c.reported_at, c.updated_at,
              c.disposal_deadline, CASE WHEN c.state IN ${TERMINAL} OR c.department_id IS NULL THEN NULL ELSE d.name END
                AS department_name,
              c.snapshot ->> 'previousState' AS previous_state, c.snapshot ->> 'closureType' AS closure_type,
              CASE WHEN c.state IN ('REJECTED', 'VOID') THEN
                (SELECT coalesce(fl.payload ->> 'reasonCode', fl.payload ->> 'reason') FROM case_flow fl WHERE fl.case_id = c.id ORDER BY fl.seq DESC LIMIT 1)
              END AS reason,
              dup.case_no AS duplicate_no,
              (SELECT array_agg(a.id ORDER BY a.flow_seq, a.created_at) FROM attachment a
                WHERE a.case_id = c.id AND a.content_type LIKE 'image/%') AS media_ids,
              o.channel
         FROM case_file c
         LEFT JOIN department d ON d.id = c.department_id
         LEFT JOIN case_file dup ON dup.id = c.duplicate_of
         LEFT JOIN classification cl ON cl.kind = c.kind AND cl.code = c.class_code AND cl.valid_to IS NULL
         LEFT JOIN open311_request o ON o.case_id = c.id
        WHERE ${where.join(' AND ')}
        ORDER BY c.reported_at DESC, c.id DESC
        LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      caseNo: r.case_no,
      state: r.state,
      kind: r.kind,
      classCode: r.class_code,
      className: r.class_name,
      description: r.description,
      address: r.address,
      lon: Number(r.lon),
      lat: Number(r.lat),
      componentCode: r.component_code,
      source: r.source,
      reportedAt: new Date(r.reported_at),
      updatedAt: new Date(r.updated_at),
      disposalDeadline: r.disposal_deadline ? new Date(r.disposal_deadline) : null,
      departmentName: r.department_name,
      previousState: r.previous_state,
      closureType: r.closure_type,
      reason: r.reason,
      duplicateOfNo: r.duplicate_no,
      mediaIds: r.media_ids ?? [],
      channel: r.channel,
    }));
  }

  async insertRequest(row: {
    caseId: string;
    token: string;
    apiKeyId: string;
    channel: string;
    serviceCode: string;
    serviceType: 'realtime' | 'batch';
    attributes: Record<string, string | string[]>;
    mediaUrl: string | null;
    addressString: string | null;
    contactEnc: string | null;
  }): Promise<string> {
    await this.db.query(
      `INSERT INTO open311_request (case_id, token, api_key_id, channel, service_code, service_type, attributes,
                                    media_url, address_string, contact_enc)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (case_id) DO NOTHING`,
      [
        row.caseId,
        row.token,
        row.apiKeyId,
        row.channel,
        row.serviceCode,
        row.serviceType,
        JSON.stringify(row.attributes),
        row.mediaUrl,
        row.addressString,
        row.contactEnc === null ? null : JSON.stringify(row.contactEnc),
      ],
    );
    const [stored] = await this.db.query<{ token: string }>(
      'SELECT token FROM open311_request WHERE case_id = $1',
      [row.caseId],
    );
    return stored?.token ?? row.token;
  }

  async caseNoOfToken(token: string): Promise<string | null> {
    const [row] = await this.db.query<{ case_no: string }>(
      `SELECT c.case_no FROM open311_request o JOIN case_file c ON c.id = o.case_id WHERE o.token = $1`,
      [token],
    );
    return row?.case_no ?? null;
  }

  /** An image of a publicly listed case (or one a channel uploaded and not yet linked). */
  async publicMedia(id: string, sources: readonly string[]): Promise<{ uploadedBy: string } | null> {
    const [row] = await this.db.query<{ uploaded_by: string }>(
      `SELECT a.uploaded_by FROM attachment a
         LEFT JOIN case_file c ON c.id = a.case_id
        WHERE a.id = $1 AND a.content_type LIKE 'image/%'
          AND ((c.id IS NOT NULL AND c.source = ANY($2))
               OR (a.case_id IS NULL AND a.uploaded_by IN (SELECT user_id FROM open311_api_key)))`,
      [id, sources],
    );
    return row ? { uploadedBy: row.uploaded_by } : null;
  }
}
