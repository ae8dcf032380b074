import type { GeocodeCandidate, Position } from '@urbangrid/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchComponent, fetchRegionVersion } from '../../feature-info/api/feature-info-api';
import type { FeatureSelection } from '../../feature-info/hooks/useFeatureInfo';
import type { CameraTarget } from '../../map/components/MapCamera';
import { ApiRequestError } from '../../map/api/http';
import { geometryBBox, representativePoint } from '../../map/utils/geometry';
import { geocode } from '../api/geocode-api';
import { classifySearchInput } from '../utils/classify-search';

/** Where a search result takes the map, and what the info panel then shows. */
export interface SearchResult {
  camera: CameraTarget;
  selection: FeatureSelection;
}

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'candidates'; candidates: readonly GeocodeCandidate[] }
  /** Nothing matched; `what` says which kind of search it was. */
  | { status: 'empty'; what: 'grid' | 'component' | 'address' }
  | { status: 'error'; error: unknown };

/** Zoom for a found point: close enough to see the component or the house. */
const POINT_ZOOM = 17.5;

function pointResult(point: Position, componentCode: string | null): SearchResult {
  return {
    camera: { kind: 'point', center: point, zoom: POINT_ZOOM },
    selection: { point, componentCode, componentHit: false },
  };
}

export function candidateResult(candidate: GeocodeCandidate): SearchResult {
  return pointResult(candidate.position, null);
}

const isNotFound = (error: unknown) => error instanceof ApiRequestError && error.status === 404;

/** Runs one search at a time (a new one aborts the previous) and reports results to `onResult`. */
export function useSearch(onResult: (result: SearchResult) => void) {
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const search = useCallback(
    async (input: string) => {
      const query = classifySearchInput(input);
      controller.current?.abort();
      if (query.kind === 'empty') {
        setState({ status: 'idle' });
        return;
      }
      const current = new AbortController();
      controller.current = current;
      const { signal } = current;
      setState({ status: 'loading' });
      try {
        if (query.kind === 'grid') {
          const grid = await fetchRegionVersion('grid', query.code, signal);
          const bbox = geometryBBox(grid.geometry);
          const point = representativePoint(grid.geometry);
          if (!bbox || !point) throw new ApiRequestError(404, 'REGION.NOT_FOUND', 'grid has no outline');
          setState({ status: 'idle' });
          onResult({
            camera: { kind: 'bounds', bbox },
            selection: { point, componentCode: null, componentHit: false },
          });
        } else if (query.kind === 'component') {
          const component = await fetchComponent(query.code, signal);
          const point = representativePoint(component.geometry);
          if (!point) throw new ApiRequestError(404, 'COMPONENT.NOT_FOUND', 'component has no geometry');
          setState({ status: 'idle' });
          onResult(pointResult(point, component.code));
        } else {
          const response = await geocode(query.text, signal);
          setState(
            response.candidates.length === 0
              ? { status: 'empty', what: 'address' }
              : { status: 'candidates', candidates: response.candidates },
          );
        }
      } catch (error) {
        if (signal.aborted) return;
        if (isNotFound(error)) setState({ status: 'empty', what: query.kind });
        else setState({ status: 'error', error });
      }
    },
    [onResult],
  );

  const reset = useCallback(() => {
    controller.current?.abort();
    setState({ status: 'idle' });
  }, []);

  return { state, search, reset };
}
