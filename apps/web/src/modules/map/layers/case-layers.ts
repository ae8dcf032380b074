import type { CircleLayerSpecification } from 'maplibre-gl';
import { mapTheme } from './theme';

/** GeoJSON source of case points (dispatch desk, case detail); features carry `colour` and `selected`. */
export const CASES_SOURCE = 'cases';

/** Case points coloured by their time-limit status (the list beside the map says it in words). */
export const caseCircles: CircleLayerSpecification = {
  id: 'case-points',
  type: 'circle',
  source: CASES_SOURCE,
  paint: {
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, ['case', ['get', 'selected'], 8, 5], 16, ['case', ['get', 'selected'], 12, 9]],
    'circle-color': [
      'match',
      ['get', 'colour'],
      'green',
      mapTheme.caseClock.green,
      'yellow',
      mapTheme.caseClock.yellow,
      'red',
      mapTheme.caseClock.red,
      mapTheme.caseClock.none,
    ],
    'circle-stroke-color': ['case', ['get', 'selected'], mapTheme.caseClock.selected, mapTheme.caseClock.stroke],
    'circle-stroke-width': ['case', ['get', 'selected'], 3, 1.5],
  },
};

export const CASE_LAYER_ORDER: readonly string[] = [caseCircles.id];
