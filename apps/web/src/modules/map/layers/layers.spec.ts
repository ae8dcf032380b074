import { COMPONENT_COUNT_LAYER, TILE_LAYERS } from '@urbangrid/contracts';
import { describe, expect, it } from 'vitest';
import { findBeforeId } from './layer-order';
import {
  GRID_LABEL_MINZOOM,
  GRID_LINE_MINZOOM,
  LAYER_ORDER,
  LAYER_TOGGLES,
  MAP_SOURCES,
  gridsLabel,
  gridsOutline,
  roadsLine,
} from './map-layers';
import { BASEMAP_LAYER_ID, createMapStyle } from './map-style';
import { mapTheme } from './theme';

const allLayers = MAP_SOURCES.flatMap((definition) => definition.layers);

describe('map layer definitions', () => {
  it('have one source per API layer and every toggle used', () => {
    expect(MAP_SOURCES.map((definition) => definition.source).sort()).toEqual([...TILE_LAYERS].sort());
    expect(new Set(MAP_SOURCES.map((definition) => definition.toggle).filter(Boolean))).toEqual(
      new Set(LAYER_TOGGLES),
    );
  });

  it('draw each layer from its own source, in a total order', () => {
    for (const definition of MAP_SOURCES) {
      for (const layer of definition.layers)
        expect('source' in layer && layer.source, layer.id).toBe(definition.source);
    }
    const ids = allLayers.map((layer) => layer.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...LAYER_ORDER].sort()).toEqual([...ids].sort());
  });

  it('read each layer from its tile layer: polygons and lines, -labels points, component points or counts', () => {
    for (const definition of MAP_SOURCES) {
      for (const layer of definition.layers) {
        const regionWant = layer.type === 'symbol' ? `${definition.source}-labels` : definition.source;
        // Components: points in their own layer, counts (circle and number) below the point zoom.
        const want =
          definition.source !== 'components'
            ? regionWant
            : layer.maxzoom !== undefined
              ? COMPONENT_COUNT_LAYER
              : 'components';
        expect('source-layer' in layer && layer['source-layer'], layer.id).toBe(want);
      }
    }
  });

  it('put boundaries above fills and labels on top', () => {
    const at = (id: string) => LAYER_ORDER.indexOf(id);
    expect(at('communities-fill')).toBe(0);
    expect(at('streets-outline')).toBeGreaterThan(at('communities-outline'));
    expect(at('districts-outline')).toBeGreaterThan(at('streets-outline'));
    for (const layer of allLayers.filter((l) => l.type === 'symbol')) {
      expect(at(layer.id), layer.id).toBeGreaterThan(at('districts-outline'));
    }
  });

  it('draw unit grids in magenta from about zoom 13 and label them with their code from zoom 16', () => {
    expect(gridsOutline.minzoom).toBe(GRID_LINE_MINZOOM);
    expect(GRID_LINE_MINZOOM).toBe(13);
    expect(gridsOutline.paint?.['line-color']).toBe(mapTheme.grid.line);
    expect(gridsLabel.minzoom).toBe(GRID_LABEL_MINZOOM);
    expect(GRID_LABEL_MINZOOM).toBe(16);
    expect(gridsLabel.layout?.['text-field']).toEqual(['get', 'code']);
  });

  it('give every label a local font stack and a halo', () => {
    for (const layer of allLayers) {
      if (layer.type !== 'symbol') continue;
      expect(layer.layout?.['text-font'], layer.id).toEqual(['sans-serif']);
      expect(layer.paint?.['text-halo-width'], layer.id).toBeGreaterThan(0);
    }
  });

  it('make arterial roads wider than lanes at every zoom stop', () => {
    const width = roadsLine.paint?.['line-width'];
    expect(Array.isArray(width)).toBe(true);
    const stops = (width as unknown[]).slice(3);
    for (let i = 0; i < stops.length; i += 2) {
      const match = stops[i + 1] as unknown[];
      const arterial = match[match.indexOf('arterial') + 1] as number;
      const fallback = match[match.length - 1] as number;
      expect(arterial).toBeGreaterThan(fallback);
    }
  });
});

describe('createMapStyle', () => {
  it('has no glyphs, no sprite and no external URL without a basemap', () => {
    const style = createMapStyle({ basemapUrl: null });
    expect('glyphs' in style).toBe(false);
    expect('sprite' in style).toBe(false);
    expect(JSON.stringify(style)).not.toMatch(/https?:|\/\//);
    expect(style.layers.map((layer) => layer.type)).toEqual(['background']);
  });

  it('adds a configured raster basemap at the bottom, above the background', () => {
    const style = createMapStyle({ basemapUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' });
    expect('glyphs' in style).toBe(false);
    expect(style.layers.map((layer) => layer.id)).toEqual(['background', BASEMAP_LAYER_ID]);
    expect(Object.values(style.sources)).toEqual([
      expect.objectContaining({ type: 'raster', tiles: ['https://tiles.example.org/{z}/{x}/{y}.png'] }),
    ]);
  });
});

describe('findBeforeId', () => {
  const order = ['a', 'b', 'c', 'd'];
  it('inserts below the next existing layer in the order', () => {
    expect(findBeforeId(order, 'a', (id) => id === 'c' || id === 'd')).toBe('c');
    expect(findBeforeId(order, 'b', () => true)).toBe('c');
  });
  it('goes on top when nothing above exists or the layer is not ordered', () => {
    expect(findBeforeId(order, 'b', (id) => id === 'a')).toBeUndefined();
    expect(findBeforeId(order, 'd', () => true)).toBeUndefined();
    expect(findBeforeId(order, 'zzz', () => true)).toBeUndefined();
  });
});
