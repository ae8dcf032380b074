/**
 * 数据导入导出 import and export of regions, grids and components (GeoJSON, zipped Shapefile, CSV).
 * POST /api/v1/imports starts a job; GET /api/v1/imports/:id reports its progress and errors.
 */
export const IMPORT_KINDS = ['regions', 'components'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_FORMATS = ['geojson', 'shapefile', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** queued → validating → (invalid | applying → (done | failed)); `failed` also for unreadable files. */
export const IMPORT_STATUSES = ['queued', 'validating', 'invalid', 'applying', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One bad feature or row. `index`: 0-based feature index (GeoJSON, Shapefile) or 1-based line number (CSV). */
export interface ImportProblem {
  index: number;
  /** Region or component code of the feature, when it has one. */
  code?: string;
  reason: string;
}

export interface ImportSummary {
  /** Features or rows read from the file. */
  read: number;
  /** New codes inserted. */
  inserted: number;
  /** Codes in force that got a new version (the old one retired). */
  replaced: number;
}

export interface ImportJob {
  id: string;
  kind: ImportKind;
  format: ImportFormat;
  status: ImportStatus;
  /** Original file name when given, else null. */
  fileName: string | null;
  /** Features or rows in the file once read (null while reading). */
  total: number | null;
  /** Features or rows handled so far. */
  processed: number;
  /** 0–100; reading counts for 90 (by bytes), the checks for 5, the write for 5. */
  percent: number;
  /** Blocking problems, at most 1,000 listed; `errorCount` has the full count. */
  errors: ImportProblem[];
  errorCount: number;
  /** Non-blocking findings (e.g. grid area out of bounds), at most 1,000 listed. */
  warnings: ImportProblem[];
  summary: ImportSummary | null;
  createdAt: string;
  finishedAt: string | null;
}

export const EXPORT_FORMATS = ['geojson', 'shapefile', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
