import type { GridQualityReport } from '@urbangrid/contracts';
import { isPosition, isRecord } from '../../map/api/guards';
import { getJson } from '../../map/api/http';
import { API_BASE } from '../../map/api/map-api';

function isGridQualityReport(value: unknown): value is GridQualityReport {
  return (
    isRecord(value) &&
    typeof value.gridCount === 'number' &&
    Array.isArray(value.findings) &&
    value.findings.every(
      (f) =>
        isRecord(f) && typeof f.check === 'string' && typeof f.severity === 'string' && isPosition(f.point),
    )
  );
}

/** GET /api/v1/regions/quality: every unit grid check over today's layout (can take seconds). */
export function fetchGridQuality(signal?: AbortSignal): Promise<GridQualityReport> {
  return getJson(`${API_BASE}/regions/quality`, isGridQualityReport, signal);
}
