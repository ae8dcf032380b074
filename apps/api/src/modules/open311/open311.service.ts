import { Inject, Injectable, Logger } from '@nestjs/common';
import { PUBLIC_SOURCES } from '@urbangrid/domain';
import type { IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CitizenDataCipher } from '../../common/crypto/citizen-data-cipher';
import {
  canonicalJson,
  parseIdempotencyKey,
  requestFingerprint,
} from '../../common/idempotency/idempotency-key';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { AttachmentsService } from '../attachments/attachments.service';
import type { AuthUser } from '../auth/principal';
import { CasesService } from '../cases/cases.service';
import type { CreateCaseDto } from '../cases/dto/case-requests.dto';
import { GeocodingService } from '../geocoding/geocoding.service';
import { Open311Error } from './open311-error';
import { containsMarkup, type Open311Form } from './open311-form';
import { Open311KeysService, type VerifiedKey } from './open311-keys.service';
import { type BucketRule, type Open311Limits, TokenBuckets } from './open311-rate-limit';
import {
  type PublicCaseRow,
  type ServiceKind,
  type ServiceRow,
  Open311Repository,
} from './open311.repository';
import { publicStatus } from './open311-status';
import { parseW3cDate, w3cDate, type WireDocument, WireList, type WireObject } from './open311-wire';

export const OPEN311_LIMITS = Symbol('OPEN311_LIMITS');
export const OPEN311_CIPHER = Symbol('OPEN311_CIPHER');

/** Where a request came from: for jurisdiction, URLs and per-IP limits. */
export interface CallContext {
  ip: string;
  /** `https://host/open311/v2` as the client reached it. */
  baseUrl: string;
  /** Host name without port: the default jurisdiction_id. */
  hostname: string;
}

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 90;
const MAX_PAGE_SIZE = 1000;
const MAX_DESCRIPTION = 4000;
const MEDIA_PATH_RE = /\/open311\/v2\/media\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const UNIT_TEXT: Record<string, string> = {
  minute: '分钟',
  hour: '小时',
  working_hour: '个工作小时',
  working_day: '个工作日',
  day: '天',
};

/**
 * The GeoReport v2 façade (spec 07) on the case loop: public classes as services, POST as a
 * 公众举报 case (source public_web) registered by the key's channel user — it enters at REPORTED and
 * goes to 核实 like every public report — and a public view of public-source cases.
 */
@Injectable()
export class Open311Service {
  private readonly logger = new Logger('Open311');
  private readonly buckets = new TokenBuckets();

  constructor(
    private readonly db: Database,
    private readonly keys: Open311KeysService,
    private readonly cases: CasesService,
    private readonly geocoding: GeocodingService,
    private readonly attachments: AttachmentsService,
    @Inject(OPEN311_LIMITS) private readonly limits: Open311Limits,
    @Inject(OPEN311_CIPHER) private readonly cipher: CitizenDataCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly idempotency: IdempotencyService,
  ) {}

  private get repo(): Open311Repository {
    return new Open311Repository(this.db);
  }

  /** GETs: one bucket per IP. */
  checkRead(ctx: CallContext): void {
    this.limit(`read:${ctx.ip}`, this.limits.readPerIp, 'requests from this address');
  }

  checkJurisdiction(ctx: CallContext, jurisdictionId: string | undefined): void {
    if (jurisdictionId !== undefined && jurisdictionId !== '' && jurisdictionId !== jurisdictionOf(ctx)) {
      throw new Open311Error(
        404,
        'OPEN311.JURISDICTION_UNKNOWN',
        `jurisdiction_id ${jurisdictionId} is not served here`,
      );
    }
  }

