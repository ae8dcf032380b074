import type { Open311Area, Position } from '@urbangrid/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DraggablePin, FlyTo } from '../../field/components/FieldMap';
import { MapView } from '../../map/components/MapView';
import { useMap } from '../../map/components/map-context';
import { createMapStyle } from '../../map/layers';

export interface PublicMapProps {
  area: Open311Area;
  value: Position | null;
  onChange: (point: Position) => void;
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Tap to place the pin (the only map input a citizen needs); dragging moves it. */
function TapToPlace({ onTap }: { onTap: (p: Position) => void }) {
  const map = useMap();
  const ref = useRef(onTap);
  useEffect(() => {
    ref.current = onTap;
  }, [onTap]);
  useEffect(() => {
    const handler = (e: { lngLat: { lng: number; lat: number } }) =>
      ref.current([round(e.lngLat.lng), round(e.lngLat.lat)]);
    map.on('click', handler);
    return () => {
      map.off('click', handler);
    };
  }, [map]);
  return null;
}

/** The location picker of the public page: the city's base map (when configured) and one pin. */
export function PublicMap({ area, value, onChange }: PublicMapProps) {
  const { t } = useTranslation();
  const [style] = useState(() => createMapStyle({ basemapUrl: area.basemap_url }));
  const bounds: [number, number, number, number] = [area.min_long, area.min_lat, area.max_long, area.max_lat];
  const center: Position = [(area.min_long + area.max_long) / 2, (area.min_lat + area.max_lat) / 2];
  return (
    <div
      className="public-map"
      role="region"
      aria-label={t('publicReport.mapLabel')}
      data-testid="public-map"
    >
      <MapView style={style} bounds={bounds} center={center}>
        <TapToPlace onTap={onChange} />
        {value && (
          <DraggablePin
            position={value}
            label={t('publicReport.pin')}
            onMove={(p) => onChange([round(p[0]), round(p[1])])}
          />
        )}
        <FlyTo target={value} />
      </MapView>
    </div>
  );
}
