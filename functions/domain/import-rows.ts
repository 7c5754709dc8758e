import { ageGroups, instructionLanguages, priorityCategories, type AgeGroup, type InstructionLanguage, type Kindergarten, type PriorityCategory } from './application.ts';
import { birthDateOf, checkNewApplication, type NewApplicationInput } from './application-rules.ts';
import { implausibleCoordinates, isKnownDistrict } from './kindergarten-rules.ts';

/**
 * Rows of the two import files (columns documented in the README, samples in `docs/samples/`),
 * checked one by one and across the file. Pure: the tenant's kindergartens and the date are
 * passed in; reading CSV text is the use case's job.
 */

/** One CSV record with its line number in the file (the header is line 1). */
export interface CsvRow {
  readonly line: number;
  readonly values: Readonly<Record<string, string | undefined>>;
}

export interface RowProblem {
  readonly line: number;
  readonly column: string;
  /** A key of the localized field messages. */
  readonly key: string;
  /** Values its message names (`{phone}`), never personal data in clear. */
  readonly params?: Readonly<Record<string, string>>;
}

export const kindergartenColumns = [
  'kindergarten_id',
  'name_kk',
  'name_ru',
  'name_en',
  'ownership',
  'languages',
  'district',
  'address',
  'lat',
  'lon',
  ...ageGroups.map((group) => `capacity_${group}` as const),
] as const;

export const applicationColumns = [
  'external_id',
  'child_iin',
  'child_name',
  'applicant_iin',
  'applicant_phone',
  'applicant_name',
  'registered_at',
  'priority',
  'kindergartens',
  'language',
  'valid_until',
] as const;

/** Columns that may be left empty. */
export const optionalColumns: ReadonlySet<string> = new Set(['name_en', 'address', 'valid_until']);

export interface ImportedApplication extends NewApplicationInput {
  readonly externalId: string;
  readonly birthDate: string;
  readonly registeredAt: string;
  readonly validUntil?: string;
  readonly line: number;
}

export type ImportedKindergarten = Omit<Kindergarten, 'tenantId' | 'occupancy'> & { readonly line: number };

const idPattern = /^[\w-]{1,40}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
/** A date, or a date-time with an optional offset (Kazakhstan time, UTC+5, when none is given). */
const dateTimePattern = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:\d{2})?)?$/;

function isRealDate(date: string): boolean {
  return datePattern.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
}

