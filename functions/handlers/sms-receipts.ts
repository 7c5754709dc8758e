import middy from '@middy/core';
import type { CloudWatchLogsEvent, SNSEvent } from 'aws-lambda';
import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { observability } from '#adapters/observability';
import { receiptsOfSesEvent } from '#adapters/ses/ses-events';
import { receiptsOfSubscriptionEvent } from '#adapters/sns/sms-delivery-log';
import { recordReceipts } from '#use-cases/notice-sms';

const isSnsEvent = (event: CloudWatchLogsEvent | SNSEvent): event is SNSEvent => 'Records' in event;

/**
 * The receipt recorder (decisions 53 and 58). SMS: SNS logs each SMS's delivery status to
 * CloudWatch Logs and a subscription hands the lines here. E-mail: SES publishes each mail's
 * events through the configuration set to an SNS topic this function subscribes. Either way each
 * delivery goes from `sent` to `delivered` or `failed`; no phone or address is logged.
 */
export const handler = middy<CloudWatchLogsEvent | SNSEvent, void>()
  .use(observability())
  .handler(async (event) => {
    const email = isSnsEvent(event);
    const receipts = email ? receiptsOfSesEvent(event) : receiptsOfSubscriptionEvent(event);
    const updated = await recordReceipts(dependencies(), receipts);
    logger.info(email ? 'email receipts' : 'sms receipts', { receipts: receipts.length, updated });
  });
