import { createReadStream } from 'node:fs';

/**
 * Streams the rows of a CSV file (RFC 4180: quoted fields, doubled quotes, CRLF or LF, a UTF-8
 * BOM) keyed by the header row's lower-cased names. `line` is the 1-based line on which the row
 * starts (the header is line 1), so errors point at what a spreadsheet shows.
 */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
  /** Set when the row has a different number of fields than the header. */
  error?: string;
}

export async function* streamCsvRows(
  path: string,
  onBytes: (bytesRead: number) => void = () => undefined,
): AsyncGenerator<CsvRow> {
  let header: string[] | null = null;
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let rowLine = 1;
  let bytes = 0;
  let first = true;
  let pendingCr = false;

  const finishRow = (): CsvRow | null => {
    fields.push(field);
    field = '';
    const row = fields;
    fields = [];
    const at = rowLine;
    if (row.length === 1 && row[0] === '') return null; // blank line
    if (!header) {
      header = row.map((h) => h.trim().toLowerCase());
      return null;
    }
    const values: Record<string, string> = {};
    header.forEach((h, k) => (values[h] = (row[k] ?? '').trim()));
    const error =
      row.length !== header.length ? `has ${row.length} fields, the header has ${header.length}` : undefined;
    return error ? { line: at, values, error } : { line: at, values };
  };

  const decoder = new TextDecoder('utf-8');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    let text = decoder.decode(chunk, { stream: true });
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const out: CsvRow[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (pendingCr) {
        pendingCr = false;
        if (c === '\n') continue;
      }
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (c === '"' && field === '' && !afterQuote) quoted = true;
      else if (c === ',') {
        fields.push(field);
        field = '';
        afterQuote = false;
      } else if (c === '\n' || c === '\r') {
        const row = finishRow();
        if (row) out.push(row);
        afterQuote = false;
        line++;
        rowLine = line;
        pendingCr = c === '\r';
      } else field += c;
    }
    onBytes(bytes);
    for (const r of out) yield r;
  }
  if (field !== '' || fields.length > 0) {
    const row = finishRow();
    if (row) yield row;
  }
}
