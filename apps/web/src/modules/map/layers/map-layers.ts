import type {
  CircleLayerSpecification,
  FillLayerSpecification,
  LayerSpecification,
  LineLayerSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import { COMPONENT_COUNT_LAYER, COMPONENT_POINT_MINZOOM, type TileLayerName } from '@urbangrid/contracts';
import { mapTheme } from './theme';

/** Groups of layers the user can switch on and off (districts always stay on). */
export const LAYER_TOGGLES = ['roads', 'streets', 'communities', 'grids', 'components'] as const;
export type LayerToggle = (typeof LAYER_TOGGLES)[number];

/** Unit grids are drawn from about this zoom; their codes are labelled from {@link GRID_LABEL_MINZOOM}. */
export const GRID_LINE_MINZOOM = 13;
export const GRID_LABEL_MINZOOM = 16;

const font = [...mapTheme.labelFont];

export const roadsLine: LineLayerSpecification = {
  id: 'roads-line',
  type: 'line',
  source: 'roads',
  'source-layer': 'roads',
  layout: { 'line-cap': 'round', 'line-join': 'round' },
  paint: {
    'line-color': [
      'match',
      ['get', 'roadClass'],
      'arterial',
      mapTheme.road.arterial,
      'secondary',
      mapTheme.road.secondary,
      'branch',
      mapTheme.road.branch,
      mapTheme.road.lane,
    ],
    // Arterials widest, lanes thinnest; everything grows with zoom.
    'line-width': [
      'interpolate',
      ['exponential', 1.6],
      ['zoom'],
      11,
      ['match', ['get', 'roadClass'], 'arterial', 2, 'secondary', 1.2, 'branch', 0.6, 0.4],
      18,
      ['match', ['get', 'roadClass'], 'arterial', 18, 'secondary', 12, 'branch', 7, 4],
    ],
  },
};

export const communitiesFill: FillLayerSpecification = {
  id: 'communities-fill',
  type: 'fill',
  source: 'communities',
  'source-layer': 'communities',
  paint: { 'fill-color': mapTheme.community.fill, 'fill-opacity': mapTheme.community.fillOpacity },
};

export const communitiesOutline: LineLayerSpecification = {
  id: 'communities-outline',
  type: 'line',
  source: 'communities',
  'source-layer': 'communities',
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': mapTheme.community.line,
    'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.6, 16, 1.5],
    'line-dasharray': [3, 2],
  },
};

export const gridsOutline: LineLayerSpecification = {
  id: 'grids-outline',
  type: 'line',
  source: 'grids',
  'source-layer': 'grids',
  minzoom: GRID_LINE_MINZOOM,
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': mapTheme.grid.line,
    'line-width': ['interpolate', ['linear'], ['zoom'], GRID_LINE_MINZOOM, 0.5, 18, 1.5],
    'line-opacity': ['interpolate', ['linear'], ['zoom'], GRID_LINE_MINZOOM, 0.4, GRID_LINE_MINZOOM + 1, 0.9],
  },
};

export const streetsOutline: LineLayerSpecification = {
  id: 'streets-outline',
  type: 'line',
  source: 'streets',
  'source-layer': 'streets',
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': mapTheme.street.line,
    'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.2, 16, 3],
  },
};

export const districtsOutline: LineLayerSpecification = {
  id: 'districts-outline',
  type: 'line',
  source: 'districts',
  'source-layer': 'districts',
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': mapTheme.district.line,
    'line-width': ['interpolate', ['linear'], ['zoom'], 9, 2, 16, 5],
  },
};

const labelPaint = (color: string): SymbolLayerSpecification['paint'] => ({
  'text-color': color,
  'text-halo-color': mapTheme.labelHalo,
  'text-halo-width': 1.5,
  'text-halo-blur': 0.5,
});

export const streetsLabel: SymbolLayerSpecification = {
  id: 'streets-label',
  type: 'symbol',
  source: 'streets',
  'source-layer': 'streets-labels',
  maxzoom: 14,
  layout: {
    'text-field': ['get', 'name'],
    'text-font': font,
    'text-size': ['interpolate', ['linear'], ['zoom'], 10, 12, 13, 15],
    'text-max-width': 8,
    'text-letter-spacing': 0.05,
  },
  paint: labelPaint(mapTheme.street.label),
};

export const communitiesLabel: SymbolLayerSpecification = {
  id: 'communities-label',
  type: 'symbol',
  source: 'communities',
  'source-layer': 'communities-labels',
  minzoom: 14,
  maxzoom: GRID_LABEL_MINZOOM,
  layout: {
    'text-field': ['get', 'name'],
    'text-font': font,
    'text-size': 13,
    'text-max-width': 8,
  },
  paint: labelPaint(mapTheme.community.label),
};

