import type { BBox, Position } from '@urbangrid/contracts';
import { useEffect } from 'react';
import { useMap } from './map-context';

/** Where the camera should go; a new object moves it again even to the same place. */
export type CameraTarget = { kind: 'bounds'; bbox: BBox } | { kind: 'point'; center: Position; zoom: number };

export interface MapCameraProps {
  target: CameraTarget | null;
  /** Padding (px) kept clear around a fitted outline, e.g. for an open side panel. */
  padding?: { top: number; right: number; bottom: number; left: number };
}

const NO_PADDING = { top: 40, right: 40, bottom: 40, left: 40 };

/** Flies the map to each new target (instantly when the user prefers reduced motion). */
export function MapCamera({ target, padding = NO_PADDING }: MapCameraProps) {
  const map = useMap();

  useEffect(() => {
    if (!target) return;
    const animate = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (target.kind === 'bounds') {
      const [w, s, e, n] = target.bbox;
      map.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding, maxZoom: 17.5, animate, duration: 800 },
      );
    } else {
      map.flyTo({ center: target.center, zoom: target.zoom, animate, duration: 800, padding });
    }
    // Padding changes alone do not move the camera.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, target]);

  return null;
}
