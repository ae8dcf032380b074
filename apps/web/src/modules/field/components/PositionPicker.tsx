import type { Map as MaplibreMap } from 'maplibre-gl';
import type { BBox, Position } from '@urbangrid/contracts';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeolocationState } from '../hooks/useGeolocation';
import type { CachedGrid } from '../utils/grid-lookup';
import { DraggablePin, FieldMap, FlyTo, MapHandle } from './FieldMap';

export interface PickedPosition {
  point: Position;
  /** Placed or moved by hand (no GNSS fix, or adjusted): recorded on the case. */
  manual: boolean;
}

export interface PositionPickerProps {
  value: PickedPosition | null;
  onChange: (value: PickedPosition) => void;
  geo: GeolocationState;
  onLocate: () => void;
  grids: readonly CachedGrid[];
  city: { bounds: BBox; center: Position };
}

const round = (v: number) => Math.round(v * 1e7) / 1e7;
const rounded = (p: Position): Position => [round(p[0]), round(p[1])];

/**
 * 选定位置: the GNSS fix with a draggable pin on a small map; without a fix the inspector moves
 * the map and takes its centre (keyboard users can pan the focused map with the arrow keys).
 */
export function PositionPicker({ value, onChange, geo, onLocate, grids, city }: PositionPickerProps) {
  const { t } = useTranslation();
  const mapRef = useRef<MaplibreMap | null>(null);
  const onMap = useCallback((map: MaplibreMap | null) => {
    mapRef.current = map;
  }, []);

  const useCentre = () => {
    const map = mapRef.current;
    if (!map) return;
    const { lng, lat } = map.getCenter();
    onChange({ point: rounded([lng, lat]), manual: true });
  };

  return (
    <fieldset className="field-position">
      <legend>{t('field.report.position')}</legend>
      <p className="field-muted" role="status" data-testid="position-status">
        {geo.status === 'locating' && t('field.report.locating')}
        {geo.status === 'unavailable' && !value && t('field.report.noFix')}
        {value?.manual && t('field.report.manual')}
        {value &&
          !value.manual &&
          geo.status === 'fixed' &&
          t('field.report.gpsFix', { accuracy: Math.round(geo.accuracy) })}
      </p>
      <FieldMap
        label={t('field.report.mapLabel')}
        grids={grids}
        cityBounds={city.bounds}
        cityCenter={city.center}
        self={geo.status === 'fixed' ? geo.position : null}
        className="field-map--picker"
      >
        <MapHandle onMap={onMap} />
        {value && (
          <DraggablePin
            position={value.point}
            label={t('field.report.pin')}
            onMove={(p) => onChange({ point: rounded(p), manual: true })}
          />
        )}
        <FlyTo target={value?.point ?? null} />
      </FieldMap>
      <div className="field-actions">
        <button type="button" className="field-button field-button--secondary" onClick={useCentre}>
          {t('field.report.useMapCenter')}
        </button>
        <button type="button" className="field-button field-button--secondary" onClick={onLocate}>
          {t('field.report.useGps')}
        </button>
      </div>
    </fieldset>
  );
}
