import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies, overrideDependencies } from '#adapters/dependencies';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { LocalDeliveryQueue } from '#adapters/local/local-delivery-queue';
import { smsSender } from '#functions/jobs/consumers';
import type { Dependencies } from '#ports/dependencies';
import { parseDeliveryMessage } from '#ports/delivery-queue';
import { sendDelivery } from '#use-cases/notice-sms';
import { withGrants } from '../../local/grants.ts';
import { seeded } from '../support/crashing.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginStaff, settle, startTestRuntime, toDaytime, type Client } from '../support/runtime.ts';

/**
 * Decision 53: the outbox. A campaign start writes each parent's notice with its SMS `queued` and
 * enqueues the delivery; the sender claims each delivery (queued → sending) before SNS and records
 * it `sent` after. Here the sender is killed at random points — after its claim, after SNS took
 * the message (the one window for a duplicate), after its record — and every parent still gets
 * the start SMS, twice only for a kill in that window.
 */
let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(2_500);
  // Daytime in Kazakhstan (the start's SMS go at once, whatever the hour the suite runs), before the staff session opens
  toDaytime(runtime);
  staff = await loginStaff(runtime);
}, 300_000);

afterAll(async () => {
  await runtime?.stop();
});

type StoredNotice = { recipientIin: string; kind: string; channels: Record<string, string>; deliveries?: { sms?: Record<string, unknown> } };

