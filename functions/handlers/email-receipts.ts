import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { observability } from '#adapters/observability';
import { receiptsOfSesEvent } from '#adapters/ses/ses-events';
import { recordReceipts } from '#use-cases/notice-sms';

/**
 * The e-mail receipt recorder (decision 58): SES publishes each e-mail's events through the
 * configuration set to an SNS topic this function subscribes; a delivery goes from `sent` to
 * `delivered`, or `failed` on a permanent bounce or a complaint. The addresses stay out of the log.
 */
export const handler = middy<SNSEvent, void>()
  .use(observability())
  .handler(async (event) => {
    const receipts = receiptsOfSesEvent(event);
    const updated = await recordReceipts(dependencies(), receipts);
    logger.info('email receipts', { events: event.Records.length, receipts: receipts.length, updated });
  });
