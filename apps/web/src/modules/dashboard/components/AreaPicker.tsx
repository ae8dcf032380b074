import type { CaseStatsArea } from '@urbangrid/contracts';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface AreaPickerProps {
  areas: readonly CaseStatsArea[];
  /** The chosen region code; '' for the whole district. */
  value: string;
  onChange: (code: string) => void;
}

/** 区域: the district, one of its streets (街道) or one community (社区) of the chosen street. */
export function AreaPicker({ areas, value, onChange }: AreaPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const streets = useMemo(() => areas.filter((a) => a.level === 'street'), [areas]);
  const streetCode = value.length >= 9 ? value.slice(0, 9) : '';
  const communities = useMemo(
    () => areas.filter((a) => a.level === 'community' && a.parentCode === streetCode),
    [areas, streetCode],
  );
  return (
    <div className="area-picker" role="group" aria-label={t('dashboard.area.label')}>
      <label htmlFor={`${id}-street`} className="visually-hidden">
        {t('dashboard.area.street')}
      </label>
      <select id={`${id}-street`} value={streetCode} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('dashboard.area.wholeDistrict')}</option>
        {streets.map((s) => (
          <option key={s.code} value={s.code}>
            {s.name}
          </option>
        ))}
      </select>
      {streetCode && (
        <>
          <label htmlFor={`${id}-community`} className="visually-hidden">
            {t('dashboard.area.community')}
          </label>
          <select
            id={`${id}-community`}
            value={value.length === 12 ? value : ''}
            onChange={(e) => onChange(e.target.value || streetCode)}
          >
            <option value="">{t('dashboard.area.wholeStreet')}</option>
            {communities.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
