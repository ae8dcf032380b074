import { GeoJSONSource } from 'maplibre-gl';
import type { FeatureCollection, Geometry } from '@urbangrid/contracts';
import { useLayoutEffect, type ReactNode } from 'react';
import { isMapRemoved, useMap } from './map-context';

export interface GeoJsonSourceProps {
  id: string;
  /** Any feature properties: region and road layers alike. */
  data: FeatureCollection<Geometry, unknown>;
  /** Layers drawing from this source. */
  children?: ReactNode;
}

/**
 * A GeoJSON source: added on mount, updated with `setData` when `data` changes, removed (with
 * any layer still using it) on unmount. Layout effects run before every passive effect of the
 * commit, so the source exists by the time its child layers add themselves.
 */
export function GeoJsonSource({ id, data, children }: GeoJsonSourceProps) {
  const map = useMap();

  useLayoutEffect(() => {
    return () => {
      if (isMapRemoved(map) || !map.getSource(id)) return;
      for (const layer of map.getStyle().layers) {
        if ('source' in layer && layer.source === id) map.removeLayer(layer.id);
      }
      map.removeSource(id);
    };
  }, [map, id]);

  useLayoutEffect(() => {
    const source = map.getSource(id);
    if (source instanceof GeoJSONSource) {
      void source.setData(data);
    } else {
      map.addSource(id, { type: 'geojson', data });
    }
  }, [map, id, data]);

  return <>{children}</>;
}
