/**
 * The queue that carries deliveries from the outbox (a notice's channel written `queued`) to the
 * sender (decision 53). In AWS: Amazon SQS with a dead-letter queue, consumed by the sender
 * function; locally: `LocalDeliveryQueue`, which refuses what SQS refuses and redelivers as SQS
 * does. A message names the delivery, never the parent: the application that names them (no IIN,
 * no phone number in a queue).
 */
import { outboundChannels, type OutboundChannel } from '#domain/notification';

export interface DeliveryMessage {
  readonly applicationId: string;
  readonly notificationId: string;
  readonly channel: OutboundChannel;
}

export interface DeliveryQueue {
  /**
   * Enqueues deliveries (any number: adapters send them in batches of `sqsLimits.maxBatchEntries`).
   * Enqueuing a delivery twice is harmless: the sender claims each one with a conditional write.
   */
  enqueue(messages: readonly DeliveryMessage[]): Promise<void>;
  /**
   * A received message that failed comes back after `seconds` instead of the visibility timeout
   * (the sender's backoff; `ChangeMessageVisibility` in SQS), identified by its receipt handle.
   */
  retryLater(receiptHandle: string, seconds: number): Promise<void>;
}

/**
 * What Amazon SQS accepts, so the local queue refuses the same. Sources: Amazon SQS Developer
 * Guide, "Amazon SQS message quotas" (message size 1 byte–256 KiB; a batch holds at most 10
 * messages and 256 KiB in all; visibility timeout 0 s–12 h; delay 0–15 min) and the API Reference,
 * `SendMessageBatch` (`TooManyEntriesInBatchRequest`, `BatchRequestTooLong`, `EmptyBatchRequest`,
 * `BatchEntryIdsNotDistinct`), `ReceiveMessage` (`MaxNumberOfMessages` 1–10).
 */
export const sqsLimits = {
  maxMessageBytes: 262_144,
  maxBatchEntries: 10,
  maxBatchBytes: 262_144,
  maxReceiveMessages: 10,
  maxVisibilityTimeoutSeconds: 43_200,
  maxDelaySeconds: 900,
  /** A batch entry's `Id`: up to 80 characters of letters, digits, `-` and `_`. */
  batchEntryIdPattern: /^[A-Za-z0-9_-]{1,80}$/,
} as const;

/** The sender's settings, shared by the CDK (queue, event source, reserved concurrency) and the local runtime. */
export const senderSettings = {
  /** Deliveries per second over all sender instances (the account's SNS SMS quota is higher; the provider bills per SMS). */
  ratePerSecond: 20,
  /** Sender instances at once (reserved concurrency): the rate is split between them. */
  reservedConcurrency: 2,
  /** Messages per invocation (the event source's batch size). */
  batchSize: 10,
  /** The sender function's timeout: a claim older than twice this is its dead sender's (see `isClaimable`). */
  timeoutSeconds: 30,
  /** The queue's visibility timeout: six times the function's timeout, as AWS advises for a Lambda event source. */
  visibilityTimeoutSeconds: 180,
  /** Receives before a message goes to the dead-letter queue; the sender marks the delivery failed on the last. */
  maxReceives: 5,
} as const;

/** The outbox sweeper's settings (decision 55), shared by the job, the CDK's recurring schedule and `npm start`. */
export const outboxSweep = {
  /**
   * A delivery still `queued` this long after it was marked lost its message (its writer died
   * between the write and the enqueue). Longer than a city's start takes to drain at the sender's
   * rate (50,000 at 20 a second: 42 minutes), so the sweeper rarely enqueues what is still queued.
   */
  waitedMinutes: 120,
  /** Older marks are left alone (a delivery whose application has gone, which no sender settles). */
  lookBackDays: 7,
  pageSize: 100,
  /** How often it runs: a recurring schedule in AWS, a chain of one-time schedules locally. */
  everyMinutes: 15,
} as const;

/** A message's body as sent: the JSON of the delivery. */
export const deliveryMessageBody = (message: DeliveryMessage): string => JSON.stringify({ applicationId: message.applicationId, notificationId: message.notificationId, channel: message.channel });

export function parseDeliveryMessage(body: string): DeliveryMessage {
  const parsed = JSON.parse(body) as Partial<DeliveryMessage>;
  if (typeof parsed.applicationId !== 'string' || typeof parsed.notificationId !== 'string' || !outboundChannels.includes(parsed.channel as OutboundChannel)) {
    throw new Error('not a delivery message');
  }
  return { applicationId: parsed.applicationId, notificationId: parsed.notificationId, channel: parsed.channel as OutboundChannel };
}
