import { readFileSync } from 'node:fs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { ageGroupOn } from '#domain/age';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginParent, loginStaff, settle, startTestRuntime, toDaytime, type Client } from '../support/runtime.ts';

/**
 * Issue 18 item 6, decision 59: a parent's e-mail, verified by a one-time link, and e-mail as a
 * channel of the outbox. The local mailer writes `.eml` files and simulates SES's receipts.
 */
let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(300);
  // Daytime before the staff session opens (a session is never dated back in time).
  toDaytime(runtime);
  staff = await loginStaff(runtime);
}, 300_000);

afterAll(async () => {
  await runtime?.stop();
});

const data = () => runtime.seed!.data;
const mailsTo = (address: string) => runtime.mailer.outbox.filter((m) => m.to.includes(address));
/** The token of the verification link in a mail's text. */
const tokenIn = (text: string) => /email-token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];

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
  return Item as { channels: Record<string, string>; deliveries?: Record<string, Record<string, unknown>> } | undefined;
}

const taken = new Set<string>();

/** A queued Russian-language application of a parent with one application nobody else used, and a kindergarten with a free place for it. */
async function referralCandidate() {
  const counts = new Map<string, number>();
  for (const a of data().applications) counts.set(a.applicantIin, (counts.get(a.applicantIin) ?? 0) + 1);
  const candidate = data().applications.find((a) => a.status === 'queued' && a.language === 'ru' && counts.get(a.applicantIin) === 1 && !taken.has(a.applicantIin) && a.birthDate.startsWith('2022'))!;
  taken.add(candidate.applicantIin);
  const group = ageGroupOn(candidate.birthDate, kazakhstanDate(runtime.clock.now()));
  const kindergartens = (await staff.call('GET /api/staff/kindergartens')).body.kindergartens as {
    kindergartenId: string;
    name: Record<string, string>;
    capacity: Record<string, number>;
    occupancy?: Record<string, number>;
    languages: string[];
  }[];
  const kindergarten = kindergartens.find((k) => k.capacity[group]! - (k.occupancy?.[group] ?? 0) > 0 && k.languages.includes('ru'))!;
  const parent = data().parents.find((p) => p.iin === candidate.applicantIin)!;
  return { candidate, kindergarten, parent };
}

