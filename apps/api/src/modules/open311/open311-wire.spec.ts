import { describe, expect, it } from 'vitest';
import { parseW3cDate, render, w3cDate, WireList } from './open311-wire';

describe('GeoReport v2 wire format', () => {
  const doc = {
    root: 'services',
    body: new WireList('service', [
      {
        service_code: 'E0102',
        service_name: '暴露垃圾 <&>',
        metadata: true,
        keywords: null,
        skipped: undefined,
      },
    ]),
  };

  it('renders XML with the declaration, list wrappers, empty elements and escaping', () => {
    expect(render(doc, 'xml')).toBe(
      '<?xml version="1.0" encoding="utf-8"?><services><service><service_code>E0102</service_code>' +
        '<service_name>暴露垃圾 &lt;&amp;&gt;</service_name><metadata>true</metadata><keywords/></service></services>',
    );
  });

  it('renders JSON with the array at the root and null for empty values', () => {
    expect(JSON.parse(render(doc, 'json'))).toEqual([
      { service_code: 'E0102', service_name: '暴露垃圾 <&>', metadata: true, keywords: null },
    ]);
  });

  it('writes UTC with Z and reads any W3C offset, refusing dates without a zone', () => {
    expect(w3cDate(new Date('2026-03-01T08:15:30.123+08:00'))).toBe('2026-03-01T00:15:30Z');
    expect(parseW3cDate('1994-11-05T08:15:30-05:00')?.toISOString()).toBe('1994-11-05T13:15:30.000Z');
    expect(parseW3cDate('2026-01-01T00:00:00')).toBeNull();
    expect(parseW3cDate('2026-01-01')).toBeNull();
  });
});
