import type { RowProblem } from './import-rows.ts';

/**
 * A parent's phone as staff may see it: the country code, the first digit of the operator code
 * and the last two digits (`+77011234534` → `+7 7** *** **34`), enough to tell two numbers
 * apart on the phone with the parent, not enough to call anyone.
 */
export function maskPhone(phone: string): string {
  const national = /^\+7(\d{10})$/.exec(phone)?.[1];
  return national ? `+7 ${national[0]}** *** **${national.slice(8)}` : '+7 *** *** ****';
}

/** One import row's applicant, as far as the phone is concerned. */
export interface RowApplicant {
  readonly line: number;
  readonly applicantIin: string;
  readonly applicantPhone: string;
}

/**
 * The rows whose phone disagrees with the parent's account (`onFile`: IIN → phone) or, for a
 * parent without one, with the first row of the same parent in the file: the account keeps one
 * phone, so such a row would be dropped silently. The message names the phone it disagrees
 * with, masked.
 */
export function phoneConflicts(rows: readonly RowApplicant[], onFile: ReadonlyMap<string, string>): RowProblem[] {
  const firstInFile = new Map<string, string>();
  const problems: RowProblem[] = [];
  for (const row of rows) {
    const stored = onFile.get(row.applicantIin);
    const earlier = firstInFile.get(row.applicantIin);
    if (stored !== undefined && stored !== row.applicantPhone) {
      problems.push({ line: row.line, column: 'applicant_phone', key: 'phone_on_file_differs', params: { phone: maskPhone(stored) } });
    } else if (stored === undefined && earlier !== undefined && earlier !== row.applicantPhone) {
      problems.push({ line: row.line, column: 'applicant_phone', key: 'phone_differs_in_file', params: { phone: maskPhone(earlier) } });
    }
    if (earlier === undefined) firstInFile.set(row.applicantIin, row.applicantPhone);
  }
  return problems;
}