describe('the e-mail address and its verification link', () => {
  it('should store a new address unverified, mail one link as an .eml file, verify it once, and refuse the used link in the reader’s language', async () => {
    // Prepare
    const { parent } = await referralCandidate();
    const cabinet = await loginParent(runtime, parent);
    const address = `parent.${parent.iin}@Example.KZ`;

    // Act 1: the parent adds an e-mail (English messages)
    const saved = await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'en', email: address } });

    // Assess 1: stored with its domain in lower case, unverified; one mail, in English, written as an RFC 5322 file
    const stored = `parent.${parent.iin}@example.kz`;
    expect(saved.status).toBe(200);
    expect(saved.body.contacts).toMatchObject({ language: 'en', email: stored, emailVerified: false });
    expect(mailsTo(stored)).toHaveLength(1);
    const mail = mailsTo(stored)[0]!;
    expect(mail.subject).toBe('Confirm your e-mail address');
    expect(mail.text).toContain(`${runtime.url}/cabinet?email-token=`);
    const eml = readFileSync(mail.file, 'utf8');
    expect(eml).toMatch(/^From: kezek <no-reply@kezek\.localhost>\r\n/);
    expect(eml).toContain(`\r\nTo: ${stored}\r\n`);
    expect(eml).toContain('\r\nSubject: Confirm your e-mail address\r\n');
    expect(eml).toContain('\r\nContent-Type: text/plain; charset=UTF-8\r\n');
    expect(Buffer.from(eml.split('\r\n\r\n')[1]!.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe(mail.text);

    // Act 2: the link's token, twice; then the section again
    const token = tokenIn(mail.text)!;
    const verified = await cabinet.call('PUT /api/cabinet/contacts', { body: { emailToken: token } });
    const again = await cabinet.call('PUT /api/cabinet/contacts', { body: { emailToken: token } }, { language: 'kk' });
    const after = await cabinet.call('GET /api/cabinet/contacts');

    // Assess 2: verified once; the second use refused in Kazakh; the address stays verified
    expect(verified.status).toBe(200);
    expect(verified.body.contacts).toMatchObject({ email: stored, emailVerified: true });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('email_link_invalid');
    expect(again.body.error.message).toBe('Растау сілтемесі жарамсыз: ол пайдаланылған, жаңа хатпен ауыстырылған немесе басқа мекенжайға арналған. Байланыстар бөлімінде жаңа хат сұраңыз.');
    expect(after.body.contacts).toMatchObject({ email: stored, emailVerified: true });

    // Act 3: the same verified address saved again (no new mail), then another address (reset, a new mail)
    await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'en', email: stored } });
    const changed = await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'en', email: `other.${parent.iin}@example.kz` } });

    // Assess 3
    expect(mailsTo(stored)).toHaveLength(1);
    expect(changed.body.contacts).toMatchObject({ email: `other.${parent.iin}@example.kz`, emailVerified: false });
    expect(mailsTo(`other.${parent.iin}@example.kz`)).toHaveLength(1);
  });

  it('should refuse a bad address in the reader’s language, a replaced link, an expired link, and another parent’s link', async () => {
    // Prepare: two parents; the first asks for two links (the second replaces the first)
    const { parent } = await referralCandidate();
    const { parent: stranger } = await referralCandidate();
    const cabinet = await loginParent(runtime, parent);
    const foreign = await loginParent(runtime, stranger);
    const address = `twice.${parent.iin}@example.kz`;
    const bad = await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'ru', email: 'not an address' } }, { language: 'ru' });
    const long = await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'ru', email: `${'a'.repeat(250)}@example.kz` } }, { language: 'en' });
    await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'ru', email: address } });
    await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'ru', email: address } });
    const [first, second] = mailsTo(address).map((m) => tokenIn(m.text)!);

    // Act: the replaced link; the current link used by another parent; the stranger's view of their own contacts
    const replaced = await cabinet.call('PUT /api/cabinet/contacts', { body: { emailToken: first } }, { language: 'ru' });
    const byStranger = await foreign.call('PUT /api/cabinet/contacts', { body: { emailToken: second } }, { language: 'en' });
    const strangerView = await foreign.call('GET /api/cabinet/contacts');
    const ownerView = await cabinet.call('GET /api/cabinet/contacts');

    // Assess: each refused, the address untouched and unverified, nothing of it shown to the stranger
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'email', message: 'Укажите электронную почту в виде name@example.kz (не длиннее 254 символов).' }]);
    expect(long.status).toBe(400);
    expect(long.body.error.fields).toEqual([{ path: 'email', message: 'Write the e-mail as name@example.kz (at most 254 characters).' }]);
    expect(mailsTo(address)).toHaveLength(2);
    expect(replaced.status).toBe(410);
    expect(replaced.body.error.message).toBe('Ссылка подтверждения недействительна: она уже использована, заменена новым письмом или относится к другому адресу. Запросите новое письмо в разделе «Контакты».');
    expect(byStranger.status).toBe(410);
    expect(byStranger.body.error.code).toBe('email_link_invalid');
    expect(JSON.stringify(strangerView.body)).not.toContain(address);
    expect(strangerView.body.contacts.email).toBeUndefined();
    expect(ownerView.body.contacts).toMatchObject({ email: address, emailVerified: false });

    // Act 2: 25 hours later the current link has expired (the parent signs in again)
    runtime.clock.set(new Date(runtime.clock.now().getTime() + 25 * 3_600_000));
    toDaytime(runtime);
    const later = await loginParent(runtime, parent);
    const expired = await later.call('PUT /api/cabinet/contacts', { body: { emailToken: second } }, { language: 'en' });

    // Assess 2
    expect(expired.status).toBe(410);
    expect(expired.body.error).toMatchObject({ code: 'email_link_expired', message: 'This confirmation link has expired (it works for 24 hours). Ask for a new e-mail in the Contacts section.' });
    expect((await later.call('GET /api/cabinet/contacts')).body.contacts).toMatchObject({ email: address, emailVerified: false });
    staff = await loginStaff(runtime);
  });

  it('should mail a Cyrillic domain in Punycode, and refuse a Cyrillic mailbox in the reader’s language with nothing written', async () => {
    // Prepare: SES has no SMTPUTF8 (decision 59); мектеп.қаз in Punycode is xn--e1aaogsq.xn--80ao21a (RFC 3492)
    const { parent } = await referralCandidate();
    const cabinet = await loginParent(runtime, parent);
    const before = (await cabinet.request('GET', '/api/cabinet/contacts')).body.contacts;

    // Act
    const cyrillicMailbox = await cabinet.request('PUT', '/api/cabinet/contacts', { body: { language: 'kk', email: `ата.${parent.iin}@mail.kz` }, language: 'ru' });
    const unchanged = (await cabinet.request('GET', '/api/cabinet/contacts')).body.contacts;
    const cyrillicDomain = await cabinet.request('PUT', '/api/cabinet/contacts', { body: { language: 'kk', email: `ata.${parent.iin}@Мектеп.ҚАЗ` } });

    // Assess
    expect(cyrillicMailbox.status).toBe(400);
    expect(cyrillicMailbox.body.error.fields).toEqual([{ path: 'email', message: 'Письма доходят только до адресов латиницей: до знака @ используйте латинские буквы, цифры и знаки . _ - +.' }]);
    expect(unchanged).toEqual(before);
    expect(runtime.mailer.outbox.filter((m) => m.to.some((to) => to.includes(parent.iin)))).toHaveLength(1);
    expect(cyrillicDomain.status).toBe(200);
    expect(cyrillicDomain.body.contacts).toMatchObject({ email: `ata.${parent.iin}@мектеп.қаз`, emailVerified: false });
    expect(mailsTo(`ata.${parent.iin}@xn--e1aaogsq.xn--80ao21a`)).toHaveLength(1);
  });
});

