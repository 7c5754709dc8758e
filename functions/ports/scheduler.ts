/**
 * One-time jobs at a time in the future. In AWS: EventBridge Scheduler (one schedule per job,
 * deleted after it runs, failures to a dead-letter queue); locally: a schedule table and a poller
 * that also fires what fell due while the runtime was stopped.
 */
import type { QueueChange } from '#domain/queue-order';

/**
 * Where a job that handed over goes on (decision 42): the continuation's number (1 for the first
 * hand-over; it names the continuation's schedule) and, for jobs whose progress is not already in
 * the data they change, a cursor and the tallies of the parts done before it.
 */
export interface JobPart {
  readonly n: number;
}

/** The start job's place in its scope: a cohort (index into the campaign's cohorts) and the queue's opaque cursor in it. */
export interface StartPart extends JobPart {
  readonly cohort: number;
  readonly after?: string;
  /** Applications marked and applicants counted by the parts before this one. */
  readonly inScope: number;
  readonly applicants: number;
}

/** The reminder's place in the campaign's pending list (its opaque cursor). */
export interface ReminderPart extends JobPart {
  readonly after: string;
}

/** The positions job's first cohort not yet brought up to date (an index into `birthYears`), and the original task's identity. */
export interface PositionsPart extends JobPart {
  readonly cohort: number;
  /** A digest of the original task: continuations of two different recomputes never share a name. */
  readonly origin: string;
}

/**
 * The preview job's place (decision 57): like the start's, with the counts so far (`byCohort`
 * keyed by birth year). No IIN: applicants are counted where their first in-scope application is.
 */
export interface PreviewPart extends JobPart {
  readonly cohort: number;
  readonly after?: string;
  readonly read: number;
  readonly applications: number;
  readonly applicants: number;
  readonly byCohort: Readonly<Record<string, number>>;
}

/**
 * The export's place in the campaign's answers (the answers' own cursor, opaque) and how many it
 * has read: each invocation writes the answers it read as one run file (`n`), and the last one
 * assembles the runs into the CSV.
 */
export interface ExportPart extends JobPart {
  readonly after: string;
  readonly read: number;
}

/**
 * A smaller page than the job's own (queue entries per page of the start, applications per read
 * and per transaction of the close, positions per write chunk, answers per read of the export): nothing in AWS sets it; the local
 * runtime's `jobPageSize` does, so a few hundred applications under a proportionally shorter
 * timeout hand over as a city's do, with no page long enough to overrun it. Continuations keep it.
 */
export interface PagedTask {
  readonly pageSize?: number;
}

export type JobTask =
  | { readonly kind: 'referral-expiry'; readonly applicationId: string; readonly issuedAt: string }
  | { readonly kind: 'referral-restore'; readonly applicationId: string; readonly autoRestoreAt: string }
  | ({
      readonly kind: 'recompute-positions';
      readonly tenantId: string;
      readonly birthYears: readonly number[];
      readonly changes: readonly QueueChange[];
      /** What explains moves no listed change does (e.g. `stopped` after a campaign's close). */
      readonly unexplainedAs?: 'stopped';
      readonly part?: PositionsPart;
    } & PagedTask)
  | ({ readonly kind: 'campaign-start'; readonly tenantId: string; readonly campaignId: string; readonly part?: StartPart } & PagedTask)
  | ({ readonly kind: 'campaign-preview'; readonly tenantId: string; readonly campaignId: string; readonly requestId: string; readonly part?: PreviewPart } & PagedTask)
  | { readonly kind: 'campaign-reminder'; readonly tenantId: string; readonly campaignId: string; readonly daysBefore: number; readonly part?: ReminderPart }
  /** The close keeps no cursor: what it stopped has left the pending index, which is its progress. */
  | ({ readonly kind: 'campaign-close'; readonly tenantId: string; readonly campaignId: string; readonly mode: 'close' | 'cancel'; readonly part?: JobPart } & PagedTask)
  | ({ readonly kind: 'export'; readonly tenantId: string; readonly exportId: string; readonly part?: ExportPart } & PagedTask)
  /** The SMS copy of a notice, held for the tenant's SMS hours; the application names the parent (no IIN in a schedule). */
  | { readonly kind: 'notice-sms'; readonly applicationId: string; readonly notificationId: string }
  /**
   * The outbox sweeper (decision 55): deliveries `queued` too long are enqueued again. `part` is
   * where a handed-over sweep goes on (a shard, and the mark time it had reached: no parent in
   * it); `repeatMinutes` makes the sweep schedule its next run (the local runtime's chain).
   */
  | { readonly kind: 'outbox-sweep'; readonly part?: { readonly n: number; readonly startedAt: string; readonly shard: number; readonly from?: string }; readonly repeatMinutes?: number };