/** Every notice of one kind (a test-only scan). */
async function noticesOfKind(kind: string): Promise<StoredNotice[]> {
  const found: StoredNotice[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDocumentClient().send(new ScanCommand({ TableName: runtime.tableNames.notifications, ExclusiveStartKey: startKey, ConsistentRead: true }));
    found.push(...((page.Items ?? []) as StoredNotice[]).filter((item) => item.kind === kind));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

const crash = () => new Error('injected crash');

/**
 * The real dependencies with a sender that dies: after a claim landed (nothing sent), after SNS
 * took a message (sent, not recorded: the duplicate window), or after the `sent` record landed.
 * A kill is an error thrown outside the sender's own handling of SNS errors, so it ends the
 * invocation as a dead process would.
 */
function crashingSender(base: Dependencies, random: () => number, rate: number, kills: { afterClaim: number; afterProvider: number; afterRecord: number }): Dependencies {
  return Object.create(base, {
    notifications: {
      value: new Proxy(base.notifications, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (property === 'claimDelivery') {
            return async (...args: Parameters<typeof target.claimDelivery>) => {
              const claimed = await target.claimDelivery(...args);
              if (claimed && random() < rate) {
                kills.afterClaim++;
                throw crash();
              }
              return claimed;
            };
          }
          if (property === 'recordSent') {
            return async (...args: Parameters<typeof target.recordSent>) => {
              // Called once SNS took the message: a kill here is the one window for a duplicate.
              if (random() < rate) {
                kills.afterProvider++;
                throw crash();
              }
              const recorded = await target.recordSent(...args);
              if (random() < rate) {
                kills.afterRecord++;
                throw crash();
              }
              return recorded;
            };
          }
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    },
  }) as Dependencies;
}

describe('a campaign start through the outbox, with the sender killed at random points', () => {
  it('should text every parent in scope, twice only for the kills between SNS taking the message and its record, and settle each by its receipt', async () => {
    // Prepare: the sender's clock at the runtime's (daytime, see beforeAll); the outbox's queue is one
    // this test drains itself
    let senderNow = runtime.clock.now().getTime();
    const queue = new LocalDeliveryQueue(() => new Date(senderNow), { visibilityTimeoutSeconds: 180, maxReceives: 5 });
    overrideDependencies({ deliveries: queue });
    // Every 8th simulated receipt says FAILURE
    let receipts = 0;
    Object.assign(runtime.notifier.receipts, { failureRate: 0.5, draw: () => (receipts++ % 8 === 7 ? 0 : 1) });
    const now = runtime.clock.now();
    const created = await staff.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 30 * 86_400_000).toISOString() } });
    const campaignId = created.body.campaign.campaignId as string;
    const smsBefore = runtime.notifier.outbox.length;

    // Act 1: staff start it; the start job writes the notices and enqueues their deliveries
    expect((await staff.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId } })).status).toBe(202);
    await settle(runtime, 100);

    // Assess 1: every start notice written with its SMS queued, one delivery each in the queue, nothing sent yet
    const queued = await noticesOfKind('campaign_started');
    expect(queued.length).toBeGreaterThan(500);
    expect(queued.every((n) => n.channels.sms === 'queued' && n.deliveries?.sms?.queuedAt !== undefined)).toBe(true);
    expect(queue.depth).toBe(queued.length);
    expect(runtime.notifier.outbox.length).toBe(smsBefore);

    // Act 2: the sender drains the queue as the event source does (batches of 10, deleted only
    // after the whole batch returned), killed at random points; a killed batch comes back after
    // the visibility timeout, when the sender's clock has moved on 181 s
    const random = seeded(18);
    const kills = { afterClaim: 0, afterProvider: 0, afterRecord: 0 };
    // 0.7 % at each of three points: about one batch of 10 in five is killed on a receive, none five times in a row (then SQS's redrive would take it to the dead-letter queue)
    const sender = crashingSender(dependencies(), random, 0.007, kills);
    // Four instances drain it side by side (each batch's messages one after another, so a kill
    // stops the rest of its batch as a dead process would).
    let rounds = 0;
    const instance = async () => {
      for (let batch = await queue.receive(10); batch.length > 0; batch = await queue.receive(10)) {
        try {
          for (const message of batch) {
            const result = await withGrants(smsSender.handler, smsSender.grants, () =>
              sendDelivery(sender, parseDeliveryMessage(message.body), new Date(senderNow), { receiveCount: message.receiveCount, maxReceives: 5, claimTimeoutMs: 60_000 }),
            );
            if (result.outcome === 'retry') throw new Error('no provider failure was injected');
          }
          for (const message of batch) await queue.delete(message.receiptHandle);
        } catch (error) {
          if ((error as Error).message !== 'injected crash') throw error;
        }
      }
    };
    while (queue.depth > 0 && rounds++ < 30) {
      await Promise.all([instance(), instance(), instance(), instance()]);
      senderNow += 181_000;
    }

    // Assess 2: the sender was killed at each point, and the queue is empty (none to the dead-letter queue)
    console.info(`[outbox] ${queued.length} deliveries in ${rounds} rounds; kills after claim ${kills.afterClaim}, after SNS ${kills.afterProvider}, after record ${kills.afterRecord}`);
    expect(kills.afterClaim).toBeGreaterThan(0);
    expect(kills.afterProvider).toBeGreaterThan(0);
    expect(kills.afterRecord).toBeGreaterThan(0);
    expect(queue.depth).toBe(0);
    expect(queue.deadLetters).toEqual([]);
    // Assess 2: every parent in scope texted (0 missed); duplicates exactly the kills in the one window
    const phoneOf = new Map(runtime.seed!.data.parents.map((p) => [p.iin, p.phone]));
    const phones = queued.map((n) => phoneOf.get(n.recipientIin)!);
    const startSms = runtime.notifier.outbox.slice(smsBefore).filter((m) => m.text.startsWith('Балабақша кезегін') || m.text.startsWith('Подтвердите очередь в детсад'));
    const perPhone = new Map<string, number>();
    for (const sms of startSms) perPhone.set(sms.phone, (perPhone.get(sms.phone) ?? 0) + 1);
    expect(phones.filter((phone) => !perPhone.has(phone))).toEqual([]);
    expect(startSms.length - new Set(startSms.map((m) => m.phone)).size).toBe(kills.afterProvider);
    expect(startSms.length).toBe(queued.length + kills.afterProvider);
    const sent = await noticesOfKind('campaign_started');
    expect(sent.filter((n) => n.channels.sms !== 'sent' && n.channels.sms !== 'delivered' && n.channels.sms !== 'failed')).toEqual([]);

    // Act 3: the receipts reach the recorder (the runtime's log subscription)
    await settle(runtime, 100);

    // Assess 3: each delivery settled by the receipt of the message its record names: delivered or failed, with the time
    const settled = await noticesOfKind('campaign_started');
    const delivered = settled.filter((n) => n.channels.sms === 'delivered');
    const failed = settled.filter((n) => n.channels.sms === 'failed');
    expect(delivered.length + failed.length).toBe(settled.length);
    expect(failed.length).toBeGreaterThan(0);
    expect(delivered.every((n) => typeof n.deliveries?.sms?.deliveredAt === 'string' && typeof n.deliveries.sms.messageId === 'string')).toBe(true);
    expect(failed.every((n) => typeof n.deliveries?.sms?.failedAt === 'string' && n.deliveries.sms.reason === 'Phone is currently unreachable/unavailable')).toBe(true);
    const messageIds = new Set(startSms.map((m) => m.messageId));
    expect(settled.every((n) => messageIds.has(n.deliveries!.sms!.messageId as string))).toBe(true);
  }, 600_000);
});
