import type { AuditEvent, AuditFilter, AuditPage } from '#domain/audit';

/**
 * The audit trail (adapter: `functions/adapters/dynamodb/audit-store.ts`, the table's only
 * writer). Events are only ever added, each with a conditional put on a new key.
 */
export interface AuditTrail {
  /**
   * Runs one staff request's `work`. The first `TransactWriteItems` it commits carries the event
   * (`event()`, made when the transaction is sent, outcome `success`) as one more Put, so the
   * change and its audit commit together. Tells whether one did; if none did, the caller appends
   * the event once the outcome is known.
   */
  carried<T>(event: () => AuditEvent, work: () => Promise<T>): Promise<{ readonly value: T; readonly carried: boolean }>;
  /** One conditional Put (a new key), for reads, changes without a transaction and failures. */
  append(event: AuditEvent): Promise<void>;
  /** A tenant's events newest first, filtered; one Query per page (an index for person or record). */
  list(tenantId: string, filter: AuditFilter, limit: number, after?: string): Promise<AuditPage>;
}
