import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { ageGroupOn } from '#domain/age';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginParent, loginStaff, settle, startTestRuntime, type Client } from '../support/runtime.ts';

/**
 * Issue 18 item 6: the parent's contacts. The parent chooses the language of every message and a
 * second phone in the cabinet; an SMS that fails on the first phone is tried once on the second;
 * a notice that reached the parent on no channel lists them for staff to call.
 */
let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(300);
  // Friday 13 March 2026, 11:00 in Kazakhstan: SMS hours
  runtime.clock.set(new Date('2026-03-13T06:00:00Z'));
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

/** A queued Russian-language application of a parent with one application, and a kindergarten with a free place for it. */
async function referralCandidate() {
  const counts = new Map<string, number>();
  for (const a of data().applications) counts.set(a.applicantIin, (counts.get(a.applicantIin) ?? 0) + 1);
  const candidate = data().applications.find((a) => a.status === 'queued' && a.language === 'ru' && counts.get(a.applicantIin) === 1 && !taken.has(a.applicantIin) && a.birthDate.startsWith('2022'))!;
  taken.add(candidate.applicantIin);
  const group = ageGroupOn(candidate.birthDate, kazakhstanDate(runtime.clock.now()));
  const kindergartens = (await staff.request('GET', '/api/staff/kindergartens')).body.kindergartens as { kindergartenId: string; name: Record<string, string>; capacity: Record<string, number>; occupancy?: Record<string, number>; languages: string[] }[];
  const kindergarten = kindergartens.find((k) => k.capacity[group]! - (k.occupancy?.[group] ?? 0) > 0 && k.languages.includes('ru'))!;
  const parent = data().parents.find((p) => p.iin === candidate.applicantIin)!;
  return { candidate, kindergarten, parent };
}

const cut = (name: string) => (name.length > 36 ? `${name.slice(0, 35).trimEnd()}…` : name);

describe('the contacts section of the cabinet', () => {
  it('should show the defaults, save a language and a second phone, refuse a bad or repeated phone in the reader’s language, and remove the second phone', async () => {
    // Prepare: a parent who never chose
    const { parent } = await referralCandidate();
    const cabinet = await loginParent(runtime, parent);

    // Act 1: the section as first shown, in Kazakh
    const first = await cabinet.request('GET', '/api/cabinet/contacts', { language: 'kk' });

    // Assess 1: the cabinet's language preselected, nothing chosen yet, the first phone masked
    expect(first.status).toBe(200);
    expect(first.body.contacts).toEqual({ language: 'kk', languageChosen: false, phone: `+7 ${parent.phone[2]}** *** **${parent.phone.slice(-2)}` });

    // Act 2: English and a second phone; then a bad phone; then the first phone again as the second
    const saved = await cabinet.request('PUT', '/api/cabinet/contacts', { body: { language: 'en', secondPhone: '+77770001122' } });
    const bad = await cabinet.request('PUT', '/api/cabinet/contacts', { body: { language: 'en', secondPhone: '+7777' }, language: 'kk' });
    const same = await cabinet.request('PUT', '/api/cabinet/contacts', { body: { language: 'en', secondPhone: parent.phone }, language: 'ru' });
    const after = await cabinet.request('GET', '/api/cabinet/contacts', { language: 'ru' });

    // Assess 2: saved; the refusals name the field, in the reader's language; the saved contacts stand
    expect(saved.status).toBe(200);
    expect(saved.body.contacts).toMatchObject({ language: 'en', languageChosen: true, secondPhone: '+77770001122' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'secondPhone', message: 'Телефонды +7XXXXXXXXXX түрінде жазыңыз.' }]);
    expect(same.status).toBe(400);
    expect(same.body.error.fields).toEqual([{ path: 'secondPhone', message: 'Второй телефон должен отличаться от первого.' }]);
    expect(after.body.contacts).toMatchObject({ language: 'en', languageChosen: true, secondPhone: '+77770001122' });

    // Act 3: the second phone removed (left out)
    const removed = await cabinet.request('PUT', '/api/cabinet/contacts', { body: { language: 'kk' } });

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
    expect((await cabinet.request('PUT', '/api/cabinet/contacts', { body: { language: 'en', secondPhone } })).status).toBe(200);
    Object.assign(runtime.notifier.receipts, { failureRate: 0.5, draw: () => (runtime.notifier.outbox.at(-1)?.phone === parent.phone ? 0 : 1) });
    const before = runtime.notifier.outbox.length;

    // Act: staff issue a referral (valid to Friday 20 March); the sender, the receipts and the sender again run
    const referred = await staff.request('POST', `/api/staff/applications/${candidate.applicationId}/referral`, { body: { kindergartenId: kindergarten.kindergartenId } });
    await until(() => smsTo(secondPhone, before).length > 0);
    await settle(runtime);
    const notificationId = `${referred.body.application.referral.issuedAt}#${candidate.applicationId}#refer`;
    await until(async () => (await notice(parent.iin, notificationId))?.channels.sms2 === 'delivered');

    // Assess: the same English text to each phone once; the first failed, the second delivered, both recorded on the one notice
    const text = `${candidate.childName.split(' ')[0]}: referral to ${cut(kindergarten.name.en!)}. Use it by 20.03.2026: ${site()}`;
    expect(referred.status).toBe(200);
    expect(smsTo(parent.phone, before).map((m) => m.text)).toEqual([text]);
    expect(smsTo(secondPhone, before).map((m) => m.text)).toEqual([text]);
    const stored = await notice(parent.iin, notificationId);
    expect(stored?.channels).toEqual({ cabinet: 'delivered', sms: 'failed', sms2: 'delivered' });
    expect(stored?.deliveries?.sms2).toMatchObject({ attempts: 1, applicationId: candidate.applicationId });
    expect(stored?.unreachableAt).toBeUndefined();
  });
});
