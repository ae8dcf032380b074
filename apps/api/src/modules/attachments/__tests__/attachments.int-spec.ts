import type { AttachmentDto, CaseDetail, CreateCaseResponse, ErrorResponse } from '@urbangrid/contracts';
import { composeGridCode } from '@urbangrid/domain';
import exifr from 'exifr';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDepartment, type TestPrincipal } from '../../../../test/auth-helpers';
import { gridCentre } from '../../../../test/component-factories';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';
import { aac, jpegWithGps, m4a, mp3, multipart, oggOpus, png, wav, webm, webp } from './attachment-samples';

const city = newSmallCity({ cols: 4, rows: 3 });
const allGrids = Array.from({ length: 12 }, (_, k) => composeGridCode('330105001001', k + 1, 'gbt30428-15'));
const INSPECTOR: TestPrincipal = { username: 'att-insp', role: 'inspector', gridCodes: allGrids };
const OTHER_INSPECTOR: TestPrincipal = { username: 'att-insp-2', role: 'inspector', gridCodes: [] };
const HW: TestPrincipal = { username: 'att-hw', role: 'department', departmentCode: 'HW' };
type Caller = TestPrincipal | 'operator' | 'shift_leader' | 'dispatcher' | 'leader';

/** Small limits so the 413 paths need no large files: photos 300 kB, audio 2 kB. */
const MAX_PHOTO = 300_000;
const MAX_AUDIO = 2_000;

