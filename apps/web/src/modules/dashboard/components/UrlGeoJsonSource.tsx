import { useLayoutEffect, type ReactNode } from 'react';
import { removeSourceWithLayers, useMap } from '../../map/components/map-context';

/**
 * A GeoJSON source maplibre loads itself from an API URL (parsed in its worker; the token is
 * added by MapView's transformRequest). The dashboard draws regions this way: one request per
 * level instead of dozens of vector tiles, each a database round trip (below 50,000 features).
 */
export function UrlGeoJsonSource({ id, url, children }: { id: string; url: string; children?: ReactNode }) {
  const map = useMap();
  useLayoutEffect(() => {
    if (!map.getSource(id))
      map.addSource(id, { type: 'geojson', data: new URL(url, window.location.origin).href });
    return () => removeSourceWithLayers(map, id);
  }, [map, id, url]);
  return <>{children}</>;
}
