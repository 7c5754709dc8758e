import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { ageGroupOn } from '#domain/age';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginParent, loginStaff, settle, startCampaignNow, startTestRuntime, toDaytime, type Client } from '../support/runtime.ts';

/**
 * Issue 18 item 6: the parent's contacts. The parent chooses the language of every message and a
 * second phone in the cabinet; an SMS that fails on the first phone is tried once on the second;
 * a notice that reached the parent on no channel lists them for staff to call.
 */
let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(300);
  // Inside the SMS hours, and never back in time: DynamoDB Local's TTL (real time) would end sessions dated in the past
  toDaytime(runtime);
  staff = await loginStaff(runtime);
}, 300_000);

afterAll(async () => {
  await runtime?.stop();
});

const data = () => runtime.seed!.data;
const site = () => runtime.url.replace(/^https?:\/\//, '');
const smsTo = (phone: string, since: number) => runtime.notifier.outbox.slice(since).filter((m) => m.phone === phone);

async function until(done: () => Promise<boolean> | boolean, rounds = 100): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await settle(runtime);
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the jobs did not get there');
}

async function notice(recipientIin: string, notificationId: string) {
  const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.notifications, Key: { recipientIin, notificationId }, ConsistentRead: true }));
  return Item as { channels: Record<string, string>; deliveries?: Record<string, Record<string, unknown>>; unreachableAt?: string } | undefined;
}

/** Parents used so far: each test takes one nobody else touched. */
const taken = new Set<string>();
/** Parents who kept a second phone (a campaign's failed SMS goes on to it). */
const withSecondPhone = new Set<string>();

/** A queued Russian-language application of a parent with one application, and a kindergarten with a free place for it. */
async function referralCandidate() {
  const counts = new Map<string, number>();
  for (const a of data().applications) counts.set(a.applicantIin, (counts.get(a.applicantIin) ?? 0) + 1);
  const candidate = data().applications.find((a) => a.status === 'queued' && a.language === 'ru' && counts.get(a.applicantIin) === 1 && !taken.has(a.applicantIin) && a.birthDate.startsWith('2022'))!;
  taken.add(candidate.applicantIin);
  const group = ageGroupOn(candidate.birthDate, kazakhstanDate(runtime.clock.now()));
  const answer = await staff.call('GET /api/staff/kindergartens');
  if (answer.status !== 200) throw new Error(`kindergartens: ${answer.status} ${JSON.stringify(answer.body)} at ${runtime.clock.now().toISOString()}`);
  const kindergartens = answer.body.kindergartens as { kindergartenId: string; name: Record<string, string>; capacity: Record<string, number>; occupancy?: Record<string, number>; languages: string[] }[];
  const kindergarten = kindergartens.find((k) => k.capacity[group]! - (k.occupancy?.[group] ?? 0) > 0 && k.languages.includes('ru'))!;
  const parent = data().parents.find((p) => p.iin === candidate.applicantIin)!;
  return { candidate, kindergarten, parent };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const cut = (name: string) => (name.length > 36 ? `${name.slice(0, 35).trimEnd()}…` : name);

describe('the contacts section of the cabinet', () => {
  it('should show the defaults, save a language and a second phone, refuse a bad or repeated phone in the reader’s language, and remove the second phone', async () => {
    // Prepare: a parent who never chose
    const { parent } = await referralCandidate();
    const cabinet = await loginParent(runtime, parent);

    // Act 1: the section as first shown, in Kazakh
    const first = await cabinet.call('GET /api/cabinet/contacts', {}, { language: 'kk' });

    // Assess 1: the cabinet's language preselected, nothing chosen yet, the first phone masked
    expect(first.status).toBe(200);
    expect(first.body.contacts).toEqual({ language: 'kk', languageChosen: false, phone: `+7 ${parent.phone[2]}** *** **${parent.phone.slice(-2)}` });

    // Act 2: English and a second phone; then a bad phone; then the first phone again as the second
    const saved = await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'en', secondPhone: '+77770001122' } });
    const bad = await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'en', secondPhone: '+7777' } }, { language: 'kk' });
    const same = await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'en', secondPhone: parent.phone } }, { language: 'ru' });
    const after = await cabinet.call('GET /api/cabinet/contacts', {}, { language: 'ru' });

    // Assess 2: saved; the refusals name the field, in the reader's language; the saved contacts stand
    expect(saved.status).toBe(200);
    expect(saved.body.contacts).toMatchObject({ language: 'en', languageChosen: true, secondPhone: '+77770001122' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'secondPhone', message: 'Телефонды +7XXXXXXXXXX түрінде жазыңыз.' }]);
    expect(same.status).toBe(400);
    expect(same.body.error.fields).toEqual([{ path: 'secondPhone', message: 'Второй телефон должен отличаться от первого.' }]);
    expect(after.body.contacts).toMatchObject({ language: 'en', languageChosen: true, secondPhone: '+77770001122' });

    // Act 3: the second phone removed (left out)
    const removed = await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'kk' } });

    // Assess 3
    expect(removed.status).toBe(200);
    expect(removed.body.contacts.secondPhone).toBeUndefined();
    expect(removed.body.contacts.language).toBe('kk');
  });
});

