import type { GeoJSONSource } from 'maplibre-gl';
import type { FeatureCollection } from '@urbangrid/contracts';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { removeSourceWithLayers, useMap } from './map-context';

export interface GeoJsonSourceProps {
  id: string;
  data: FeatureCollection;
  children?: ReactNode;
}

/**
 * A small GeoJSON source (highlights, markers): added on mount, updated with `setData`, removed
 * with its layers on unmount. Layout effect for the same reason as VectorTileSource.
 */
export function GeoJsonSource({ id, data, children }: GeoJsonSourceProps) {
  const map = useMap();
  const initialData = useRef(data);

  useLayoutEffect(() => {
    if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: initialData.current });
    return () => removeSourceWithLayers(map, id);
  }, [map, id]);

  useLayoutEffect(() => {
    // setData resolves when the worker has the data; nothing waits for that.
    void map.getSource<GeoJSONSource>(id)?.setData(data);
  }, [map, id, data]);

  return <>{children}</>;
}