/** `registered_at` as an ISO instant, or undefined if it is not a real date(-time). */
export function parseRegisteredAt(value: string): string | undefined {
  const match = dateTimePattern.exec(value.trim());
  if (!match || !isRealDate(match[1]!)) return undefined;
  const time = match[2] ? (match[2].length === 5 ? `${match[2]}:00` : match[2]) : '00:00:00';
  const instant = new Date(`${match[1]}T${time}${match[3] ?? '+05:00'}`);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

/** The header must name every column; unknown extra columns are refused so typos do not pass silently. */
export function checkHeader(header: readonly string[], expected: readonly string[]): RowProblem[] {
  const missing = expected.filter((column) => !header.includes(column)).map((column) => ({ line: 1, column, key: 'column_missing' }));
  const unknown = header.filter((column) => !expected.includes(column)).map((column) => ({ line: 1, column, key: 'column_unknown' }));
  return [...missing, ...unknown];
}

function requiredProblems(row: CsvRow, columns: readonly string[]): RowProblem[] {
  return columns
    .filter((column) => !optionalColumns.has(column) && !(row.values[column] ?? '').trim())
    .map((column) => ({ line: row.line, column, key: 'required' }));
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * Checks application rows: each against `checkNewApplication` plus the import's own columns,
 * and the file as a whole (one row per external id and per child).
 */
export function checkApplicationRows(
  rows: readonly CsvRow[],
  today: string,
  kindergartens: ReadonlyMap<string, Kindergarten>,
): { problems: RowProblem[]; applications: ImportedApplication[] } {
  const problems: RowProblem[] = [];
  const applications: ImportedApplication[] = [];
  const seenIds = new Map<string, number>();
  const seenChildren = new Map<string, number>();
  const columnOf: Record<string, string> = {
    childIin: 'child_iin',
    applicantIin: 'applicant_iin',
    applicantPhone: 'applicant_phone',
    kindergartenIds: 'kindergartens',
  };
  for (const row of rows) {
    const v = (column: (typeof applicationColumns)[number]) => (row.values[column] ?? '').trim();
    const rowProblems = requiredProblems(row, applicationColumns);
    const externalId = v('external_id');
    if (externalId && !idPattern.test(externalId)) rowProblems.push({ line: row.line, column: 'external_id', key: 'id_format' });
    const registeredAt = v('registered_at') ? parseRegisteredAt(v('registered_at')) : undefined;
    if (v('registered_at') && !registeredAt) rowProblems.push({ line: row.line, column: 'registered_at', key: 'date_format' });
    if (registeredAt && registeredAt.slice(0, 10) > today) rowProblems.push({ line: row.line, column: 'registered_at', key: 'date_in_future' });
    const priority = v('priority');
    if (priority && !(priorityCategories as readonly string[]).includes(priority)) rowProblems.push({ line: row.line, column: 'priority', key: 'priority_unknown' });
    const language = v('language');
    if (language && !(instructionLanguages as readonly string[]).includes(language)) rowProblems.push({ line: row.line, column: 'language', key: 'language_unknown' });
    const validUntil = v('valid_until');
    if (validUntil && !isRealDate(validUntil)) rowProblems.push({ line: row.line, column: 'valid_until', key: 'date_format' });

    const input: NewApplicationInput = {
      childIin: v('child_iin'),
      childName: v('child_name'),
      applicantIin: v('applicant_iin'),
      applicantPhone: v('applicant_phone'),
      applicantName: v('applicant_name'),
      priority: priority as PriorityCategory,
      kindergartenIds: list(row.values.kindergartens),
      language: language as InstructionLanguage,
    };
    // Empty cells were reported as `required` already; don't report them twice.
    const required = new Set(rowProblems.filter((p) => p.key === 'required').map((p) => p.column));
    for (const problem of checkNewApplication(input, today, kindergartens)) {
      const column = columnOf[problem.path.split('.')[0]!] ?? problem.path;
      if (!required.has(column)) rowProblems.push({ line: row.line, column, key: problem.key });
    }

    if (externalId) {
      const first = seenIds.get(externalId);
      if (first !== undefined) rowProblems.push({ line: row.line, column: 'external_id', key: 'duplicate_in_file' });
      else seenIds.set(externalId, row.line);
    }
    if (input.childIin) {
      const first = seenChildren.get(input.childIin);
      if (first !== undefined) rowProblems.push({ line: row.line, column: 'child_iin', key: 'duplicate_in_file' });
      else seenChildren.set(input.childIin, row.line);
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    applications.push({
      ...input,
      externalId,
      birthDate: birthDateOf(input.childIin),
      registeredAt: registeredAt!,
      ...(validUntil && { validUntil }),
      line: row.line,
    });
  }
  return { problems, applications };
}

/** Checks kindergarten rows: ids, names, ownership, languages, a district of the tenant, coordinates, capacities. */
export function checkKindergartenRows(
  rows: readonly CsvRow[],
  districtIds: ReadonlySet<string>,
): { problems: RowProblem[]; kindergartens: ImportedKindergarten[] } {
  const problems: RowProblem[] = [];
  const kindergartens: ImportedKindergarten[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const v = (column: string) => (row.values[column] ?? '').trim();
    const rowProblems = requiredProblems(row, kindergartenColumns);
    const id = v('kindergarten_id');
    if (id && !idPattern.test(id)) rowProblems.push({ line: row.line, column: 'kindergarten_id', key: 'id_format' });
    if (id && seen.has(id)) rowProblems.push({ line: row.line, column: 'kindergarten_id', key: 'duplicate_in_file' });
    if (id) seen.add(id);
    const ownership = v('ownership');
    if (ownership && ownership !== 'state' && ownership !== 'private') rowProblems.push({ line: row.line, column: 'ownership', key: 'ownership_unknown' });
    const languages = list(v('languages'));
    if (v('languages') && (languages.length === 0 || languages.some((l) => !(instructionLanguages as readonly string[]).includes(l)))) {
      rowProblems.push({ line: row.line, column: 'languages', key: 'language_unknown' });
    }
    const district = v('district');
    if (district && !isKnownDistrict(district, districtIds)) rowProblems.push({ line: row.line, column: 'district', key: 'district_unknown' });
    const lat = Number(v('lat'));
    const lon = Number(v('lon'));
    for (const axis of implausibleCoordinates({ lat, lon })) {
      if (v(axis)) rowProblems.push({ line: row.line, column: axis, key: 'coordinate_range' });
    }
    const capacity = {} as Record<AgeGroup, number>;
    for (const group of ageGroups) {
      const column = `capacity_${group}`;
      const value = v(column);
      if (value && !/^\d{1,4}$/.test(value)) rowProblems.push({ line: row.line, column, key: 'whole_number' });
      capacity[group] = Number(value);
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    kindergartens.push({
      kindergartenId: id,
      name: { kk: v('name_kk'), ru: v('name_ru'), en: v('name_en') || v('name_ru') },
      ownership: ownership as 'state' | 'private',
      languages: languages as InstructionLanguage[],
      district,
      address: v('address'),
      location: { lat, lon },
      capacity,
      line: row.line,
    });
  }
  return { problems, kindergartens };
}