describe('messages in the chosen language, and the second phone', () => {
  it('should write the referral SMS in the chosen language, and after the first phone fails send it once to the second phone', async () => {
    // Prepare: a Russian-language application; its parent chooses English and a second phone; the first phone's receipts say FAILURE
    const { candidate, kindergarten, parent } = await referralCandidate();
    const secondPhone = '+77770002233';
    const cabinet = await loginParent(runtime, parent);
    expect((await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'en', secondPhone } })).status).toBe(200);
    withSecondPhone.add(parent.iin);
    Object.assign(runtime.notifier.receipts, { failureRate: 0.5, draw: () => (runtime.notifier.outbox.at(-1)?.phone === parent.phone ? 0 : 1) });
    const before = runtime.notifier.outbox.length;

    // Act: staff issue a referral; the sender, the receipts and the sender again run
    const referred = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: candidate.applicationId }, body: { kindergartenId: kindergarten.kindergartenId } });
    await until(() => smsTo(secondPhone, before).length > 0);
    await settle(runtime);
    const notificationId = `${referred.body.application.referral!.issuedAt}#${candidate.applicationId}#refer`;
    await until(async () => (await notice(parent.iin, notificationId))?.channels.sms2 === 'delivered');

    // Assess: the same English text to each phone once; the first failed, the second delivered, both recorded on the one notice
    const [text] = smsTo(parent.phone, before).map((m) => m.text);
    expect(referred.status).toBe(200);
    expect(text).toMatch(new RegExp(`^${candidate.childName.split(' ')[1]}: referral to ${escape(cut(kindergarten.name.en!))}\\. Use it by \\d{2}\\.\\d{2}\\.\\d{4}: ${escape(site())}$`));
    expect(smsTo(parent.phone, before)).toHaveLength(1);
    expect(smsTo(secondPhone, before).map((m) => m.text)).toEqual([text]);
    const stored = await notice(parent.iin, notificationId);
    expect(stored?.channels).toEqual({ cabinet: 'delivered', sms: 'failed', sms2: 'delivered' });
    expect(stored?.deliveries?.sms2).toMatchObject({ attempts: 1, applicationId: candidate.applicationId });
    expect(stored?.unreachableAt).toBeUndefined();
  });
});

type Listed = { notificationId: string; kind: string; applicationId: string; campaignId?: string; parentName: string; phone: string; secondPhone?: string; channels: Record<string, string> };

