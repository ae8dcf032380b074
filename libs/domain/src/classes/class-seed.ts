import { DomainError } from '../errors';
import {
  type ClassCodeScheme,
  type ClassKind,
  type ClassLevel,
  type ComponentGeometryType,
  defaultGeometryType,
  parseClassCode,
} from './class-code';

/**
 * The seed profile a city loads (spec 01 §2.6): the national baseline (default) or the Beijing
 * (DB11) variant, which renames some codes, adds codes the baseline lacks and drops codes whose
 * Beijing class is unknown (`?`).
 */
export type ClassProfile = 'national' | 'beijing';

export const CLASS_PROFILES: readonly ClassProfile[] = ['national', 'beijing'];

export type ClassConfidence = 'H' | 'M' | 'L';

/** One class as a seed profile defines it. */
export interface SeedClass {
  kind: ClassKind;
  code: string;
  codeScheme: ClassCodeScheme;
  level: ClassLevel;
  parentCode: string | null;
  name: string;
  confidence: ClassConfidence;
  geometryType: ComponentGeometryType | null;
}

/** One data row of a seed file, with its 1-based line number for error reports. */
export interface SeedCsvRow {
  line: number;
  kind: string;
  bigCode: string;
  bigName: string;
  smallCode: string;
  smallName: string;
  confidence: string;
  beijingVariant: string;
}

const HEADER = ['kind', 'big_code', 'big_name', 'small_code', 'small_name', 'confidence', 'beijing_variant'];
const SEED_SCHEME: ClassCodeScheme = 'gbt30428-2';

/**
 * Parses CSV text (RFC 4180: fields may be quoted, `""` is a quote inside quotes, quoted fields
 * may hold commas and line breaks; CRLF or LF; a leading BOM is dropped). Returns records with the
 * line each starts on. Throws `CLASS.SEED_MALFORMED` on an unterminated quote.
 */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && src[i + 1] === '\n')) {
      if (ch === '\r') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
    i++;
  }
  if (quoted) {
    throw new DomainError(
      'CLASS.SEED_MALFORMED',
      `unterminated quoted field starting on line ${recordLine}`,
      [{ field: `line ${recordLine}`, message: 'unterminated quoted field' }],
    );
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Reads a seed file (header checked) into rows; every bad row is reported before throwing. */
export function readClassSeedCsv(text: string): SeedCsvRow[] {
  const [header, ...records] = parseCsv(text);
  const problems: { field: string; message: string }[] = [];
  if (!header || header.fields.map((f) => f.trim()).join(',') !== HEADER.join(',')) {
    throw new DomainError('CLASS.SEED_MALFORMED', `seed file header must be ${HEADER.join(',')}`, [
      { field: 'line 1', message: `header must be ${HEADER.join(',')}` },
    ]);
  }
  const rows: SeedCsvRow[] = [];
  for (const r of records) {
    if (r.fields.length !== HEADER.length) {
      problems.push({
        field: `line ${r.line}`,
        message: `expected ${HEADER.length} fields, got ${r.fields.length}`,
      });
      continue;
    }
    const [kind, bigCode, bigName, smallCode, smallName, confidence, beijingVariant] = r.fields.map((f) =>
      f.trim(),
    );
    rows.push({ line: r.line, kind, bigCode, bigName, smallCode, smallName, confidence, beijingVariant });
  }
  if (problems.length > 0) {
    throw new DomainError('CLASS.SEED_MALFORMED', `seed file has bad rows: ${summarize(problems)}`, problems);
  }
  return rows;
}

/**
 * The classes a profile takes from seed rows (spec 01 §2.6):
 * - an empty `small_code` declares the big class itself;
 * - national: an empty `small_name` means the code exists only in Beijing, so it is left out;
 * - beijing: `beijing_variant` renames the code, `?` leaves it out, empty keeps the national name.
 * The whole input is checked first (kind, codes, parent prefix, parent present, confidence,
 * duplicates, names); every bad row is listed in one `CLASS.SEED_MALFORMED` with its line.
 */
export function classesOfProfile(rows: readonly SeedCsvRow[], profile: ClassProfile): SeedClass[] {
  const problems: { field: string; message: string }[] = [];
  const out: SeedClass[] = [];
  const seen = new Set<string>();
  const bigNames = new Map<string, string>();
  for (const r of rows) {
    const bad = (message: string) => problems.push({ field: `line ${r.line}`, message });
    if (r.kind !== 'component' && r.kind !== 'event') {
      bad(`kind must be component or event, got "${r.kind}"`);
      continue;
    }
    const kind: ClassKind = r.kind;
    if (r.confidence !== 'H' && r.confidence !== 'M' && r.confidence !== 'L') {
      bad(`confidence must be H, M or L, got "${r.confidence}"`);
      continue;
    }
    const confidence: ClassConfidence = r.confidence;
    const code = r.smallCode === '' ? r.bigCode : r.smallCode;
    let level: ClassLevel;
    let parentCode: string | null;
    try {
      const parts = parseClassCode(code, SEED_SCHEME);
      level = parts.level;
      parentCode = parts.parentCode;
    } catch (err) {
      bad(err instanceof Error ? err.message : String(err));
      continue;
    }
    if (r.smallCode === '' ? level !== 'big' : level !== 'small') {
      bad(
        `${r.smallCode === '' ? 'big_code' : 'small_code'} "${code}" is not a ${r.smallCode === '' ? 'big' : 'small'} class code`,
      );
      continue;
    }
    if (!/^\d{2}$/.test(r.bigCode) || (parentCode !== null && parentCode !== r.bigCode)) {
      bad(`small class ${code} does not start with its big class ${r.bigCode}`);
      continue;
    }
    if (r.bigName === '') {
      bad('big_name is empty');
      continue;
    }
    const known = bigNames.get(`${kind}:${r.bigCode}`);
    if (level === 'big') bigNames.set(`${kind}:${r.bigCode}`, r.bigName);
    else if (known === undefined) {
      bad(`small class ${code} comes before (or without) its big class ${r.bigCode}`);
      continue;
    } else if (known !== r.bigName) {
      bad(`big_name "${r.bigName}" differs from the big class row ("${known}")`);
      continue;
    }
    const key = `${kind}:${code}`;
    if (seen.has(key)) {
      bad(`${kind} class ${code} appears twice`);
      continue;
    }
    seen.add(key);
    let name: string | null;
    if (level === 'big') name = r.bigName;
    else if (r.smallName === '' && (r.beijingVariant === '' || r.beijingVariant === '?')) {
      bad(`small class ${code} has neither a national nor a Beijing name`);
      continue;
    } else if (profile === 'national') name = r.smallName === '' ? null : r.smallName;
    else if (r.beijingVariant === '?') name = null;
    else name = r.beijingVariant === '' ? r.smallName : r.beijingVariant;
    if (name === null) continue;
    out.push({
      kind,
      code,
      codeScheme: SEED_SCHEME,
      level,
      parentCode,
      name,
      confidence,
      geometryType: defaultGeometryType(kind, level, name),
    });
  }
  if (problems.length > 0) {
    throw new DomainError('CLASS.SEED_MALFORMED', `seed rows are invalid: ${summarize(problems)}`, problems);
  }
  return out;
}

/** The first problems on one line (a failed start prints one line); all of them are in `details`. */
function summarize(problems: readonly { field: string; message: string }[]): string {
  const shown = problems.slice(0, 3).map((p) => `${p.field}: ${p.message}`);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  return shown.join('; ') + more;
}
