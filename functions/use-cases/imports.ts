import { parse } from 'csv-parse/sync';
import type { Actor, Application } from '#domain/application';
import { ImportRejectedError } from '#domain/errors';
import { groupsBelowOccupancy } from '#domain/kindergarten-rules';
import {
  applicationColumns,
  checkApplicationRows,
  checkHeader,
  checkKindergartenRows,
  kindergartenColumns,
  type CsvRow,
  type RowProblem,
} from '#domain/import-rows';
import { splitCsvRecords } from '#domain/csv-slices';
import { phoneConflicts } from '#domain/parent-phone';
import { addYears, kazakhstanDate } from '#domain/kazakhstan-time';
import { notificationForRegistration } from '#domain/notification';
import { offersPriority } from '#domain/settings';
import type { Dependencies } from '#ports/dependencies';
import { tenantPolicy } from './application-actions.ts';
import { requestPositions } from './queue-positions.ts';

export type ImportKind = 'kindergartens' | 'applications';

const columnsOf = { kindergartens: kindergartenColumns, applications: applicationColumns } as const;

/**
 * Reads CSV text (UTF-8, with or without BOM, comma-separated, RFC 4180 quoting) into rows with
 * their line numbers. `firstLine` is the file line of the first data row (2 for a whole file).
 */
export function readCsv(text: string, expected: readonly string[], firstLine = 2): { rows: CsvRow[]; problems: RowProblem[] } {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    records = parse(text, {
      bom: true,
      columns: (names: string[]) => (header = names.map((name) => name.trim().toLowerCase())),
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: false,
    }) as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], problems: [{ line: line ? line + firstLine - 2 : 1, column: '-', key: 'csv_syntax' }] };
  }
  const headerProblems = checkHeader(header, expected);
  if (headerProblems.length > 0) return { rows: [], problems: headerProblems };
  if (records.length === 0) return { rows: [], problems: [{ line: firstLine, column: '-', key: 'file_empty' }] };
  // A record's first line in the slice (the header is line 1), moved to the file's numbering;
  // a quoted field may span lines, so count them the way the slicer does.
  const starts = splitCsvRecords(text).rows.map((r) => r.line);
  const lineOf = (index: number, ending: number) => (starts.length === records.length ? starts[index]! : ending) + firstLine - 2;
  return { rows: records.map(({ record, info }, index) => ({ line: lineOf(index, info.lines), values: record })), problems: [] };
}

/** `imp.<tenant>.<external id>`: neither part may hold a dot, so two tenants' ids can never meet. */
export const importedId = (tenantId: string, externalId: string) => `imp.${tenantId}.${externalId}`;

interface CheckedApplications {
  readonly kind: 'applications';
  readonly rows: number;
  /** The rows not imported yet (a re-import skips the others). */
  readonly fresh: readonly Application[];
}

async function checkApplications(
  deps: Pick<Dependencies, 'kindergartens' | 'applications' | 'tenants' | 'accounts'>,
  input: { tenantId: string; csv: string; firstLine: number; now: Date; actor: Actor },
): Promise<CheckedApplications & { parents: { iin: string; phone: string; displayName: string }[] }> {
  const { rows, problems } = readCsv(input.csv, applicationColumns, input.firstLine);
  if (problems.length > 0) throw new ImportRejectedError(problems);
  const today = kazakhstanDate(input.now);
  const kindergartens = new Map((await deps.kindergartens.listByTenant(input.tenantId)).map((k) => [k.kindergartenId, k]));
  const checked = checkApplicationRows(rows, today, kindergartens);
  const ids = checked.applications.map((a) => importedId(input.tenantId, a.externalId));
  const [existing, activeByChild, accounts, policy] = await Promise.all([
    deps.applications.existingIds(ids),
    deps.applications.activeApplicationsOfChildren(input.tenantId, checked.applications.map((a) => a.childIin)),
    deps.accounts.getParents(checked.applications.map((a) => a.applicantIin)),
    tenantPolicy(deps, input.tenantId),
  ]);
  // A child may already wait under another id (registered by hand, or another file): refuse the row.
  const conflicts: RowProblem[] = checked.applications.flatMap((a) => {
    const active = activeByChild.get(a.childIin);
    return active && active !== importedId(input.tenantId, a.externalId) ? [{ line: a.line, column: 'child_iin', key: 'child_already_queued' }] : [];
  });
  // A parent's account keeps one phone: a row with another one would be dropped silently.
  const phones = phoneConflicts(checked.applications, new Map(accounts.map((account) => [account.iin, account.phone])));
  // A priority category the department does not offer (its settings) is refused, as at registration.
  const priorities: RowProblem[] = checked.applications.flatMap((a) => (offersPriority(policy, a.priority) ? [] : [{ line: a.line, column: 'priority', key: 'priority_not_offered' }]));
  const allProblems = [...checked.problems, ...conflicts, ...phones, ...priorities].sort((a, b) => a.line - b.line);
  if (allProblems.length > 0) throw new ImportRejectedError(allProblems);

  const at = input.now.toISOString();
  const fresh = checked.applications
    .filter((a) => !existing.has(importedId(input.tenantId, a.externalId)))
    .map(
      (row): Application => ({
        applicationId: importedId(input.tenantId, row.externalId),
        tenantId: input.tenantId,
        applicantIin: row.applicantIin,
        childIin: row.childIin,
        childName: row.childName,
        birthDate: row.birthDate,
        registeredAt: row.registeredAt,
        priority: row.priority,
        preferredKindergartenIds: [...row.kindergartenIds],
        language: row.language,
        status: 'queued',
        validUntil: row.validUntil ?? addYears(today, policy.extensionYears),
        history: [{ at, actor: input.actor, action: 'register', to: 'queued', details: { source: 'import', externalId: row.externalId } }],
      }),
    );
  const parents = checked.applications.map((a) => ({ iin: a.applicantIin, phone: a.applicantPhone, displayName: a.applicantName }));
  return { kind: 'applications', rows: rows.length, fresh, parents };
}

