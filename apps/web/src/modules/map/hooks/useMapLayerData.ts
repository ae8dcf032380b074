import { MAP_LAYERS, type MapLayerName } from '@urbangrid/contracts';
import { useCallback, useEffect, useState } from 'react';
import { fetchMapLayer, type MapLayerData } from '../api/map-api';

export interface MapLayerDataState {
  data: Partial<MapLayerData>;
  errors: Partial<Record<MapLayerName, unknown>>;
}

export interface MapLayerDataResult extends MapLayerDataState {
  loadedCount: number;
  total: number;
  allLoaded: boolean;
  /** The first failure, in MAP_LAYERS order, or null. */
  error: unknown;
  /** Fetch every layer again (loaded data stays shown meanwhile). */
  reload: () => void;
}

const EMPTY: MapLayerDataState = { data: {}, errors: {} };

function withData<K extends MapLayerName>(
  state: MapLayerDataState,
  layer: K,
  value: MapLayerData[K],
): MapLayerDataState {
  const data: Partial<MapLayerData> = { ...state.data };
  data[layer] = value;
  const errors = { ...state.errors };
  delete errors[layer];
  return { data, errors };
}

function withError(state: MapLayerDataState, layer: MapLayerName, error: unknown): MapLayerDataState {
  return { data: state.data, errors: { ...state.errors, [layer]: error } };
}

/** Summary of a layer-data state (pure; exported for tests). */
export function summarizeLayerData(state: MapLayerDataState) {
  const loadedCount = MAP_LAYERS.filter((layer) => state.data[layer] !== undefined).length;
  const failed = MAP_LAYERS.find((layer) => state.errors[layer] !== undefined);
  return {
    loadedCount,
    total: MAP_LAYERS.length,
    allLoaded: loadedCount === MAP_LAYERS.length,
    error: failed === undefined ? null : state.errors[failed],
  };
}

/** Every layer of GET /api/v1/map/layers/{layer}, fetched in parallel. */
export function useMapLayerData(): MapLayerDataResult {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<MapLayerDataState>(EMPTY);

  useEffect(() => {
    const controller = new AbortController();
    const load = <K extends MapLayerName>(layer: K) =>
      fetchMapLayer(layer, controller.signal).then(
        (value) => setState((current) => withData(current, layer, value)),
        (error: unknown) => {
          if (!controller.signal.aborted) setState((current) => withError(current, layer, error));
        },
      );
    for (const layer of MAP_LAYERS) void load(layer);
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => {
    setState((current) => ({ data: current.data, errors: {} }));
    setAttempt((n) => n + 1);
  }, []);

  return { ...state, ...summarizeLayerData(state), reload };
}
