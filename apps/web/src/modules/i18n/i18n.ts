import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  DEFAULT_LANGUAGE,
  SUPPORTED_LANGUAGES,
  readStoredLanguage,
  resolveLanguage,
  storeLanguage,
} from './language';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/** The app's i18next instance: `zh-CN` unless the user chose otherwise earlier (localStorage). */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: readStoredLanguage(browserStorage()),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...SUPPORTED_LANGUAGES],
  load: 'currentOnly',
  initAsync: false,
  interpolation: { escapeValue: false },
});

function applyDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = resolveLanguage(language);
}

applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', (language) => {
  applyDocumentLanguage(language);
  storeLanguage(browserStorage(), resolveLanguage(language));
});