/**
 * Checks a whole file without writing anything: every bad row with its line, column and reason
 * (in the caller's language at the HTTP edge). Throws `ImportRejectedError` if any row is bad.
 */
export async function checkImport(
  deps: Pick<Dependencies, 'kindergartens' | 'applications' | 'tenants' | 'accounts'>,
  input: { tenantId: string; kind: ImportKind; csv: string; now: Date; actor: Actor },
): Promise<{ kind: ImportKind; rows: number }> {
  if (input.kind === 'applications') {
    const checked = await checkApplications(deps, { ...input, firstLine: 2 });
    return { kind: 'applications', rows: checked.rows };
  }
  const checked = await checkKindergartens(deps, { ...input, firstLine: 2 });
  return { kind: 'kindergartens', rows: checked.length };
}

async function checkKindergartens(deps: Pick<Dependencies, 'tenants' | 'kindergartens'>, input: { tenantId: string; csv: string; firstLine: number }) {
  const { rows, problems } = readCsv(input.csv, kindergartenColumns, input.firstLine);
  if (problems.length > 0) throw new ImportRejectedError(problems);
  const [tenant, stored] = await Promise.all([deps.tenants.get(input.tenantId), deps.kindergartens.listByTenant(input.tenantId)]);
  const checked = checkKindergartenRows(rows, new Set((tenant?.districts ?? []).map((d) => d.id)));
  if (checked.problems.length > 0) throw new ImportRejectedError(checked.problems);
  // As the form's edit: a file may not set fewer places than children already hold.
  const occupancy = new Map(stored.map((k) => [k.kindergartenId, k.occupancy]));
  const below = checked.kindergartens.flatMap((row) =>
    groupsBelowOccupancy(row.capacity, occupancy.get(row.kindergartenId)).map((group) => ({ line: row.line, column: `capacity_${group}`, key: 'capacity_below_occupancy' })),
  );
  if (below.length > 0) throw new ImportRejectedError(below);
  return checked.kindergartens;
}

/**
 * Imports a slice of a checked file (the header plus some rows): checks it again (the database
 * may have changed since), then writes what is not there yet. Importing the same rows twice
 * writes nothing the second time. Positions are brought up to date by `recomputeTenantPositions`
 * once the whole file is in, so a 10,000-row file moves each position once, not per slice.
 */
export async function importRows(
  deps: Pick<Dependencies, 'kindergartens' | 'applications' | 'notifications' | 'tenants' | 'accounts'>,
  input: { tenantId: string; kind: ImportKind; csv: string; firstLine: number; now: Date; actor: Actor; onProgress?: (written: number) => void },
): Promise<{ kind: ImportKind; written: number }> {
  if (input.kind === 'kindergartens') {
    const kindergartens = await checkKindergartens(deps, input);
    await deps.kindergartens.upsertMany(
      input.tenantId,
      kindergartens.map(({ line: _line, ...kindergarten }) => kindergarten),
    );
    return { kind: 'kindergartens', written: kindergartens.length };
  }
  const checked = await checkApplications(deps, input);
  await deps.accounts.ensureParents(checked.parents.map((parent) => ({ kind: 'parent' as const, ...parent })));
  const at = input.now.toISOString();
  await deps.applications.importMany(checked.fresh, input.onProgress);
  await deps.notifications.putMany(checked.fresh.map((application) => notificationForRegistration(application, at)));
  return { kind: 'applications', written: checked.fresh.length };
}

/**
 * Asks for the stored positions of every cohort a kindergarten queue can hold (children up to
 * 7 years old) to be brought up to date, e.g. after an import; newcomers without a position are
 * explained as registered. The work runs as a job: a cohort of 10,000 outgrows a request.
 */
export async function requestTenantPositions(
  deps: Pick<Dependencies, 'scheduler'>,
  input: { tenantId: string; now: Date },
): Promise<{ scheduled: true; cohorts: number }> {
  const year = Number(kazakhstanDate(input.now).slice(0, 4));
  const birthYears = Array.from({ length: 8 }, (_, i) => year - i);
  await requestPositions(deps, { tenantId: input.tenantId, birthYears, changes: [], at: input.now.toISOString(), reason: 'all' });
  return { scheduled: true, cohorts: birthYears.length };
}
