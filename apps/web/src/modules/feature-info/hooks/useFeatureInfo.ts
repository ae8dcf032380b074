import type {
  ClassificationDto,
  ComponentDto,
  GeocodeRegions,
  Position,
  RegionVersion,
  ReverseGeocodeResponse,
} from '@urbangrid/contracts';
import { useEffect, useState } from 'react';
import { ApiRequestError } from '../../map/api/http';
import type { AsyncState } from '../../map/hooks/async-state';
import {
  fetchComponent,
  fetchComponentClasses,
  fetchNearestComponent,
  fetchRegionVersion,
  locatePoint,
  reverseGeocode,
} from '../api/feature-info-api';

/** What the info panel is about: a point, and the component there if one was hit or searched. */
export interface FeatureSelection {
  point: Position;
  /** A known component code (search result), or null. */
  componentCode: string | null;
  /** True when the click landed on (or within a few pixels of) a drawn component point. */
  componentHit: boolean;
}

/** A lookup that may legitimately find nothing (404, or the API not offering it): value null. */
export type Lookup<T> = AsyncState<T | null>;

export interface FeatureInfo {
  regions: Lookup<GeocodeRegions>;
  address: Lookup<ReverseGeocodeResponse>;
  component: Lookup<ComponentDto>;
  componentClass: ClassificationDto | undefined;
  /** The located unit grid's outline, for the highlight. */
  grid: RegionVersion | null;
}

const LOADING = { status: 'loading' } as const;
const NONE = { status: 'ready', value: null } as const;

/** "Nothing there" answers: not found, or a point outside the city. */
function isNothingFound(error: unknown): boolean {
  return error instanceof ApiRequestError && (error.status === 404 || error.code === 'GEO.OUT_OF_EXTENT');
}

function settle<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  set: (state: Lookup<T>) => void,
): Promise<T | null> {
  return promise.then(
    (value) => {
      if (!signal.aborted) set({ status: 'ready', value });
      return value;
    },
    (error: unknown) => {
      if (!signal.aborted) set(isNothingFound(error) ? NONE : { status: 'error', error });
      return null;
    },
  );
}

/**
 * Everything the info panel shows for a selection, each part loading on its own: the regions
 * (locate), the 位置描述 (reverse geocoding), the component and the grid outline.
 */
export function useFeatureInfo(selection: FeatureSelection | null): FeatureInfo {
  const [regions, setRegions] = useState<Lookup<GeocodeRegions>>(LOADING);
  const [address, setAddress] = useState<Lookup<ReverseGeocodeResponse>>(LOADING);
  const [component, setComponent] = useState<Lookup<ComponentDto>>(LOADING);
  const [grid, setGrid] = useState<RegionVersion | null>(null);
  const [classes, setClasses] = useState<readonly ClassificationDto[]>([]);

  useEffect(() => {
    if (!selection) return;
    const controller = new AbortController();
    const { signal } = controller;
    setRegions(LOADING);
    setAddress(LOADING);
    setGrid(null);

    void settle(locatePoint(selection.point, signal), signal, setRegions).then((found) => {
      if (!found || signal.aborted) return;
      fetchRegionVersion('grid', found.grid.code, signal).then(
        (version) => {
          if (!signal.aborted) setGrid(version);
        },
        () => undefined, // The highlight is a nicety; the panel already names the grid.
      );
    });
    void settle(reverseGeocode(selection.point, signal), signal, setAddress);

    if (selection.componentCode) {
      setComponent(LOADING);
      void settle(fetchComponent(selection.componentCode, signal), signal, setComponent);
    } else if (selection.componentHit) {
      setComponent(LOADING);
      void settle(
        fetchNearestComponent(selection.point, signal).then((nearest) => nearest.component),
        signal,
        setComponent,
      );
    } else {
      setComponent(NONE);
    }
    return () => controller.abort();
  }, [selection]);

  const wantsClasses = component.status === 'ready' && component.value !== null;
  useEffect(() => {
    if (!wantsClasses) return;
    let live = true;
    fetchComponentClasses().then(
      (list) => {
        if (live) setClasses(list.items);
      },
      () => undefined, // Without class names the panel shows the class code alone.
    );
    return () => {
      live = false;
    };
  }, [wantsClasses]);

  const componentClass =
    component.status === 'ready' && component.value
      ? classes.find((entry) => entry.code === component.value?.classCode)
      : undefined;

  return { regions, address, component, componentClass, grid };
}
