import type { Map as MaplibreMap } from 'maplibre-gl';
import type { CityInfo, GeocodeCandidate, Position, ReverseGeocodeResponse } from '@urbangrid/contracts';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DraggablePin, FlyTo, MapHandle } from '../../field/components/FieldMap';
import { ApiRequestError } from '../../map/api/http';
import type { MapUnavailableError } from '../../map/api/errors';
import { MapClickHandler, type MapClick } from '../../map/components/MapClickHandler';
import { MapLayer } from '../../map/components/MapLayer';
import { MapStatus } from '../../map/components/MapStatus';
import { MapView } from '../../map/components/MapView';
import { VectorTileSource } from '../../map/components/VectorTileSource';
import type { AsyncState } from '../../map/hooks/async-state';
import { LAYER_ORDER, MAP_SOURCES } from '../../map/layers/map-layers';
import { createMapStyle } from '../../map/layers/map-style';
import { geocodeAddress } from '../api/register-api';
import { useErrorText } from './CaseError';

/** Roads and region outlines (the grids help the operator place the point); no components. */
const CONTEXT_SOURCES = MAP_SOURCES.filter((s) => s.source !== 'components');
const round = (v: number) => Math.round(v * 1e7) / 1e7;
const rounded = (p: Position): Position => [round(p[0]), round(p[1])];
const noHits = () => [];

export interface RegisterPositionPickerProps {
  city: AsyncState<CityInfo>;
  value: Position | null;
  onChange: (position: Position) => void;
  /** Reverse geocoding of `value` (位置描述 and grid), loaded by the form. */
  place: AsyncState<ReverseGeocodeResponse> | null;
  invalid?: boolean;
}

type Search =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; candidates: GeocodeCandidate[] }
  | { status: 'error'; error: unknown };

/**
 * 选定位置 at the desk: find an address (GET /geocode, candidates to choose from) or click the
 * map; the red pin can then be dragged. Keyboard users pan the focused map with the arrow keys
 * and take its centre. Below the map, the 位置描述 and the unit grid of the chosen point.
 */
