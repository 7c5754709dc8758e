import type { SQSClient } from '@aws-sdk/client-sqs';
import { deliveryMessageBody, sqsLimits, type DeliveryMessage, type DeliveryQueue } from '#ports/delivery-queue';

/** Attempts of a batch's failed entries before the enqueue fails (the job retries the page then). */
const maxAttempts = 4;

/**
 * The delivery queue in AWS: Amazon SQS, sent in batches of 10 (`SendMessageBatch`), each failed
 * entry sent again with backoff; the sender's backoff is `ChangeMessageVisibility`. The SDK's
 * commands are imported when first used (see `lazy.ts`).
 */
export class SqsDeliveryQueue implements DeliveryQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(messages: readonly DeliveryMessage[]): Promise<void> {
    const { SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
    for (let i = 0; i < messages.length; i += sqsLimits.maxBatchEntries) {
      let entries = messages.slice(i, i + sqsLimits.maxBatchEntries).map((message, j) => ({ Id: String(j), MessageBody: deliveryMessageBody(message) }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        const { Failed = [] } = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        if (Failed.length === 0) break;
        if (attempt >= maxAttempts) throw new Error(`SQS refused ${Failed.length} deliveries: ${Failed.map((f) => f.Code).join(', ')}`);
        const failed = new Set(Failed.map((f) => f.Id));
        entries = entries.filter((entry) => failed.has(entry.Id));
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }

  async retryLater(receiptHandle: string, seconds: number): Promise<void> {
    const { ChangeMessageVisibilityCommand } = await import('@aws-sdk/client-sqs');
    await this.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: Math.min(seconds, sqsLimits.maxVisibilityTimeoutSeconds) }));
  }
}
