import { All, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { Open311Error } from './open311-error';
import { parseForm } from './open311-form';
import { Open311ExceptionFilter } from './open311.filter';
import { type CallContext, Open311Service } from './open311.service';
import { CONTENT_TYPES, type Open311Format, render, splitFormat, type WireDocument } from './open311-wire';

type Query311 = Record<string, string | undefined>;

/**
 * GeoReport v2 at `/open311/v2` (spec 07), outside the /api/v1 prefix. Public routes: GETs need
 * no key; the POST checks its `api_key` itself (not the staff login). Documented in
 * apps/api/src/modules/open311/README.md rather than in the staff OpenAPI file.
 */
@ApiExcludeController()
@Public()
@UseFilters(Open311ExceptionFilter)
@Controller('open311/v2')
export class Open311Controller {
  constructor(private readonly service: Open311Service) {}

  @Get(['discovery.json', 'discovery.xml'])
  async discovery(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.read(req);
    await send(reply, formatOf(req), await this.service.discovery(ctx));
  }

  @Get(['area.json', 'area.xml'])
  area(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.read(req);
    return send(reply, formatOf(req), this.service.area());
  }

  @Get(['services.json', 'services.xml'])
  async services(
    @Req() req: FastifyRequest,
    @Query() q: Query311,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.service.checkJurisdiction(this.read(req), q['jurisdiction_id']?.trim());
    await send(reply, formatOf(req), await this.service.serviceList());
  }

  @Get('services/:file')
  async definition(
    @Req() req: FastifyRequest,
    @Param('file') file: string,
    @Query() q: Query311,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { name, format } = fileOf(file);
    this.service.checkJurisdiction(this.read(req), q['jurisdiction_id']?.trim());
    await send(reply, format, await this.service.serviceDefinition(name));
  }

  @Post(['requests.json', 'requests.xml'])
  async post(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
    const raw = formText(req.body);
    if (!contentType.startsWith('application/x-www-form-urlencoded') || raw === null) {
      throw new Open311Error(
        400,
        'OPEN311.MALFORMED',
        'send the request as application/x-www-form-urlencoded; charset=utf-8',
      );
    }
    const doc = await this.service.postRequest(
      this.context(req),
      parseForm(raw),
      req.headers['idempotency-key'],
    );
    await send(reply, formatOf(req), doc, 201);
  }

  @Get(['requests.json', 'requests.xml'])
  async list(@Req() req: FastifyRequest, @Query() q: Query311, @Res() reply: FastifyReply): Promise<void> {
    await send(reply, formatOf(req), await this.service.listRequests(this.read(req), q));
  }

  @Get('requests/:file')
  async one(
    @Req() req: FastifyRequest,
    @Param('file') file: string,
    @Query() q: Query311,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { name, format } = fileOf(file);
    await send(reply, format, await this.service.oneRequest(this.read(req), name, q));
  }

  @Get('tokens/:file')
  async token(
    @Req() req: FastifyRequest,
    @Param('file') file: string,
    @Query() q: Query311,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { name, format } = fileOf(file);
    await send(reply, format, await this.service.token(this.read(req), name, q));
  }

  @Post(['media.json', 'media.xml'])
  async upload(@Req() req: FastifyRequest, @Query() q: Query311, @Res() reply: FastifyReply): Promise<void> {
    const doc = await this.service.uploadMedia(this.context(req), q['api_key'], req.headers, req.body);
    await send(reply, formatOf(req), doc, 201);
  }

  @Get('media/:id')
  async media(
    @Req() req: FastifyRequest,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.read(req);
    const { stream, contentType } = await this.service.openMedia(id);
    await reply
      .header('content-type', contentType)
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(stream);
  }

  /** Any other URL under the endpoint: 400 in the Open311 shape (spec 07 §12: invalid URL). */
  @All('*')
  unknown(@Req() req: FastifyRequest): never {
    throw new Open311Error(
      400,
      'OPEN311.INVALID_URL',
      `${req.method} ${req.url.split('?')[0]} is not a GeoReport v2 resource`,
    );
  }

  private context(req: FastifyRequest): CallContext {
    const host = req.host || 'localhost';
    return {
      ip: req.ip,
      baseUrl: `${req.protocol}://${host}/open311/v2`,
      hostname: host.replace(/:\d+$/, ''),
    };
  }

  /** A GET: its per-IP bucket first. */
  private read(req: FastifyRequest): CallContext {
    const ctx = this.context(req);
    this.service.checkRead(ctx);
    return ctx;
  }
}

function formatOf(req: FastifyRequest): Open311Format {
  return (req.url.split('?')[0] ?? '').endsWith('.json') ? 'json' : 'xml';
}

/**
 * The form as text. The Fastify adapter already parses form bodies (into an object with arrays
 * for repeated names); it is written back so one reader handles `attribute[code][]` and repeats.
 */
function formText(body: unknown): string | null {
  if (typeof body === 'string') return body;
  if (body === null || typeof body !== 'object' || body instanceof Buffer) return null;
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    for (const x of Array.isArray(v) ? v : [v]) out.append(k, String(x));
  }
  return out.toString();
}

function fileOf(file: string): { name: string; format: Open311Format } {
  const parsed = splitFormat(file);
  if (!parsed) throw new Open311Error(400, 'OPEN311.FORMAT_REQUIRED', 'end the resource with .xml or .json');
  return parsed;
}

async function send(
  reply: FastifyReply,
  format: Open311Format,
  doc: WireDocument,
  status = 200,
): Promise<void> {
  await reply.status(status).header('content-type', CONTENT_TYPES[format]).send(render(doc, format));
}
