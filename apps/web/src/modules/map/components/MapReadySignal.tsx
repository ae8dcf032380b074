import { useEffect } from 'react';
import { useMap } from './map-context';

export interface MapReadySignalProps {
  /** True once every source has its data. */
  loaded: boolean;
  /** Layers that must be on the map before it counts as ready. */
  layerIds: readonly string[];
  onReady: () => void;
}

/**
 * Calls `onReady` once, at the first `idle` after `loaded` turns true with every expected layer
 * added (idle = all sources loaded, nothing left to draw). Render it after the sources so its
 * effect runs after theirs.
 */
export function MapReadySignal({ loaded, layerIds, onReady }: MapReadySignalProps) {
  const map = useMap();

  useEffect(() => {
    if (!loaded) return;
    let done = false;
    const check = () => {
      if (done || !layerIds.every((id) => map.getLayer(id) !== undefined)) return;
      done = true;
      map.off('idle', check);
      onReady();
    };
    map.on('idle', check);
    map.triggerRepaint();
    return () => {
      done = true;
      map.off('idle', check);
    };
  }, [map, loaded, layerIds, onReady]);

  return null;
}
