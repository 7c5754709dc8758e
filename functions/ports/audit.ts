import type { AuditEvent, AuditFilter, AuditPage } from '#domain/audit';

/**
 * The audit trail (adapter: `functions/adapters/dynamodb/audit-store.ts`, the trail's only
 * writer). Events are only ever added: one is never written over another.
 */
export interface AuditTrail {
  /**
   * Runs one staff request's `work`. The first all-or-nothing change the work commits (a unit of
   * work, or a store's own transaction) carries the event (`event()`, made when the change is
   * sent, outcome `success`), so the change and its audit commit together; a refused change
   * carries nothing. Tells whether one did; if none did, the caller appends the event once the
   * outcome is known.
   */
  carried<T>(event: () => AuditEvent, work: () => Promise<T>): Promise<{ readonly value: T; readonly carried: boolean }>;
  /** Adds one event (for reads, changes outside a transaction and failures); refused if that event exists. */
  append(event: AuditEvent): Promise<void>;
  /**
   * A tenant's events newest first, filtered (times inclusive); at most `limit` a page, and a
   * filtered page may hold fewer and still have a `next`, the opaque cursor of the next page.
   */
  list(tenantId: string, filter: AuditFilter, limit: number, after?: string): Promise<AuditPage>;
}
