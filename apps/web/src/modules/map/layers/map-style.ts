import type { StyleSpecification } from 'maplibre-gl';
import { mapTheme } from './theme';

export const BACKGROUND_LAYER_ID = 'background';
export const BASEMAP_SOURCE_ID = 'basemap';
export const BASEMAP_LAYER_ID = 'basemap-raster';

/**
 * The base style: a plain background and, only when the city configures one, a raster basemap.
 * No `glyphs` and no `sprite`: maplibre-gl then draws label glyphs locally (TinySDF), so the map
 * needs no network besides our own API. Data sources and layers are added by components.
 */
export function createMapStyle(options: { basemapUrl: string | null }): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [
      { id: BACKGROUND_LAYER_ID, type: 'background', paint: { 'background-color': mapTheme.background } },
    ],
  };
  if (options.basemapUrl) {
    style.sources[BASEMAP_SOURCE_ID] = {
      type: 'raster',
      tiles: [options.basemapUrl],
      tileSize: 256,
      maxzoom: 19,
    };
    style.layers.push({
      id: BASEMAP_LAYER_ID,
      type: 'raster',
      source: BASEMAP_SOURCE_ID,
      paint: { 'raster-opacity': 0.85 },
    });
  }
  return style;
}