describe('parents reached on no channel', () => {
  it('should list for staff a parent whose SMS failed on both phones, with their name and phones, and audit the view', async () => {
    // Prepare: a parent with a second phone; every SMS to either phone fails
    const { candidate, kindergarten, parent } = await referralCandidate();
    const secondPhone = '+77770003344';
    const cabinet = await loginParent(runtime, parent);
    expect((await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'ru', secondPhone } })).status).toBe(200);
    withSecondPhone.add(parent.iin);
    Object.assign(runtime.notifier.receipts, { failureRate: 0.5, draw: () => ([parent.phone, secondPhone].includes(runtime.notifier.outbox.at(-1)?.phone ?? '') ? 0 : 1) });

    // Act: a referral; the sender, the receipts, the second phone and its receipt run; staff open the list
    const referred = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: candidate.applicationId }, body: { kindergartenId: kindergarten.kindergartenId } });
    const notificationId = `${referred.body.application.referral!.issuedAt}#${candidate.applicationId}#refer`;
    await until(async () => (await notice(parent.iin, notificationId))?.unreachableAt !== undefined);
    const listed = await staff.call('GET /api/staff/unreachable-parents', {});
    const trail = await staff.call('GET /api/staff/audit-events', { query: { action: 'parent.list-unreachable' } });

    // Assess: both phones failed; the parent is listed once with the phones to call; the view is in the audit trail
    expect((await notice(parent.iin, notificationId))?.channels).toEqual({ cabinet: 'delivered', sms: 'failed', sms2: 'failed' });
    expect(listed.status).toBe(200);
    const rows = (listed.body.parents as Listed[]).filter((row) => row.notificationId === notificationId);
    expect(rows).toEqual([
      {
        notificationId,
        kind: 'refer',
        createdAt: expect.any(String),
        unreachableAt: expect.any(String),
        applicationId: candidate.applicationId,
        childName: candidate.childName,
        parentName: parent.displayName,
        phone: parent.phone,
        secondPhone,
        channels: { sms: 'failed', sms2: 'failed' },
        deliveries: {
          sms: { at: expect.any(String), reason: 'Phone is currently unreachable/unavailable' },
          sms2: { at: expect.any(String), reason: 'Phone is currently unreachable/unavailable' },
        },
      },
    ]);
    expect(trail.body.events.length).toBeGreaterThan(0);
    expect(trail.body.events[0]!.action).toBe('parent.list-unreachable');
  });

  it('should count on the campaign dashboard and list by campaign the parents whose start SMS failed, and no other', async () => {
    // Prepare: the receipts of SMS to numbers ending in 7 say FAILURE (no second phone for them)
    const failing = (phone: string) => phone.endsWith('7');
    Object.assign(runtime.notifier.receipts, { failureRate: 0.5, draw: () => (failing(runtime.notifier.outbox.at(-1)?.phone ?? '') ? 0 : 1) });

    // Act: a campaign starts and its SMS go out and come back
    const campaignId = await startCampaignNow(runtime, staff);
    await settle(runtime);
    await settle(runtime);
    const dashboard = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId } });
    const listed = await staff.call('GET /api/staff/unreachable-parents', { query: { campaignId } });

    // Assess: exactly the notified parents with a failing number, once each
    const notified = (await noticesOf('campaign_started')).map((n) => n.recipientIin);
    const phoneOf = (iin: string) => data().parents.find((p) => p.iin === iin)!.phone;
    const expected = notified.filter((iin) => failing(phoneOf(iin)) && !withSecondPhone.has(iin)).map(phoneOf).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(notified.length);
    expect(dashboard.body.progress.unreachable).toBe(expected.length);
    expect((listed.body.parents as Listed[]).map((row) => row.phone).sort()).toEqual(expected);
    expect((listed.body.parents as Listed[]).every((row) => row.campaignId === campaignId && row.kind === 'campaign_started' && row.channels.sms === 'failed')).toBe(true);
  });
});

async function noticesOf(kind: string): Promise<{ recipientIin: string }[]> {
  const found: { recipientIin: string; kind: string }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDocumentClient().send(new ScanCommand({ TableName: runtime.tableNames.notifications, ExclusiveStartKey: startKey, ConsistentRead: true }));
    found.push(...((page.Items ?? []) as { recipientIin: string; kind: string }[]).filter((item) => item.kind === kind));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}
