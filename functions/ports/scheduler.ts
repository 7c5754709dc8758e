/**
 * One-time jobs at a time in the future. In AWS: EventBridge Scheduler (one schedule per job,
 * deleted after it runs, failures to a dead-letter queue); locally: a schedule table and a poller
 * that also fires what fell due while the runtime was stopped.
 */
export type JobTask =
  | { readonly kind: 'referral-expiry'; readonly applicationId: string; readonly issuedAt: string }
  | { readonly kind: 'referral-restore'; readonly applicationId: string; readonly autoRestoreAt: string };

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
}
