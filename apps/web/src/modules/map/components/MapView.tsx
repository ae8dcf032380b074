import {
  Map as MaplibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type StyleSpecification,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { BBox, Position } from '@urbangrid/contracts';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { MapUnavailableError } from '../api/errors';
import { MapContext, markMapRemoved } from './map-context';
import { authHeaders, isApiUrl } from '../api/http';

// The bundler moves maplibre-gl, so tell it where its (separately emitted) worker script is.
setWorkerUrl(workerUrl);

export interface MapViewProps {
  /** Initial style; later changes are not applied (sources and layers are children). */
  style: StyleSpecification;
  /** The map opens fitted to these bounds. */
  bounds: BBox;
  center: Position;
  /** Extra `data-*` attributes on the map container (test hooks). */
  containerAttributes?: Readonly<Record<`data-${string}`, string>>;
  /** Called when the map cannot be created (no WebGL). */
  onError?: (error: MapUnavailableError) => void;
  children?: ReactNode;
}

/**
 * Owns one maplibre-gl map: created once on mount, removed on unmount. Children (sources,
 * layers) get the map from context once its style has loaded.
 */
export function MapView({ style, bounds, center, containerAttributes, onError, children }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  // Only the first props matter: the map is created once.
  const [initial] = useState(() => ({ style, bounds, center, onError }));

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let instance: MaplibreMap;
    try {
      instance = new MaplibreMap({
        container,
        style: initial.style,
        center: initial.center,
        bounds: initial.bounds,
        fitBoundsOptions: { padding: 24 },
        attributionControl: { compact: true },
        // Labels appear at once instead of fading in over 300 ms after every change.
        fadeDuration: 0,
        dragRotate: false,
        pitchWithRotate: false,
        maxPitch: 0,
        // Tiles and GeoJSON layers come from the API, which wants the bearer token; maplibre
        // fetches them itself, so the token is added here (read per request: it rotates).
        transformRequest: (url) =>
          isApiUrl(url, window.location.origin) ? { url, headers: authHeaders() } : { url },
      });
    } catch (error) {
      initial.onError?.(new MapUnavailableError(error));
      return;
    }
    instance.touchZoomRotate.disableRotation();
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    instance.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    window.__URBANGRID_MAP__ = instance;
    window.__URBANGRID_MAP_READY__ = false;
    instance.once('load', () => setMap(instance));

    return () => {
      markMapRemoved(instance);
      instance.remove();
      if (window.__URBANGRID_MAP__ === instance) {
        delete window.__URBANGRID_MAP__;
        window.__URBANGRID_MAP_READY__ = false;
      }
      setMap(null);
    };
  }, [initial]);

  return (
    <>
      <div ref={containerRef} className="map-view" data-testid="map" {...containerAttributes} />
      {map && <MapContext.Provider value={map}>{children}</MapContext.Provider>}
    </>
  );
}
