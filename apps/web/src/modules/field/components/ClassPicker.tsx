import type { ClassKindName } from '@urbangrid/contracts';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchClasses, type ClassTable, type SmallClassOption } from '../utils/class-search';

export interface ClassChoice {
  kind: ClassKindName;
  bigCode: string;
  smallCode: string;
}

export interface ClassPickerProps {
  table: ClassTable;
  value: ClassChoice;
  onChange: (value: ClassChoice) => void;
  invalid?: boolean;
}

/** 类型 → 大类 → 小类 with a search box over the small classes of the chosen type. */
export function ClassPicker({ table, value, onChange, invalid = false }: ClassPickerProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const english = i18n.language.startsWith('en');
  const nameOf = (c: { name: string; nameEn: string | null }) => (english && c.nameEn ? c.nameEn : c.name);
  const bigs = table.big(value.kind);
  const smalls = value.bigCode ? table.small(value.kind, value.bigCode) : [];
  const results = useMemo(() => searchClasses(table.allSmall(value.kind), query), [table, value.kind, query]);
  const chosen = value.smallCode ? table.find(value.kind, value.smallCode) : null;

  const pick = (option: SmallClassOption) => {
    onChange({ kind: option.kind, bigCode: option.bigCode, smallCode: option.code });
    setQuery('');
  };

  return (
    <fieldset className="field-classes">
      <legend>{t('field.report.smallClass')}</legend>
      <div className="field-segmented" role="radiogroup" aria-label={t('field.report.kind')}>
        {(['event', 'component'] as const).map((kind) => (
          <label key={kind} className="field-segmented__option">
            <input
              type="radio"
              name={`${id}-kind`}
              value={kind}
              checked={value.kind === kind}
              onChange={() => onChange({ kind, bigCode: '', smallCode: '' })}
            />
            <span>{t(`field.report.kinds.${kind}`)}</span>
          </label>
        ))}
      </div>

      <label className="field-label" htmlFor={`${id}-search`}>
        {t('field.report.search')}
      </label>
      <input
        id={`${id}-search`}
        className="field-input"
        type="search"
        value={query}
        placeholder={t('field.report.searchPlaceholder')}
        onChange={(e) => setQuery(e.target.value)}
        aria-controls={`${id}-results`}
        autoComplete="off"
      />
      {query.trim() && (
        <div id={`${id}-results`} className="field-class-results">
          <p className="field-muted" role="status">
            {results.length
              ? t('field.report.searchResults', { count: results.length })
              : t('field.report.noMatch')}
          </p>
          <ul>
            {results.map((option) => (
              <li key={option.code}>
                <button type="button" className="field-class-result" onClick={() => pick(option)}>
                  <span className="field-class-result__name">{nameOf(option)}</span>
                  <span className="field-muted">
                    {option.code} · {english && option.bigNameEn ? option.bigNameEn : option.bigName}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <label className="field-label" htmlFor={`${id}-big`}>
        {t('field.report.bigClass')}
      </label>
      <select
        id={`${id}-big`}
        className="field-input"
        value={value.bigCode}
        onChange={(e) => onChange({ kind: value.kind, bigCode: e.target.value, smallCode: '' })}
      >
        <option value="">{t('field.report.choose')}</option>
        {bigs.map((c) => (
          <option key={c.code} value={c.code}>
            {c.code} {nameOf(c)}
          </option>
        ))}
      </select>

      <label className="field-label" htmlFor={`${id}-small`}>
        {t('field.report.smallClass')}
      </label>
      <select
        id={`${id}-small`}
        className="field-input"
        value={value.smallCode}
        disabled={!value.bigCode}
        aria-invalid={invalid && !value.smallCode}
        data-testid="small-class"
        onChange={(e) => onChange({ ...value, smallCode: e.target.value })}
      >
        <option value="">{t('field.report.choose')}</option>
        {smalls.map((c) => (
          <option key={c.code} value={c.code}>
            {c.code} {nameOf(c)}
          </option>
        ))}
      </select>
      {chosen && (
        <p className="field-chosen" data-testid="chosen-class">
          {t('field.report.chosen', {
            big: english && chosen.bigNameEn ? chosen.bigNameEn : chosen.bigName,
            small: nameOf(chosen),
          })}
        </p>
      )}
    </fieldset>
  );
}
