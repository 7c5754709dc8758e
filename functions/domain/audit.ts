import { csvLine, delimiterFor, utf8Bom } from './csv-write.ts';

/**
 * The audit trail: one append-only event per staff request that reads personal data or changes
 * anything. An event names the person by their account id and the record by its id, never by an
 * IIN or a phone number, and keeps no request body.
 */

/** What kind of record an event is about. */
export type AuditRecordType = 'application' | 'kindergarten' | 'campaign' | 'export' | 'import' | 'queue' | 'audit' | 'staff-account';

export interface AuditRecordRef {
  readonly type: AuditRecordType;
  readonly id: string;
}

/** `success`, or the problem code the request was refused with (e.g. `not_found`). */
export type AuditOutcome = string;

export interface AuditEvent {
  readonly tenantId: string;
  readonly eventId: string;
  /** ISO time the outcome was known (or the transaction it rode on was sent). */
  readonly at: string;
  readonly actor: { readonly role: string; readonly accountId: string };
  /** A stable action name from `functions/http/audit-actions.ts`, e.g. `application.enroll`. */
  readonly action: string;
  readonly record?: AuditRecordRef;
  readonly outcome: AuditOutcome;
}

/** The administrator's filters: at most one of person and record (each is one index), any action and dates. */
export interface AuditFilter {
  readonly accountId?: string;
  readonly record?: AuditRecordRef;
  readonly action?: string;
  /** Inclusive ISO bounds. */
  readonly from?: string;
  readonly to?: string;
}

export interface AuditPage {
  readonly events: readonly AuditEvent[];
  /** Where the next page starts, when more may follow (opaque: only passed back). */
  readonly next?: string;
}

/** The CSV of some events, in the language's spreadsheet separator; ids only, never IIN or phone. */
export function auditCsv(events: readonly AuditEvent[], language: 'kk' | 'ru' | 'en', header: readonly string[]): string {
  const delimiter = delimiterFor(language);
  const lines = events.map((event) =>
    csvLine([event.at, event.actor.accountId, event.actor.role, event.action, event.record?.type ?? '', event.record?.id ?? '', event.outcome], delimiter),
  );
  return utf8Bom + csvLine(header, delimiter) + lines.join('');
}