export type JobKind = JobTask['kind'];

export interface ScheduledJob {
  /**
   * Deterministic (built by `functions/use-cases/schedule-names.ts`): scheduling twice keeps one, the first.
   * Valid for EventBridge Scheduler: see `scheduleNameMaxLength` and `scheduleNamePattern`.
   */
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

/**
 * What EventBridge Scheduler accepts, so that every adapter (the local one included) refuses
 * the same requests. Source: EventBridge Scheduler API Reference, `CreateSchedule` (Name,
 * GroupName) and `CreateScheduleGroup` (Name): length 1–64, pattern `[0-9a-zA-Z-_.]+`.
 */
export const scheduleNameMaxLength = 64;
export const scheduleNamePattern = /^[0-9a-zA-Z\-_.]+$/;
/** EventBridge Scheduler API Reference, `CreateScheduleGroup`: a group name is 1–64 characters of the same pattern. */
export const scheduleGroupNameMaxLength = 64;
/** EventBridge Scheduler User Guide, "Quotas for Amazon EventBridge Scheduler": a schedule's target input is at most 256 KB. */
export const scheduleInputMaxBytes = 256 * 1024;
/** AWS Lambda API Reference, `Invoke`: an asynchronous invocation's payload is at most 1 MB (our `enqueue` in AWS). */
export const asyncInvokePayloadMaxBytes = 1024 * 1024;

/**
 * The constraint violations EventBridge Scheduler would answer `CreateSchedule` with, in its
 * wording (`ValidationException`); empty when the request is valid.
 */
export function scheduleViolations(request: { readonly name: string; readonly groupName: string; readonly input: string }): string[] {
  const violations: string[] = [];
  const field = (value: string, member: string, max: number) => {
    if (value.length < 1) violations.push(`Value '${value}' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`);
    if (value.length > max) violations.push(`Value '${value}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
    if (value.length > 0 && !scheduleNamePattern.test(value)) violations.push(`Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+`);
  };
  field(request.name, 'name', scheduleNameMaxLength);
  field(request.groupName, 'groupName', scheduleGroupNameMaxLength);
  const bytes = new TextEncoder().encode(request.input).length;
  if (bytes > scheduleInputMaxBytes) violations.push(`Target input of ${bytes} bytes exceeds the maximum payload size of ${scheduleInputMaxBytes} bytes`);
  return violations;
}

/**
 * How long a job invocation may go on before it hands over to a continuation (decision 42). Built
 * from the Lambda context by `jobHandler` (locally the job runner passes the same context); a job
 * asks between chunks and, once `handOver()` is true, saves where it is, enqueues its
 * continuation and returns.
 */
export interface JobBudget {
  handOver(): boolean;
}

/** No limit: the job runs to the end in one call (direct calls from tests, scripts and the bench's raw measures). */
export const unlimitedBudget: JobBudget = { handOver: () => false };

/**
 * The share of its Lambda timeout after which an invocation hands over: below half, so that the
 * chunk in flight when it is reached and the hand-over itself still end before half the limit.
 */
export const handOverShare = 0.4;
