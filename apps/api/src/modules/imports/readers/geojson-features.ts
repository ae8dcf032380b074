import { createReadStream } from 'node:fs';

/**
 * Streams the features of a GeoJSON FeatureCollection file without holding the file in memory:
 * a byte-level scanner tracks strings and nesting, cuts out each element of the top-level
 * `features` array and JSON.parses that element alone. A bare Feature or geometry file yields
 * itself as feature 0.
 */
export class GeoJsonFormatError extends Error {
  override name = 'GeoJsonFormatError';
}

export interface StreamedFeature {
  index: number;
  /** The parsed element, or null when it is not valid JSON (`error` says why). */
  value: unknown;
  error?: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export async function* streamGeoJsonFeatures(
  path: string,
  onBytes: (bytesRead: number) => void = () => undefined,
): AsyncGenerator<StreamedFeature> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** Bytes of the current top-level key string (depth 1), to spot "features". */
  let key: number[] | null = null;
  let lastKey = '';
  let inFeatures = false;
  let featuresDepth = -1;
  let pieces: Buffer[] = [];
  let elementStart = -1;
  let index = 0;
  let bytes = 0;
  let sawFeatures = false;
  let whole: Buffer[] | null = [];
  let wholeSize = 0;

  const emit = (raw: string): StreamedFeature => {
    const at = index++;
    try {
      return { index: at, value: JSON.parse(raw) as unknown };
    } catch (e) {
      return { index: at, value: null, error: `not valid JSON: ${(e as Error).message}` };
    }
  };

  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    // Small files are also kept whole, for the bare Feature / geometry case.
    if (whole) {
      whole.push(chunk);
      wholeSize += chunk.length;
      if (wholeSize > 8 << 20) whole = null;
    }
    const out: StreamedFeature[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (key) {
            lastKey = Buffer.from(key).toString('utf8');
            key = null;
          }
        } else if (key) key.push(c);
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        if (depth === 1) key = [];
        continue;
      }
      if (c === 0x7b || c === 0x5b) {
        // { or [
        depth++;
        if (depth === 2 && c === 0x5b && lastKey === 'features' && !sawFeatures) {
          inFeatures = true;
          sawFeatures = true;
          featuresDepth = depth;
        } else if (inFeatures && depth === featuresDepth + 1 && elementStart < 0) {
          elementStart = i;
          pieces = [];
        }
      } else if (c === 0x7d || c === 0x5d) {
        if (inFeatures && depth === featuresDepth + 1 && elementStart >= 0) {
          pieces.push(chunk.subarray(elementStart, i + 1));
          out.push(emit(Buffer.concat(pieces).toString('utf8')));
          pieces = [];
          elementStart = -1;
        } else if (inFeatures && depth === featuresDepth) inFeatures = false;
        depth--;
        if (depth < 0) throw new GeoJsonFormatError('unbalanced brackets');
      } else if (c === 0x2c && depth === 1) lastKey = '';
    }
    if (elementStart >= 0) {
      pieces.push(chunk.subarray(elementStart));
      elementStart = 0;
      // From the next chunk on, the element continues at byte 0.
    }
    onBytes(bytes);
    for (const f of out) yield f;
  }
  if (inString || depth !== 0) throw new GeoJsonFormatError('the file ends inside a JSON value (truncated?)');
  if (!sawFeatures) {
    if (!whole) throw new GeoJsonFormatError('no "features" array at the top level');
    let root: unknown;
    try {
      root = JSON.parse(Buffer.concat(whole).toString('utf8'));
    } catch (e) {
      throw new GeoJsonFormatError(`not valid JSON: ${(e as Error).message}`);
    }
    const type = (root as { type?: unknown } | null)?.type;
    if (type === 'Feature') yield { index: 0, value: root };
    else throw new GeoJsonFormatError('expected a FeatureCollection with a "features" array');
  }
}
