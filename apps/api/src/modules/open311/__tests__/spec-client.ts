import Ajv from 'ajv';
import { expect } from 'vitest';
import { jsonSchemas, xmlSchemas } from './georeport-v2-schemas';

/**
 * A GeoReport v2 client written from the specification alone (spec 07; wiki.open311.org
 * /GeoReport_v2): it knows the URLs, the form POST, the XML element names and the JSON mapping
 * (list wrappers vanish, arrays at the root) — nothing of our code. Every answer is checked
 * against the schema of its resource.
 */
export type Format = 'xml' | 'json';
export type Tree = string | Tree[] | { [k: string]: Tree };

export interface Transport {
  (opts: {
    method: 'GET' | 'POST';
    url: string;
    payload?: string;
    headers?: Record<string, string>;
  }): Promise<{
    statusCode: number;
    headers: Record<string, string | string[] | number | undefined>;
    body: string;
  }>;
}

/** XML elements that are list wrappers in the spec, with their item element. */
const LISTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  media_urls: 'media_url',
};

/** The XML root element of each resource (spec 07 §3–§9, §12). */
const ROOTS: Record<keyof typeof jsonSchemas, string> = {
  discovery: 'discovery',
  services: 'services',
  definition: 'service_definition',
  postAnswer: 'service_requests',
  requests: 'service_requests',
  request: 'service_requests',
  token: 'service_requests',
  errors: 'errors',
};

const ajv = new Ajv({ allErrors: true, strict: false });

export class SpecClient {
  constructor(
    private readonly http: Transport,
    readonly base: string,
    readonly format: Format,
  ) {}

  async get(path: string, schema: keyof typeof jsonSchemas, status = 200): Promise<Tree> {
    const res = await this.http({ method: 'GET', url: `${this.base}/${path}` });
    return this.read(res, schema, status);
  }

  async post(
    path: string,
    form: Record<string, string | string[]>,
    schema: keyof typeof jsonSchemas,
    status = 201,
  ): Promise<Tree> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = await this.http({
      method: 'POST',
      url: `${this.base}/${path}`,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    });
    return this.read(res, schema, status);
  }

  /** Status, content type, encoding declaration, then the schema of the resource. */
  read(
    res: {
      statusCode: number;
      headers: Record<string, string | string[] | number | undefined>;
      body: string;
    },
    schema: keyof typeof jsonSchemas,
    status: number,
  ): Tree {
    expect(res.statusCode, res.body).toBe(status);
    const type = String(res.headers['content-type']);
    let tree: Tree;
    if (this.format === 'json') {
      expect(type).toBe('application/json; charset=utf-8');
      tree = JSON.parse(res.body) as Tree;
    } else {
      expect(type).toBe('text/xml; charset=utf-8');
      expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
      const doc = parseXml(res.body);
      expect(doc.root).toBe(ROOTS[schema]);
      tree = doc.value;
    }
    const validate = ajv.compile(
      this.format === 'json' ? (jsonSchemas[schema] as object) : (xmlSchemas[schema] as object),
    );
    expect(
      validate(tree),
      `${schema} (${this.format}): ${ajv.errorsText(validate.errors)}\n${res.body}`,
    ).toBe(true);
    return tree;
  }
}

/** JSON values as XML would carry them: numbers and booleans as text, null as an empty element. */
/** A leaf as text (for comparing and messages). */
export function text(t: Tree | undefined): string {
  return typeof t === 'string' ? t : JSON.stringify(t);
}

export function asXmlText(tree: unknown): Tree {
  if (Array.isArray(tree)) return tree.map(asXmlText);
  if (tree === null) return '';
  if (typeof tree === 'object') {
    return Object.fromEntries(
      Object.entries(tree as Record<string, unknown>).map(([k, v]) => [k, asXmlText(v)]),
    );
  }
  // Numbers and booleans: the same text JSON gives them.
  return typeof tree === 'string' ? tree : JSON.stringify(tree);
}

/**
 * A minimal XML reader for the schemaless documents of the spec: elements and text only (no
 * attributes, no namespaces, no CDATA). Known list wrappers become arrays; other elements objects;
 * leaves their unescaped text ('' when empty).
 */
export function parseXml(xml: string): { root: string; value: Tree } {
  let i = 0;
  const skipSpace = (): void => {
    while (i < xml.length && /\s/.test(xml[i])) i++;
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  const element = (): { name: string; value: Tree } => {
    skipSpace();
    const open = /^<([A-Za-z_][\w.-]*)\s*(\/?)>/.exec(xml.slice(i));
    if (!open) throw new Error(`expected an element at ${i}: ${xml.slice(i, i + 40)}`);
    const name = open[1];
    i += open[0].length;
    const isList = name in LISTS;
    if (open[2] === '/') return { name, value: isList ? [] : '' };
    const children: { name: string; value: Tree }[] = [];
    let text = '';
    for (;;) {
      if (xml.startsWith(`</${name}>`, i)) {
        i += name.length + 3;
        break;
      }
      if (xml[i] === '<') {
        children.push(element());
      } else {
        const next = xml.indexOf('<', i);
        if (next < 0) throw new Error(`unclosed <${name}>`);
        text += xml.slice(i, next);
        i = next;
      }
    }
    if (isList) {
      for (const c of children) if (c.name !== LISTS[name]) throw new Error(`<${c.name}> inside <${name}>`);
      return { name, value: children.map((c) => c.value) };
    }
    if (children.length === 0) return { name, value: unescape(text) };
    if (text.trim() !== '') throw new Error(`mixed content in <${name}>`);
    const out: Record<string, Tree> = {};
    for (const c of children) {
      if (c.name in out) throw new Error(`<${c.name}> twice in <${name}>`);
      out[c.name] = c.value;
    }
    return { name, value: out };
  };
  const { name, value } = element();
  skipSpace();
  if (i !== xml.length) throw new Error('content after the root element');
  return { root: name, value };
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
