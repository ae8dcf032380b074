import { type LonLat, toStored } from '@urbangrid/domain';
import proj4 from 'proj4';

/**
 * Coordinate systems an import may be in, and the transform of each to the stored EPSG:4326.
 * CGCS2000 is taken as identical to WGS84 (they differ by centimetres), as everywhere in the
 * system; GCJ-02 and BD-09 are the obfuscated systems of Chinese web maps.
 */
export class CrsError extends Error {
  override name = 'CrsError';
}

export interface SourceCrs {
  /** Readable name, e.g. `EPSG:4549 CGCS2000 / 3-degree Gauss-Kruger CM 120E`. */
  name: string;
  toLonLat(x: number, y: number): LonLat;
}

const identity = (name: string): SourceCrs => ({ name, toLonLat: (x, y) => [x, y] });

/** CGCS2000 ellipsoid (GRS80 with its own flattening). */
const CGCS2000_ELLPS = '+a=6378137 +rf=298.257222101';

function projected(name: string, proj: string): SourceCrs {
  const t = proj4(proj, 'EPSG:4326');
  return {
    name,
    toLonLat: (x, y) => {
      const [lon, lat] = t.forward([x, y]);
      return [lon, lat];
    },
  };
}

function gaussKruger(name: string, centralMeridian: number, falseEasting: number): SourceCrs {
  return projected(
    name,
    `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 ${CGCS2000_ELLPS} +units=m +no_defs`,
  );
}

const WEB_MERCATOR =
  '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';

/**
 * The `crs` query parameter: EPSG:4326, EPSG:4490, EPSG:3857, EPSG:4513–4533 (CGCS2000 3° GK with
 * zone prefix), EPSG:4534–4554 (CGCS2000 3° GK, CM 75E–135E), or wgs84 / cgcs2000 / gcj02 / bd09.
 */
export function parseCrsName(raw: string): SourceCrs {
  const name = raw.trim().toUpperCase();
  switch (name) {
    case 'EPSG:4326':
    case 'WGS84':
      return identity('EPSG:4326 WGS 84');
    case 'EPSG:4490':
    case 'CGCS2000':
      return identity('EPSG:4490 CGCS2000');
    case 'GCJ02':
      return { name: 'GCJ-02', toLonLat: (x, y) => toStored(x, y, 'gcj02') };
    case 'BD09':
      return { name: 'BD-09', toLonLat: (x, y) => toStored(x, y, 'bd09') };
    case 'EPSG:3857':
    case 'EPSG:900913':
      return projected('EPSG:3857 Web Mercator', WEB_MERCATOR);
  }
  const m = /^EPSG:(\d{4,5})$/.exec(name);
  const code = m ? Number(m[1]) : NaN;
  if (code >= 4534 && code <= 4554) {
    const cm = 75 + 3 * (code - 4534);
    return gaussKruger(`EPSG:${code} CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E`, cm, 500000);
  }
  if (code >= 4513 && code <= 4533) {
    const zone = 25 + (code - 4513);
    return gaussKruger(
      `EPSG:${code} CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`,
      zone * 3,
      zone * 1e6 + 500000,
    );
  }
  throw new CrsError(
    `unknown coordinate system "${raw}"; accepted: EPSG:4326, EPSG:4490, EPSG:3857, EPSG:4513–4554, wgs84, cgcs2000, gcj02, bd09`,
  );
}

interface WktNode {
  keyword: string;
  args: (string | number | WktNode)[];
}

/** Parses WKT1 (OGC or ESRI flavour) into a tree. */
function parseWkt(text: string): WktNode {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const node = (): WktNode => {
    ws();
    const kw = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!kw) throw new CrsError(`.prj is not WKT (at character ${i})`);
    i += kw[0].length;
    ws();
    const open = text[i];
    if (open !== '[' && open !== '(') throw new CrsError(`.prj is not WKT (expected [ after ${kw[0]})`);
    i++;
    const args: (string | number | WktNode)[] = [];
    for (;;) {
      ws();
      const c = text[i];
      if (c === '"') {
        const end = text.indexOf('"', i + 1);
        if (end < 0) throw new CrsError('.prj has an unterminated string');
        args.push(text.slice(i + 1, end));
        i = end + 1;
      } else if (c !== undefined && /[-+.\d]/.test(c)) {
        const num = /^[-+]?[\d.]+(?:[eE][-+]?\d+)?/.exec(text.slice(i));
        if (!num) throw new CrsError(`.prj has a bad number at character ${i}`);
        args.push(Number(num[0]));
        i += num[0].length;
      } else if (c !== undefined && /[A-Za-z]/.test(c)) {
        const save = i;
        const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
        i += bare ? bare[0].length : 0;
        ws();
        if (text[i] === '[' || text[i] === '(') {
          i = save;
          args.push(node());
        } else args.push(bare ? bare[0] : '');
      } else throw new CrsError(`.prj is not WKT (unexpected "${c ?? 'end'}" at ${i})`);
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === ']' || text[i] === ')') {
        i++;
        return { keyword: kw[0].toUpperCase(), args };
      } else throw new CrsError(`.prj is not WKT (unexpected "${text[i] ?? 'end'}" at ${i})`);
    }
  };
  return node();
}