  async discovery(ctx: CallContext): Promise<WireDocument> {
    const changeset = w3cDate(await this.repo.changeset());
    return {
      root: 'discovery',
      body: {
        changeset,
        contact: `${ctx.baseUrl.replace(/\/open311\/v2$/, '')}/report`,
        key_service: 'API keys are issued by the city administrators (系统管理员) per channel.',
        endpoints: new WireList('endpoint', [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: ctx.baseUrl,
            changeset,
            type: 'production',
            formats: new WireList('format', ['text/xml', 'application/json']),
          },
        ]),
      },
    };
  }

  /**
   * `area.{format}` (ours, an extension): the city's extent and base map for a client's map
   * picker — public facts (the extent is where POSTs are accepted; the base map is in the CSP).
   */
  area(): WireDocument {
    const [minLon, minLat, maxLon, maxLat] = this.config.cityExtent;
    return {
      root: 'area',
      body: {
        name: this.config.cityName,
        name_en: this.config.cityNameEn,
        min_lat: minLat,
        min_long: minLon,
        max_lat: maxLat,
        max_long: maxLon,
        basemap_url: this.config.basemapUrl,
        // The citizen page's key: public by nature, limited per IP (channel public-web).
        web_key: this.config.open311WebKey,
      },
    };
  }

  async serviceList(): Promise<WireDocument> {
    const services = await this.repo.services();
    return { root: 'services', body: new WireList('service', services.map(serviceView)) };
  }

  async serviceDefinition(code: string): Promise<WireDocument> {
    const service = await this.service(code);
    return {
      root: 'service_definition',
      body: {
        service_code: code,
        attributes: new WireList(
          'attribute',
          attributesOf(service).map((a) => a.wire),
        ),
      },
    };
  }

  /** POST requests (spec 07 §6): every check before any write. */
  async postRequest(
    ctx: CallContext,
    form: Open311Form,
    idempotencyKey?: string | string[],
  ): Promise<WireDocument> {
    this.limit(`post-ip:${ctx.ip}`, this.limits.postPerIp, 'reports from this address');
    const key = await this.keyOf(form.fields.get('api_key'));
    if (!key.perIpOnly) this.limit(`post-key:${key.id}`, this.limits.postPerKey, 'reports with this API key');
    this.checkJurisdiction(ctx, form.fields.get('jurisdiction_id'));

    const serviceCode = form.fields.get('service_code');
    if (serviceCode === undefined) {
      throw Open311Error.fields('OPEN311.SERVICE_CODE_REQUIRED', [
        { field: 'service_code', message: 'required' },
      ]);
    }
    const service = await this.service(serviceCode);
    const f = form.fields;
    const problems: { field: string; message: string }[] = [];
    const text = (name: string, max: number): string | undefined => {
      const v = f.get(name)?.trim();
      if (v === undefined) return undefined;
      if (v.length > max) problems.push({ field: name, message: `at most ${max} characters` });
      else if (containsMarkup(v)) problems.push({ field: name, message: 'no HTML or code' });
      return v;
    };
    const description = text('description', MAX_DESCRIPTION);
    const firstName = text('first_name', 25);
    const lastName = text('last_name', 25);
    const email = text('email', 254);
    const deviceId = text('device_id', 100);
    const accountId = text('account_id', 100);
    const addressString = text('address_string', 200);
    const phone = f.get('phone')?.trim();
    if (phone !== undefined && !/^[0-9+\- ]{5,20}$/.test(phone)) {
      problems.push({ field: 'phone', message: '5 to 20 digits' });
    }
    if (email !== undefined && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email)) {
      problems.push({ field: 'email', message: 'not an e-mail address' });
    }
    const mediaUrl = f.get('media_url')?.trim();
    if (mediaUrl !== undefined && (mediaUrl.length > 2000 || !/^https?:\/\/[^\s<>"]+$/.test(mediaUrl))) {
      problems.push({ field: 'media_url', message: 'an http(s) URL of at most 2000 characters' });
    }
    const attributes = this.checkAttributes(service, form.attributes, problems);

    // Location: lat + long, else address_string, else address_id (spec 07 §6).
    let position: [number, number] | null = null;
    const latText = f.get('lat');
    const longText = f.get('long');
    if (latText !== undefined || longText !== undefined) {
      const lat = Number(latText);
      const lon = Number(longText);
      if (latText === undefined || longText === undefined) {
        problems.push({
          field: latText === undefined ? 'lat' : 'long',
          message: 'send lat and long together',
        });
      } else if (
        !Number.isFinite(lat) ||
        !Number.isFinite(lon) ||
        Math.abs(lat) > 90 ||
        Math.abs(lon) > 180
      ) {
        problems.push({ field: 'lat,long', message: 'WGS84 decimal degrees' });
      } else {
        position = [lon, lat];
      }
    } else if (addressString === undefined) {
      if (f.get('address_id') !== undefined) {
        problems.push({
          field: 'address_id',
          message: 'address ids are not offered here; send lat and long or address_string',
        });
      } else {
        problems.push({
          field: 'lat,long',
          message: 'a location is required: lat and long, or address_string',
        });
      }
    }
    if (problems.length > 0) throw Open311Error.fields('OPEN311.INVALID_REQUEST', problems);

    if (position === null && addressString !== undefined) {
      const found = await this.geocoding.geocode(addressString, 'wgs84').catch(() => null);
      const best = found?.candidates[0];
      if (!best) {
        throw Open311Error.fields('OPEN311.ADDRESS_NOT_FOUND', [
          { field: 'address_string', message: 'no place in the city matches this address' },
        ]);
      }
      position = [best.position[0], best.position[1]];
    }
    const [lon, lat] = position as [number, number];
    const place = await this.geocoding.reverse(String(lon), String(lat), 'wgs84');
    if (!place.regions) {
      throw Open311Error.fields('CASE.OUTSIDE_GRIDS', [
        { field: 'lat,long', message: '位置不在本市网格范围内' },
      ]);
    }

    const own = mediaUrl ? MEDIA_PATH_RE.exec(new URL(mediaUrl).pathname) : null;
    const objectId = attributes['object_id'];
    const name = [lastName, firstName].filter((x) => x !== undefined).join('') || undefined;
    const dto: CreateCaseDto = {
      source: 'public_web',
      kind: service.kind,
      classCode: service.code,
      description: description ?? `市民上报：${service.name}`,
      position: [lon, lat],
      crs: 'wgs84',
      componentCode: typeof objectId === 'string' && /^\d{16,17}$/.test(objectId) ? objectId : undefined,
      publicReporter: name !== undefined || phone !== undefined ? { name, phone } : undefined,
      attachmentIds: own ? [own[1]] : undefined,
    };
    const actor = actingUser(key, place.regions.district.code);
    const notice = serviceNotice(service);
    const create = async (): Promise<{ status: number; body: WireObject }> => {
      const created = await this.cases.create(actor, dto);
      const contact = (email ?? deviceId ?? accountId) ? { email, deviceId, accountId } : null;
      // A retry that adopted the case of a crashed first attempt keeps that attempt's token.
      const token = await this.repo.insertRequest({
        caseId: created.case.id,
        token: randomUUID(),
        apiKeyId: key.id,
        channel: key.channel,
        serviceCode: serviceCodeOf(service),
        serviceType: service.type,
        attributes,
        mediaUrl: mediaUrl ?? null,
        addressString: addressString ?? null,
        contactEnc: contact ? this.cipher.encrypt(contact) : null,
      });
      this.logger.log(`case ${created.case.caseNo} from Open311 channel ${key.channel}`);
      const answer: WireObject =
        service.type === 'batch'
          ? { token, service_notice: notice }
          : { service_request_id: created.case.caseNo, service_notice: notice, account_id: accountId };
      return { status: 201, body: answer };
    };
    // An optional Idempotency-Key (spec 07 §6, 08 §1), per channel: a retry gets the first answer.
    const { body } =
      idempotencyKey === undefined
        ? await create()
        : (
            await this.idempotency.execute(
              {
                userId: key.userId,
                key: parseIdempotencyKey(idempotencyKey),
                method: 'POST',
                path: '/open311/v2/requests',
                fingerprint: requestFingerprint('POST', '/open311/v2/requests', canonicalForm(form)),
              },
              create,
            )
          ).response;
    // A replay comes back from jsonb with its keys reordered: the spec's field order again.
    const stored = body as Record<string, string | undefined>;
    const answer: WireObject = {
      service_request_id: stored['service_request_id'],
      token: stored['token'],
      service_notice: stored['service_notice'],
      account_id: stored['account_id'],
    };
    return { root: 'service_requests', body: new WireList('request', [answer]) };
  }

  /** GET requests (spec 07 §8) with the paging and CitySDK filters of §11. */
  async listRequests(ctx: CallContext, q: Record<string, string | undefined>): Promise<WireDocument> {
    const v = (name: string): string | undefined => (q[name]?.trim() ? q[name]?.trim() : undefined);
    this.checkJurisdiction(ctx, v('jurisdiction_id'));
    const problems: { field: string; message: string }[] = [];
    const date = (name: string): Date | undefined => {
      const text = v(name);
      if (text === undefined) return undefined;
      const d = parseW3cDate(text);
      if (!d)
        problems.push({
          field: name,
          message: 'a W3C date-time with a time zone, e.g. 2026-01-01T00:00:00Z',
        });
      return d ?? undefined;
    };
    const positive = (name: string, max: number, fallback: number): number => {
      const text = v(name);
      if (text === undefined) return fallback;
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1 || n > max)
        problems.push({ field: name, message: `a whole number from 1 to ${max}` });
      return n;
    };
    const ids = v('service_request_id')
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const start = date('start_date');
    const end = date('end_date');
    const updatedAfter = date('updated_after');
    const updatedBefore = date('updated_before');
    const page = positive('page', 1_000_000, 1);
    const pageSize = positive('page_size', MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    const statuses = v('status')
      ?.split(',')
      .map((s) => s.trim());
    if (statuses && statuses.some((s) => s !== 'open' && s !== 'closed')) {
      problems.push({ field: 'status', message: 'open, closed or both comma-separated' });
    }
    const services = v('service_code')
      ?.split(',')
      .map((s) => s.trim())
      .map((code) => {
        const parsed = parseServiceCode(code);
        if (!parsed)
          problems.push({ field: 'service_code', message: `${code} is not a service code (E0102, C0101)` });
        return parsed;
      })
      .filter((s): s is { kind: ServiceKind; code: string } => s !== null);
    const extensions = v('extensions');
    if (extensions !== undefined && extensions !== 'true' && extensions !== 'false') {
      problems.push({ field: 'extensions', message: 'true or false' });
    }
    const now = new Date();
    const to =
      end ?? (start ? new Date(Math.min(start.getTime() + MAX_RANGE_DAYS * DAY_MS, now.getTime())) : now);
    const from = start ?? new Date(to.getTime() - MAX_RANGE_DAYS * DAY_MS);
    if (to.getTime() < from.getTime()) problems.push({ field: 'end_date', message: 'before start_date' });
    else if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      problems.push({
        field: 'start_date,end_date',
        message: `the range may not exceed ${MAX_RANGE_DAYS} days`,
      });
    }
    if (problems.length > 0) throw Open311Error.fields('OPEN311.INVALID_QUERY', problems);
    const status = statuses && new Set(statuses).size === 1 ? (statuses[0] as 'open' | 'closed') : undefined;
    const rows = await this.repo.requests({
      caseNos: ids,
      services,
      from,
      to,
      status,
      updatedAfter,
      updatedBefore,
      agency: v('agency_responsible'),
      limit: pageSize,
      offset: (page - 1) * pageSize,
      sources: PUBLIC_SOURCES,
    });
    const serviceRows = await this.serviceIndex();
    return {
      root: 'service_requests',
      body: new WireList(
        'request',
        rows.map((r) => requestView(r, serviceRows, ctx.baseUrl, extensions === 'true')),
      ),
    };
  }

  async oneRequest(
    ctx: CallContext,
    id: string,
    q: Record<string, string | undefined>,
  ): Promise<WireDocument> {
    this.checkJurisdiction(ctx, q['jurisdiction_id']?.trim());
    const rows = await this.repo.requests({
      caseNos: [id],
      from: new Date(0),
      to: new Date(),
      limit: 1,
      offset: 0,
      sources: PUBLIC_SOURCES,
    });
    const row = rows[0];
    if (!row) throw new Open311Error(404, 'OPEN311.REQUEST_NOT_FOUND', `no service request ${id}`);
    return {
      root: 'service_requests',
      body: new WireList('request', [
        requestView(row, await this.serviceIndex(), ctx.baseUrl, q['extensions'] === 'true'),
      ]),
    };
  }

  async token(ctx: CallContext, token: string, q: Record<string, string | undefined>): Promise<WireDocument> {
    this.checkJurisdiction(ctx, q['jurisdiction_id']?.trim());
    const caseNo = /^[0-9a-f-]{36}$/.test(token) ? await this.repo.caseNoOfToken(token) : null;
    if (caseNo === null) throw new Open311Error(404, 'OPEN311.TOKEN_NOT_FOUND', `no token ${token}`);
    return {
      root: 'service_requests',
      body: new WireList('request', [{ service_request_id: caseNo, token }]),
    };
  }

  /**
   * Media upload (spec 07 §11, an alternative to `media_url`): multipart `file` with the key in
   * the `api_key` query argument; the answer's `media_url` goes into the POST. The photo is kept as
   * an attachment of the channel user; only its EXIF-stripped copy is ever served.
   */
  async uploadMedia(
    ctx: CallContext,
    apiKey: string | undefined,
    headers: IncomingHttpHeaders,
    body: unknown,
  ): Promise<WireDocument> {
    this.limit(`post-ip:${ctx.ip}`, this.limits.postPerIp, 'uploads from this address');
    const key = await this.keyOf(apiKey);
    const user = actingUser(key, key.districtCode);
    const { body: a } = await this.attachments.upload(
      user,
      { ...headers, 'idempotency-key': undefined },
      body,
      '/open311/v2/media',
    );
    if (!a.contentType.startsWith('image/')) {
      throw Open311Error.fields('OPEN311.MEDIA_NOT_IMAGE', [
        { field: 'file', message: 'a JPEG, PNG or WebP photo' },
      ]);
    }
    return {
      root: 'media',
      body: new WireList('medium', [{ media_id: a.id, media_url: `${ctx.baseUrl}/media/${a.id}` }]),
    };
  }

  /** The EXIF-stripped copy of a public photo; never the original, never its location or time. */
  async openMedia(id: string): Promise<{ stream: Readable; contentType: string }> {
    const found = /^[0-9a-f-]{36}$/.test(id) ? await this.repo.publicMedia(id, PUBLIC_SOURCES) : null;
    if (!found) throw new Open311Error(404, 'OPEN311.MEDIA_NOT_FOUND', `no public photo ${id}`);
    const { stream, contentType } = await this.attachments.openPublic(
      { ...actingUserBase(found.uploadedBy), districtCode: '' },
      id,
    );
    return { stream, contentType };
  }

  private async keyOf(apiKey: string | undefined): Promise<VerifiedKey> {
    if (apiKey === undefined || apiKey.trim() === '') {
      throw new Open311Error(403, 'OPEN311.API_KEY_REQUIRED', 'api_key is required');
    }
    const key = await this.keys.verify(apiKey.trim());
    if (!key)
      throw new Open311Error(403, 'OPEN311.API_KEY_INVALID', 'api_key is not valid or has been revoked');
    return key;
  }

  private limit(bucket: string, rule: BucketRule, what: string): void {
    const wait = this.buckets.take(bucket, rule);
    if (wait > 0) {
      // Anti-automation event (ASVS 16.3): logged without the address itself.
      this.logger.warn(`rate limit: too many ${what} (${bucket.split(':')[0]})`);
      throw new Open311Error(
        429,
        'OPEN311.RATE_LIMITED',
        `too many ${what}; retry in ${wait} s`,
        undefined,
        wait,
      );
    }
  }

  private async service(code: string): Promise<ServiceRow> {
    const parsed = parseServiceCode(code);
    const [service] = parsed ? await this.repo.services(parsed) : [];
    if (!service) throw new Open311Error(404, 'OPEN311.SERVICE_UNKNOWN', `no public service ${code}`);
    return service;
  }

  private async serviceIndex(): Promise<Map<string, ServiceRow>> {
    return new Map((await this.repo.services()).map((s) => [serviceCodeOf(s), s]));
  }

  private checkAttributes(
    service: ServiceRow,
    given: Map<string, string[]>,
    problems: { field: string; message: string }[],
  ): Record<string, string | string[]> {
    const defs = new Map(attributesOf(service).map((a) => [a.code, a]));
    const out: Record<string, string | string[]> = {};
    for (const [code, values] of given) {
      const def = defs.get(code);
      if (!def) {
        problems.push({ field: `attribute[${code}]`, message: 'not an attribute of this service' });
        continue;
      }
      if (values.length > 1 && def.datatype !== 'multivaluelist') {
        problems.push({ field: `attribute[${code}]`, message: 'one value only' });
        continue;
      }
      const value = values[0];
      if (def.keys && !values.every((x) => def.keys?.includes(x))) {
        problems.push({ field: `attribute[${code}]`, message: `one of ${def.keys.join(', ')}` });
      } else if (value.length > 100 || containsMarkup(value)) {
        problems.push({ field: `attribute[${code}]`, message: 'at most 100 characters, no HTML' });
      } else if (code === 'object_id' && !/^\d{16,17}$/.test(value)) {
        problems.push({
          field: 'attribute[object_id]',
          message: 'the 16- or 17-digit code printed on the asset',
        });
      } else {
        out[code] = def.datatype === 'multivaluelist' ? values : value;
      }
    }
    for (const def of defs.values()) {
      if (def.required && !given.has(def.code))
        problems.push({ field: `attribute[${def.code}]`, message: 'required' });
    }
    return out;
  }
}

