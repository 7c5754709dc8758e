import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { ageGroupOn } from '#domain/age';
import type { Application } from '#domain/application';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { scanTable } from '../support/table-snapshot.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginStaff, settle, startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime(300);
});

afterAll(async () => {
  await runtime?.stop();
});

const data = () => runtime.seed!.data;
const site = () => runtime.url.replace(/^https?:\/\//, '');
const phoneOf = (iin: string) => data().parents.find((p) => p.iin === iin)!.phone;
const smsTo = (phone: string, since: number) => runtime.notifier.outbox.slice(since).filter((m) => m.phone === phone);

/**
 * Runs due jobs until `done` holds: the runtime's own poller may have claimed a job (then a poll
 * finds nothing due while it still runs), so the test waits for the effect, not for an empty poll.
 */
async function until(done: () => Promise<boolean> | boolean, rounds = 100): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await settle(runtime);
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the jobs did not get there');
}

async function stored(applicationId: string): Promise<Application> {
  const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.applications, Key: { applicationId }, ConsistentRead: true }));
  return Item as Application;
}

const allApplications = () => scanTable<Application>(runtime.tableNames, 'applications');

async function notice(recipientIin: string, notificationId: string) {
  const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.notifications, Key: { recipientIin, notificationId } }));
  return Item as { channels: Record<string, string>; deliveries?: Record<string, Record<string, unknown>> } | undefined;
}

async function schedule(scheduleName: string) {
  const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.schedules, Key: { scheduleName } }));
  return Item as { dueAt: string } | undefined;
}

