import { TILE_LAYER_MINZOOM, TILE_MAX_ZOOM, type TileLayerName } from '@urbangrid/contracts';
import { useLayoutEffect, type ReactNode } from 'react';
import { tileUrlTemplate } from '../api/map-api';
import { removeSourceWithLayers, useMap } from './map-context';

export interface VectorTileSourceProps {
  /** The API layer; also the source id. */
  id: TileLayerName;
  /** Layers drawing from this source. */
  children?: ReactNode;
}

/**
 * A vector-tile source of one API layer (/api/v1/tiles/{layer}/{z}/{x}/{y}.mvt): added on mount,
 * removed (with any layer still using it) on unmount. Layout effects run before every passive
 * effect of the commit, so the source exists by the time its child layers add themselves.
 */
export function VectorTileSource({ id, children }: VectorTileSourceProps) {
  const map = useMap();

  useLayoutEffect(() => {
    if (!map.getSource(id)) {
      map.addSource(id, {
        type: 'vector',
        tiles: [tileUrlTemplate(id, window.location.origin)],
        minzoom: TILE_LAYER_MINZOOM[id],
        maxzoom: TILE_MAX_ZOOM,
      });
    }
    return () => removeSourceWithLayers(map, id);
  }, [map, id]);

  return <>{children}</>;
}