export const gridsLabel: SymbolLayerSpecification = {
  id: 'grids-label',
  type: 'symbol',
  source: 'grids',
  'source-layer': 'grids-labels',
  minzoom: GRID_LABEL_MINZOOM,
  layout: {
    'text-field': ['get', 'code'],
    'text-font': font,
    'text-size': 11,
    'text-max-width': 20,
  },
  paint: labelPaint(mapTheme.grid.label),
};

/** 部件 components, one circle each, coloured by state. */
export const componentsCircle: CircleLayerSpecification = {
  id: 'components-circle',
  type: 'circle',
  source: 'components',
  'source-layer': 'components',
  minzoom: COMPONENT_POINT_MINZOOM,
  paint: {
    'circle-color': [
      'match',
      ['get', 'state'],
      '完好',
      mapTheme.component.intact,
      '破损',
      mapTheme.component.damaged,
      '丢失',
      mapTheme.component.missing,
      '占用',
      mapTheme.component.occupied,
      mapTheme.component.other,
    ],
    'circle-radius': ['interpolate', ['linear'], ['zoom'], COMPONENT_POINT_MINZOOM, 2, 18, 6],
    'circle-stroke-color': mapTheme.component.stroke,
    'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], COMPONENT_POINT_MINZOOM, 0.3, 18, 1.2],
  },
};

/** Below the point zoom: how many components each grid (or community) holds. */
export const componentCountsCircle: CircleLayerSpecification = {
  id: 'component-counts-circle',
  type: 'circle',
  source: 'components',
  'source-layer': COMPONENT_COUNT_LAYER,
  maxzoom: COMPONENT_POINT_MINZOOM,
  paint: {
    'circle-color': mapTheme.component.count,
    'circle-opacity': 0.75,
    'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 6, 30, 18, 100, 30],
  },
};

export const componentCountsLabel: SymbolLayerSpecification = {
  id: 'component-counts-label',
  type: 'symbol',
  source: 'components',
  'source-layer': COMPONENT_COUNT_LAYER,
  maxzoom: COMPONENT_POINT_MINZOOM,
  layout: {
    'text-field': ['to-string', ['get', 'count']],
    'text-font': font,
    'text-size': 11,
    'text-allow-overlap': false,
  },
  paint: {
    'text-color': mapTheme.component.countText,
    'text-halo-color': mapTheme.component.count,
    'text-halo-width': 1,
  },
};

/** A style layer that draws from a source (every type but `background`). */
export type DataLayerSpecification = Exclude<LayerSpecification, { type: 'background' }>;

/** One vector-tile source per API layer, with the map layers drawn from it and the toggle they obey. */
export interface MapSourceDefinition {
  source: TileLayerName;
  toggle: LayerToggle | null;
  layers: readonly DataLayerSpecification[];
}

export const MAP_SOURCES: readonly MapSourceDefinition[] = [
  { source: 'districts', toggle: null, layers: [districtsOutline] },
  { source: 'streets', toggle: 'streets', layers: [streetsOutline, streetsLabel] },
  {
    source: 'communities',
    toggle: 'communities',
    layers: [communitiesFill, communitiesOutline, communitiesLabel],
  },
  { source: 'grids', toggle: 'grids', layers: [gridsOutline, gridsLabel] },
  { source: 'roads', toggle: 'roads', layers: [roadsLine] },
  {
    source: 'components',
    toggle: 'components',
    layers: [componentsCircle, componentCountsCircle, componentCountsLabel],
  },
];

/** Drawing order of the data layers, bottom to top (background and basemap live in the base style). */
export const LAYER_ORDER: readonly string[] = [
  communitiesFill.id,
  roadsLine.id,
  gridsOutline.id,
  communitiesOutline.id,
  streetsOutline.id,
  districtsOutline.id,
  componentCountsCircle.id,
  componentsCircle.id,
  streetsLabel.id,
  communitiesLabel.id,
  gridsLabel.id,
  componentCountsLabel.id,
];

/** Legend swatch of each toggle, for the layer switcher. */
export const TOGGLE_SWATCHES: Readonly<Record<LayerToggle, string>> = {
  roads: mapTheme.road.arterial,
  streets: mapTheme.street.line,
  communities: mapTheme.community.line,
  grids: mapTheme.grid.line,
  components: mapTheme.component.intact,
};