describe('SMS of a referral', () => {
  it('should text the referral at once in daytime and hold its expiry, at midnight, until 09:00', async () => {
    // Prepare: Friday 13 March 2026, 11:00 in Kazakhstan; a Russian-language application of a parent with a cabinet
    runtime.clock.set(new Date('2026-03-13T06:00:00Z'));
    const staff = await loginStaff(runtime);
    const candidate = data().applications.find((a) => a.status === 'queued' && a.language === 'ru' && a.birthDate.startsWith('2022'))!;
    const group = ageGroupOn(candidate.birthDate, kazakhstanDate(runtime.clock.now()));
    const kindergartens = (await staff.call('GET /api/staff/kindergartens')).body.kindergartens as { kindergartenId: string; name: Record<string, string>; capacity: Record<string, number>; occupancy?: Record<string, number>; languages: string[] }[];
    const kindergarten = kindergartens.find((k) => k.capacity[group]! - (k.occupancy?.[group] ?? 0) > 0 && k.languages.includes('ru'))!;
    const phone = phoneOf(candidate.applicantIin);
    const first = candidate.childName.split(' ')[1];
    const before = runtime.notifier.outbox.length;

    // Act 1: staff issue the referral (valid to Friday 20 March)
    const referred = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: candidate.applicationId }, body: { kindergartenId: kindergarten.kindergartenId } });
    await until(() => smsTo(phone, before).length > 0);

    // Assess 1: one SMS, in Russian, naming the kindergarten (cut to 36 characters), the last day and the site
    expect(referred.status).toBe(200);
    const name = kindergarten.name.ru!.length > 36 ? `${kindergarten.name.ru!.slice(0, 35).trimEnd()}…` : kindergarten.name.ru;
    expect(smsTo(phone, before).map((m) => m.text)).toEqual([`${first}: выдано направление в ${name}. Используйте его до 20.03.2026: ${site()}`]);
    const referralNotice = `${referred.body.application.referral!.issuedAt}#${candidate.applicationId}#refer`;
    // Sent once by the sender from the outbox, and delivered by the (simulated) receipt naming SNS's message id
    const referral = await notice(candidate.applicantIin, referralNotice);
    expect(referral?.channels).toEqual({ cabinet: 'delivered', sms: 'delivered' });
    expect(referral?.deliveries?.sms).toMatchObject({ attempts: 1, messageId: smsTo(phone, before)[0]!.messageId });
    expect(typeof referral?.deliveries?.sms?.sentAt).toBe('string');
    expect(typeof referral?.deliveries?.sms?.deliveredAt).toBe('string');
    // Staff see the same on the application's page: the notice, its SMS delivered and when, read or not
    const page = await staff.call('GET /api/staff/applications/{applicationId}', { params: { applicationId: candidate.applicationId } });
    expect(page.status, JSON.stringify(page.body).slice(0, 300)).toBe(200);
    expect(page.body.notices[0]).toEqual({
      notificationId: referralNotice,
      kind: 'refer',
      createdAt: referred.body.application.referral!.issuedAt,
      applicationId: candidate.applicationId,
      aboutThisApplication: true,
      params: expect.any(Object),
      channels: { cabinet: 'delivered', sms: 'delivered' },
      read: false,
      deliveries: { sms: { at: referral!.deliveries!.sms!.deliveredAt } },
    });

    // Act 2: the referral expires at 23:59:59 on 20 March; the job runs just after midnight
    const afterReferral = runtime.notifier.outbox.length;
    runtime.clock.set(new Date('2026-03-20T19:00:05Z'));
    await until(async () => (await stored(candidate.applicationId)).status === 'stopped');

    // Assess 2: stopped, but nobody is texted at night
    expect((await stored(candidate.applicationId)).status).toBe('stopped');
    expect(smsTo(phone, afterReferral)).toEqual([]);
    runtime.clock.set(new Date('2026-03-21T03:59:00Z'));
    await settle(runtime);
    expect(smsTo(phone, afterReferral)).toEqual([]);
    // Staff see the expiry's SMS still queued (held for the morning), the referral's delivered below it
    const night = await (await loginStaff(runtime)).call('GET /api/staff/applications/{applicationId}', { params: { applicationId: candidate.applicationId } });
    expect(night.body.notices.map((n) => [n.kind, n.channels.sms])).toEqual([
      ['expire_referral', 'queued'],
      ['refer', 'delivered'],
    ]);

    // Act 3: 09:00 in Kazakhstan
    runtime.clock.set(new Date('2026-03-21T04:00:01Z'));
    await until(() => smsTo(phone, afterReferral).length > 0);

    // Assess 3: the SMS names the automatic return (8 April) and the kept date, sent at 09:00
    const held = smsTo(phone, afterReferral);
    expect(held.map((m) => m.text)).toEqual([`${first}: срок направления истёк, заявление в стоп-листе. 08.04.2026 вернётся в очередь с прежней датой: ${site()}`]);
    expect(held[0]!.sentAt >= '2026-03-21T04:00:00.000Z' && held[0]!.sentAt < '2026-03-21T04:05:00.000Z').toBe(true);

    // Act 4: the return, at 00:00 on 8 April, is texted at 09:00
    const afterExpiry = runtime.notifier.outbox.length;
    runtime.clock.set(new Date('2026-04-07T19:00:01Z'));
    await until(async () => (await stored(candidate.applicationId)).status === 'queued');
    expect((await stored(candidate.applicationId)).status).toBe('queued');
    expect(smsTo(phone, afterExpiry)).toEqual([]);
    runtime.clock.set(new Date('2026-04-08T04:00:01Z'));
    await until(() => smsTo(phone, afterExpiry).length > 0);
    expect(smsTo(phone, afterExpiry).map((m) => m.text)).toEqual([`${first} снова в очереди, дата прежняя: ${site()}`]);
    runtime.clock.set(new Date());
  }, 240_000);
});

