import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { metrics, MetricUnit } from '#adapters/metrics';
import { observability } from '#adapters/observability';
import { forEachLimited, pacer } from '#functions/concurrency';
import { parseDeliveryMessage, senderSettings } from '#ports/delivery-queue';
import { sendDelivery } from '#use-cases/notice-sms';

/**
 * This instance's share of the configured rate (`SMS_RATE_PER_SECOND` over the reserved
 * concurrency, both set by the CDK from `senderSettings`): at most that many SMS a second.
 */
const ratePerSecond = Number(process.env.SMS_RATE_PER_SECOND ?? senderSettings.ratePerSecond);
const instances = Number(process.env.SENDER_CONCURRENCY ?? senderSettings.reservedConcurrency);
const pace = pacer(ratePerSecond > 0 ? (1000 * instances) / ratePerSecond : 0);
const maxReceives = Number(process.env.DELIVERY_MAX_RECEIVES ?? senderSettings.maxReceives);

/**
 * The sender (decision 53): an SQS event source hands it up to 10 deliveries; each is sent once
 * (`sendDelivery`). A delivery to retry is reported as a batch item failure with its visibility
 * set to the backoff, so only it comes back; the others are deleted.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(observability())
  .before(() => {
    logger.appendKeys({ consumer: 'sms-sender' });
  })
  .handler(async (event) => {
    const deps = dependencies();
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    // The batch's deliveries side by side (each claimed on its own), each waiting for its slot of the rate.
    await forEachLimited(event.Records, event.Records.length, async (record) => {
      await pace();
      const result = await sendDelivery(deps, parseDeliveryMessage(record.body), deps.clock(), {
        receiveCount: Number(record.attributes.ApproximateReceiveCount ?? '1'),
        maxReceives,
        claimTimeoutMs: 2 * senderSettings.timeoutSeconds * 1000,
      });
      metrics.addMetric(`Delivery_${result.outcome}`, MetricUnit.Count, 1);
      if (result.outcome === 'retry') {
        await deps.deliveries.retryLater(record.receiptHandle, result.retryAfterSeconds);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
      if (result.outcome === 'failed') logger.warn('sms delivery failed', { reason: result.reason });
    });
    return { batchItemFailures };
  });
