import { describe, expect, it } from 'vitest';
import type { DeliveryMessage, DeliveryQueue } from '#ports/delivery-queue';

/**
 * What any adapter of the delivery queue must do: every delivery enqueued, in batches or not,
 * reaches the sender (at least once); a message the sender gives back with `retryLater` stays
 * away that long and then comes back. The world receives as the sender does and lets time pass;
 * `test/unit/local-adapter-contracts.test.ts` runs it on the local queue.
 */
export interface DeliveryQueueWorld {
  /** What the sender receives now (each then out of sight for the queue's visibility timeout): the deliveries and their receipt handles. */
  readonly receive: () => Promise<{ readonly message: DeliveryMessage; readonly receiptHandle: string }[]>;
  /** Lets `seconds` pass for the queue. */
  readonly elapse: (seconds: number) => void | Promise<void>;
  /** A fresh application id, so deliveries of other tests are told apart. */
  readonly applicationId: () => string;
}

export function deliveryQueueContract(name: string, queue: () => DeliveryQueue, world: () => DeliveryQueueWorld): void {
  describe(`${name}: DeliveryQueue`, () => {
    /** Everything receivable now, received until nothing more comes. */
    const receiveAll = async () => {
      const all: Awaited<ReturnType<DeliveryQueueWorld['receive']>> = [];
      for (let round = 0; round < 20; round++) {
        const got = await world().receive();
        if (got.length === 0) break;
        all.push(...got);
      }
      return all;
    };

    it('should bring every enqueued delivery to the sender, more than one batch at once', async () => {
      // Prepare: 23 deliveries, more than one batch of any queue
      const applicationId = world().applicationId();
      const messages: DeliveryMessage[] = Array.from({ length: 23 }, (_, i) => ({ applicationId, notificationId: `2026-10-01T04:00:00.000Z#n-${i}`, channel: i % 2 === 0 ? 'sms' : 'email' }));
      // Act
      await queue().enqueue(messages);
      await queue().enqueue([]);
      const received = (await receiveAll()).filter((r) => r.message.applicationId === applicationId);
      // Assess
      expect(received.map((r) => r.message.notificationId).sort()).toEqual(messages.map((m) => m.notificationId).sort());
      expect(received.find((r) => r.message.notificationId === '2026-10-01T04:00:00.000Z#n-1')?.message).toEqual({ applicationId, notificationId: '2026-10-01T04:00:00.000Z#n-1', channel: 'email' });
    });

    it('should keep a delivery given back for a later try away that long, then bring it back', async () => {
      // Prepare
      const applicationId = world().applicationId();
      await queue().enqueue([{ applicationId, notificationId: '2026-10-01T04:00:00.000Z#n-1', channel: 'sms2' }]);
      const [first] = (await receiveAll()).filter((r) => r.message.applicationId === applicationId);
      // Act
      await queue().retryLater(first!.receiptHandle, 30);
      await world().elapse(29);
      const early = (await receiveAll()).filter((r) => r.message.applicationId === applicationId);
      await world().elapse(2);
      const later = (await receiveAll()).filter((r) => r.message.applicationId === applicationId);
      // Assess
      expect(early).toEqual([]);
      expect(later.map((r) => r.message)).toEqual([{ applicationId, notificationId: '2026-10-01T04:00:00.000Z#n-1', channel: 'sms2' }]);
    });
  });
}
