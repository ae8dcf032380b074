import type { CaseDetail } from '@urbangrid/contracts';
import { useCallback, useEffect, useState } from 'react';
import { getCase } from '../api/cases-api';

export interface CaseDetailState {
  detail: CaseDetail | null;
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** Takes the detail an action answered with (no second request). */
  replace: (next: CaseDetail) => void;
}

export function useCaseDetail(id: string | null): CaseDetailState {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!id) {
      setDetail(null);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    getCase(id, controller.signal).then(
      (d) => {
        setDetail(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [id, generation]);

  return {
    detail,
    loading,
    error,
    reload: useCallback(() => setGeneration((g) => g + 1), []),
    replace: useCallback((next: CaseDetail) => setDetail(next), []),
  };
}
