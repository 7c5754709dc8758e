import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { receiptOfLogLine, receiptsOfSubscriptionEvent } from '#adapters/sns/sms-delivery-log';
import { pacer } from '#functions/concurrency';
import { SqsDeliveryQueue } from '#adapters/sqs/sqs-delivery-queue';
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';

/** A delivery-status line as SNS writes it (Amazon SNS Developer Guide, SMS delivery logs). */
const line = (status: 'SUCCESS' | 'FAILURE', providerResponse: string) =>
  JSON.stringify({
    notification: { messageId: '34d9b400-c6a5-5a1c-9c2e-8d8f2f1a2a9b', timestamp: '2026-03-13 06:00:07.412' },
    delivery: { phoneCarrier: 'Kcell', destination: '+77011234567', priceInUSD: 0.0368, smsType: 'Transactional', providerResponse, dwellTimeMs: 1452 },
    status,
  });

describe("SNS's SMS delivery-status log lines", () => {
  it('should read a success as delivered at the line time, without the phone number', () => {
    expect(receiptOfLogLine(line('SUCCESS', 'Message has been accepted by phone carrier'))).toEqual({
      messageId: '34d9b400-c6a5-5a1c-9c2e-8d8f2f1a2a9b',
      status: 'delivered',
      at: '2026-03-13T06:00:07.412Z',
    });
  });

  it('should read a failure as failed with the provider response', () => {
    expect(receiptOfLogLine(line('FAILURE', 'Phone is currently unreachable/unavailable'))).toEqual({
      messageId: '34d9b400-c6a5-5a1c-9c2e-8d8f2f1a2a9b',
      status: 'failed',
      at: '2026-03-13T06:00:07.412Z',
      reason: 'Phone is currently unreachable/unavailable',
    });
  });

  it('should skip a line that is not a delivery status', () => {
    expect(receiptOfLogLine('START RequestId: 1')).toBeUndefined();
    expect(receiptOfLogLine(JSON.stringify({ notification: { messageId: 'x' }, status: 'PENDING' }))).toBeUndefined();
  });

  it('should unpack a CloudWatch Logs subscription event and ignore its control message', () => {
    // Prepare
    const event = (payload: object) => ({ awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } });
    // Act
    const data = receiptsOfSubscriptionEvent(event({ messageType: 'DATA_MESSAGE', logEvents: [{ id: '1', timestamp: 0, message: line('SUCCESS', 'ok') }] }));
    const control = receiptsOfSubscriptionEvent(event({ messageType: 'CONTROL_MESSAGE', logEvents: [{ id: '1', timestamp: 0, message: line('SUCCESS', 'ok') }] }));
    // Assess
    expect(data.map((r) => r.status)).toEqual(['delivered']);
    expect(control).toEqual([]);
  });
});

describe('the sender pacer', () => {
  it('should space five calls 100 ms apart from the first', async () => {
    // Prepare: a clock that only the sleeps move
    let now = 1_000;
    const slept: number[] = [];
    const pace = pacer(100, () => now, async (ms) => {
      slept.push(ms);
    });
    // Act: all five asked at the same instant
    for (let i = 0; i < 5; i++) await pace();
    // Assess
    expect(slept).toEqual([100, 200, 300, 400]);
    now += 1_000;
    await pace();
    expect(slept).toEqual([100, 200, 300, 400]);
  });
});

describe('the SQS delivery queue', () => {
  const sqs = mockClient(SQSClient);

  it('should send 23 deliveries in batches of 10, 10 and 3, and send again only the entries SQS failed', async () => {
    // Prepare: the first batch has one entry failed once
    sqs.reset();
    sqs.on(SendMessageBatchCommand).resolvesOnce({ Failed: [{ Id: '4', Code: 'InternalError', SenderFault: false }] }).resolves({ Failed: [] });
    const queue = new SqsDeliveryQueue(new SQSClient({ region: 'eu-central-1' }), 'https://sqs.eu-central-1.amazonaws.com/000000000000/deliveries');
    // Act
    await queue.enqueue(Array.from({ length: 23 }, (_, i) => ({ applicationId: `app-${i}`, notificationId: `n-${i}`, channel: 'sms' as const })));
    // Assess
    const batches = sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries!.map((e) => JSON.parse(e.MessageBody!).applicationId));
    expect(batches).toEqual([
      ['app-0', 'app-1', 'app-2', 'app-3', 'app-4', 'app-5', 'app-6', 'app-7', 'app-8', 'app-9'],
      ['app-4'],
      ['app-10', 'app-11', 'app-12', 'app-13', 'app-14', 'app-15', 'app-16', 'app-17', 'app-18', 'app-19'],
      ['app-20', 'app-21', 'app-22'],
    ]);
  });

  it('should back a delivery off by changing its visibility', async () => {
    sqs.reset();
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const queue = new SqsDeliveryQueue(new SQSClient({ region: 'eu-central-1' }), 'https://sqs.example/q');
    await queue.retryLater('handle-1', 120);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((c) => c.args[0].input)).toEqual([{ QueueUrl: 'https://sqs.example/q', ReceiptHandle: 'handle-1', VisibilityTimeout: 120 }]);
  });
});
