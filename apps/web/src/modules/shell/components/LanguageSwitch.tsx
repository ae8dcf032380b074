import { useTranslation } from 'react-i18next';
import { SUPPORTED_LANGUAGES, resolveLanguage, type AppLanguage } from '../../i18n/language';

const LABEL_KEYS = { 'zh-CN': 'language.zhCN', en: 'language.en' } as const satisfies Record<
  AppLanguage,
  string
>;

/** 中文 / English toggle buttons; i18n persists the choice and sets `<html lang>`. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = resolveLanguage(i18n.resolvedLanguage ?? i18n.language);
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {SUPPORTED_LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-switch__option"
          aria-pressed={current === language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {t(LABEL_KEYS[language])}
        </button>
      ))}
    </div>
  );
}
