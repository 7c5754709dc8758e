import { type ApiFailure } from '../api.ts';
import { api } from '../client.ts';
import type {  ImportKind, ImportProblem } from '../api-types.ts';
import { csvSlices, importCheckEventBytes, importCheckMaxEventBytes, splitCsvRecords } from '../../../functions/domain/csv-slices.ts';

/** Rows per request: small enough for one Lambda call, few enough requests for 10,000 rows. */
export const sliceRows = 500;

export type ImportOutcome =
  | { readonly kind: 'empty' }
  /** Too big for the check's one request (Lambda's 6 MB event): `rowsPerPart` rows of it would fit. */
  | { readonly kind: 'too-large'; readonly megabytes: number; readonly rowsPerPart: number }
  | { readonly kind: 'rejected'; readonly message: string; readonly rows: readonly ImportProblem[]; readonly rowsTotal: number }
  | { readonly kind: 'failed'; readonly failure: ApiFailure; readonly done: number; readonly total: number }
  | { readonly kind: 'finished'; readonly total: number; readonly written: number; readonly file: ImportKind };

/**
 * Imports a CSV file in two steps: the whole file is checked first (nothing is written if any
 * row is bad), then it is sent in slices of `sliceRows` rows, each with the header line, and
 * `firstLine` so problems name the file's own line; a queue file ends with the positions brought
 * up to date. Writing is idempotent, so a failed run can simply be repeated.
 */
export async function uploadCsv(kind: ImportKind, csv: string, onProgress: (done: number, total: number) => void): Promise<ImportOutcome> {
  const file = splitCsvRecords(csv);
  if (file.rows.length === 0) return { kind: 'empty' };
  const total = file.rows.length;
  const eventBytes = importCheckEventBytes(csv);
  if (eventBytes > importCheckMaxEventBytes) {
    // Rows in proportion, a tenth kept back for rows longer than the average, rounded down to a thousand.
    const rowsPerPart = Math.max(1_000, Math.floor((total * (importCheckMaxEventBytes / eventBytes) * 0.9) / 1_000) * 1_000);
    return { kind: 'too-large', megabytes: Math.ceil(eventBytes / 100_000) / 10, rowsPerPart };
  }
  const checked = await api('POST /api/staff/imports/{kind}/check', { params: { kind }, body: { csv } });
  if (!checked.ok) {
    const error = checked.failure.kind === 'http' ? checked.failure.error : undefined;
    if (error?.code === 'import_rejected') return { kind: 'rejected', message: error.message, rows: error.rows ?? [], rowsTotal: error.rowsTotal ?? error.rows?.length ?? 0 };
    return { kind: 'failed', failure: checked.failure, done: 0, total };
  }
  let done = 0;
  let written = 0;
  onProgress(0, total);
  for (const slice of csvSlices(file, sliceRows)) {
    const result = await api('POST /api/staff/imports/{kind}/rows', { params: { kind }, body: { csv: slice.csv, firstLine: slice.firstLine } });
    if (!result.ok) {
      const error = result.failure.kind === 'http' ? result.failure.error : undefined;
      if (error?.code === 'import_rejected') return { kind: 'rejected', message: error.message, rows: error.rows ?? [], rowsTotal: error.rowsTotal ?? error.rows?.length ?? 0 };
      return { kind: 'failed', failure: result.failure, done, total };
    }
    done += slice.rows;
    written += result.data.written;
    onProgress(done, total);
  }
  // Positions are recomputed once the whole queue file is in, not after every slice.
  if (kind === 'applications') {
    const positions = await api('POST /api/staff/queue/positions');
    if (!positions.ok) return { kind: 'failed', failure: positions.failure, done, total };
  }
  return { kind: 'finished', total, written, file: kind };
}
