import { describe, expect, it } from 'vitest';
import { sniffContent } from './attachment-content';
import {
  aac,
  jpegWithGps,
  m4a,
  mp3,
  mp3Frame,
  oggOpus,
  png,
  wav,
  webm,
  webp,
} from './__tests__/attachment-samples';

describe('sniffContent (by magic bytes, not by name)', () => {
  it('recognises the three photo formats', async () => {
    expect(sniffContent(await jpegWithGps(16, 16))?.contentType).toBe('image/jpeg');
    expect(sniffContent(await png())?.contentType).toBe('image/png');
    expect(sniffContent(await webp())?.contentType).toBe('image/webp');
  });

  it('recognises each audio container', () => {
    expect(sniffContent(wav())?.contentType).toBe('audio/wav');
    expect(sniffContent(mp3())?.contentType).toBe('audio/mpeg');
    expect(sniffContent(mp3Frame())?.contentType).toBe('audio/mpeg');
    expect(sniffContent(aac())?.contentType).toBe('audio/aac');
    expect(sniffContent(oggOpus())?.contentType).toBe('audio/ogg');
    expect(sniffContent(m4a())?.contentType).toBe('audio/mp4');
    expect(sniffContent(m4a('soun', 'mp42'))?.contentType).toBe('audio/mp4');
    expect(sniffContent(webm(2))?.contentType).toBe('audio/webm');
  });

  it('refuses video in audio containers, text and other formats', () => {
    expect(sniffContent(m4a('vide'))).toBeNull();
    expect(sniffContent(m4a('vide', 'isom'))).toBeNull();
    expect(sniffContent(webm(1))).toBeNull();
    expect(sniffContent(Buffer.from('just some text pretending to be a photo'))).toBeNull();
    expect(sniffContent(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).toBeNull();
    expect(sniffContent(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'))).toBeNull();
    expect(sniffContent(Buffer.from([0xff, 0xd8]))).toBeNull(); // too short to judge
  });
});
