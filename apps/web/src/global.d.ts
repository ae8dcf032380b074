import type { Map as MaplibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /**
     * Test hook: the live maplibre-gl map, always exposed (browser tests and debugging read it;
     * the app never does). Cleared when the map is removed.
     */
    __URBANGRID_MAP__?: MaplibreMap;
    /** Test hook: true once every map layer is loaded and the map has gone idle. */
    __URBANGRID_MAP_READY__?: boolean;
  }
}

export {};
