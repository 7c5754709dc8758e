import { gunzipSync } from 'node:zlib';

/** One receipt: the provider's message id, how it ended, when, and why if it failed. */
export interface SmsReceipt {
  readonly messageId: string;
  readonly status: 'delivered' | 'failed';
  readonly at: string;
  readonly reason?: string;
}

/**
 * SNS's SMS delivery-status log lines (Amazon SNS Developer Guide, "Viewing Amazon CloudWatch
 * metrics and logs for SMS"): `notification.messageId`, `notification.timestamp`, `status`
 * (`SUCCESS` / `FAILURE`), `delivery.providerResponse`. The destination phone number is in the
 * line too and is never copied out of it.
 */
export function receiptOfLogLine(message: string): SmsReceipt | undefined {
  let line: { notification?: { messageId?: unknown; timestamp?: unknown }; status?: unknown; delivery?: { providerResponse?: unknown } };
  try {
    line = JSON.parse(message) as typeof line;
  } catch {
    return undefined;
  }
  const messageId = line.notification?.messageId;
  if (typeof messageId !== 'string' || (line.status !== 'SUCCESS' && line.status !== 'FAILURE')) return undefined;
  const stamp = typeof line.notification?.timestamp === 'string' ? new Date(line.notification.timestamp.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(line.notification.timestamp) ? '' : 'Z')) : new Date(NaN);
  const at = Number.isNaN(stamp.getTime()) ? new Date().toISOString() : stamp.toISOString();
  if (line.status === 'SUCCESS') return { messageId, status: 'delivered', at };
  return { messageId, status: 'failed', at, reason: typeof line.delivery?.providerResponse === 'string' ? line.delivery.providerResponse.slice(0, 200) : 'FAILURE' };
}

/** A CloudWatch Logs subscription's event (`awslogs.data`: base64 of gzipped JSON) → the receipts in it. */
export function receiptsOfSubscriptionEvent(event: { awslogs: { data: string } }): SmsReceipt[] {
  const payload = JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8')) as { messageType?: string; logEvents?: { message: string }[] };
  if (payload.messageType !== 'DATA_MESSAGE') return [];
  return (payload.logEvents ?? []).flatMap((e) => receiptOfLogLine(e.message) ?? []);
}
