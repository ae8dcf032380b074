import { Open311Error } from './open311-error';

/** A parsed `application/x-www-form-urlencoded` POST body (spec 07 §6). */
export interface Open311Form {
  fields: Map<string, string>;
  /** `attribute[code]=v` and `attribute[code][]=v` (multivaluelist), in order. */
  attributes: Map<string, string[]>;
}

const ATTRIBUTE_RE = /^attribute\[([^\]]{1,64})\](\[\])?$/;
const MAX_FIELDS = 100;

/**
 * Reads the form. Repeated plain fields are refused (ambiguous); an empty value counts as not sent
 * (spec 07 §2: an empty optional argument is treated exactly like one not passed).
 */
export function parseForm(raw: string): Open311Form {
  const params = new URLSearchParams(raw);
  const fields = new Map<string, string>();
  const attributes = new Map<string, string[]>();
  let count = 0;
  for (const [name, value] of params) {
    if (++count > MAX_FIELDS)
      throw Open311Error.fields('OPEN311.MALFORMED', [{ field: 'body', message: 'too many fields' }]);
    const attr = ATTRIBUTE_RE.exec(name);
    if (attr) {
      if (value === '') continue;
      const code = attr[1];
      attributes.set(code, [...(attributes.get(code) ?? []), value]);
      continue;
    }
    if (fields.has(name)) {
      throw Open311Error.fields('OPEN311.MALFORMED', [{ field: name, message: 'sent more than once' }]);
    }
    if (value.trim() !== '') fields.set(name, value);
  }
  return { fields, attributes };
}

/** HTML or script in a text (spec 07 §6: no HTML or code): tags, comments and entity-escaped tags. */
export function containsMarkup(text: string): boolean {
  return /<\s*[a-zA-Z!/?][^>]*>/.test(text) || /&lt;\s*[a-zA-Z/]/i.test(text) || /javascript:/i.test(text);
}