describe('attachments', () => {
  let t: TestApp;
  let hwId: string;

  const upload = (
    file: Buffer | null,
    as: Caller = INSPECTOR,
    fields: Record<string, string> = {},
    name = 'x.jpg',
    headers: Record<string, string> = {},
  ) => {
    const form = multipart(file, fields, name);
    return t.request({
      method: 'POST',
      url: '/api/v1/attachments',
      as,
      payload: form.payload,
      headers: { ...form.headers, ...headers },
    });
  };
  const uploaded = async (
    file: Buffer,
    as: Caller = INSPECTOR,
    fields: Record<string, string> = {},
  ): Promise<AttachmentDto> => {
    const r = await upload(file, as, fields);
    expect(r.statusCode, r.body).toBe(201);
    return r.json<AttachmentDto>();
  };
  const fetchBytes = async (url: string, as: Caller) => {
    const res = await t.app.inject({ method: 'GET', url, headers: await authOf(as) });
    return {
      statusCode: res.statusCode,
      headers: res.headers,
      body: res.rawPayload,
      json: () => res.json<ErrorResponse>(),
    };
  };
  const authOf = async (as: Caller): Promise<Record<string, string>> => {
    const { authHeader } = await import('../../../../test/auth-helpers');
    return authHeader(t, as);
  };
  const report = (attachmentIds: string[], as: Caller = INSPECTOR) =>
    t.request({
      method: 'POST',
      url: '/api/v1/cases',
      as,
      payload: {
        source: 'patrol',
        kind: 'event',
        classCode: '0102',
        description: '路边堆放生活垃圾',
        position: gridCentre(city, 6),
        attachmentIds,
      },
    });
  const caseCount = async (): Promise<number> =>
    Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM case_file'))[0].n);

  beforeAll(async () => {
    t = await startTestApp({
      as: 'admin',
      env: { ATTACHMENT_MAX_BYTES: String(MAX_PHOTO), ATTACHMENT_AUDIO_MAX_BYTES: String(MAX_AUDIO) },
    });
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
    hwId = await ensureDepartment(t, 'HW');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('types each upload by its content, whatever its name says', async () => {
    const samples: [Buffer, string][] = [
      [await jpegWithGps(64, 48), 'image/jpeg'],
      [await png(), 'image/png'],
      [await webp(), 'image/webp'],
      [wav(), 'audio/wav'],
      [mp3(), 'audio/mpeg'],
      [aac(), 'audio/aac'],
      [oggOpus(), 'audio/ogg'],
      [m4a(), 'audio/mp4'],
      [webm(), 'audio/webm'],
    ];
    for (const [file, type] of samples) {
      const a = await uploaded(file);
      expect(a.contentType, type).toBe(type);
      const served = await fetchBytes(a.url, INSPECTOR);
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe(type);
      if (type.startsWith('audio/')) {
        expect(a.thumbnailUrl).toBeNull();
        expect(a.width).toBeNull();
        expect(Buffer.compare(served.body, file)).toBe(0);
      } else {
        expect(a.thumbnailUrl).toBe(`/api/v1/attachments/${a.id}/thumbnail`);
      }
    }
    // A PNG named .jpg is stored and served as PNG.
    const form = await upload(await png(40, 30), INSPECTOR, {}, 'photo.jpg');
    const a = form.json<AttachmentDto>();
    expect(a.contentType).toBe('image/png');
    expect([a.width, a.height]).toEqual([40, 30]);
    expect((await sharp((await fetchBytes(a.url, INSPECTOR)).body).metadata()).format).toBe('png');
  });

  it('refuses text renamed .jpg (415), video in an audio container (415), too large files (413) and forms without a file (400)', async () => {
    const text = await upload(
      Buffer.from('this is a text file, not a photo\n'.repeat(10)),
      INSPECTOR,
      {},
      'evil.jpg',
    );
    expect(text.statusCode).toBe(415);
    expect(text.json<ErrorResponse>().code).toBe('ATTACHMENT.UNSUPPORTED_TYPE');
    const video = await upload(m4a('vide', 'isom'), INSPECTOR, {}, 'clip.m4a');
    expect(video.statusCode).toBe(415);

    const big = await sharp({
      create: {
        width: 900,
        height: 900,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(MAX_PHOTO);
    const tooBig = await upload(big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json<ErrorResponse>().code).toBe('ATTACHMENT.TOO_LARGE');
    // Audio has its own, smaller limit: a 2,044-byte WAV passes the photo limit but not the audio one.
    const longWav = Buffer.concat([wav(), Buffer.alloc(MAX_AUDIO)]);
    const tooLong = await upload(longWav);
    expect(tooLong.statusCode).toBe(413);

    const none = await upload(null, INSPECTOR, { purpose: 'before' });
    expect(none.statusCode).toBe(400);
    expect(none.json<ErrorResponse>().code).toBe('ATTACHMENT.FILE_REQUIRED');
    const json = await t.request({
      method: 'POST',
      url: '/api/v1/attachments',
      as: INSPECTOR,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const purpose = await upload(await png(), INSPECTOR, { purpose: 'selfie' });
    expect(purpose.statusCode).toBe(400);
    const n = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM attachment WHERE size > $1`, [
      MAX_PHOTO,
    ]);
    expect(Number(n[0].n)).toBe(0);
  });

  it('reads EXIF time and GPS into fields and serves a copy without them; the original keeps them privately', async () => {
    const original = await jpegWithGps();
    expect((await exifr.gps(original)) as unknown).toEqual({ latitude: 30.3, longitude: 120.155 });
    const a = await uploaded(original, INSPECTOR, { purpose: 'before' });
    expect(a.purpose).toBe('before');
    // 30°18'0" = 30.3; 120°9'18" = 120 + 9/60 + 18/3600 = 120.155
    expect(a.location?.[0]).toBeCloseTo(120.155, 9);
    expect(a.location?.[1]).toBeCloseTo(30.3, 9);
    // 10:30 local time in Asia/Shanghai = 02:30 UTC
    expect(a.takenAt).toBe('2026-11-20T02:30:00.000Z');
    expect([a.width, a.height]).toEqual([1200, 800]);

    const served = await fetchBytes(a.url, INSPECTOR);
    expect(served.statusCode).toBe(200);
    expect(await exifr.gps(served.body)).toBeUndefined();
    expect(await exifr.parse(served.body)).toBeUndefined();
    expect(served.body.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(served.body.includes(Buffer.from('UrbanGridTestCam'))).toBe(false);
    expect(served.headers['cache-control']).toBe('private, max-age=86400');

    const [row] = await t.db.query<{ original_key: string; public_key: string }>(
      'SELECT original_key, public_key FROM attachment WHERE id = $1',
      [a.id],
    );
    expect(row.original_key).toMatch(/^private\//);
    const kept = await readFile(join(t.config.dataDir, 'attachments', ...row.original_key.split('/')));
    expect(Buffer.compare(kept, original)).toBe(0);

    // Thumbnail: a JPEG at most 320 px on the longer side; 1200×800 → 320 × 800·320/1200 = 320×213.
    const thumb = await fetchBytes(a.thumbnailUrl!, INSPECTOR);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(thumb.body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 213]);
    expect(await exifr.gps(thumb.body)).toBeUndefined();
  });

  it('links attachments on intake and on an action in the same transaction; the timeline shows them', async () => {
    const before = await uploaded(await jpegWithGps(64, 48), INSPECTOR, { purpose: 'report' });
    const voice = await uploaded(wav(), INSPECTOR, { purpose: 'report' });
    const r = await report([before.id, voice.id]);
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json<CreateCaseResponse>().case;
    expect(c.timeline[0].attachments.map((x) => x.id)).toEqual([before.id, voice.id]);
    expect(c.timeline[0].attachments[0]).toEqual(before);

    const evidence = await uploaded(await png(), 'operator', { purpose: 'evidence' });
    const acc = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/actions/accept`,
      as: 'operator',
      payload: { version: c.version, attachmentIds: [evidence.id] },
    });
    expect(acc.statusCode, acc.body).toBe(200);
    const after = acc.json<CaseDetail>();
    expect(after.timeline.map((f) => f.attachments.map((x) => x.id))).toEqual([
      [before.id, voice.id],
      [evidence.id],
    ]);
    const rows = await t.db.query<{ id: string; case_id: string; flow_seq: number }>(
      'SELECT id, case_id, flow_seq FROM attachment WHERE id = ANY($1::uuid[]) ORDER BY flow_seq, id',
      [[before.id, voice.id, evidence.id]],
    );
    expect(rows.every((x) => x.case_id === c.id)).toBe(true);
    expect(rows.find((x) => x.id === evidence.id)?.flow_seq).toBe(after.version);

    // Already linked, someone else's, unknown: 422 and nothing created.
    const n = await caseCount();
    const again = await report([before.id]);
    expect(again.statusCode).toBe(422);
    expect(again.json<ErrorResponse>().code).toBe('ATTACHMENT.ALREADY_LINKED');
    const foreign = await uploaded(await png(), OTHER_INSPECTOR);
    const notMine = await report([foreign.id]);
    expect(notMine.statusCode).toBe(422);
    expect(notMine.json<ErrorResponse>().code).toBe('ATTACHMENT.NOT_OWNER');
    const unknown = await report(['00000000-0000-4000-8000-000000000000']);
    expect(unknown.json<ErrorResponse>().code).toBe('ATTACHMENT.UNKNOWN');
    const fresh = await uploaded(await png());
    // A failing intake (bad class) rolls the link back: the attachment stays free.
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/cases',
      as: INSPECTOR,
      payload: {
        source: 'patrol',
        kind: 'event',
        classCode: '0102',
        description: 'x',
        position: [0, 0],
        attachmentIds: [fresh.id, foreign.id],
      },
    });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(await caseCount()).toBe(n);
    const free = await t.db.query<{ case_id: string | null }>(
      'SELECT case_id FROM attachment WHERE id = $1',
      [fresh.id],
    );
    expect(free[0].case_id).toBeNull();
    // Validation: at most 9, UUIDs only.
    const ten = await report(Array.from({ length: 10 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`));
    expect(ten.statusCode).toBe(400);
    const notUuid = await report(['abc']);
    expect(notUuid.statusCode).toBe(400);
  });

  it('lets the uploader and those who see the case read an attachment; other departments and inspectors get 403', async () => {
    const photo = await uploaded(await png(), INSPECTOR, { purpose: 'report' });
    // Unlinked: only the uploader.
    expect((await fetchBytes(photo.url, INSPECTOR)).statusCode).toBe(200);
    const early = await fetchBytes(photo.url, 'operator');
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('ATTACHMENT.NOT_VISIBLE');

    const r = await report([photo.id]);
    const c = r.json<CreateCaseResponse>().case;
    expect((await fetchBytes(photo.url, 'operator')).statusCode).toBe(200);
    expect((await fetchBytes(photo.thumbnailUrl!, 'leader')).statusCode).toBe(200);
    // The case is not dispatched to HW, and the other inspector has no grid, report or task of it.
    const hw = await fetchBytes(photo.url, HW);
    expect(hw.statusCode).toBe(403);
    expect((await fetchBytes(photo.thumbnailUrl!, HW)).statusCode).toBe(403);
    expect((await fetchBytes(photo.url, OTHER_INSPECTOR)).statusCode).toBe(403);
    expect((await t.request({ url: `/api/v1/cases/${c.id}`, as: HW })).statusCode).toBe(403);

    // Once dispatched to HW, HW sees the case and its photos.
    let v = c.version;
    for (const [action, as, body] of [
      ['accept', 'operator', {}],
      ['file', 'shift_leader', {}],
      ['dispatch', 'dispatcher', { departmentId: hwId }],
    ] as const) {
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/actions/${action}`,
        as,
        payload: { version: v, ...body },
      });
      expect(res.statusCode, res.body).toBe(200);
      v = res.json<CaseDetail>().version;
    }
    expect((await fetchBytes(photo.url, HW)).statusCode).toBe(200);

    expect(
      (await fetchBytes('/api/v1/attachments/00000000-0000-4000-8000-000000000000', INSPECTOR)).statusCode,
    ).toBe(404);
    expect((await fetchBytes('/api/v1/attachments/not-a-uuid', INSPECTOR)).statusCode).toBe(400);
    const voice = await uploaded(wav());
    const noThumb = await fetchBytes(`/api/v1/attachments/${voice.id}/thumbnail`, INSPECTOR);
    expect(noThumb.statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: '/api/v1/attachments', as: null })).statusCode).toBe(401);
  });

  it('replays an upload sent again with the same Idempotency-Key; another file under the key is 422', async () => {
    const file = await png(33, 22);
    const first = await upload(file, INSPECTOR, { purpose: 'after' }, 'a.png', {
      'idempotency-key': 'upload-1',
    });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await upload(file, INSPECTOR, { purpose: 'after' }, 'renamed.png', {
      'idempotency-key': 'upload-1',
    });
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const n = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM attachment WHERE id = $1', [
      first.json<AttachmentDto>().id,
    ]);
    expect(Number(n[0].n)).toBe(1);
    const other = await upload(await png(34, 22), INSPECTOR, { purpose: 'after' }, 'a.png', {
      'idempotency-key': 'upload-1',
    });
    expect(other.statusCode).toBe(422);
    expect(other.json<ErrorResponse>().code).toBe('IDEMPOTENCY.KEY_REUSED');
    const badKey = await upload(file, INSPECTOR, {}, 'a.png', { 'idempotency-key': 'bad key!' });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json<ErrorResponse>().code).toBe('IDEMPOTENCY.KEY_INVALID');
  });
});
