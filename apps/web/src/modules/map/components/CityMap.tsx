import type { CityInfo } from '@urbangrid/contracts';
import { useCallback, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapUnavailableError } from '../api/errors';
import type { AsyncState } from '../hooks/async-state';
import { LAYER_ORDER, MAP_SOURCES } from '../layers/map-layers';
import { createMapStyle } from '../layers/map-style';
import { INITIAL_LAYER_VISIBILITY, isToggleVisible, layerVisibilityReducer } from '../layers/visibility';
import { LayerSwitcher } from './LayerSwitcher';
import { MapLayer } from './MapLayer';
import { MapReadySignal } from './MapReadySignal';
import { MapStatus } from './MapStatus';
import { MapView } from './MapView';
import { VectorTileSource } from './VectorTileSource';
import './map.css';

export interface CityMapProps {
  city: AsyncState<CityInfo>;
  onRetryCity: () => void;
}

/** The city map: every region level and the roads, a layer switcher, loading and error states. */
export function CityMap({ city, onRetryCity }: CityMapProps) {
  const { t } = useTranslation();
  const [visibility, dispatch] = useReducer(layerVisibilityReducer, INITIAL_LAYER_VISIBILITY);
  const [mapError, setMapError] = useState<MapUnavailableError | null>(null);
  const [readyGridCount, setReadyGridCount] = useState<number | null>(null);

  const cityInfo = city.status === 'ready' ? city.value : null;
  const style = useMemo(
    () => (cityInfo ? createMapStyle({ basemapUrl: cityInfo.basemapUrl }) : null),
    [cityInfo],
  );
  const gridCount = cityInfo?.counts.grids ?? 0;

  const handleReady = useCallback(() => {
    setReadyGridCount(gridCount);
    window.__URBANGRID_MAP_READY__ = true;
  }, [gridCount]);

  const loading = city.status === 'loading' ? t('map.loadingCity') : null;

  let error: unknown = null;
  let onRetry: (() => void) | undefined;
  if (city.status === 'error') [error, onRetry] = [city.error, onRetryCity];
  else if (mapError) error = mapError;

  return (
    <section className="city-map" aria-label={t('map.label')}>
      {cityInfo && style && !mapError && (
        <MapView
          style={style}
          bounds={cityInfo.dataExtent ?? cityInfo.extent}
          center={cityInfo.center}
          onError={setMapError}
          containerAttributes={
            readyGridCount === null ? undefined : { 'data-grid-count': String(readyGridCount) }
          }
        >
          {MAP_SOURCES.map(({ source, toggle, layers: specs }) => (
            <VectorTileSource key={source} id={source}>
              {specs.map((spec) => (
                <MapLayer
                  key={spec.id}
                  spec={spec}
                  visible={isToggleVisible(visibility, toggle)}
                  order={LAYER_ORDER}
                />
              ))}
            </VectorTileSource>
          ))}
          <MapReadySignal loaded layerIds={LAYER_ORDER} onReady={handleReady} />
        </MapView>
      )}
      <div className="city-map__panel">
        <LayerSwitcher visibility={visibility} onToggle={(layer) => dispatch({ type: 'toggle', layer })} />
      </div>
      <MapStatus loading={error === null ? loading : null} error={error} onRetry={onRetry} />
    </section>
  );
}
