import type { CityInfo, FeatureCollection, GridQualityFinding, Position } from '@urbangrid/contracts';
import type { MapGeoJSONFeature } from 'maplibre-gl';
import { useCallback, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FeatureInfoPanel } from '../../feature-info/components/FeatureInfoPanel';
import { useFeatureInfo, type FeatureSelection } from '../../feature-info/hooks/useFeatureInfo';
import { QualityPanel } from '../../quality/components/QualityPanel';
import { useAuth } from '../../auth';
import { useGridQuality } from '../../quality/hooks/useGridQuality';
import { findingsToFeatures } from '../../quality/utils/group-findings';
import { SearchBox } from '../../search/components/SearchBox';
import type { SearchResult } from '../../search/hooks/useSearch';
import type { MapUnavailableError } from '../api/errors';
import { isPosition, isRecord } from '../api/guards';
import { nearestPosition } from '../utils/geometry';
import type { AsyncState } from '../hooks/async-state';
import { LAYER_ORDER, MAP_SOURCES } from '../layers/map-layers';
import { createMapStyle } from '../layers/map-style';
import {
  HIGHLIGHT_SOURCE,
  OVERLAY_ORDER,
  QUALITY_SOURCE,
  SELECTION_SOURCE,
  highlightFill,
  highlightLine,
  qualityCircles,
  selectionPoint,
} from '../layers/overlay-layers';
import { INITIAL_LAYER_VISIBILITY, isToggleVisible, layerVisibilityReducer } from '../layers/visibility';
import { LayerSwitcher } from './LayerSwitcher';
import { MapCamera, type CameraTarget } from './MapCamera';
import { MapClickHandler, type MapClick } from './MapClickHandler';
import { GeoJsonSource } from './GeoJsonSource';
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

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Layers a click can hit: quality markers and drawn component points. */
const COMPONENT_LAYER_IDS = new Set(
  MAP_SOURCES.filter((definition) => definition.source === 'components').flatMap((definition) =>
    definition.layers
      .filter((layer) => layer.type === 'circle' && layer['source-layer'] === 'components')
      .map((layer) => layer.id),
  ),
);
const hitLayers = (ids: readonly string[]) =>
  ids.filter((id) => id === qualityCircles.id || COMPONENT_LAYER_IDS.has(id));

/**
 * Where the clicked component point is, if the click hit one. Tiles carry the points of one class
 * and state as a MultiPoint, so the member nearest to the click is the one that was hit.
 */
function componentHitPoint(hits: readonly MapGeoJSONFeature[], click: Position): Position | null {
  const hit = hits.find((feature) => COMPONENT_LAYER_IDS.has(feature.layer.id));
  // Read as unknown: maplibre types feature geometry with @types/geojson.
  const geometry: unknown = hit?.geometry;
  if (!isRecord(geometry)) return null;
  const coordinates: unknown = geometry.coordinates;
  const points: Position[] =
    geometry.type === 'Point' && isPosition(coordinates)
      ? [coordinates]
      : geometry.type === 'MultiPoint' && Array.isArray(coordinates)
        ? coordinates.filter(isPosition)
        : [];
  return nearestPosition(points, click);
}

/** Room the camera leaves for the info panel: a side panel on a desk, a bottom sheet on a phone. */
function panelPadding() {
  const phone = window.innerWidth <= 640;
  return phone
    ? { top: 60, right: 30, bottom: Math.round(window.innerHeight * 0.5), left: 30 }
    : { top: 60, right: 400, bottom: 40, left: 300 };
}

/**
 * The city map: every region level, roads and components, a layer switcher with grid quality,
 * one search box, and the info panel for a clicked or found point.
 */
