/**
 * What an uploaded file is, judged by its bytes (magic numbers), never by its name or the
 * client's content type. Photos: JPEG, PNG, WebP. Short audio: MP4/M4A (AAC), ADTS AAC, MP3,
 * Ogg (Opus, Vorbis), WAV, WebM audio. Containers that can also hold video (MP4, WebM, Ogg) are
 * accepted only when they carry no video track.
 */
export type SniffedContent =
  | { kind: 'image'; contentType: 'image/jpeg' | 'image/png' | 'image/webp'; ext: 'jpg' | 'png' | 'webp' }
  | { kind: 'audio'; contentType: AudioType; ext: string };

type AudioType = 'audio/mp4' | 'audio/aac' | 'audio/mpeg' | 'audio/ogg' | 'audio/wav' | 'audio/webm';

const ascii = (b: Buffer, at: number, len: number): string => b.toString('latin1', at, at + len);

export function sniffContent(b: Buffer): SniffedContent | null {
  if (b.length < 12) return null;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)
    return { kind: 'image', contentType: 'image/jpeg', ext: 'jpg' };
  if (b.subarray(0, 8).equals(PNG_SIGNATURE)) return { kind: 'image', contentType: 'image/png', ext: 'png' };
  if (ascii(b, 0, 4) === 'RIFF') {
    const form = ascii(b, 8, 4);
    if (form === 'WEBP') return { kind: 'image', contentType: 'image/webp', ext: 'webp' };
    if (form === 'WAVE') return { kind: 'audio', contentType: 'audio/wav', ext: 'wav' };
    return null;
  }
  if (ascii(b, 4, 4) === 'ftyp')
    return isAudioOnlyMp4(b) ? { kind: 'audio', contentType: 'audio/mp4', ext: 'm4a' } : null;
  if (ascii(b, 0, 4) === 'OggS')
    return isAudioOgg(b) ? { kind: 'audio', contentType: 'audio/ogg', ext: 'ogg' } : null;
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    return isAudioOnlyWebm(b) ? { kind: 'audio', contentType: 'audio/webm', ext: 'webm' } : null;
  }
  if (ascii(b, 0, 3) === 'ID3') return { kind: 'audio', contentType: 'audio/mpeg', ext: 'mp3' };
  // Frame sync (11 bits set). ADTS AAC: layer bits 00; MPEG audio layer III: layer bits 01.
  if (b[0] === 0xff && (b[1] & 0xe0) === 0xe0) {
    const layer = (b[1] >> 1) & 0x03;
    if ((b[1] & 0xf0) === 0xf0 && layer === 0) return { kind: 'audio', contentType: 'audio/aac', ext: 'aac' };
    if (layer === 1) return { kind: 'audio', contentType: 'audio/mpeg', ext: 'mp3' };
  }
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * An ISO-BMFF file is audio when its handler boxes (`hdlr`) name a sound track and no video
 * track; the M4A/M4B brands without any `hdlr` seen (truncated moov) are also taken as audio.
 */
function isAudioOnlyMp4(b: Buffer): boolean {
  let sound = false;
  for (let i = b.indexOf('hdlr', 0, 'latin1'); i >= 0; i = b.indexOf('hdlr', i + 4, 'latin1')) {
    const handler = ascii(b, i + 12, 4);
    if (handler === 'vide') return false;
    if (handler === 'soun') sound = true;
  }
  const brand = ascii(b, 8, 4);
  return sound || brand === 'M4A ' || brand === 'M4B ';
}

/** The first Ogg page carries the codec header: Opus or Vorbis (not Theora video). */
function isAudioOgg(b: Buffer): boolean {
  const head = ascii(b, 28, 8);
  return head === 'OpusHead' || head.slice(1, 7) === 'vorbis';
}

/** WebM: the DocType is `webm` and no TrackType element (0x83) says video (1) before the first Cluster. */
function isAudioOnlyWebm(b: Buffer): boolean {
  const cluster = b.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]));
  const head = cluster < 0 ? b : b.subarray(0, cluster);
  if (head.indexOf('webm', 0, 'latin1') < 0) return false;
  let audio = false;
  for (let i = head.indexOf(0x83); i >= 0 && i + 2 < head.length; i = head.indexOf(0x83, i + 1)) {
    if (head[i + 1] === 0x81) {
      if (head[i + 2] === 0x01) return false;
      if (head[i + 2] === 0x02) audio = true;
    }
  }
  return audio;
}
