import { describe, expect, it } from 'vitest';
import { cityDisplayName } from './city-name';

describe('cityDisplayName', () => {
  const city = { name: '杭州市拱墅区', nameEn: 'Gongshu District, Hangzhou' };

  it('uses the Chinese name in Chinese', () => {
    expect(cityDisplayName(city, 'zh-CN')).toBe('杭州市拱墅区');
  });

  it('uses the English name in English when present', () => {
    expect(cityDisplayName(city, 'en')).toBe('Gongshu District, Hangzhou');
    expect(cityDisplayName({ ...city, nameEn: null }, 'en')).toBe('杭州市拱墅区');
    expect(cityDisplayName({ ...city, nameEn: '  ' }, 'en')).toBe('杭州市拱墅区');
  });
});
