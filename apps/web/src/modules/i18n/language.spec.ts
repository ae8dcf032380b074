import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_STORAGE_KEY,
  readStoredLanguage,
  resolveLanguage,
  storeLanguage,
} from './language';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('resolveLanguage', () => {
  it('defaults to zh-CN', () => {
    expect(DEFAULT_LANGUAGE).toBe('zh-CN');
    expect(resolveLanguage(null)).toBe('zh-CN');
    expect(resolveLanguage(undefined)).toBe('zh-CN');
    expect(resolveLanguage('')).toBe('zh-CN');
    expect(resolveLanguage('fr')).toBe('zh-CN');
  });

  it('keeps supported tags and maps regional variants', () => {
    expect(resolveLanguage('en')).toBe('en');
    expect(resolveLanguage('zh-CN')).toBe('zh-CN');
    expect(resolveLanguage('en-GB')).toBe('en');
    expect(resolveLanguage('zh-TW')).toBe('zh-CN');
  });
});

describe('language persistence', () => {
  it('round-trips through storage', () => {
    const storage = memoryStorage();
    expect(readStoredLanguage(storage)).toBe('zh-CN');
    storeLanguage(storage, 'en');
    expect(storage.data.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(readStoredLanguage(storage)).toBe('en');
  });

  it('survives missing or throwing storage', () => {
    const throwing = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: (): void => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readStoredLanguage(undefined)).toBe('zh-CN');
    expect(readStoredLanguage(throwing)).toBe('zh-CN');
    expect(() => storeLanguage(throwing, 'en')).not.toThrow();
    expect(() => storeLanguage(undefined, 'en')).not.toThrow();
  });
});
