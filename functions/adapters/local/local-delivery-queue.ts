import { randomUUID } from 'node:crypto';
import { deliveryMessageBody, sqsLimits, type DeliveryMessage, type DeliveryQueue } from '#ports/delivery-queue';

/** A message as `ReceiveMessage` hands it out (the fields the sender reads, named as in the SQS event). */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  /** `ApproximateReceiveCount`: 1 on the first receive. */
  readonly receiveCount: number;
}

interface Stored {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  visibleAt: number;
  receiveCount: number;
  /** The latest receipt handle: only it deletes the message or changes its visibility. */
  receiptHandle?: string;
}

/** SQS's answer to a request it refuses, shaped as the SDK's errors (`name`, client fault, 400). */
function sqsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * The local stand-in for the SQS delivery queue and its dead-letter queue, at least as strict as
 * SQS (`sqsLimits`): a message over 256 KiB, a batch over 10 entries or 256 KiB, an empty batch or
 * one with repeated ids is refused whole; a received message is invisible for the visibility
 * timeout and comes back unless deleted with its latest receipt handle; a message received
 * `maxReceives` times goes to the dead-letter queue at its next receive (the redrive policy). In
 * memory: a restart loses what is queued, and the outbox (the notices still `queued`) is what a
 * re-run of the job that wrote them enqueues again.
 */
export class LocalDeliveryQueue implements DeliveryQueue {
  private readonly messages: Stored[] = [];
  readonly deadLetters: { readonly messageId: string; readonly body: string; readonly receiveCount: number }[] = [];

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly options: { readonly visibilityTimeoutSeconds: number; readonly maxReceives: number } = { visibilityTimeoutSeconds: 180, maxReceives: 5 },
  ) {
    if (options.visibilityTimeoutSeconds < 0 || options.visibilityTimeoutSeconds > sqsLimits.maxVisibilityTimeoutSeconds) throw sqsError('InvalidAttributeValue', `VisibilityTimeout must be 0 to ${sqsLimits.maxVisibilityTimeoutSeconds} seconds`);
    if (!Number.isInteger(options.maxReceives) || options.maxReceives < 1 || options.maxReceives > 1000) throw sqsError('InvalidAttributeValue', 'maxReceiveCount must be 1 to 1000');
  }

  async enqueue(messages: readonly DeliveryMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += sqsLimits.maxBatchEntries) {
      await this.sendMessageBatch(messages.slice(i, i + sqsLimits.maxBatchEntries).map((message, j) => ({ id: String(j), body: deliveryMessageBody(message) })));
    }
  }

  /** `SendMessageBatch`: all entries or none (the local queue has no partial failures to report). */
  async sendMessageBatch(entries: readonly { readonly id: string; readonly body: string; readonly delaySeconds?: number }[]): Promise<void> {
    if (entries.length === 0) throw sqsError('EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.');
    if (entries.length > sqsLimits.maxBatchEntries) throw sqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${sqsLimits.maxBatchEntries}. You have sent ${entries.length}.`);
    if (new Set(entries.map((e) => e.id)).size !== entries.length) throw sqsError('BatchEntryIdsNotDistinct', 'Id values must be distinct within a batch');
    let total = 0;
    for (const entry of entries) {
      if (!sqsLimits.batchEntryIdPattern.test(entry.id)) throw sqsError('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
      const bytes = utf8Bytes(entry.body);
      if (bytes === 0) throw sqsError('InvalidParameterValue', 'The request must contain the parameter MessageBody.');
      if (bytes > sqsLimits.maxMessageBytes) throw sqsError('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${sqsLimits.maxMessageBytes} bytes.`);
      const delay = entry.delaySeconds ?? 0;
      if (!Number.isInteger(delay) || delay < 0 || delay > sqsLimits.maxDelaySeconds) throw sqsError('InvalidParameterValue', `DelaySeconds must be 0 to ${sqsLimits.maxDelaySeconds}`);
      total += bytes;
    }
    if (total > sqsLimits.maxBatchBytes) throw sqsError('BatchRequestTooLong', `Batch requests cannot be longer than ${sqsLimits.maxBatchBytes} bytes. You have sent ${total} bytes.`);
    const at = this.now().getTime();
    for (const entry of entries) this.messages.push({ messageId: randomUUID(), body: entry.body, sentAt: at, visibleAt: at + (entry.delaySeconds ?? 0) * 1000, receiveCount: 0 });
  }

  /** `ReceiveMessage`: up to `max` visible messages (1–10), each invisible for the visibility timeout from now. */
  async receive(max: number = sqsLimits.maxReceiveMessages, visibilityTimeoutSeconds = this.options.visibilityTimeoutSeconds): Promise<ReceivedMessage[]> {
    if (!Number.isInteger(max) || max < 1 || max > sqsLimits.maxReceiveMessages) throw sqsError('InvalidParameterValue', `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and ${sqsLimits.maxReceiveMessages}, if provided.`);
    const at = this.now().getTime();
    const received: ReceivedMessage[] = [];
    for (let i = 0; i < this.messages.length && received.length < max; ) {
      const message = this.messages[i]!;
      if (message.visibleAt > at) {
        i++;
        continue;
      }
      if (message.receiveCount >= this.options.maxReceives) {
        // The redrive policy: received maxReceiveCount times and back again, it moves to the dead-letter queue.
        this.messages.splice(i, 1);
        this.deadLetters.push({ messageId: message.messageId, body: message.body, receiveCount: message.receiveCount });
        continue;
      }
      message.receiveCount++;
      message.visibleAt = at + visibilityTimeoutSeconds * 1000;
      message.receiptHandle = randomUUID();
      received.push({ messageId: message.messageId, receiptHandle: message.receiptHandle, body: message.body, receiveCount: message.receiveCount });
      i++;
    }
    return received;
  }

  /** `DeleteMessage`: only with the latest receipt handle (an older one, as SQS says, may not delete it). Whether it was deleted. */
  async delete(receiptHandle: string): Promise<boolean> {
    const index = this.messages.findIndex((m) => m.receiptHandle === receiptHandle);
    if (index < 0) return false;
    this.messages.splice(index, 1);
    return true;
  }

  /** `ChangeMessageVisibility`: a received message comes back after `seconds` (0–12 h) instead. */
  async changeVisibility(receiptHandle: string, seconds: number): Promise<void> {
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > sqsLimits.maxVisibilityTimeoutSeconds) throw sqsError('InvalidParameterValue', `Value ${seconds} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and ${sqsLimits.maxVisibilityTimeoutSeconds}.`);
    const message = this.messages.find((m) => m.receiptHandle === receiptHandle);
    if (!message) throw sqsError('ReceiptHandleIsInvalid', 'The input receipt handle is invalid.');
    message.visibleAt = this.now().getTime() + seconds * 1000;
  }

  async retryLater(receiptHandle: string, seconds: number): Promise<void> {
    await this.changeVisibility(receiptHandle, seconds);
  }

  /** Messages in the queue (visible or not), as `ApproximateNumberOfMessages` + `…NotVisible`. */
  get depth(): number {
    return this.messages.length;
  }

  /** The age of the oldest message in seconds (the alarm's `ApproximateAgeOfOldestMessage`), 0 when empty. */
  oldestAgeSeconds(): number {
    const oldest = Math.min(...this.messages.map((m) => m.sentAt));
    return Number.isFinite(oldest) ? Math.max(0, (this.now().getTime() - oldest) / 1000) : 0;
  }
}
