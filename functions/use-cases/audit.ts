import type { AuditEvent, AuditFilter, AuditPage, AuditRecordType } from '#domain/audit';
import { auditCsv } from '#domain/audit';
import { endOfKazakhstanDay, startOfKazakhstanDay } from '#domain/kazakhstan-time';
import type { Dependencies } from '#ports/dependencies';

/** The administrator's filters as the page sends them: Kazakhstan calendar days, a person or a record. */
export interface AuditQuery {
  readonly accountId?: string;
  readonly recordType?: AuditRecordType;
  readonly recordId?: string;
  readonly action?: string;
  readonly from?: string;
  readonly to?: string;
}

export const auditPageSize = 50;
/** The most events one CSV holds (a Lambda answer stays far below its 6 MB). */
export const auditExportLimit = 10_000;

function filterOf(query: AuditQuery): AuditFilter {
  return {
    ...(query.accountId && { accountId: query.accountId }),
    ...(query.recordType && query.recordId && { record: { type: query.recordType, id: query.recordId } }),
    ...(query.action && { action: query.action }),
    ...(query.from && { from: startOfKazakhstanDay(query.from) }),
    // The whole last second of the day, whatever its milliseconds.
    ...(query.to && { to: endOfKazakhstanDay(query.to).replace(/\.000Z$/, '.999Z') }),
  };
}

/** One page of the tenant's audit trail, newest first. */
export function listAuditEvents(deps: Pick<Dependencies, 'audit'>, tenantId: string, query: AuditQuery, after?: string): Promise<AuditPage> {
  return deps.audit.list(tenantId, filterOf(query), auditPageSize, after);
}

const csvHeader = {
  kk: ['Уақыты', 'Қызметкер', 'Рөлі', 'Әрекет', 'Жазба түрі', 'Жазба', 'Нәтиже'],
  ru: ['Время', 'Сотрудник', 'Роль', 'Действие', 'Тип записи', 'Запись', 'Результат'],
  en: ['Time', 'Staff member', 'Role', 'Action', 'Record type', 'Record', 'Outcome'],
} as const;

/** The filtered trail as CSV, newest first, at most `auditExportLimit` events (ids only: no IIN, no phone). */
export async function exportAuditEvents(
  deps: Pick<Dependencies, 'audit'>,
  tenantId: string,
  query: AuditQuery,
  language: 'kk' | 'ru' | 'en',
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const filter = filterOf(query);
  const events: AuditEvent[] = [];
  let after: string | undefined;
  do {
    const page = await deps.audit.list(tenantId, filter, 1000, after);
    events.push(...page.events);
    after = page.next;
  } while (after && events.length < auditExportLimit);
  const kept = events.slice(0, auditExportLimit);
  return { csv: auditCsv(kept, language, csvHeader[language]), rows: kept.length, truncated: events.length > auditExportLimit || after !== undefined };
}