/** The form without the key, canonical: the request's fingerprint does not depend on field order. */
function canonicalForm(form: Open311Form): string {
  const fields = Object.fromEntries([...form.fields].filter(([k]) => k !== 'api_key'));
  return canonicalJson({ fields, attributes: Object.fromEntries(form.attributes) });
}

function jurisdictionOf(ctx: CallContext): string {
  return process.env['OPEN311_JURISDICTION_ID']?.trim() || ctx.hostname;
}

export function parseServiceCode(code: string): { kind: ServiceKind; code: string } | null {
  const m = /^([EC])(\d{4,5})$/.exec(code);
  return m ? { kind: m[1] === 'E' ? 'event' : 'component', code: m[2] } : null;
}

export function serviceCodeOf(s: { kind: ServiceKind; code: string }): string {
  return `${s.kind === 'event' ? 'E' : 'C'}${s.code}`;
}

function serviceNotice(s: ServiceRow): string | undefined {
  const limit = s.limits[0];
  if (!limit) return undefined;
  return `本类问题处置时限：${limit.value} ${UNIT_TEXT[limit.unit] ?? limit.unit}（以立案为准）`;
}

interface AttributeDef {
  code: string;
  datatype: string;
  required: boolean;
  keys: string[] | null;
  wire: WireObject;
}

