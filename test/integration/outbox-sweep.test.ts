import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies, overrideDependencies } from '#adapters/dependencies';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { ageGroupOn } from '#domain/age';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { atKazakhstanHour } from '#domain/sms';
import { scheduleNames } from '#use-cases/schedule-names';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginStaff, settle, startTestRuntime, type Client } from '../support/runtime.ts';

/**
 * Decision 55: the outbox sweeper. A writer that dies between writing a notice (its SMS `queued`)
 * and enqueuing the delivery leaves it with no message; the sweeper finds it through the outbox
 * mark of the `byAttention` index once it waited two hours, enqueues it, and the sender sends it once.
 */
let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(300);
  // 10:00 in Kazakhstan tomorrow: forward only (DynamoDB Local's TTL runs on real time), two hours of SMS hours ahead
  runtime.clock.set(atKazakhstanHour(new Date(runtime.clock.now().getTime() + 86_400_000), 10));
  staff = await loginStaff(runtime);
}, 300_000);

afterAll(async () => {
  await runtime?.stop();
});

async function notice(recipientIin: string, notificationId: string) {
  const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.notifications, Key: { recipientIin, notificationId }, ConsistentRead: true }));
  return Item as { channels: Record<string, string>; attentionKey?: string } | undefined;
}

/** Runs one sweep now, through the local scheduler (the job's grants and timeout), and what it led to. */
async function sweep(): Promise<void> {
  const at = runtime.clock.now().toISOString();
  await runtime.scheduler.scheduleOnce({ name: scheduleNames.outboxSweep(at), at, task: { kind: 'outbox-sweep' } });
  await settle(runtime);
  await settle(runtime);
}

describe('the outbox sweeper', () => {
  it('should deliver once an SMS whose writer died before its enqueue, after it waited two hours and not before', async () => {
    // Prepare: a queued application, a kindergarten with a place; every enqueue is lost (the writer dies after its write)
    const data = runtime.seed!.data;
    const candidate = data.applications.find((a) => a.status === 'queued' && a.birthDate.startsWith('2022'))!;
    const group = ageGroupOn(candidate.birthDate, kazakhstanDate(runtime.clock.now()));
    const kindergartens = (await staff.call('GET /api/staff/kindergartens')).body.kindergartens as { kindergartenId: string; capacity: Record<string, number>; occupancy?: Record<string, number>; languages: string[] }[];
    const kindergarten = kindergartens.find((k) => k.capacity[group]! - (k.occupancy?.[group] ?? 0) > 0 && k.languages.includes(candidate.language))!;
    const phone = data.parents.find((p) => p.iin === candidate.applicantIin)!.phone;
    const granted = dependencies().deliveries;
    let lost = 0;
    overrideDependencies({ deliveries: { enqueue: async (messages) => void (lost += messages.length), retryLater: granted.retryLater.bind(granted) } });
    const before = runtime.notifier.outbox.length;

    // Act 1: staff issue a referral; its notice is written with the SMS queued, the enqueue is lost
    const referred = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: candidate.applicationId }, body: { kindergartenId: kindergarten.kindergartenId } });
    await settle(runtime);
    overrideDependencies({ deliveries: granted });
    const notificationId = `${referred.body.application.referral!.issuedAt}#${candidate.applicationId}#refer`;

    // Assess 1: written and marked for the sweeper, its message lost, nothing sent
    expect(referred.status).toBe(200);
    expect(lost).toBe(1);
    expect((await notice(candidate.applicantIin, notificationId))?.channels.sms).toBe('queued');
    expect((await notice(candidate.applicantIin, notificationId))?.attentionKey).toMatch(/^outbox#\d+$/);
    expect(runtime.notifier.outbox.slice(before).filter((m) => m.phone === phone)).toEqual([]);

    // Act 2: a sweep an hour later (a delivery may still be in the queue then)
    runtime.clock.advance(60 * 60_000);
    await sweep();

    // Assess 2: nothing yet
    expect(runtime.notifier.outbox.slice(before).filter((m) => m.phone === phone)).toEqual([]);

    // Act 3: a sweep after two hours, and another one after it
    runtime.clock.advance(61 * 60_000);
    await sweep();
    runtime.clock.advance(15 * 60_000);
    await sweep();

    // Assess 3: sent once, settled by its receipt, off the sweeper's index
    expect(runtime.notifier.outbox.slice(before).filter((m) => m.phone === phone)).toHaveLength(1);
    const settled = await notice(candidate.applicantIin, notificationId);
    expect(settled?.channels.sms).toBe('delivered');
    expect(settled?.attentionKey).toBeUndefined();
  });
});
