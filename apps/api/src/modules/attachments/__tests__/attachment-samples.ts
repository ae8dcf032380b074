import sharp from 'sharp';

/**
 * Small real files of every accepted type, made in the test (no fixtures on disk). Audio samples
 * are valid container headers followed by a few bytes: the server sniffs, it does not decode audio.
 */
export async function jpegWithGps(width = 1200, height = 800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'UrbanGridTestCam', Model: 'T1' },
      IFD2: { DateTimeOriginal: '2026:11:20 10:30:00' },
      // 30°18'0" N, 120°9'18" E = 30.3, 120.155
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '30/1 18/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '120/1 9/1 18/1',
      },
    })
    .toBuffer();
}

export const png = (width = 40, height = 30): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 4, background: { r: 200, g: 10, b: 10, alpha: 0.5 } } })
    .png()
    .toBuffer();

export const webp = (width = 50, height = 20): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: '#123456' } })
    .webp()
    .toBuffer();

/** 0.01 s of 8 kHz mono 16-bit silence. */
export function wav(): Buffer {
  const samples = Buffer.alloc(160);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + samples.length, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(samples.length, 40);
  return Buffer.concat([h, samples]);
}

export const mp3 = (): Buffer =>
  Buffer.concat([
    Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'),
    Buffer.from([0xff, 0xfb, 0x90, 0x64]),
    Buffer.alloc(64),
  ]);

/** A bare MPEG-1 layer III frame header (no ID3 tag). */
export const mp3Frame = (): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(64)]);

/** An ADTS AAC frame header (MPEG-4, LC, 44.1 kHz, stereo). */
export const aac = (): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), Buffer.alloc(64)]);

/** First Ogg page with an Opus identification header. */
export function oggOpus(): Buffer {
  const page = Buffer.alloc(28);
  page.write('OggS', 0, 'latin1');
  page[5] = 0x02;
  page[26] = 1;
  page[27] = 19;
  const head = Buffer.from('OpusHead\x01\x01\x38\x01\x80\xbb\x00\x00\x00\x00\x00', 'latin1');
  return Buffer.concat([page, head, Buffer.alloc(32)]);
}

/** ISO-BMFF with an `M4A ` brand and a sound handler (vide for a video file). */
export function m4a(handler: 'soun' | 'vide' = 'soun', brand = 'M4A '): Buffer {
  const ftyp = Buffer.alloc(20);
  ftyp.writeUInt32BE(20, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write(brand, 8, 'latin1');
  ftyp.write('isom', 16, 'latin1');
  const hdlr = Buffer.alloc(33);
  hdlr.writeUInt32BE(33, 0);
  hdlr.write('hdlr', 4, 'latin1');
  hdlr.write(handler, 16, 'latin1');
  return Buffer.concat([ftyp, hdlr, Buffer.alloc(32)]);
}

/** EBML header with DocType webm and one track of TrackType 2 (audio) or 1 (video), then a Cluster. */
export function webm(trackType: 1 | 2 = 2): Buffer {
  const ebml = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x87, 0x42, 0x82, 0x84, ...Buffer.from('webm'), 0x00]);
  const tracks = Buffer.from([0x16, 0x54, 0xae, 0x6b, 0x85, 0xae, 0x83, 0x83, 0x81, trackType]);
  const cluster = Buffer.from([0x1f, 0x43, 0xb6, 0x75, 0x81, 0x00]);
  return Buffer.concat([ebml, tracks, cluster, Buffer.alloc(32)]);
}

/** A multipart/form-data body with a `file` part and text fields. */
export function multipart(
  file: Buffer | null,
  fields: Record<string, string> = {},
  filename = 'upload.bin',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----urbangrid${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
