import { describe, expect, it } from 'vitest';
import { Open311Error } from './open311-error';
import { containsMarkup, parseForm } from './open311-form';

describe('parseForm', () => {
  it('reads fields, single and repeated attributes, and drops empty values', () => {
    const f = parseForm(
      'api_key=k&service_code=E0102&lat=30.3&long=120.1&description=&attribute[condition]=a1' +
        '&attribute[tags][]=x&attribute[tags][]=y',
    );
    expect(Object.fromEntries(f.fields)).toEqual({
      api_key: 'k',
      service_code: 'E0102',
      lat: '30.3',
      long: '120.1',
    });
    expect(Object.fromEntries(f.attributes)).toEqual({ condition: ['a1'], tags: ['x', 'y'] });
  });

  it('refuses a plain field sent twice', () => {
    expect(() => parseForm('service_code=E0102&service_code=E0103')).toThrow(Open311Error);
  });
});

describe('containsMarkup', () => {
  it('finds tags, comments, escaped tags and script URLs but lets ordinary text pass', () => {
    expect(containsMarkup('垃圾<b>很多</b>')).toBe(true);
    expect(containsMarkup('<!-- x -->')).toBe(true);
    expect(containsMarkup('&lt;script&gt;')).toBe(true);
    expect(containsMarkup('javascript:alert(1)')).toBe(true);
    expect(containsMarkup('路边垃圾 < 2 平方米，> 1 袋\n第二行')).toBe(false);
  });
});
