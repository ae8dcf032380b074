import { Injectable } from '@nestjs/common';
import { Database, type SqlRunner } from '../../database/database';
import { nextCaseNumbers } from '../cases/cases.repository';

/** A bad row of a history file: its line (CSV) or 1-based element (JSON), the old case number, why. */
export interface HistoryProblem {
  line: number;
  caseNo?: string;
  reason: string;
}

export interface HistoryImportSummary {
  read: number;
  cases: number;
  flows: number;
  /** First and last report time of the imported cases (ISO). */
  from: string | null;
  to: string | null;
}

export type HistoryImportStatus = 'queued' | 'validating' | 'invalid' | 'applying' | 'done' | 'failed';

export interface HistoryImportJob {
  id: string;
  format: 'csv' | 'json';
  status: HistoryImportStatus;
  fileName: string | null;
  total: number | null;
  processed: number;
  percent: number;
  errors: HistoryProblem[];
  errorCount: number;
  summary: HistoryImportSummary | null;
  createdAt: string;
  finishedAt: string | null;
}

const JOB_COLUMNS = `id, format, status, file_name AS "fileName", total, processed, percent, errors,
  error_count AS "errorCount", summary, to_json(created_at) #>> '{}' AS "createdAt",
  to_json(finished_at) #>> '{}' AS "finishedAt"`;

/** SQL of the history import: jobs, legacy numbers and case-number blocks. */
@Injectable()
export class HistoryImportRepository {
  constructor(private readonly db: Database) {}

  static on(runner: SqlRunner): HistoryImportWriter {
    return new HistoryImportWriter(runner);
  }

  async createJob(j: {
    id: string;
    format: string;
    fileName: string | null;
    createdBy: string;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO history_import_job (id, format, file_name, created_by) VALUES ($1, $2, $3, $4)`,
      [j.id, j.format, j.fileName, j.createdBy],
    );
  }

  async findJob(id: string): Promise<HistoryImportJob | null> {
    const [row] = await this.db.query<HistoryImportJob>(
      `SELECT ${JOB_COLUMNS} FROM history_import_job WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async listJobs(): Promise<HistoryImportJob[]> {
    return this.db.query<HistoryImportJob>(
      `SELECT ${JOB_COLUMNS} FROM history_import_job ORDER BY created_at DESC LIMIT 50`,
    );
  }

  async progress(
    id: string,
    p: { status?: HistoryImportStatus; total?: number; processed: number; percent: number },
  ): Promise<void> {
    await this.db.query(
      `UPDATE history_import_job SET status = coalesce($2, status), total = coalesce($3, total),
         processed = $4, percent = $5 WHERE id = $1`,
      [id, p.status ?? null, p.total ?? null, p.processed, p.percent],
    );
  }

  async finish(
    id: string,
    f: {
      status: HistoryImportStatus;
      errors: HistoryProblem[];
      errorCount: number;
      summary: HistoryImportSummary | null;
    },
  ): Promise<void> {
    await this.db.query(
      `UPDATE history_import_job SET status = $2, errors = $3::jsonb, error_count = $4, summary = $5::jsonb,
         percent = CASE WHEN $2 = 'done' THEN 100 ELSE percent END, finished_at = now() WHERE id = $1`,
      [id, f.status, JSON.stringify(f.errors), f.errorCount, f.summary ? JSON.stringify(f.summary) : null],
    );
  }

  /** Jobs left running by a process that stopped: they can never finish. */
  async failInterrupted(): Promise<void> {
    await this.db.query(
      `UPDATE history_import_job SET status = 'failed', finished_at = now(),
         errors = '[{"line":0,"reason":"the server stopped while the import was running; nothing was written"}]'::jsonb,
         error_count = 1
       WHERE status IN ('queued', 'validating', 'applying')`,
    );
  }

  async running(): Promise<boolean> {
    const [row] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM history_import_job WHERE status IN ('queued', 'validating', 'applying')`,
    );
    return (row?.n ?? 0) > 0;
  }

  /** Legacy numbers of the list already imported. */
  async importedLegacyNos(nos: string[]): Promise<Set<string>> {
    const rows = await this.db.query<{ legacyNo: string }>(
      `SELECT legacy_no AS "legacyNo" FROM history_case WHERE legacy_no = ANY($1::text[])`,
      [nos],
    );
    return new Set(rows.map((r) => r.legacyNo));
  }

  async departmentUsers(): Promise<{ username: string; departmentCode: string }[]> {
    return this.db.query(
      `SELECT u.username, d.code AS "departmentCode" FROM app_user u JOIN department d ON d.id = u.department_id
       WHERE u.active AND u.role = 'department' ORDER BY u.username`,
    );
  }
}

/** The writes of one apply, inside its transaction. */
export class HistoryImportWriter {
  constructor(private readonly db: SqlRunner) {}

  /** `count` case numbers of `year` from the live sequence (`nextCaseNumbers`). */
  caseNumbers(year: number, count: number): Promise<string[]> {
    return nextCaseNumbers(this.db, year, count);
  }

  async insertLegacy(jobId: string, rows: { caseId: string; legacyNo: string }[]): Promise<void> {
    await this.db.query(
      `INSERT INTO history_case (case_id, legacy_no, job_id)
       SELECT r.case_id, r.legacy_no, $2 FROM jsonb_to_recordset($1::jsonb) AS r(case_id uuid, legacy_no text)`,
      [JSON.stringify(rows.map((r) => ({ case_id: r.caseId, legacy_no: r.legacyNo }))), jobId],
    );
  }
}
