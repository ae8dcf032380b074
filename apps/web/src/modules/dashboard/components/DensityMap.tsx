import type { CaseStatsByGrid, CaseStatsPoints, CityInfo, FeatureCollection } from '@urbangrid/contracts';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapUnavailableError } from '../../map/api/errors';
import { MapClickHandler, type MapClick } from '../../map/components/MapClickHandler';
import { MapLayer } from '../../map/components/MapLayer';
import { MapReadySignal } from '../../map/components/MapReadySignal';
import { MapStatus } from '../../map/components/MapStatus';
import { MapView } from '../../map/components/MapView';
import { useMap } from '../../map/components/map-context';
import type { AsyncState } from '../../map';
import { createMapStyle } from '../../map/layers/map-style';
import '../../map/components/map.css';
import { densityBreaks, gridColourExpression, legendEntries } from '../utils/choropleth';
import {
  CASE_POINTS_SOURCE,
  DASHBOARD_LAYER_ORDER,
  REGION_SOURCES,
  regionOutlines,
  caseHeatmap,
  casePoints,
  clusterCircles,
  clusterLabels,
  communityDensityFill,
  gridDensityFill,
} from '../utils/density-layers';
import { ClusterSource } from './ClusterSource';
import { UrlGeoJsonSource } from './UrlGeoJsonSource';

export interface DensityMapProps {
  city: CityInfo;
  byGrid: AsyncState<CaseStatsByGrid> | null;
  points: AsyncState<CaseStatsPoints> | null;
  /** A grid or community was clicked: list its cases. */
  onRegion: (code: string, name: string) => void;
  /** Called once the map has drawn the period's data (first idle after it arrived). */
  onReady?: () => void;
}