export function RegisterPositionPicker({ city, value, onChange, place, invalid = false }: RegisterPositionPickerProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ status: 'idle' });
  const [mapError, setMapError] = useState<MapUnavailableError | null>(null);
  const searchAbort = useRef<AbortController | null>(null);
  const mapRef = useRef<MaplibreMap | null>(null);
  const onMap = useCallback((map: MaplibreMap | null) => {
    mapRef.current = map;
  }, []);
  const info = city.status === 'ready' ? city.value : null;
  const style = useMemo(() => (info ? createMapStyle({ basemapUrl: info.basemapUrl }) : null), [info]);
  const onClick = useCallback((click: MapClick) => onChange(rounded(click.point)), [onChange]);

  const find = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    searchAbort.current?.abort();
    const controller = new AbortController();
    searchAbort.current = controller;
    setSearch({ status: 'loading' });
    geocodeAddress(q, controller.signal).then(
      (res) => setSearch({ status: 'ready', candidates: res.candidates }),
      (error: unknown) => {
        if (!controller.signal.aborted) setSearch({ status: 'error', error });
      },
    );
  };

  const useCentre = () => {
    const map = mapRef.current;
    if (!map) return;
    const { lng, lat } = map.getCenter();
    onChange(rounded([lng, lat]));
  };

  const searchError = (error: unknown) => {
    if (error instanceof ApiRequestError && error.code === 'GEOCODE.NOT_FOUND') return t('cases.register.noAddress');
    if (error instanceof ApiRequestError && error.code === 'GEOCODE.UNPARSEABLE') return t('cases.register.unparseable');
    return errorText(error);
  };

  const grid = place?.status === 'ready' ? place.value.regions?.grid : null;

  return (
    <fieldset className="register-position" aria-invalid={invalid && !value}>
      <legend>{t('cases.register.position')}</legend>
      {/* A form inside a form is not allowed: the search is a group with its own button. */}
      <div className="register-search" role="search">
        <label className="field-label" htmlFor={`${id}-q`}>
          {t('cases.register.addressSearch')}
        </label>
        <div className="register-search__row">
          <input
            id={`${id}-q`}
            className="field-input"
            type="search"
            value={query}
            placeholder={t('cases.register.addressPlaceholder')}
            autoComplete="off"
            aria-controls={`${id}-candidates`}
            data-testid="register-address"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') find(e);
            }}
          />
          <button type="button" className="ug-button" onClick={find} disabled={search.status === 'loading'}>
            {t('cases.register.find')}
          </button>
        </div>
        <div id={`${id}-candidates`} aria-live="polite">
          {search.status === 'loading' && <p className="field-muted">{t('cases.register.searching')}</p>}
          {search.status === 'error' && (
            <p className="field-error-text" role="alert">
              {searchError(search.error)}
            </p>
          )}
          {search.status === 'ready' && search.candidates.length === 0 && (
            <p className="field-muted">{t('cases.register.noAddress')}</p>
          )}
          {search.status === 'ready' && search.candidates.length > 0 && (
            <>
              <p className="field-muted">{t('cases.register.candidates', { count: search.candidates.length })}</p>
              <ul className="register-candidates" data-testid="register-candidates">
                {search.candidates.map((c, i) => (
                  <li key={`${c.label}-${i}`}>
                    <button
                      type="button"
                      className="register-candidate"
                      onClick={() => {
                        onChange(rounded(c.position));
                        setSearch({ status: 'idle' });
                      }}
                    >
                      <span className="register-candidate__label">{c.label}</span>
                      <span className="field-muted">
                        {t(`cases.register.matchLevels.${c.matchLevel}`)}
                        {c.regions ? ` · ${c.regions.community.name} · ${c.regions.grid.code}` : ''}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>

      <p className="field-muted" id={`${id}-hint`}>
        {t('cases.register.mapHint')}
      </p>
      <div className="register-map" role="region" aria-label={t('cases.register.mapLabel')} aria-describedby={`${id}-hint`}>
        {info && style && !mapError && (
          <MapView style={style} bounds={info.dataExtent ?? info.extent} center={info.center} onError={setMapError}>
            {CONTEXT_SOURCES.map(({ source, layers }) => (
              <VectorTileSource key={source} id={source}>
                {layers.map((spec) => (
                  <MapLayer key={spec.id} spec={spec} order={LAYER_ORDER} />
                ))}
              </VectorTileSource>
            ))}
            <MapClickHandler hitLayers={noHits} onClick={onClick} />
            <MapHandle onMap={onMap} />
            {value && <DraggablePin position={value} label={t('cases.register.pin')} onMove={(p) => onChange(rounded(p))} />}
            <FlyTo target={value} />
          </MapView>
        )}
        <MapStatus
          loading={city.status === 'loading' ? t('map.loadingCity') : null}
          error={city.status === 'error' ? city.error : mapError}
        />
      </div>
      <div className="register-position__actions">
        <button type="button" className="ug-button ug-button--small ug-button--secondary" onClick={useCentre}>
          {t('cases.register.useCentre')}
        </button>
        <span className="field-muted" role="status" data-testid="register-picked">
          {value
            ? t('cases.register.picked', { lon: value[0].toFixed(6), lat: value[1].toFixed(6) })
            : t('cases.register.noPosition')}
        </span>
      </div>

      <dl className="field-facts">
        <div>
          <dt>{t('cases.register.address')}</dt>
          <dd data-testid="register-place">
            {!value || !place
              ? '—'
              : place.status === 'ready'
                ? (place.value.description ?? t('cases.register.addressUnknown'))
                : place.status === 'error'
                  ? errorText(place.error)
                  : t('cases.register.addressLoading')}
          </dd>
        </div>
        <div>
          <dt>{t('cases.register.grid')}</dt>
          <dd data-testid="register-grid">
            {!value || !place || place.status !== 'ready'
              ? '—'
              : grid
                ? `${grid.name} ${grid.code}`
                : t('cases.register.gridNone')}
          </dd>
        </div>
      </dl>
    </fieldset>
  );
}
