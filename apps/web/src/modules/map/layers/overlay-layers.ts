import type { CircleLayerSpecification, FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl';
import { mapTheme } from './theme';

/** GeoJSON sources drawn above the tile layers. */
export const HIGHLIGHT_SOURCE = 'highlight';
export const SELECTION_SOURCE = 'selection';
export const QUALITY_SOURCE = 'quality-findings';

/** The selected unit grid: a light fill and a thick outline. */
export const highlightFill: FillLayerSpecification = {
  id: 'highlight-fill',
  type: 'fill',
  source: HIGHLIGHT_SOURCE,
  paint: { 'fill-color': mapTheme.highlight.fill, 'fill-opacity': 0.18 },
};

export const highlightLine: LineLayerSpecification = {
  id: 'highlight-line',
  type: 'line',
  source: HIGHLIGHT_SOURCE,
  layout: { 'line-join': 'round' },
  paint: { 'line-color': mapTheme.highlight.line, 'line-width': 3.5 },
};

/** The clicked or found point. */
export const selectionPoint: CircleLayerSpecification = {
  id: 'selection-point',
  type: 'circle',
  source: SELECTION_SOURCE,
  paint: {
    'circle-radius': 6,
    'circle-color': mapTheme.highlight.line,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 2,
  },
};

/** Grid quality findings: red errors, amber warnings. */
export const qualityCircles: CircleLayerSpecification = {
  id: 'quality-findings',
  type: 'circle',
  source: QUALITY_SOURCE,
  paint: {
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 5, 16, 9],
    'circle-color': ['match', ['get', 'severity'], 'error', mapTheme.quality.error, mapTheme.quality.warning],
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 1.5,
  },
};

/** Overlays bottom to top; they are added after the tile layers, so they sit above them. */
export const OVERLAY_ORDER: readonly string[] = [
  highlightFill.id,
  highlightLine.id,
  qualityCircles.id,
  selectionPoint.id,
];
