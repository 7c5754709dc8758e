import type { SNSEvent } from 'aws-lambda';

/** A delivery receipt as the receipt recorder takes it (`recordReceipts`). */
export interface MailReceipt {
  readonly messageId: string;
  readonly status: 'delivered' | 'failed';
  readonly at: string;
  readonly reason?: string;
}

/**
 * The receipts in SES's events, published by the configuration set's event destination on SNS
 * (Amazon SES Developer Guide, "Contents of event data that Amazon SES publishes to Amazon SNS"):
 * `eventType` `Delivery` → delivered; `Bounce` (permanent) and `Complaint` → failed, with the
 * bounce type or the complaint's feedback type as the reason (never the address). A transient
 * bounce is not final (SES retries) and other events (Send, DeliveryDelay, Open…) change nothing.
 */
export function receiptsOfSesEvent(event: SNSEvent): MailReceipt[] {
  const receipts: MailReceipt[] = [];
  for (const record of event.Records) {
    let body: any;
    try {
      body = JSON.parse(record.Sns.Message);
    } catch {
      continue;
    }
    const messageId = body?.mail?.messageId;
    if (typeof messageId !== 'string') continue;
    const type = body.eventType ?? body.notificationType;
    if (type === 'Delivery') receipts.push({ messageId, status: 'delivered', at: body.delivery?.timestamp ?? record.Sns.Timestamp });
    else if (type === 'Bounce' && body.bounce?.bounceType === 'Permanent')
      receipts.push({ messageId, status: 'failed', at: body.bounce?.timestamp ?? record.Sns.Timestamp, reason: `bounce: ${body.bounce.bounceType}/${body.bounce.bounceSubType ?? ''}` });
    else if (type === 'Complaint')
      receipts.push({ messageId, status: 'failed', at: body.complaint?.timestamp ?? record.Sns.Timestamp, reason: `complaint: ${body.complaint?.complaintFeedbackType ?? 'unspecified'}` });
  }
  return receipts;
}