/** Public attributes (spec 07 §5): `condition` (立案条件) and, for components, `object_id`. */
function attributesOf(s: ServiceRow): AttributeDef[] {
  const defs: AttributeDef[] = [];
  if (s.conditions.length > 0) {
    defs.push({
      code: 'condition',
      datatype: 'singlevaluelist',
      required: false,
      keys: s.conditions.map((c) => c.code),
      wire: {
        variable: true,
        code: 'condition',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '选择最符合现场情况的一项 (choose the closest)',
        order: 1,
        description: '问题情形 (立案条件)',
        values: new WireList(
          'value',
          s.conditions.map((c) => ({ key: c.code, name: c.text })),
        ),
      },
    });
  }
  if (s.kind === 'component') {
    defs.push({
      code: 'object_id',
      datatype: 'string',
      required: false,
      keys: null,
      wire: {
        variable: true,
        code: 'object_id',
        datatype: 'string',
        required: false,
        datatype_description: '16 或 17 位数字 (16 or 17 digits)',
        order: defs.length + 1,
        description: '部件上标注的部件标识码（如有） (the asset code printed on the object, if any)',
        values: new WireList('value', []),
      },
    });
  }
  return defs;
}

function serviceView(s: ServiceRow): WireObject {
  return {
    service_code: serviceCodeOf(s),
    service_name: s.name,
    description: s.conditions.length > 0 ? s.conditions.map((c) => c.text).join('；') : s.name,
    metadata: attributesOf(s).length > 0,
    type: s.type,
    keywords: [s.name, s.nameEn].filter((k): k is string => !!k).join(','),
    group: s.groupName,
  };
}

