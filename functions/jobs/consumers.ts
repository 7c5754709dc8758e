import type { Grants } from '#http/routes';
import { senderSettings } from '#ports/delivery-queue';

/**
 * The functions that consume the outbox (decision 53): the sender, fed by the delivery queue (an
 * SQS event source in AWS, the local runtime's queue runner locally), and the receipt recorder,
 * fed by SNS's SMS delivery-status logs (a CloudWatch Logs subscription in AWS, the local
 * notifier's simulated receipts locally). The CDK makes one function per entry.
 */
export interface ConsumerDefinition {
  readonly name: string;
  readonly handler: string;
  readonly summary: string;
  readonly grants: Grants;
  readonly timeoutSeconds: number;
}

export const smsSender = {
  name: 'sms-sender',
  handler: 'sms-sender',
  summary: 'Send each queued SMS or e-mail delivery once: claim it (queued → sending), hand it to SNS or SES, record it sent with its message id; retry with backoff',
  grants: {
    tables: { applications: 'read', notifications: 'readWrite', accounts: 'read', kindergartens: 'read', tenants: 'read' },
    sms: true,
    // E-mail deliveries go through the same queue and claim (decision 59).
    mail: true,
    // Holds a delivery that slipped outside the SMS hours for the morning (a `notice-sms` job).
    scheduler: true,
    // Consumes the queue, and enqueues the second phone's delivery after the first phone failed.
    deliveries: 'consume',
  },
  timeoutSeconds: senderSettings.timeoutSeconds,
} as const satisfies ConsumerDefinition;

export const smsReceipts = {
  name: 'sms-receipts',
  handler: 'sms-receipts',
  // Also SES's e-mail events (decision 59): one recorder for both, as the API stack is at CloudFormation's 500 resources.
  summary: "Record SNS's SMS delivery receipts and SES's e-mail events: each delivery sent → delivered or failed, with the time; a failed first phone's SMS is enqueued for the second phone",
  // A failed SMS is tried on the second phone (the account names it): a new delivery enqueued.
  grants: { tables: { notifications: 'readWrite', accounts: 'read' }, deliveries: 'enqueue' },
  timeoutSeconds: 30,
} as const satisfies ConsumerDefinition;

/** How the answers table's stream feeds the aggregation (decision 54): the event source mapping's settings, local and in AWS. */
export const aggregationSettings = {
  /** Records per invocation: a batch's deltas are added up per slice, so larger batches mean fewer counter writes. */
  batchSize: 100,
  /** How long the event source gathers a batch before invoking (seconds). */
  maxBatchingWindowSeconds: 1,
  /** Retries of a failing batch (halved each time: bisect on error) before it goes to the dead-letter queue. */
  retryAttempts: 10,
  /** A record older than this (seconds) goes to the dead-letter queue instead: the stream keeps 24 hours. */
  maxRecordAgeSeconds: 6 * 3600,
  /** An iterator age over this (ms) raises the alarm: the dashboard lags the answers by that much. */
  iteratorAgeAlarmMs: 5 * 60 * 1000,
  /** How often the local runtime polls the stream (ms; AWS polls each shard about four times a second). */
  localPollMs: 250,
} as const;

export const answerAggregator = {
  name: 'answer-aggregator',
  handler: 'answer-aggregator',
  summary: "Move the survey counters (aggregate slices, the campaign's confirmations) by each answer change from the answers table's stream, exactly once",
  // Its markers and slices (aggregates), the campaign's counter shards (campaigns); the stream's read grant comes with the event source.
  grants: { tables: { aggregates: 'readWrite', campaigns: 'readWrite' } },
  timeoutSeconds: 60,
} as const satisfies ConsumerDefinition;

export const consumers = [smsSender, smsReceipts, answerAggregator] as const satisfies readonly ConsumerDefinition[];
