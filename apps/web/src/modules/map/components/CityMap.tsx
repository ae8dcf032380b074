import type { CityInfo, FeatureCollection, Geometry } from '@urbangrid/contracts';
import { useCallback, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapUnavailableError } from '../api/errors';
import type { AsyncState } from '../hooks/async-state';
import { useMapLayerData } from '../hooks/useMapLayerData';
import { LAYER_ORDER, MAP_SOURCES } from '../layers/map-layers';
import { createMapStyle } from '../layers/map-style';
import { INITIAL_LAYER_VISIBILITY, isToggleVisible, layerVisibilityReducer } from '../layers/visibility';
import { GeoJsonSource } from './GeoJsonSource';
import { LayerSwitcher } from './LayerSwitcher';
import { MapLayer } from './MapLayer';
import { MapReadySignal } from './MapReadySignal';
import { MapStatus } from './MapStatus';
import { MapView } from './MapView';
import './map.css';

const EMPTY_COLLECTION: FeatureCollection<Geometry, unknown> = { type: 'FeatureCollection', features: [] };

export interface CityMapProps {
  city: AsyncState<CityInfo>;
  onRetryCity: () => void;
}

/** The city map: every region level and the roads, a layer switcher, loading and error states. */
export function CityMap({ city, onRetryCity }: CityMapProps) {
  const { t } = useTranslation();
  const layers = useMapLayerData();
  const [visibility, dispatch] = useReducer(layerVisibilityReducer, INITIAL_LAYER_VISIBILITY);
  const [mapError, setMapError] = useState<MapUnavailableError | null>(null);
  const [readyGridCount, setReadyGridCount] = useState<number | null>(null);

  const cityInfo = city.status === 'ready' ? city.value : null;
  const style = useMemo(
    () => (cityInfo ? createMapStyle({ basemapUrl: cityInfo.basemapUrl }) : null),
    [cityInfo],
  );
  const gridCount = layers.data.grids?.features.length ?? 0;

  const handleReady = useCallback(() => {
    setReadyGridCount(gridCount);
    window.__URBANGRID_MAP_READY__ = true;
  }, [gridCount]);

  let loading: string | null = null;
  if (city.status === 'loading') loading = t('map.loadingCity');
  else if (!layers.allLoaded)
    loading = t('map.loadingLayers', { loaded: layers.loadedCount, total: layers.total });

  let error: unknown = null;
  let onRetry: (() => void) | undefined;
  if (city.status === 'error') [error, onRetry] = [city.error, onRetryCity];
  else if (mapError) error = mapError;
  else if (layers.error !== null) [error, onRetry] = [layers.error, layers.reload];

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
            <GeoJsonSource key={source} id={source} data={layers.data[source] ?? EMPTY_COLLECTION}>
              {specs.map((spec) => (
                <MapLayer
                  key={spec.id}
                  spec={spec}
                  visible={isToggleVisible(visibility, toggle)}
                  order={LAYER_ORDER}
                />
              ))}
            </GeoJsonSource>
          ))}
          <MapReadySignal loaded={layers.allLoaded} layerIds={LAYER_ORDER} onReady={handleReady} />
        </MapView>
      )}
      <div className="city-map__panel">
        <LayerSwitcher visibility={visibility} onToggle={(layer) => dispatch({ type: 'toggle', layer })} />
      </div>
      <MapStatus loading={error === null ? loading : null} error={error} onRetry={onRetry} />
    </section>
  );
}
