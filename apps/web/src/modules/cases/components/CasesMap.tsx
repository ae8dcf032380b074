import type { BBox, CityInfo, DeadlineColour, FeatureCollection, Position } from '@urbangrid/contracts';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapUnavailableError } from '../../map/api/errors';
import { GeoJsonSource } from '../../map/components/GeoJsonSource';
import { MapClickHandler, type MapClick } from '../../map/components/MapClickHandler';
import { MapLayer } from '../../map/components/MapLayer';
import { MapStatus } from '../../map/components/MapStatus';
import { MapView } from '../../map/components/MapView';
import { VectorTileSource } from '../../map/components/VectorTileSource';
import type { AsyncState } from '../../map/hooks/async-state';
import { CASES_SOURCE, CASE_LAYER_ORDER, caseCircles } from '../../map/layers/case-layers';
import { LAYER_ORDER, MAP_SOURCES } from '../../map/layers/map-layers';
import { createMapStyle } from '../../map/layers/map-style';

export interface CaseMapPoint {
  id: string;
  position: Position;
  colour: DeadlineColour | null;
}

export interface CasesMapProps {
  city: AsyncState<CityInfo>;
  points: readonly CaseMapPoint[];
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  /** Open around these points (a case detail) instead of the whole city. */
  focus?: Position | null;
  label: string;
}

/** Roads and region outlines only: components would hide the case points. */
const CONTEXT_SOURCES = MAP_SOURCES.filter((s) => s.source !== 'components');

const around = ([lon, lat]: Position): BBox => [lon - 0.004, lat - 0.003, lon + 0.004, lat + 0.003];

/** Case points on the city map, coloured by time-limit status; a click selects a case. */
export function CasesMap({ city, points, selectedId, onSelect, focus, label }: CasesMapProps) {
  const { t } = useTranslation();
  const [mapError, setMapError] = useState<MapUnavailableError | null>(null);
  const info = city.status === 'ready' ? city.value : null;
  const style = useMemo(() => (info ? createMapStyle({ basemapUrl: info.basemapUrl }) : null), [info]);
  const data = useMemo<FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: points.map((p) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: p.position },
        properties: { id: p.id, colour: p.colour ?? 'none', selected: p.id === selectedId },
      })),
    }),
    [points, selectedId],
  );
  const handleClick = useCallback(
    (click: MapClick) => {
      const id: unknown = click.hits[0]?.properties.id;
      if (typeof id === 'string') onSelect?.(id);
    },
    [onSelect],
  );
  const hitLayers = useCallback(() => [caseCircles.id], []);

  return (
    <section className="cases-map" aria-label={label}>
      {info && style && !mapError && (
        <MapView
          style={style}
          bounds={focus ? around(focus) : (info.dataExtent ?? info.extent)}
          center={focus ?? info.center}
          onError={setMapError}
        >
          {CONTEXT_SOURCES.map(({ source, layers }) => (
            <VectorTileSource key={source} id={source}>
              {layers.map((spec) => (
                <MapLayer key={spec.id} spec={spec} order={LAYER_ORDER} />
              ))}
            </VectorTileSource>
          ))}
          <GeoJsonSource id={CASES_SOURCE} data={data}>
            <MapLayer spec={caseCircles} order={CASE_LAYER_ORDER} />
          </GeoJsonSource>
          {onSelect && <MapClickHandler hitLayers={hitLayers} onClick={handleClick} />}
        </MapView>
      )}
      <MapStatus
        loading={city.status === 'loading' ? t('map.loadingCity') : null}
        error={city.status === 'error' ? city.error : mapError}
      />
      <ul className="cases-map__legend" aria-label={t('cases.mapLegend')}>
        {(['green', 'yellow', 'red'] as const).map((c) => (
          <li key={c}>
            <span className={`case-countdown__dot case-countdown--${c}`} aria-hidden="true" />
            {t(`cases.colours.${c}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
