import type { CaseListQuery, CaseSummary } from '@urbangrid/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listCases } from '../api/cases-api';

export interface CaseListState {
  items: CaseSummary[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/**
 * A desk list with keyset "load more" (`nextCursor`); reloads when the query changes. A null
 * query loads nothing.
 */
export function useCaseList(query: CaseListQuery | null): CaseListState {
  const key = JSON.stringify(query);
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(query !== null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const abort = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (after: string | null) => {
      abort.current?.abort();
      if (key === 'null') return;
      const controller = new AbortController();
      abort.current = controller;
      setLoading(true);
      setError(null);
      const q: CaseListQuery = { ...(JSON.parse(key) as CaseListQuery), ...(after ? { cursor: after } : {}) };
      listCases(q, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          setItems((previous) => (after ? [...previous, ...page.items] : page.items));
          setCursor(page.nextCursor);
          setLoading(false);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setError(e);
          setLoading(false);
        },
      );
    },
    [key],
  );

  useEffect(() => {
    fetchPage(null);
    return () => abort.current?.abort();
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => {
    if (cursor) fetchPage(cursor);
  }, [cursor, fetchPage]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { items, loading, error, hasMore: cursor !== null, loadMore, reload };
}
