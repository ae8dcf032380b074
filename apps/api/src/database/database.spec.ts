import { describe, expect, it } from 'vitest';
import { withSessionSettings } from './database';

describe('server session settings', () => {
  it('turn JIT off through the connection options', () => {
    const url = new URL(withSessionSettings('postgres://u:p@db:5432/urbangrid'));
    expect(url.searchParams.get('options')).toBe('-c jit=off');
    expect(url.pathname).toBe('/urbangrid');
  });

  it('keep options the URL already carries', () => {
    const url = new URL(
      withSessionSettings('postgres://u@db/x?options=-c%20search_path%3Dtest_1%2Cpublic&sslmode=disable'),
    );
    expect(url.searchParams.get('options')).toBe('-c search_path=test_1,public -c jit=off');
    expect(url.searchParams.get('sslmode')).toBe('disable');
  });
});
