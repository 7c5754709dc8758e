import type { CloudTableKey } from '#functions/tables';
import type { JobKind } from '#ports/scheduler';

/**
 * What a function may touch, for routes (`routes.ts`) and jobs (`functions/jobs/jobs.ts`) alike:
 * the CDK grants exactly this and nothing more, and the local runtime refuses anything else.
 */
export type TableAccess = 'read' | 'write' | 'readWrite';

/** What a route's function may touch; the CDK grants exactly this and nothing more. */
export interface Grants {
  /** `write` adds items only (the audit trail: `functions/http/audit-actions.ts` grants it to audited routes). */
  readonly tables?: Partial<Record<CloudTableKey, TableAccess>>;
  /** Sends SMS through the notifier (SNS direct publish in AWS). */
  readonly sms?: boolean;
  /**
   * Tables it deletes items from (DeleteItem, alone or inside a transaction); each also `readWrite`.
   * `read` is GetItem, BatchGetItem, Query and ConditionCheckItem; `readWrite` adds PutItem and
   * UpdateItem only, so a delete or a batch write is named here where the code does one.
   */
  readonly deletes?: readonly CloudTableKey[];
  /** Tables it writes in batches (BatchWriteItem: the imports); each also `readWrite`. */
  readonly batchWrites?: readonly CloudTableKey[];
  /** Creates one-time schedules (EventBridge Scheduler in AWS) for the jobs of `functions/jobs/jobs.ts`. */
  readonly scheduler?: boolean;
  /** The job kinds it starts at once (`enqueue`: an asynchronous invoke of exactly these job functions). */
  readonly enqueues?: readonly JobKind[];
  /** Reads the viewer's address behind CloudFront, which needs the origin secret (abuse limits). */
  readonly viewerAddress?: boolean;
  /**
   * The outbox's delivery queue (SQS in AWS, decision 53): `enqueue` sends deliveries to it
   * (`sqs:SendMessage`); `consume` is the sender's (receive, delete, change visibility: the backoff;
   * and send, for the second phone's delivery after the first failed).
   */
  readonly deliveries?: 'enqueue' | 'consume';
  /** Sends e-mail through the mailer (SES v2 in AWS: `ses:SendEmail` on the domain identity and configuration set only, decision 59). */
  readonly mail?: boolean;
  /** Publishes on the announcements topic (SNS in AWS). */
  readonly announce?: boolean;
  /** The exports bucket (S3 in AWS): `read` signs download links, `readWrite` also writes files. */
  readonly files?: 'read' | 'readWrite';
}

/** Named bundles shared by routes and jobs instead of copied grants. */
export const grantBundles = {
  /**
   * A job that changes applications (`applyTransitions`): the application, its kindergarten place,
   * its notice and the child guard, reading the tenant's policy, asking for its cohort's positions.
   */
  applicationTransitions: {
    // Accounts: a notice that reaches the phone is queued to the parent's verified e-mail too (decision 59).
    tables: { applications: 'readWrite', notifications: 'readWrite', kindergartens: 'readWrite', constraints: 'readWrite', tenants: 'read', accounts: 'read' },
    scheduler: true,
    // Every transition asks for its cohort's positions (`requestPositions`).
    enqueues: ['recompute-positions'],
  },
} as const satisfies Record<string, Grants>;
