import type {
  CircleLayerSpecification,
  FillLayerSpecification,
  HeatmapLayerSpecification,
  LineLayerSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import {
  GRID_LINE_MINZOOM,
  communitiesOutline,
  districtsOutline,
  gridsOutline,
  streetsLabel,
  streetsOutline,
} from '../../map/layers/map-layers';
import { mapTheme } from '../../map/layers/theme';

/**
 * The dashboard's own map layers (typed constants as in modules/map/layers): density fills for
 * communities below the grid zoom and unit grids from it, a heatmap and case clusters.
 */
export const CASE_POINTS_SOURCE = 'dashboard-cases';

/** GeoJSON sources of the region levels (`/api/v1/map/layers/{level}`), one per level. */
export const REGION_SOURCES = {
  districts: 'dashboard-districts',
  streets: 'dashboard-streets',
  communities: 'dashboard-communities',
  grids: 'dashboard-grids',
} as const;

/** The city map's region styles drawn from the dashboard's GeoJSON sources (no source-layer). */
function fromGeoJson<T extends LineLayerSpecification | SymbolLayerSpecification>(
  spec: T,
  source: string,
): T {
  const copy: T = { ...spec, id: `dashboard-${spec.id}`, source };
  delete copy['source-layer'];
  return copy;
}

export const regionOutlines = {
  districts: fromGeoJson(districtsOutline, REGION_SOURCES.districts),
  streets: fromGeoJson(streetsOutline, REGION_SOURCES.streets),
  streetLabels: fromGeoJson(streetsLabel, REGION_SOURCES.streets),
  communities: fromGeoJson(communitiesOutline, REGION_SOURCES.communities),
  grids: fromGeoJson(gridsOutline, REGION_SOURCES.grids),
};

/** The zoom from which clusters break up into single cases. */
export const CLUSTER_MAX_ZOOM = 15;

export const communityDensityFill: FillLayerSpecification = {
  id: 'dashboard-community-density',
  type: 'fill',
  source: REGION_SOURCES.communities,
  maxzoom: GRID_LINE_MINZOOM,
  paint: {
    'fill-color': 'rgba(0,0,0,0)',
    'fill-opacity': 0.75,
    'fill-outline-color': mapTheme.community.line,
  },
};

export const gridDensityFill: FillLayerSpecification = {
  id: 'dashboard-grid-density',
  type: 'fill',
  source: REGION_SOURCES.grids,
  minzoom: GRID_LINE_MINZOOM,
  paint: { 'fill-color': 'rgba(0,0,0,0)', 'fill-opacity': 0.7 },
};

export const caseHeatmap: HeatmapLayerSpecification = {
  id: 'dashboard-case-heat',
  type: 'heatmap',
  source: CASE_POINTS_SOURCE,
  maxzoom: 17,
  paint: {
    // A cluster weighs as many cases as it holds.
    'heatmap-weight': ['coalesce', ['get', 'point_count'], 1],
    'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 10, 0.6, 16, 2],
    'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 10, 12, 16, 28],
    'heatmap-opacity': 0.75,
    'heatmap-color': [
      'interpolate',
      ['linear'],
      ['heatmap-density'],
      0,
      'rgba(255,255,178,0)',
      0.2,
      '#fecc5c',
      0.5,
      '#fd8d3c',
      0.8,
      '#f03b20',
      1,
      '#bd0026',
    ],
  },
};

export const clusterCircles: CircleLayerSpecification = {
  id: 'dashboard-case-clusters',
  type: 'circle',
  source: CASE_POINTS_SOURCE,
  filter: ['has', 'point_count'],
  paint: {
    'circle-color': mapTheme.component.count,
    'circle-opacity': 0.8,
    'circle-stroke-color': mapTheme.caseClock.stroke,
    'circle-stroke-width': 1.5,
    'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'point_count']], 1, 9, 10, 16, 40, 28],
  },
};

export const clusterLabels: SymbolLayerSpecification = {
  id: 'dashboard-case-cluster-labels',
  type: 'symbol',
  source: CASE_POINTS_SOURCE,
  filter: ['has', 'point_count'],
  layout: {
    'text-field': ['get', 'point_count_abbreviated'],
    'text-font': [...mapTheme.labelFont],
    'text-size': 11,
    'text-allow-overlap': true,
  },
  paint: { 'text-color': mapTheme.component.countText },
};

export const casePoints: CircleLayerSpecification = {
  id: 'dashboard-case-points',
  type: 'circle',
  source: CASE_POINTS_SOURCE,
  filter: ['!', ['has', 'point_count']],
  paint: {
    'circle-color': mapTheme.caseClock.none,
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3, 17, 6],
    'circle-stroke-color': mapTheme.caseClock.stroke,
    'circle-stroke-width': 1,
  },
};

/** Bottom to top. */
export const DASHBOARD_LAYER_ORDER: readonly string[] = [
  communityDensityFill.id,
  gridDensityFill.id,
  regionOutlines.communities.id,
  regionOutlines.grids.id,
  regionOutlines.streets.id,
  regionOutlines.districts.id,
  caseHeatmap.id,
  clusterCircles.id,
  clusterLabels.id,
  casePoints.id,
  regionOutlines.streetLabels.id,
];