function requestView(
  r: PublicCaseRow,
  services: Map<string, ServiceRow>,
  baseUrl: string,
  extensions: boolean,
): WireObject {
  const code = serviceCodeOf({ kind: r.kind, code: r.classCode });
  const service = services.get(code);
  const st = publicStatus(r);
  const mediaUrls = r.mediaIds.map((id) => `${baseUrl}/media/${id}`);
  const filedLike = !['REPORTED', 'VERIFYING', 'ACCEPTED', 'PARKED', 'CLOSED', 'REJECTED', 'VOID'].includes(
    r.state,
  );
  const view: WireObject = {
    service_request_id: r.caseNo,
    status: st.status,
    status_notes: st.statusNotes,
    service_name: r.className ?? code,
    service_code: code,
    description: r.description,
    agency_responsible: r.departmentName ?? undefined,
    service_notice: service ? serviceNotice(service) : undefined,
    requested_datetime: w3cDate(r.reportedAt),
    updated_datetime: w3cDate(r.updatedAt),
    expected_datetime: filedLike && r.disposalDeadline ? w3cDate(r.disposalDeadline) : undefined,
    address: r.address ?? '',
    lat: r.lat,
    long: r.lon,
    media_url: mediaUrls[0] ?? undefined,
  };
  if (!extensions) return view;
  return {
    ...view,
    extended_attributes: {
      detailed_status: st.detailedStatus,
      channel: r.channel ?? r.source,
      title: r.className ?? code,
      media_urls: new WireList('media_url', mediaUrls),
      service_object_type: r.componentCode ? 'component' : undefined,
      service_object_id: r.componentCode ?? undefined,
    },
  };
}

function actingUserBase(id: string): Omit<AuthUser, 'districtCode'> {
  return {
    id,
    username: 'open311',
    name: 'Open311',
    role: 'operator',
    departmentId: null,
    departmentIds: [],
    gridCodes: [],
    sessionId: `open311:${id}`,
  };
}

/**
 * The channel's system user as the case service sees it. The channel reports city-wide, so its
 * district is the one the point lies in (a real operator is bound to one district).
 */
function actingUser(key: VerifiedKey, districtCode: string): AuthUser {
  return {
    ...actingUserBase(key.userId),
    username: key.username,
    name: key.displayName,
    districtCode,
    sessionId: `open311:${key.id}`,
  };
}
