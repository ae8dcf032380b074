export { i18n } from './i18n';
export {
  DEFAULT_LANGUAGE,
  LANGUAGE_STORAGE_KEY,
  SUPPORTED_LANGUAGES,
  isAppLanguage,
  resolveLanguage,
  type AppLanguage,
} from './language';
