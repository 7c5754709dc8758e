import { describe, expect, it } from 'vitest';
import { LocalDeliveryQueue } from '#adapters/local/local-delivery-queue';
import { isClaimable, deliveryBackoffSeconds } from '#domain/notification';

/** A clock the test moves by hand. */
function clock(start = '2026-03-13T06:00:00.000Z') {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (seconds: number) => void (now += seconds * 1000) };
}

const queueAt = (time = clock(), options = { visibilityTimeoutSeconds: 180, maxReceives: 3 }) => ({ time, queue: new LocalDeliveryQueue(time.now, options) });
const entries = (n: number, body = 'x') => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, body }));

describe('the local delivery queue refuses what SQS refuses', () => {
  it('should take a message of exactly 256 KiB (262,144 bytes, counted in UTF-8)', async () => {
    // Prepare: 131,072 two-byte Cyrillic letters
    const { queue } = queueAt();
    // Act
    await queue.sendMessageBatch([{ id: 'a', body: 'ж'.repeat(131_072) }]);
    // Assess
    expect(queue.depth).toBe(1);
  });

  it('should refuse a message of 262,145 bytes and queue nothing', async () => {
    // Prepare
    const { queue } = queueAt();
    // Act
    const refused = queue.sendMessageBatch([{ id: 'a', body: `${'ж'.repeat(131_072)}x` }]);
    // Assess
    await expect(refused).rejects.toMatchObject({ name: 'InvalidParameterValue', $fault: 'client' });
    await expect(refused).rejects.toThrow('Message must be shorter than 262144 bytes.');
    expect(queue.depth).toBe(0);
  });

  it('should take a batch of 10 and refuse one of 11 whole', async () => {
    // Prepare
    const { queue } = queueAt();
    // Act
    await queue.sendMessageBatch(entries(10));
    const refused = queue.sendMessageBatch(entries(11));
    // Assess
    await expect(refused).rejects.toMatchObject({ name: 'TooManyEntriesInBatchRequest' });
    await expect(refused).rejects.toThrow('Maximum number of entries per request are 10. You have sent 11.');
    expect(queue.depth).toBe(10);
  });

  it('should refuse a batch over 256 KiB in all, though each message fits', async () => {
    // Prepare: two messages of 131,073 bytes
    const { queue } = queueAt();
    const half = 'x'.repeat(131_073);
    // Act
    const refused = queue.sendMessageBatch([
      { id: 'a', body: half },
      { id: 'b', body: half },
    ]);
    // Assess
    await expect(refused).rejects.toThrow('Batch requests cannot be longer than 262144 bytes. You have sent 262146 bytes.');
    expect(queue.depth).toBe(0);
  });

  it('should refuse an empty batch, repeated entry ids and an id SQS would not take', async () => {
    const { queue } = queueAt();
    await expect(queue.sendMessageBatch([])).rejects.toMatchObject({ name: 'EmptyBatchRequest' });
    await expect(
      queue.sendMessageBatch([
        { id: 'a', body: '1' },
        { id: 'a', body: '2' },
      ]),
    ).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinct' });
    await expect(queue.sendMessageBatch([{ id: 'a#1', body: '1' }])).rejects.toMatchObject({ name: 'InvalidBatchEntryId' });
    await expect(queue.sendMessageBatch([{ id: 'a', body: '' }])).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    expect(queue.depth).toBe(0);
  });

  it('should send any number of deliveries through enqueue, 10 to a batch', async () => {
    // Prepare
    const { queue } = queueAt();
    const sent: number[] = [];
    const original = queue.sendMessageBatch.bind(queue);
    queue.sendMessageBatch = async (batch) => {
      sent.push(batch.length);
      return original(batch);
    };
    // Act
    await queue.enqueue(Array.from({ length: 23 }, (_, i) => ({ applicationId: `app-${i}`, notificationId: `n-${i}`, channel: 'sms' as const })));
    // Assess
    expect(sent).toEqual([10, 10, 3]);
    expect(queue.depth).toBe(23);
  });

  it('should hand out at most 10 messages a receive, and refuse 0 or 11', async () => {
    // Prepare
    const { queue } = queueAt();
    await queue.sendMessageBatch(entries(10));
    await queue.sendMessageBatch(entries(5));
    // Act
    const first = await queue.receive(10);
    // Assess
    expect(first).toHaveLength(10);
    await expect(queue.receive(11)).rejects.toThrow('Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.');
    await expect(queue.receive(0)).rejects.toThrow('Value 0 for parameter MaxNumberOfMessages is invalid.');
  });
});

