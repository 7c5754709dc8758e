/**
 * One-time jobs at a time in the future. In AWS: EventBridge Scheduler (one schedule per job,
 * deleted after it runs, failures to a dead-letter queue); locally: a schedule table and a poller
 * that also fires what fell due while the runtime was stopped.
 */
import type { QueueChange } from '#domain/queue-order';

export type JobTask =
  | { readonly kind: 'referral-expiry'; readonly applicationId: string; readonly issuedAt: string }
  | { readonly kind: 'referral-restore'; readonly applicationId: string; readonly autoRestoreAt: string }
  | {
      readonly kind: 'recompute-positions';
      readonly tenantId: string;
      readonly birthYears: readonly number[];
      readonly changes: readonly QueueChange[];
      /** What explains moves no listed change does (e.g. `stopped` after a campaign's close). */
      readonly unexplainedAs?: 'stopped';
    }
  | { readonly kind: 'campaign-start'; readonly tenantId: string; readonly campaignId: string }
  | { readonly kind: 'campaign-reminder'; readonly tenantId: string; readonly campaignId: string; readonly daysBefore: number }
  | { readonly kind: 'campaign-close'; readonly tenantId: string; readonly campaignId: string; readonly mode: 'close' | 'cancel' }
  | { readonly kind: 'export'; readonly tenantId: string; readonly exportId: string }
  /** The SMS copy of a notice, held for the tenant's SMS hours; the application names the parent (no IIN in a schedule). */
  | { readonly kind: 'notice-sms'; readonly applicationId: string; readonly notificationId: string };

export type JobKind = JobTask['kind'];

export interface ScheduledJob {
  /** Deterministic (e.g. `referral-expiry-<applicationId>-<issued epoch>`): scheduling twice keeps one. */
  readonly name: string;
  /** ISO date-time; a time in the past fires at once. */
  readonly at: string;
  readonly task: JobTask;
}

export interface Scheduler {
  scheduleOnce(job: ScheduledJob): Promise<void>;
  /**
   * Runs a job as soon as possible, outside the request (work that grows with the queue, such as
   * moving thousands of positions). In AWS an asynchronous Lambda invocation (retried, then to the
   * dead-letter queue); locally a schedule due now. Jobs given here must be idempotent.
   */
  enqueue(job: { readonly name: string; readonly task: JobTask }): Promise<void>;
}
