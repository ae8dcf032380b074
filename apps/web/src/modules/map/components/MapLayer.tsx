import type { AllLayoutProperties, AllPaintProperties, Map as MaplibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { findBeforeId } from '../layers/layer-order';
import type { DataLayerSpecification } from '../layers/map-layers';
import { isMapRemoved, useMap } from './map-context';

export interface MapLayerProps {
  spec: DataLayerSpecification;
  visible?: boolean;
  /** Drawing order of layer ids, bottom to top; the layer is inserted at its place in it. */
  order?: readonly string[];
}

type Layout = Partial<AllLayoutProperties>;
type Paint = Partial<AllPaintProperties>;

function withVisibility(spec: DataLayerSpecification, visible: boolean): Layout {
  return { ...spec.layout, visibility: visible ? 'visible' : 'none' };
}

/** Calls `apply` for every property whose value differs (deep) between the two objects. */
function diffProperties<T extends object>(
  previous: Partial<T>,
  next: Partial<T>,
  apply: <K extends keyof T>(name: K, value: Partial<T>[K]) => void,
): void {
  const names = new Set([...Object.keys(previous), ...Object.keys(next)] as (keyof T)[]);
  for (const name of names) {
    if (JSON.stringify(previous[name]) !== JSON.stringify(next[name])) apply(name, next[name]);
  }
}

function addLayer(
  map: MaplibreMap,
  spec: DataLayerSpecification,
  visible: boolean,
  order: readonly string[],
): void {
  const beforeId = findBeforeId(order, spec.id, (id) => map.getLayer(id) !== undefined);
  map.addLayer(spec, beforeId);
  map.setLayoutProperty(spec.id, 'visibility', visible ? 'visible' : 'none');
}

const UNORDERED: readonly string[] = [];

/**
 * A style layer: added on mount (under the next layer of `order` already on the map), updated in
 * place when its paint, layout, filter, zoom range or visibility change, removed on unmount.
 */
export function MapLayer({ spec, visible = true, order = UNORDERED }: MapLayerProps) {
  const map = useMap();
  const applied = useRef<{ spec: DataLayerSpecification; visible: boolean } | null>(null);
  const { id } = spec;

  useEffect(() => {
    return () => {
      applied.current = null;
      if (!isMapRemoved(map) && map.getLayer(id)) map.removeLayer(id);
    };
  }, [map, id]);

  useEffect(() => {
    const previous = applied.current;
    const exists = map.getLayer(spec.id) !== undefined;
    if (!previous || !exists || previous.spec.type !== spec.type || previous.spec.source !== spec.source) {
      if (exists) map.removeLayer(spec.id);
      addLayer(map, spec, visible, order);
    } else {
      diffProperties<AllLayoutProperties>(
        withVisibility(previous.spec, previous.visible),
        withVisibility(spec, visible),
        (name, value) => map.setLayoutProperty(spec.id, name, value),
      );
      const paint = (layer: DataLayerSpecification): Paint => layer.paint ?? {};
      diffProperties<AllPaintProperties>(paint(previous.spec), paint(spec), (name, value) =>
        map.setPaintProperty(spec.id, name, value),
      );
      if (JSON.stringify(previous.spec.filter) !== JSON.stringify(spec.filter))
        map.setFilter(spec.id, spec.filter ?? null);
      if (previous.spec.minzoom !== spec.minzoom || previous.spec.maxzoom !== spec.maxzoom) {
        map.setLayerZoomRange(spec.id, spec.minzoom ?? 0, spec.maxzoom ?? 24);
      }
    }
    applied.current = { spec, visible };
  }, [map, spec, visible, order]);

  return null;
}