export function CityMap({ city, onRetryCity }: CityMapProps) {
  const { t } = useTranslation();
  const isAdmin = useAuth().user?.role === 'admin';
  const [visibility, dispatch] = useReducer(layerVisibilityReducer, INITIAL_LAYER_VISIBILITY);
  const [mapError, setMapError] = useState<MapUnavailableError | null>(null);
  const [readyGridCount, setReadyGridCount] = useState<number | null>(null);
  const [selection, setSelection] = useState<FeatureSelection | null>(null);
  const [camera, setCamera] = useState<CameraTarget | null>(null);
  const [qualityOn, setQualityOn] = useState(false);
  const [findingIndex, setFindingIndex] = useState<number | null>(null);
  const info = useFeatureInfo(selection);
  const quality = useGridQuality(qualityOn);

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

  const report = quality.state?.status === 'ready' ? quality.state.value : null;
  const findings = useMemo(() => (report ? findingsToFeatures(report.findings) : EMPTY), [report]);
  const selectedFinding: GridQualityFinding | null =
    report && findingIndex !== null ? (report.findings[findingIndex] ?? null) : null;

  const highlight = useMemo<FeatureCollection>(
    () =>
      info.grid && selection
        ? {
            type: 'FeatureCollection',
            features: [{ type: 'Feature', geometry: info.grid.geometry, properties: {} }],
          }
        : EMPTY,
    [info.grid, selection],
  );
  const selectedPoint = useMemo<FeatureCollection>(
    () =>
      selection
        ? {
            type: 'FeatureCollection',
            features: [
              { type: 'Feature', geometry: { type: 'Point', coordinates: selection.point }, properties: {} },
            ],
          }
        : EMPTY,
    [selection],
  );

  const handleClick = useCallback((click: MapClick) => {
    const finding = click.hits.find((feature) => feature.layer.id === qualityCircles.id);
    const index: unknown = finding?.properties.index;
    if (typeof index === 'number') {
      setFindingIndex(index);
      return;
    }
    const hitPoint = componentHitPoint(click.hits, click.point);
    setSelection({ point: hitPoint ?? click.point, componentCode: null, componentHit: hitPoint !== null });
  }, []);

  const handleSearch = useCallback((result: SearchResult) => {
    setSelection(result.selection);
    setCamera(result.camera);
  }, []);

  const closeInfo = useCallback(() => setSelection(null), []);

  const toggleQuality = useCallback((on: boolean) => {
    setQualityOn(on);
    setFindingIndex(null);
  }, []);

  const loading = city.status === 'loading' ? t('map.loadingCity') : null;

  let error: unknown = null;
  let onRetry: (() => void) | undefined;
  if (city.status === 'error') [error, onRetry] = [city.error, onRetryCity];
  else if (mapError) error = mapError;

  return (
    <section className={`city-map${selection ? ' city-map--info-open' : ''}`} aria-label={t('map.label')}>
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
          <GeoJsonSource id={HIGHLIGHT_SOURCE} data={highlight}>
            <MapLayer spec={highlightFill} order={OVERLAY_ORDER} />
            <MapLayer spec={highlightLine} order={OVERLAY_ORDER} />
          </GeoJsonSource>
          <GeoJsonSource id={QUALITY_SOURCE} data={findings}>
            <MapLayer spec={qualityCircles} visible={qualityOn} order={OVERLAY_ORDER} />
          </GeoJsonSource>
          <GeoJsonSource id={SELECTION_SOURCE} data={selectedPoint}>
            <MapLayer spec={selectionPoint} order={OVERLAY_ORDER} />
          </GeoJsonSource>
          <MapClickHandler hitLayers={hitLayers} onClick={handleClick} />
          <MapCamera target={camera} padding={camera ? panelPadding() : undefined} />
          <MapReadySignal loaded layerIds={LAYER_ORDER} onReady={handleReady} />
        </MapView>
      )}
      <div className="city-map__panel">
        <SearchBox onResult={handleSearch} />
        <LayerSwitcher visibility={visibility} onToggle={(layer) => dispatch({ type: 'toggle', layer })}>
          {/* Grid-quality checks are an administrator's tool (the API allows only admin). */}
          {isAdmin && (
            <QualityPanel
              enabled={qualityOn}
              onToggle={toggleQuality}
              state={quality.state}
              onRetry={quality.rerun}
              selected={selectedFinding}
            />
          )}
        </LayerSwitcher>
      </div>
      {selection && <FeatureInfoPanel selection={selection} info={info} onClose={closeInfo} />}
      <MapStatus loading={error === null ? loading : null} error={error} onRetry={onRetry} />
    </section>
  );
}
