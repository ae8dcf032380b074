import type { MapGeoJSONFeature, MapMouseEvent } from 'maplibre-gl';
import type { Position } from '@urbangrid/contracts';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useMap } from './map-context';

/** How close (px) a click must be to a point feature to count as hitting it. */
export const CLICK_TOLERANCE_PX = 6;

export interface MapClick {
  point: Position;
  /** Rendered features near the click on the watched layers, nearest layer first. */
  hits: readonly MapGeoJSONFeature[];
}

export interface MapClickHandlerProps {
  /** Ids of layers (or a function choosing them from the style) whose features count as hits. */
  hitLayers: (layerIds: readonly string[]) => string[];
  onClick: (click: MapClick) => void;
}

/** Listens for clicks on the map and reports the point and the features within a few pixels. */
export function MapClickHandler({ hitLayers, onClick }: MapClickHandlerProps) {
  const map = useMap();
  const latest = useRef({ hitLayers, onClick });
  useLayoutEffect(() => {
    latest.current = { hitLayers, onClick };
  });

  useEffect(() => {
    const handle = (event: MapMouseEvent) => {
      const { x, y } = event.point;
      const ids = map.getStyle().layers.map((layer) => layer.id);
      const layers = latest.current.hitLayers(ids).filter((id) => map.getLayer(id));
      const hits =
        layers.length === 0
          ? []
          : map.queryRenderedFeatures(
              [
                [x - CLICK_TOLERANCE_PX, y - CLICK_TOLERANCE_PX],
                [x + CLICK_TOLERANCE_PX, y + CLICK_TOLERANCE_PX],
              ],
              { layers },
            );
      latest.current.onClick({ point: [event.lngLat.lng, event.lngLat.lat], hits });
    };
    map.on('click', handle);
    return () => {
      map.off('click', handle);
    };
  }, [map]);

  useEffect(() => {
    const canvas = map.getCanvas();
    canvas.style.cursor = 'pointer';
    return () => {
      canvas.style.cursor = '';
    };
  }, [map]);

  return null;
}
