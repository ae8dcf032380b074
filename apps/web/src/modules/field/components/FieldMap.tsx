import { Marker, type Map as MaplibreMap } from 'maplibre-gl';
import type { BBox, FeatureCollection, Position } from '@urbangrid/contracts';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { GeoJsonSource } from '../../map/components/GeoJsonSource';
import { MapLayer } from '../../map/components/MapLayer';
import { MapView } from '../../map/components/MapView';
import { useMap } from '../../map/components/map-context';
import { VectorTileSource } from '../../map/components/VectorTileSource';
import { MAP_SOURCES, createMapStyle, mapTheme, type DataLayerSpecification } from '../../map/layers';
import { gridsBounds, type CachedGrid } from '../utils/grid-lookup';

const GRIDS_SOURCE = 'field-grids';
const SELF_SOURCE = 'field-self';
const SPOT_SOURCE = 'field-spot';

const gridsFill: DataLayerSpecification = {
  id: 'field-grids-fill',
  type: 'fill',
  source: GRIDS_SOURCE,
  paint: { 'fill-color': mapTheme.grid.line, 'fill-opacity': 0.08 },
};
const gridsLine: DataLayerSpecification = {
  id: 'field-grids-line',
  type: 'line',
  source: GRIDS_SOURCE,
  paint: { 'line-color': mapTheme.grid.line, 'line-width': 2 },
};
const selfDot: DataLayerSpecification = {
  id: 'field-self-dot',
  type: 'circle',
  source: SELF_SOURCE,
  paint: {
    'circle-radius': 8,
    'circle-color': mapTheme.highlight.line,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 3,
  },
};
const spotDot: DataLayerSpecification = {
  id: 'field-spot-dot',
  type: 'circle',
  source: SPOT_SOURCE,
  paint: {
    'circle-radius': 9,
    'circle-color': '#c62828',
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 3,
  },
};
const roads = MAP_SOURCES.find((s) => s.source === 'roads');

const pointCollection = (position: Position | null): FeatureCollection =>
  position
    ? {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties: {} }],
      }
    : { type: 'FeatureCollection', features: [] };

export interface FieldMapProps {
  label: string;
  grids: readonly CachedGrid[];
  /** Fallback view when there are no grids and no point (the city's data extent). */
  cityBounds: BBox;
  cityCenter: Position;
  /** The inspector's own position (blue dot). */
  self?: Position | null;
  /** A case's spot (red dot); the map opens on it. */
  spot?: Position | null;
  className?: string;
  children?: ReactNode;
}

/** Bounds of ~300 m around a point, for opening the map on it. */
function around([lon, lat]: Position): BBox {
  return [lon - 0.002, lat - 0.0015, lon + 0.002, lat + 0.0015];
}

/**
 * The small field map: the inspector's grids (magenta, from the device cache so it draws
 * offline), roads when the network is there, its position and a case spot.
 */
export function FieldMap({
  label,
  grids,
  cityBounds,
  cityCenter,
  self = null,
  spot = null,
  className,
  children,
}: FieldMapProps) {
  const [style] = useState(() => createMapStyle({ basemapUrl: null }));
  const [bounds] = useState<BBox>(() =>
    spot ? around(spot) : (gridsBounds(grids) ?? (self ? around(self) : cityBounds)),
  );
  const [center] = useState<Position>(() => spot ?? self ?? cityCenter);
  const gridData = useMemo<FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: grids.map((g) => ({
        type: 'Feature',
        geometry: g.geometry,
        properties: { code: g.code, name: g.name },
      })),
    }),
    [grids],
  );
  const selfData = useMemo(() => pointCollection(self), [self]);
  const spotData = useMemo(() => pointCollection(spot), [spot]);

  return (
    <div className={`field-map ${className ?? ''}`} role="region" aria-label={label}>
      <MapView style={style} bounds={bounds} center={center}>
        {roads && navigator.onLine && (
          <VectorTileSource id="roads">
            {roads.layers.map((layer) => (
              <MapLayer key={layer.id} spec={layer} />
            ))}
          </VectorTileSource>
        )}
        <GeoJsonSource id={GRIDS_SOURCE} data={gridData}>
          <MapLayer spec={gridsFill} />
          <MapLayer spec={gridsLine} />
        </GeoJsonSource>
        <GeoJsonSource id={SELF_SOURCE} data={selfData}>
          <MapLayer spec={selfDot} />
        </GeoJsonSource>
        <GeoJsonSource id={SPOT_SOURCE} data={spotData}>
          <MapLayer spec={spotDot} />
        </GeoJsonSource>
        {children}
      </MapView>
    </div>
  );
}

/** Moves the map to `target` whenever it changes (e.g. a new GPS fix). */
export function FlyTo({ target }: { target: Position | null }) {
  const map = useMap();
  useEffect(() => {
    if (target) map.easeTo({ center: target, zoom: Math.max(map.getZoom(), 16), duration: 300 });
  }, [map, target]);
  return null;
}

export interface DraggablePinProps {
  position: Position;
  label: string;
  onMove: (position: Position) => void;
}

/** The draggable red pin of the report's position (maplibre Marker). */
export function DraggablePin({ position, label, onMove }: DraggablePinProps) {
  const map = useMap();
  const marker = useRef<Marker | null>(null);
  const onMoveRef = useRef(onMove);
  useEffect(() => {
    onMoveRef.current = onMove;
  }, [onMove]);

  useEffect(() => {
    const m = new Marker({ draggable: true, color: '#c62828' }).setLngLat(position).addTo(map);
    m.getElement().setAttribute('aria-label', label);
    m.getElement().setAttribute('data-testid', 'report-pin');
    m.on('dragend', () => {
      const { lng, lat } = m.getLngLat();
      onMoveRef.current([lng, lat]);
    });
    marker.current = m;
    return () => {
      m.remove();
      marker.current = null;
    };
    // Created once per map; position changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map]);

  useEffect(() => {
    marker.current?.setLngLat(position);
    marker.current?.getElement().setAttribute('aria-label', label);
  }, [position, label]);

  return null;
}

/** Hands the map to a parent (for reading its centre) while mounted. */
export function MapHandle({ onMap }: { onMap: (map: MaplibreMap | null) => void }) {
  const map = useMap();
  useEffect(() => {
    onMap(map);
    return () => onMap(null);
  }, [map, onMap]);
  return null;
}
