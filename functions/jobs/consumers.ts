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
  summary: 'Send each queued SMS delivery once: claim it (queued → sending), hand it to SNS, record it sent with its message id; retry with backoff',
  grants: {
    tables: { applications: 'read', notifications: 'readWrite', accounts: 'read', kindergartens: 'read', tenants: 'read' },
    sms: true,
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
  summary: "Record SNS's SMS delivery receipts: each delivery sent → delivered or failed, with the time; a failed first phone's SMS is enqueued for the second phone",
  // A failed SMS is tried on the second phone (the account names it): a new delivery enqueued.
  grants: { tables: { notifications: 'readWrite', accounts: 'read' }, deliveries: 'enqueue' },
  timeoutSeconds: 30,
} as const satisfies ConsumerDefinition;

export const consumers = [smsSender, smsReceipts] as const satisfies readonly ConsumerDefinition[];
