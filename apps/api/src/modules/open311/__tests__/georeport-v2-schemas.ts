/**
 * JSON Schemas written from the GeoReport v2 text (spec 07 §3–§9, §12; wiki.open311.org/GeoReport_v2),
 * not from our code. `jsonSchemas` check the JSON responses; `xmlSchemas` check the XML documents
 * after the spec client turned them into the same tree, where every leaf is text — so each typed
 * leaf becomes a string with the lexical form of its type.
 */

type Schema = Record<string, unknown>;

const W3C_DATE = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$';

const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const date = (): Schema => ({ type: 'string', pattern: W3C_DATE });
const bool = (): Schema => ({ type: 'boolean', 'x-lexical': '^(true|false)$' });
const num = (): Schema => ({ type: 'number', 'x-lexical': '^-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?$' });
const int = (min: number): Schema => ({ type: 'integer', minimum: min, 'x-lexical': '^[1-9]\\d*$' });
const nullableStr = (): Schema => ({ type: ['string', 'null'] });
const arr = (items: Schema, extra: Schema = {}): Schema => ({ type: 'array', items, ...extra });
const obj = (required: string[], properties: Record<string, Schema>, additional = false): Schema => ({
  type: 'object',
  required,
  properties,
  additionalProperties: additional,
});

const discovery = obj(['changeset', 'contact', 'key_service', 'endpoints'], {
  changeset: str(),
  contact: str(),
  key_service: str(),
  endpoints: arr(
    obj(['specification', 'url', 'changeset', 'type', 'formats'], {
      specification: str({ const: 'http://wiki.open311.org/GeoReport_v2' }),
      url: str({ pattern: '^https?://' }),
      changeset: str(),
      type: str({ enum: ['production', 'test'] }),
      formats: arr(str({ enum: ['text/xml', 'application/json'] }), { minItems: 1 }),
    }),
    { minItems: 1 },
  ),
});

const service = obj(['service_code', 'service_name', 'metadata', 'type'], {
  service_code: str({ minLength: 1 }),
  service_name: str({ minLength: 1 }),
  description: nullableStr(),
  metadata: bool(),
  type: str({ enum: ['realtime', 'batch', 'blackbox'] }),
  keywords: nullableStr(),
  group: nullableStr(),
});

const attribute = obj(['variable', 'code', 'datatype', 'required', 'order', 'description'], {
  variable: bool(),
  code: str({ minLength: 1 }),
  datatype: str({ enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] }),
  required: bool(),
  datatype_description: nullableStr(),
  order: int(1),
  description: str(),
  values: arr(obj(['key', 'name'], { key: str(), name: str() })),
});

const definition = obj(['service_code', 'attributes'], {
  service_code: str({ minLength: 1 }),
  attributes: arr(attribute),
});

/** A POST answer: service_request_id or token, never both (§6). */
const postAnswer = {
  ...obj([], {
    service_request_id: str(),
    token: str(),
    service_notice: nullableStr(),
    account_id: nullableStr(),
  }),
  oneOf: [{ required: ['service_request_id'] }, { required: ['token'] }],
};

const request = obj(['service_request_id', 'status', 'service_code', 'requested_datetime'], {
  service_request_id: str({ minLength: 1 }),
  status: str({ enum: ['open', 'closed'] }),
  status_notes: nullableStr(),
  service_name: nullableStr(),
  service_code: str({ minLength: 1 }),
  description: nullableStr(),
  agency_responsible: nullableStr(),
  service_notice: nullableStr(),
  requested_datetime: date(),
  updated_datetime: date(),
  expected_datetime: date(),
  address: nullableStr(),
  address_id: nullableStr(),
  zipcode: nullableStr(),
  lat: num(),
  long: num(),
  media_url: nullableStr(),
  // The extensions of §11, only with extensions=true.
  extended_attributes: { type: 'object' },
});

const tokenAnswer = obj(['service_request_id', 'token'], { service_request_id: str(), token: str() });

const errors = arr(obj(['code', 'description'], { code: int(100), description: str({ minLength: 1 }) }), {
  minItems: 1,
});

export const jsonSchemas: Record<string, Schema> = {
  discovery,
  services: arr(service),
  definition,
  postAnswer: arr(postAnswer, { minItems: 1, maxItems: 1 }),
  requests: arr(request),
  request: arr(request, { minItems: 1, maxItems: 1 }),
  token: arr(tokenAnswer, { minItems: 1, maxItems: 1 }),
  errors,
};

/** Typed leaves → strings in their lexical form; nullable strings may be '' (an empty element). */
function lexical(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lexical);
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  if (typeof s['x-lexical'] === 'string') return { type: 'string', pattern: s['x-lexical'] };
  if (Array.isArray(s['type']) && (s['type'] as string[]).includes('null')) return { type: 'string' };
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) out[k] = k === 'x-lexical' ? undefined : lexical(v);
  return out;
}

export const xmlSchemas: Record<string, Schema> = Object.fromEntries(
  Object.entries(jsonSchemas).map(([name, schema]) => [name, stripUndefined(lexical(schema)) as Schema]),
);

function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripUndefined);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => v !== undefined && k !== 'x-lexical')
      .map(([k, v]) => [k, stripUndefined(v)]),
  );
}
