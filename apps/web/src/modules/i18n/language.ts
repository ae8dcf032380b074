/** The languages the UI ships. `zh-CN` is the default (and the fallback for missing keys). */
export const SUPPORTED_LANGUAGES = ['zh-CN', 'en'] as const;
export type AppLanguage = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: AppLanguage = 'zh-CN';

/** localStorage key holding the user's explicit choice. */
export const LANGUAGE_STORAGE_KEY = 'urbangrid.language';

export function isAppLanguage(value: unknown): value is AppLanguage {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** A stored (or otherwise supplied) language tag to a supported language; anything else is the default. */
export function resolveLanguage(tag: string | null | undefined): AppLanguage {
  if (!tag) return DEFAULT_LANGUAGE;
  if (isAppLanguage(tag)) return tag;
  const primary = tag.toLowerCase().split('-')[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return DEFAULT_LANGUAGE;
}

type ReadableStorage = Pick<Storage, 'getItem'>;
type WritableStorage = Pick<Storage, 'setItem'>;

/** The persisted choice; storage can be missing or throw (private mode, disabled cookies). */
export function readStoredLanguage(storage: ReadableStorage | undefined): AppLanguage {
  try {
    return resolveLanguage(storage?.getItem(LANGUAGE_STORAGE_KEY));
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(storage: WritableStorage | undefined, language: AppLanguage): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisting is acceptable; the choice still applies to this page.
  }
}