describe('e-mail as a channel of the outbox', () => {
  it('should send a referral to a verified address in the parent’s language and record it delivered by its receipt', async () => {
    // Prepare: a parent with a verified address, English messages
    const { candidate, kindergarten, parent } = await referralCandidate();
    const cabinet = await loginParent(runtime, parent);
    const address = `verified.${parent.iin}@example.kz`;
    await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'en', email: address } });
    expect((await cabinet.call('PUT /api/cabinet/contacts', { body: { emailToken: tokenIn(mailsTo(address)[0]!.text)! } })).status).toBe(200);

    // Act: staff issue a referral; the sender and the receipts run
    const referred = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: candidate.applicationId }, body: { kindergartenId: kindergarten.kindergartenId } });
    const notificationId = `${referred.body.application.referral!.issuedAt}#${candidate.applicationId}#refer`;
    await until(async () => {
      const channels = (await notice(parent.iin, notificationId))?.channels;
      return channels?.email === 'delivered' && channels.sms === 'delivered';
    });

    // Assess: both channels reconciled by their own receipts (sent side by side); one notice e-mail after the verification mail, in English, naming the child by first name, the kindergarten and the link
    expect(referred.status).toBe(200);
    const mails = mailsTo(address);
    expect(mails).toHaveLength(2);
    const child = candidate.childName.split(' ')[1]!;
    expect(mails[1]!.subject).toBe(`${child}: referral issued`);
    expect(mails[1]!.text).toContain(`${child}: a referral to ${kindergarten.name.en} was issued. Use it by `);
    expect(mails[1]!.text).toContain(`\n\n${runtime.url}\n\n`);
    const stored = await notice(parent.iin, notificationId);
    expect(stored?.channels).toEqual({ cabinet: 'delivered', sms: 'delivered', email: 'delivered' });
    expect(stored?.deliveries?.email).toMatchObject({ attempts: 1, applicationId: candidate.applicationId, messageId: mails[1]!.messageId });
  });

  it('should send an unverified address nothing but its verification mail', async () => {
    // Prepare: a parent who added an address and never opened the link
    const { candidate, kindergarten, parent } = await referralCandidate();
    const cabinet = await loginParent(runtime, parent);
    const address = `unverified.${parent.iin}@example.kz`;
    await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'ru', email: address } });

    // Act: a referral; its SMS goes and is delivered
    const referred = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: candidate.applicationId }, body: { kindergartenId: kindergarten.kindergartenId } });
    const notificationId = `${referred.body.application.referral!.issuedAt}#${candidate.applicationId}#refer`;
    await until(async () => (await notice(parent.iin, notificationId))?.channels.sms === 'delivered');

    // Assess: no e-mail channel on the notice, one mail (the verification) to the address
    expect((await notice(parent.iin, notificationId))?.channels).toEqual({ cabinet: 'delivered', sms: 'delivered' });
    expect(mailsTo(address).map((m) => m.subject)).toEqual(['Подтвердите электронную почту']);
  });

  it('should record a bounced e-mail failed, and list a parent whose SMS and e-mail both failed as unreachable', async () => {
    // Prepare: a verified address whose mail bounces, and a first phone whose SMS fails (no second phone)
    const { candidate, kindergarten, parent } = await referralCandidate();
    const cabinet = await loginParent(runtime, parent);
    const address = `bounces.${parent.iin}@example.kz`;
    await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'kk', email: address } });
    expect((await cabinet.call('PUT /api/cabinet/contacts', { body: { emailToken: tokenIn(mailsTo(address)[0]!.text)! } })).status).toBe(200);
    Object.assign(runtime.mailer.receipts, { failureRate: 0.5, draw: () => (runtime.mailer.outbox.at(-1)?.to.includes(address) ? 0 : 1) });
    Object.assign(runtime.notifier.receipts, { failureRate: 0.5, draw: () => (runtime.notifier.outbox.at(-1)?.phone === parent.phone ? 0 : 1) });

    // Act: a referral; the sender and the receipts run
    const referred = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: candidate.applicationId }, body: { kindergartenId: kindergarten.kindergartenId } });
    const notificationId = `${referred.body.application.referral!.issuedAt}#${candidate.applicationId}#refer`;
    await until(async () => {
      const stored = await notice(parent.iin, notificationId);
      return stored?.channels.email === 'failed' && stored.channels.sms === 'failed';
    });
    await settle(runtime);

    // Assess: the bounce's type is the reason (no address); the parent is on the department's list to call
    const stored = (await notice(parent.iin, notificationId)) as Awaited<ReturnType<typeof notice>> & { unreachableAt?: string };
    expect(stored?.channels).toEqual({ cabinet: 'delivered', sms: 'failed', email: 'failed' });
    expect(stored?.deliveries?.email).toMatchObject({ reason: 'bounce: Permanent/General' });
    expect(stored?.unreachableAt).toBeDefined();
    const listed = await staff.call('GET /api/staff/unreachable-parents', {});
    expect(listed.status).toBe(200);
    expect((listed.body.parents as { notificationId: string }[]).map((p) => p.notificationId)).toContain(notificationId);
    Object.assign(runtime.mailer.receipts, { failureRate: 0, draw: undefined });
    Object.assign(runtime.notifier.receipts, { failureRate: 0, draw: undefined });
  });
});