const child = (n: WktNode, kw: string): WktNode | undefined =>
  n.args.find((a): a is WktNode => typeof a === 'object' && a.keyword === kw);
const label = (n: WktNode | undefined): string => (n && typeof n.args[0] === 'string' ? n.args[0] : '');

/** Datum names that mean WGS84 or CGCS2000 (both stored as EPSG:4326 here). */
const ACCEPTED_DATUM =
  /WGS_?84|WGS_1984|WORLD_GEODETIC_SYSTEM_1984|CHINA_2000|CGCS_?2000|CHINA_GEODETIC_COORDINATE_SYSTEM_2000/i;

/**
 * The transform described by a shapefile's .prj. Accepted: geographic WGS84 / CGCS2000,
 * Transverse Mercator / Gauss-Kruger on those datums (any central meridian and false easting),
 * and Web Mercator. Other datums (Beijing 1954, Xi'an 1980…) need a seven-parameter shift that
 * the file does not carry, so they are refused with the datum's name.
 */
export function crsFromPrj(wkt: string): SourceCrs {
  const root = parseWkt(wkt);
  const name = label(root);
  if (root.keyword === 'GEOGCS' || root.keyword === 'GEOGCRS') {
    const datum = label(child(root, 'DATUM'));
    if (!ACCEPTED_DATUM.test(datum) && !ACCEPTED_DATUM.test(name)) {
      throw new CrsError(`.prj datum "${datum || name}" is not supported (WGS84 or CGCS2000 only)`);
    }
    return identity(`${name} (geographic)`);
  }
  if (root.keyword !== 'PROJCS')
    throw new CrsError(`.prj ${root.keyword} is not a supported coordinate system`);
  const projection = label(child(root, 'PROJECTION')).toLowerCase();
  const params = new Map<string, number>();
  for (const a of root.args) {
    if (
      typeof a === 'object' &&
      a.keyword === 'PARAMETER' &&
      typeof a.args[0] === 'string' &&
      typeof a.args[1] === 'number'
    ) {
      params.set(a.args[0].toLowerCase(), a.args[1]);
    }
  }
  const p = (key: string, fallback: number) => params.get(key) ?? fallback;
  const unit = child(root, 'UNIT');
  const toMetre = unit && typeof unit.args[1] === 'number' ? unit.args[1] : 1;
  if (
    /mercator_auxiliary_sphere|pseudo.?mercator|popular_visualisation/.test(projection) ||
    /web.?mercator|3857/i.test(name)
  ) {
    return projected(`${name} (Web Mercator)`, WEB_MERCATOR);
  }
  const geog = child(root, 'GEOGCS');
  const datum = label(geog ? child(geog, 'DATUM') : undefined);
  if (!ACCEPTED_DATUM.test(datum) && !ACCEPTED_DATUM.test(label(geog))) {
    throw new CrsError(`.prj datum "${datum || label(geog)}" is not supported (WGS84 or CGCS2000 only)`);
  }
  if (projection === 'transverse_mercator' || projection === 'gauss_kruger') {
    const ellps = /WGS/i.test(datum) ? '+datum=WGS84' : CGCS2000_ELLPS;
    return projected(
      `${name} (Transverse Mercator)`,
      `+proj=tmerc +lat_0=${p('latitude_of_origin', 0)} +lon_0=${p('central_meridian', 0)} ` +
        `+k=${p('scale_factor', 1)} +x_0=${p('false_easting', 0) * toMetre} +y_0=${p('false_northing', 0) * toMetre} ` +
        `${ellps} +to_meter=${toMetre} +no_defs`,
    );
  }
  throw new CrsError(
    `.prj projection "${projection || '?'}" is not supported (Transverse Mercator / Gauss-Kruger, Web Mercator)`,
  );
}