const READY_LAYERS = [communityDensityFill.id, gridDensityFill.id, clusterCircles.id];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Adds the counts of the grids of each community (the community code is the grid code's first 12 digits). */
function communityCounts(items: readonly { gridCode: string; count: number }[]) {
  const sums = new Map<string, number>();
  for (const { gridCode, count } of items) {
    const code = gridCode.slice(0, 12);
    sums.set(code, (sums.get(code) ?? 0) + count);
  }
  return [...sums].map(([gridCode, count]) => ({ gridCode, count }));
}

/** Zooms into a clicked cluster (it breaks up at the zoom its points separate). */
function ClusterZoom({ target }: { target: { id: number; centre: [number, number] } | null }) {
  const map: MaplibreMap = useMap();
  useEffect(() => {
    if (!target) return;
    const source = map.getSource<GeoJSONSource>(CASE_POINTS_SOURCE);
    void source
      ?.getClusterExpansionZoom(target.id)
      .then((zoom) => map.easeTo({ center: target.centre, zoom }));
  }, [map, target]);
  return null;
}

/**
 * 问题密度 map: communities (below the grid zoom) and unit grids (from it) coloured by the cases
 * reported in the period, a heatmap, and the cases as clusters that break up into points.
 */
export function DensityMap({ city, byGrid, points, onRegion, onReady }: DensityMapProps) {
  const { t } = useTranslation();
  const [mapError, setMapError] = useState<MapUnavailableError | null>(null);
  const [show, setShow] = useState({ density: true, heat: false, cases: true });
  const [clusterTarget, setClusterTarget] = useState<{ id: number; centre: [number, number] } | null>(null);
  const style = useMemo(() => createMapStyle({ basemapUrl: city.basemapUrl }), [city]);

  const counts = useMemo(() => (byGrid?.status === 'ready' ? byGrid.value.items : []), [byGrid]);
  const gridBreaks = useMemo(() => densityBreaks(counts.map((c) => c.count)), [counts]);
  const communities = useMemo(() => communityCounts(counts), [counts]);
  const communityBreaks = useMemo(() => densityBreaks(communities.map((c) => c.count)), [communities]);

  const gridFill = useMemo(
    () => ({
      ...gridDensityFill,
      paint: { ...gridDensityFill.paint, 'fill-color': gridColourExpression(counts, gridBreaks) },
    }),
    [counts, gridBreaks],
  ) as typeof gridDensityFill;
  const communityFill = useMemo(
    () => ({
      ...communityDensityFill,
      paint: {
        ...communityDensityFill.paint,
        'fill-color': gridColourExpression(communities, communityBreaks),
      },
    }),
    [communities, communityBreaks],
  ) as typeof communityDensityFill;

  const pointData = useMemo<FeatureCollection>(
    () =>
      points?.status === 'ready'
        ? {
            type: 'FeatureCollection',
            features: points.value.points.map((coordinates) => ({
              type: 'Feature',
              geometry: { type: 'Point', coordinates },
              properties: {},
            })),
          }
        : EMPTY,
    [points],
  );

  const handleClick = useCallback(
    (click: MapClick) => {
      const cluster = click.hits.find((f) => f.layer.id === clusterCircles.id);
      const clusterId: unknown = cluster?.properties.cluster_id;
      if (typeof clusterId === 'number') {
        setClusterTarget({ id: clusterId, centre: click.point });
        return;
      }
      const region = click.hits.find(
        (f) => f.layer.id === gridDensityFill.id || f.layer.id === communityDensityFill.id,
      );
      const code: unknown = region?.properties.code;
      const name: unknown = region?.properties.name;
      if (typeof code === 'string') onRegion(code, typeof name === 'string' ? name : code);
    },
    [onRegion],
  );
  const hitLayers = useCallback(() => [clusterCircles.id, gridDensityFill.id, communityDensityFill.id], []);

  const legend = legendEntries(gridBreaks);
  const loading =
    byGrid?.status === 'loading' || points?.status === 'loading' ? t('dashboard.map.loading') : null;
  const error =
    mapError ??
    (byGrid?.status === 'error' ? byGrid.error : points?.status === 'error' ? points.error : null);

  return (
    <section className="dashboard-map" aria-label={t('dashboard.map.label')}>
      {!mapError && (
        <MapView
          style={style}
          bounds={city.dataExtent ?? city.extent}
          center={city.center}
          onError={setMapError}
        >
          <UrlGeoJsonSource id={REGION_SOURCES.communities} url="/api/v1/map/layers/communities">
            <MapLayer spec={communityFill} visible={show.density} order={DASHBOARD_LAYER_ORDER} />
            <MapLayer spec={regionOutlines.communities} order={DASHBOARD_LAYER_ORDER} />
          </UrlGeoJsonSource>
          <UrlGeoJsonSource id={REGION_SOURCES.grids} url="/api/v1/map/layers/grids">
            <MapLayer spec={gridFill} visible={show.density} order={DASHBOARD_LAYER_ORDER} />
            <MapLayer spec={regionOutlines.grids} order={DASHBOARD_LAYER_ORDER} />
          </UrlGeoJsonSource>
          <UrlGeoJsonSource id={REGION_SOURCES.streets} url="/api/v1/map/layers/streets">
            <MapLayer spec={regionOutlines.streets} order={DASHBOARD_LAYER_ORDER} />
            <MapLayer spec={regionOutlines.streetLabels} order={DASHBOARD_LAYER_ORDER} />
          </UrlGeoJsonSource>
          <UrlGeoJsonSource id={REGION_SOURCES.districts} url="/api/v1/map/layers/districts">
            <MapLayer spec={regionOutlines.districts} order={DASHBOARD_LAYER_ORDER} />
          </UrlGeoJsonSource>
          <ClusterSource id={CASE_POINTS_SOURCE} data={pointData}>
            <MapLayer spec={caseHeatmap} visible={show.heat} order={DASHBOARD_LAYER_ORDER} />
            <MapLayer spec={clusterCircles} visible={show.cases} order={DASHBOARD_LAYER_ORDER} />
            <MapLayer spec={clusterLabels} visible={show.cases} order={DASHBOARD_LAYER_ORDER} />
            <MapLayer spec={casePoints} visible={show.cases} order={DASHBOARD_LAYER_ORDER} />
          </ClusterSource>
          <MapClickHandler hitLayers={hitLayers} onClick={handleClick} />
          <ClusterZoom target={clusterTarget} />
          {onReady && (
            <MapReadySignal
              loaded={byGrid?.status === 'ready' && points?.status === 'ready'}
              layerIds={READY_LAYERS}
              onReady={onReady}
            />
          )}
        </MapView>
      )}
      <div className="dashboard-map__controls">
        <fieldset className="dashboard-map__layers">
          <legend>{t('dashboard.map.layers')}</legend>
          {(['density', 'heat', 'cases'] as const).map((key) => (
            <label key={key}>
              <input
                type="checkbox"
                checked={show[key]}
                onChange={(e) => setShow((s) => ({ ...s, [key]: e.target.checked }))}
              />
              {t(`dashboard.map.${key}`)}
            </label>
          ))}
        </fieldset>
        {show.density && (
          <div className="dashboard-legend" data-testid="density-legend">
            <div className="dashboard-legend__title">{t('dashboard.map.legendTitle')}</div>
            {legend.length === 0 ? (
              <div className="dashboard-legend__empty">{t('dashboard.map.noCases')}</div>
            ) : (
              <ul>
                {legend.map((entry) => (
                  <li key={entry.from}>
                    <span
                      className="dashboard-legend__swatch"
                      style={{ background: entry.colour }}
                      aria-hidden
                    />
                    {entry.to === null
                      ? t('dashboard.map.legendOpen', { from: entry.from })
                      : entry.to === entry.from
                        ? String(entry.from)
                        : t('dashboard.map.legendRange', { from: entry.from, to: entry.to })}
                  </li>
                ))}
              </ul>
            )}
            <div className="dashboard-legend__note">{t('dashboard.map.legendNote')}</div>
            {points?.status === 'ready' && points.value.truncated && (
              <div className="dashboard-legend__note">
                {t('dashboard.map.sampled', { shown: points.value.points.length, total: points.value.total })}
              </div>
            )}
          </div>
        )}
      </div>
      <MapStatus loading={error === null ? loading : null} error={error} />
    </section>
  );
}
