import type { GeoJSONSource } from 'maplibre-gl';
import type { FeatureCollection } from '@urbangrid/contracts';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { removeSourceWithLayers, useMap } from '../../map/components/map-context';
import { CLUSTER_MAX_ZOOM } from '../utils/density-layers';

/**
 * A clustered GeoJSON source of case points (GeoJSON is fine below 50,000 features; the API
 * caps the points there): clusters at low zoom, single points from {@link CLUSTER_MAX_ZOOM}.
 * Added on mount, `setData` on change, removed with its layers on unmount (as GeoJsonSource).
 */
export function ClusterSource({
  id,
  data,
  children,
}: {
  id: string;
  data: FeatureCollection;
  children?: ReactNode;
}) {
  const map = useMap();
  const initialData = useRef(data);

  useLayoutEffect(() => {
    if (!map.getSource(id)) {
      map.addSource(id, {
        type: 'geojson',
        data: initialData.current,
        cluster: true,
        clusterRadius: 50,
        clusterMaxZoom: CLUSTER_MAX_ZOOM - 1,
      });
    }
    return () => removeSourceWithLayers(map, id);
  }, [map, id]);

  useLayoutEffect(() => {
    void map.getSource<GeoJSONSource>(id)?.setData(data);
  }, [map, id, data]);

  return <>{children}</>;
}
