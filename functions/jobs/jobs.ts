import { grantBundles, type Grants } from '#http/grants';
import type { JobKind } from '#ports/scheduler';

/**
 * The job table: every kind of scheduled job, its handler file in `functions/handlers/` and what
 * it may touch. The CDK creates one function per entry as a Scheduler target; the local
 * scheduler dispatches to the same handlers.
 */
export interface JobDefinition {
  readonly kind: JobKind;
  readonly handler: string;
  readonly summary: string;
  readonly grants: Grants;
  /**
   * The job function's Lambda timeout (the CDK sets it; the local job runner fails an invocation
   * that runs past it, as Lambda would). Jobs that grow with the queue get more than a request's 10 s,
   * and hand over to a continuation before `handOverShare` of it (decision 42).
   */
  readonly timeoutSeconds: number;
}

const transitionGrants = grantBundles.applicationTransitions;

export const jobs = [
  {
    kind: 'referral-expiry',
    handler: 'job-referral-expiry',
    summary: 'An unused referral expires: stop the application (referral_expired) and schedule its return in 10 working days',
    grants: transitionGrants,
    timeoutSeconds: 10,
  },
  {
    kind: 'referral-restore',
    handler: 'job-referral-restore',
    summary: 'A referral_expired stop returns to the queue with its original registration date',
    grants: transitionGrants,
    timeoutSeconds: 10,
  },
  {
    kind: 'recompute-positions',
    handler: 'job-recompute-positions',
    summary: "Bring a tenant's cohorts' stored positions up to date after changes, writing only those that moved",
    // It hands over to its own continuation (decision 42): the scheduler binding, as every function that enqueues has.
    // Kindergartens: their places, for the chance of a place stored with the positions.
    grants: { tables: { applications: 'readWrite', tenants: 'read', kindergartens: 'read' }, scheduler: true, enqueues: ['recompute-positions'] },
    timeoutSeconds: 300,
  },
  {
    kind: 'campaign-start',
    handler: 'job-campaign-start',
    summary: 'A started campaign: mark the in-scope applications pending, notify their parents, announce, schedule reminders and the close',
    grants: {
      // Accounts: a parent's verified e-mail is queued beside the SMS (decision 59).
      tables: { applications: 'readWrite', notifications: 'readWrite', campaigns: 'readWrite', tenants: 'read', accounts: 'read' },
      scheduler: true,
      announce: true,
      // Its SMS go through the outbox: queued with each notice, enqueued for the sender (decision 53).
      deliveries: 'enqueue',
      enqueues: ['campaign-start'],
    },
    timeoutSeconds: 900,
  },
  {
    kind: 'campaign-preview',
    handler: 'job-campaign-preview',
    summary: "A draft's preview (SPEC rule 2): count the in-scope applications by birth year and their applicants, page by page, writing the progress on the draft (decision 57)",
    // The applicant's own index: each applicant counted once, at their in-scope application with the smallest id.
    grants: { tables: { applications: 'read', campaigns: 'readWrite', tenants: 'read' }, scheduler: true, enqueues: ['campaign-preview'] },
    timeoutSeconds: 900,
  },
  {
    kind: 'campaign-reminder',
    handler: 'job-campaign-reminder',
    summary: 'Remind every parent with applications still pending, once per reminder',
    grants: { tables: { applications: 'read', notifications: 'readWrite', campaigns: 'read', tenants: 'read', accounts: 'read' }, deliveries: 'enqueue', scheduler: true, enqueues: ['campaign-reminder'] },
    timeoutSeconds: 900,
  },
  {
    kind: 'campaign-close',
    handler: 'job-campaign-close',
    summary: 'At the end: stop every still-pending application (cleanup), resumably; or clear the pending marks of a cancelled campaign',
    grants: {
      tables: { applications: 'readWrite', notifications: 'readWrite', campaigns: 'readWrite', constraints: 'readWrite', tenants: 'read', accounts: 'read' },
      scheduler: true,
      deliveries: 'enqueue',
      enqueues: ['recompute-positions', 'campaign-close'],
      deletes: ['constraints'],
    },
    timeoutSeconds: 900,
  },
  {
    kind: 'notice-sms',
    handler: 'job-notice-sms',
    summary: "Enqueue for the sender the SMS copy of a notice held for the tenant's SMS hours (or hold it again if still outside them)",
    grants: { tables: { applications: 'read', notifications: 'read', tenants: 'read' }, deliveries: 'enqueue', scheduler: true },
    timeoutSeconds: 10,
  },
  {
    kind: 'outbox-sweep',
    handler: 'job-outbox-sweep',
    summary: 'Enqueue again the deliveries still queued long after their notice was written (the writer died before its enqueue): through the outbox mark of the byAttention index, chunked by shard',
    grants: { tables: { notifications: 'read', tenants: 'read' }, deliveries: 'enqueue', scheduler: true, enqueues: ['outbox-sweep'] },
    timeoutSeconds: 300,
  },
  {
    kind: 'export',
    handler: 'job-export',
    summary: 'Write a CSV export (anonymised answers or the aggregates) to the exports bucket, with its progress: the answers read in runs that hand over to continuations, then assembled',
    grants: { tables: { exports: 'readWrite', answers: 'read', aggregates: 'read', campaigns: 'read', kindergartens: 'read', tenants: 'read' }, files: 'readWrite', scheduler: true, enqueues: ['export'] },
    timeoutSeconds: 900,
  },
] as const satisfies readonly JobDefinition[];

export function jobFor(kind: JobKind): JobDefinition {
  const job = jobs.find((candidate) => candidate.kind === kind);
  if (!job) throw new Error(`no job ${kind}`);
  return job;
}

