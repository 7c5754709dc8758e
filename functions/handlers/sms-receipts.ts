import middy from '@middy/core';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { observability } from '#adapters/observability';
import { receiptsOfSubscriptionEvent } from '#adapters/sns/sms-delivery-log';
import { recordReceipts } from '#use-cases/notice-sms';

/**
 * The receipt recorder (decision 53): SNS logs each SMS's delivery status to CloudWatch Logs; a
 * subscription hands the lines here, and each delivery goes from `sent` to `delivered` or `failed`.
 */
export const handler = middy<CloudWatchLogsEvent, void>()
  .use(observability())
  .handler(async (event) => {
    const receipts = receiptsOfSubscriptionEvent(event);
    const updated = await recordReceipts(dependencies(), receipts);
    logger.info('sms receipts', { receipts: receipts.length, updated });
  });