describe('the local delivery queue redelivers as SQS does', () => {
  it('should keep a received message invisible for the visibility timeout and bring it back one second after', async () => {
    // Prepare
    const { time, queue } = queueAt();
    await queue.sendMessageBatch([{ id: 'a', body: 'one' }]);
    const [first] = await queue.receive(1);
    // Act
    time.advance(179);
    const during = await queue.receive(1);
    time.advance(1);
    const after = await queue.receive(1);
    // Assess
    expect(first).toMatchObject({ body: 'one', receiveCount: 1 });
    expect(during).toEqual([]);
    expect(after).toMatchObject([{ body: 'one', receiveCount: 2, messageId: first!.messageId }]);
    expect(after[0]!.receiptHandle).not.toBe(first!.receiptHandle);
  });

  it('should delete a message only with its latest receipt handle', async () => {
    // Prepare
    const { time, queue } = queueAt();
    await queue.sendMessageBatch([{ id: 'a', body: 'one' }]);
    const [first] = await queue.receive(1);
    time.advance(180);
    const [second] = await queue.receive(1);
    // Act
    const withOld = await queue.delete(first!.receiptHandle);
    const withLatest = await queue.delete(second!.receiptHandle);
    // Assess
    expect(withOld).toBe(false);
    expect(withLatest).toBe(true);
    expect(queue.depth).toBe(0);
  });

  it('should bring a message back after the backoff a failed receive set, not after the visibility timeout', async () => {
    // Prepare
    const { time, queue } = queueAt();
    await queue.sendMessageBatch([{ id: 'a', body: 'one' }]);
    const [first] = await queue.receive(1);
    // Act
    await queue.retryLater(first!.receiptHandle, 30);
    time.advance(29);
    const early = await queue.receive(1);
    time.advance(1);
    const due = await queue.receive(1);
    // Assess
    expect(early).toEqual([]);
    expect(due).toHaveLength(1);
    await expect(queue.changeVisibility(due[0]!.receiptHandle, 43_201)).rejects.toThrow('Value 43201 for parameter VisibilityTimeout is invalid.');
    await expect(queue.changeVisibility('no-such-handle', 10)).rejects.toMatchObject({ name: 'ReceiptHandleIsInvalid' });
  });

  it('should move a message received maxReceives (3) times to the dead-letter queue at its next receive', async () => {
    // Prepare
    const { time, queue } = queueAt();
    await queue.sendMessageBatch([{ id: 'a', body: 'poison' }]);
    const counts: number[] = [];
    // Act: received and never deleted, four times over
    for (let i = 0; i < 4; i++) {
      counts.push(...(await queue.receive(1)).map((m) => m.receiveCount));
      time.advance(180);
    }
    // Assess
    expect(counts).toEqual([1, 2, 3]);
    expect(queue.depth).toBe(0);
    expect(queue.deadLetters).toMatchObject([{ body: 'poison', receiveCount: 3 }]);
  });

  it('should not delay a message beyond 15 minutes, and report the age of the oldest', async () => {
    const { time, queue } = queueAt();
    await expect(queue.sendMessageBatch([{ id: 'a', body: '1', delaySeconds: 901 }])).rejects.toThrow('DelaySeconds must be 0 to 900');
    await queue.sendMessageBatch([{ id: 'a', body: '1', delaySeconds: 900 }]);
    time.advance(899);
    expect(await queue.receive(1)).toEqual([]);
    expect(queue.oldestAgeSeconds()).toBe(899);
    time.advance(1);
    expect(await queue.receive(1)).toHaveLength(1);
  });

  it('should refuse a visibility timeout over 12 hours or a redrive over 1,000 receives when made', () => {
    expect(() => new LocalDeliveryQueue(undefined, { visibilityTimeoutSeconds: 43_201, maxReceives: 5 })).toThrow('VisibilityTimeout must be 0 to 43200 seconds');
    expect(() => new LocalDeliveryQueue(undefined, { visibilityTimeoutSeconds: 30, maxReceives: 0 })).toThrow('maxReceiveCount must be 1 to 1000');
  });
});

describe('a delivery is claimable only once', () => {
  const stale = '2026-03-13T06:00:00.000Z';
  it('should let a queued delivery be claimed, and a sending one only when its claim is older than the limit', () => {
    expect(isClaimable({ channels: { sms: 'queued' } }, 'sms', stale)).toBe(true);
    expect(isClaimable({ channels: { sms: 'sending' }, deliveries: { sms: { claimedAt: '2026-03-13T05:59:59.999Z' } } }, 'sms', stale)).toBe(true);
    expect(isClaimable({ channels: { sms: 'sending' }, deliveries: { sms: { claimedAt: '2026-03-13T06:00:00.000Z' } } }, 'sms', stale)).toBe(false);
    for (const status of ['sent', 'delivered', 'failed'] as const) expect(isClaimable({ channels: { sms: status } }, 'sms', stale)).toBe(false);
    expect(isClaimable({ channels: { cabinet: 'delivered' } }, 'sms', stale)).toBe(false);
  });

  it('should back off 30 s, then doubling, to at most 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(deliveryBackoffSeconds)).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });
});