describe('SMS of a campaign', () => {
  it('should send reminders at 10:00 and the stop of a close at 23:30 at 09:00 the next day', async () => {
    // Prepare: a campaign from Monday 1 November 2027, 10:00, to Friday 19 November, 23:30 in Kazakhstan
    runtime.clock.set(new Date('2027-11-01T05:00:00Z'));
    const staff = await loginStaff(runtime);
    const created = await staff.call('POST /api/staff/campaigns', { body: { year: 2027, startsAt: '2027-11-01T05:00:00.000Z', endsAt: '2027-11-19T18:30:00.000Z' } });
    const campaignId = created.body.campaign.campaignId as string;
    const before = runtime.notifier.outbox.length;

    // Act 1: start
    expect((await staff.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId } })).status).toBe(202);
    await until(async () => (await schedule(`campaign-close-${campaignId}`)) !== undefined);

    // Assess 1: the start SMS went at once, one language each; the reminders wait for 10:00 of their days
    const pending = (await allApplications()).filter((a) => a.pendingCampaign?.startsWith(`pending#temirtau#${campaignId}#`));
    expect(pending.length).toBeGreaterThan(0);
    const single = (language: 'kk' | 'ru') => pending.find((a) => a.language === language && pending.filter((b) => b.applicantIin === a.applicantIin).length === 1)!;
    const kk = single('kk');
    const ru = single('ru');
    expect(smsTo(phoneOf(kk.applicantIin), before).map((m) => m.text)).toEqual([`Балабақша кезегін 19.11.2027 ж. дейін растаңыз: ${site()}`]);
    expect(smsTo(phoneOf(ru.applicantIin), before).map((m) => m.text)).toEqual([`Подтвердите очередь в детсад до 19.11.2027: ${site()}`]);
    expect((await schedule(`campaign-reminder-${campaignId}-7`))?.dueAt).toBe('2027-11-12T05:00:00.000Z');
    expect((await schedule(`campaign-reminder-${campaignId}-1`))?.dueAt).toBe('2027-11-18T05:00:00.000Z');

    // Act 2: the first reminder's day, 10:00
    const beforeReminder = runtime.notifier.outbox.length;
    runtime.clock.set(new Date('2027-11-12T05:00:01Z'));
    await until(() => smsTo(phoneOf(ru.applicantIin), beforeReminder).length > 0);

    // Assess 2: texted at 10:00
    const reminder = smsTo(phoneOf(ru.applicantIin), beforeReminder);
    expect(reminder.map((m) => m.text)).toEqual([`Подтверждение очереди заканчивается 19.11.2027: ${site()}`]);
    expect(reminder[0]!.sentAt >= '2027-11-12T05:00:00.000Z' && reminder[0]!.sentAt < '2027-11-12T05:05:00.000Z').toBe(true);
    runtime.clock.set(new Date('2027-11-18T05:00:01Z'));
    await until(async () => (await schedule(`campaign-reminder-${campaignId}-1`) as { state?: string } | undefined)?.state === 'completed');

    // Act 3: the campaign ends at 23:30; the close runs
    const beforeClose = runtime.notifier.outbox.length;
    runtime.clock.set(new Date('2027-11-19T18:30:01Z'));
    await until(async () => (await dependencies().campaigns.get('temirtau', campaignId))?.status === 'closed');

    // Assess 3: stopped, noticed in the cabinet, its SMS queued with it (the outbox) but not texted at night
    expect((await stored(kk.applicationId)).status).toBe('stopped');
    const stopNotice = `2027-11-19T18:30:00.000Z#${campaignId}#stop_cleanup`;
    expect((await notice(kk.applicantIin, stopNotice))?.channels).toEqual({ cabinet: 'delivered', sms: 'queued' });
    expect(smsTo(phoneOf(kk.applicantIin), beforeClose)).toEqual([]);

    // Act 4: 09:00 the next morning
    runtime.clock.set(new Date('2027-11-20T04:00:01Z'));
    await until(() => smsTo(phoneOf(kk.applicantIin), beforeClose).length > 0 && smsTo(phoneOf(ru.applicantIin), beforeClose).length > 0);

    // Assess 4: each parent's stop SMS, by first name, with how to come back and that the date is kept
    const stop = smsTo(phoneOf(kk.applicantIin), beforeClose);
    expect(stop.map((m) => m.text)).toEqual([`${kk.childName.split(' ')[1]}: кезек расталмады, өтініш стоп-параққа түсті. Жеке кабинетте қайтарыңыз, тіркелу күні сақталады: ${site()}`]);
    expect(stop[0]!.sentAt >= '2027-11-20T04:00:00.000Z' && stop[0]!.sentAt < '2027-11-20T04:05:00.000Z').toBe(true);
    expect(smsTo(phoneOf(ru.applicantIin), beforeClose).map((m) => m.text)).toEqual([
      `${ru.childName.split(' ')[1]}: очередь не подтверждена, заявление в стоп-листе. Верните в кабинете, дата сохранится: ${site()}`,
    ]);
    expect((await notice(kk.applicantIin, stopNotice))?.channels).toEqual({ cabinet: 'delivered', sms: 'delivered' });
    runtime.clock.set(new Date());
  }, 240_000);
});
