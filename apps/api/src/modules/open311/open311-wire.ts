/**
 * The GeoReport v2 wire format (spec 07 §2): one neutral value tree rendered as XML or as JSON
 * (the "Spark convention": list wrappers disappear, arrays sit at the root). Written here rather
 * than taken from a package because the mapping is small and must be exact.
 */

export type Open311Format = 'xml' | 'json';

/** A repeated XML element (`<services><service>…`); in JSON a plain array. */
export class WireList {
  constructor(
    readonly itemName: string,
    readonly items: readonly WireValue[],
  ) {}
}

export type WireValue = string | number | boolean | null | WireObject | WireList;
export interface WireObject {
  readonly [field: string]: WireValue | undefined;
}

/** A response document: its XML root element and its content. */
export interface WireDocument {
  root: string;
  body: WireObject | WireList;
}

export const CONTENT_TYPES: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Splits `services.json` / `E0102.xml` into the name and the format; null for anything else. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const m = /^(.+)\.(xml|json)$/.exec(file);
  return m ? { name: m[1], format: m[2] as Open311Format } : null;
}

/** The format a URL asks for; XML (the required format) when it names none. */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}

export function render(doc: WireDocument, format: Open311Format): string {
  return format === 'json' ? JSON.stringify(toJson(doc.body)) : renderXml(doc);
}

/** Undefined fields are left out in both formats; null is `null` / an empty element. */
function toJson(value: WireValue): unknown {
  if (value instanceof WireList) return value.items.map(toJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  return value;
}

function renderXml(doc: WireDocument): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(doc.root, doc.body)}`;
}

function element(name: string, value: WireValue): string {
  if (value === null || value === '') return `<${name}/>`;
  if (value instanceof WireList) {
    const inner = value.items.map((item) => element(value.itemName, item)).join('');
    return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .filter((e): e is [string, WireValue] => e[1] !== undefined)
      .map(([k, v]) => element(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** Text content: the five special characters, and no control characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** W3C ISO 8601 in UTC with `Z`, whole seconds (spec 07 §2: we emit UTC). */
export function w3cDate(d: Date | string): string {
  return new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A W3C date-time with a time zone (`Z` or ±HH:MM) as the spec requires; null otherwise. */
export function parseW3cDate(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}
