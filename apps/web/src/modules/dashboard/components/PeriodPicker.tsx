import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PERIOD_KINDS,
  periodDays,
  shiftPeriod,
  addDays,
  type PeriodKind,
  type PeriodSelection,
} from '../utils/period';

export interface PeriodPickerProps {
  value: PeriodSelection;
  onChange: (next: PeriodSelection) => void;
}

/** 统计周期: week, month, quarter, year or a range of days, with previous/next steps. */
export function PeriodPicker({ value, onChange }: PeriodPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const { fromDay, toDay } = periodDays(value);
  const lastDay = addDays(toDay, -1);
  return (
    <fieldset className="period-picker">
      <legend className="visually-hidden">{t('dashboard.period.label')}</legend>
      <label htmlFor={`${id}-kind`} className="visually-hidden">
        {t('dashboard.period.kind')}
      </label>
      <select
        id={`${id}-kind`}
        value={value.kind}
        onChange={(e) => {
          const kind = e.target.value as PeriodKind;
          onChange(
            kind === 'range'
              ? { kind, anchor: fromDay, rangeFrom: fromDay, rangeTo: lastDay }
              : { kind, anchor: value.kind === 'range' ? lastDay : value.anchor },
          );
        }}
      >
        {PERIOD_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`dashboard.period.${k}`)}
          </option>
        ))}
      </select>
      {value.kind === 'range' ? (
        <>
          <label>
            <span className="visually-hidden">{t('dashboard.period.from')}</span>
            <input
              type="date"
              value={value.rangeFrom ?? fromDay}
              onChange={(e) =>
                e.target.value && onChange({ ...value, anchor: e.target.value, rangeFrom: e.target.value })
              }
            />
          </label>
          <span aria-hidden>–</span>
          <label>
            <span className="visually-hidden">{t('dashboard.period.to')}</span>
            <input
              type="date"
              value={value.rangeTo ?? lastDay}
              onChange={(e) => e.target.value && onChange({ ...value, rangeTo: e.target.value })}
            />
          </label>
        </>
      ) : (
        <>
          <button
            type="button"
            className="ug-button ug-button--small"
            aria-label={t('dashboard.period.previous')}
            onClick={() => onChange(shiftPeriod(value, -1))}
          >
            ‹
          </button>
          <output className="period-picker__label" data-testid="period-label">
            {fromDay} – {lastDay}
          </output>
          <button
            type="button"
            className="ug-button ug-button--small"
            aria-label={t('dashboard.period.next')}
            onClick={() => onChange(shiftPeriod(value, 1))}
          >
            ›
          </button>
        </>
      )}
    </fieldset>
  );
}
