import type { Map as MaplibreMap } from 'maplibre-gl';
import { createContext, useContext } from 'react';

/** The loaded map, provided by {@link MapView} to its declarative children. */
export const MapContext = createContext<MaplibreMap | null>(null);

export function useMap(): MaplibreMap {
  const map = useContext(MapContext);
  if (!map) throw new Error('useMap() must be used inside <MapView>');
  return map;
}

const removedMaps = new WeakSet<MaplibreMap>();

/**
 * React runs a deleted parent's effect cleanups before its children's, so a source or layer may
 * clean up after its map is gone; they check this first.
 */
export function isMapRemoved(map: MaplibreMap): boolean {
  return removedMaps.has(map);
}

export function markMapRemoved(map: MaplibreMap): void {
  removedMaps.add(map);
}

/** Removes a source and every layer still drawing from it (a no-op once the map is gone). */
export function removeSourceWithLayers(map: MaplibreMap, id: string): void {
  if (isMapRemoved(map) || !map.getSource(id)) return;
  for (const layer of map.getStyle().layers) {
    if ('source' in layer && layer.source === id) map.removeLayer(layer.id);
  }
  map.removeSource(id);
}
