import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureInfo, FeatureSelection } from '../hooks/useFeatureInfo';
import {
  className,
  componentStateKey,
  formatDepartment,
  formatPosition,
  roundDistance,
} from '../utils/format';
import { FieldList } from './FieldList';
import { LookupSection } from './LookupSection';
import './feature-info.css';

export interface FeatureInfoPanelProps {
  selection: FeatureSelection;
  info: FeatureInfo;
  onClose: () => void;
}

/**
 * What is at the selected point: its unit grid, community, street and district, the address
 * description and, when one was hit, the component. A side panel on a desk, a bottom sheet on a
 * phone (CSS). Focus moves to its heading when it opens; Escape closes it.
 */
export function FeatureInfoPanel({ selection, info, onClose }: FeatureInfoPanelProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [selection]);

  // On close, focus goes back to where it was when the panel opened (the search box, say).
  useEffect(() => {
    const opener = document.activeElement;
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const distance = (metres: number) => {
    const { value, unit } = roundDistance(metres);
    return t(unit === 'm' ? 'featureInfo.distanceM' : 'featureInfo.distanceKm', { value });
  };
  const stateText = (state: string) => {
    const key = componentStateKey(state);
    return key ? t(`featureInfo.states.${key}`) : state;
  };
  const showComponent = selection.componentCode !== null || selection.componentHit;

  return (
    <aside className="feature-info" aria-labelledby={titleId} data-testid="feature-info">
      <header className="feature-info__header">
        <h2 id={titleId} ref={headingRef} tabIndex={-1} className="feature-info__title">
          {t('featureInfo.title')}
        </h2>
        <button
          type="button"
          className="feature-info__close"
          onClick={onClose}
          aria-label={t('featureInfo.close')}
          title={t('featureInfo.close')}
        >
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <p className="feature-info__coords">{formatPosition(selection.point)}</p>

      {showComponent && (
        <LookupSection
          title={t('featureInfo.component.title')}
          state={info.component}
          empty={t('featureInfo.component.none')}
          testId="feature-info-component"
        >
          {(component) => (
            <FieldList
              fields={[
                { name: 'code', label: t('featureInfo.component.code'), value: component.code },
                {
                  name: 'class',
                  label: t('featureInfo.component.class'),
                  value: `${className(info.componentClass, i18n.language) ?? component.name} (${component.classCode})`,
                },
                {
                  name: 'state',
                  label: t('featureInfo.component.state'),
                  value: stateText(component.state),
                },
                {
                  name: 'maintainer',
                  label: t('featureInfo.component.maintainer'),
                  value: formatDepartment(component.maintainer),
                },
                {
                  name: 'owner',
                  label: t('featureInfo.component.owner'),
                  value: formatDepartment(component.owner),
                },
                {
                  name: 'initialDate',
                  label: t('featureInfo.component.initialDate'),
                  value: component.initialDate,
                },
                {
                  name: 'changeDate',
                  label: t('featureInfo.component.changeDate'),
                  value: component.changeDate,
                },
              ]}
            />
          )}
        </LookupSection>
      )}

      <LookupSection
        title={t('featureInfo.regions.title')}
        state={info.regions}
        empty={t('featureInfo.regions.none')}
        testId="feature-info-regions"
      >
        {(regions) => (
          <FieldList
            fields={[
              { name: 'grid', label: t('featureInfo.regions.grid'), value: regions.grid.code },
              {
                name: 'community',
                label: t('featureInfo.regions.community'),
                value: `${regions.community.name} (${regions.community.code})`,
              },
              { name: 'street', label: t('featureInfo.regions.street'), value: regions.street.name },
              { name: 'district', label: t('featureInfo.regions.district'), value: regions.district.name },
            ]}
          />
        )}
      </LookupSection>

      <LookupSection
        title={t('featureInfo.address.title')}
        state={info.address}
        empty={t('featureInfo.address.none')}
        testId="feature-info-address"
      >
        {(address) =>
          address.description === null && address.nearestAddress === null ? (
            <p className="feature-info__muted">{t('featureInfo.address.none')}</p>
          ) : (
            <FieldList
              fields={[
                {
                  name: 'description',
                  label: t('featureInfo.address.description'),
                  value: address.description,
                },
                {
                  name: 'nearestAddress',
                  label: t('featureInfo.address.nearest'),
                  value: address.nearestAddress
                    ? `${address.nearestAddress.label} · ${distance(address.nearestAddress.distanceM)}`
                    : null,
                },
              ]}
            />
          )
        }
      </LookupSection>
    </aside>
  );
}
