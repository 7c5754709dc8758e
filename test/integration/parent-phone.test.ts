import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { makeIin } from '#domain/iin';
import type { LocalRuntime } from '../../local/runtime.ts';
import { client, loginStaff, settle, startTestRuntime, type Client } from '../support/runtime.ts';
import { addOtherTenant } from '../support/tenants.ts';

/**
 * A parent's cabinet account is global by IIN; its phone receives every login code. Two
 * departments: A (the demo tenant) registered the parent first; B is a second tenant.
 */

let runtime: LocalRuntime;
let staffA: Client;
let staffB: Client;
let applicationInA: string;
let year: number;

const parent = { iin: makeIin('1986-02-20', 'female', 321), phone: '+77051234534' };
const newPhone = '+77479876512';
const kindergartenB = 'balkhash-sad-1';
let serial = 0;
const childIin = () => makeIin(`${year - 2}-03-0${(serial % 9) + 1}`, 'male', 4300 + serial++);

function registration(kindergartenId: string, applicant: { iin: string; phone: string }, language: 'kk' | 'ru' = 'kk') {
  return {
    childIin: childIin(),
    childName: 'Әли Сейіт',
    applicantIin: applicant.iin,
    applicantPhone: applicant.phone,
    applicantName: 'Дина Сейіт',
    priority: 'none' as const,
    kindergartenIds: [kindergartenId],
    language,
  };
}

async function notices(iin: string) {
  const { Items = [] } = await dynamoDocumentClient().send(
    new QueryCommand({ TableName: runtime.tableNames.notifications, KeyConditionExpression: 'recipientIin = :iin', ExpressionAttributeValues: { ':iin': iin } }),
  );
  return Items;
}

async function applicationsOf(iin: string) {
  const { Items = [] } = await dynamoDocumentClient().send(
    new QueryCommand({ TableName: runtime.tableNames.applications, IndexName: 'byApplicant', KeyConditionExpression: 'applicantIin = :iin', ExpressionAttributeValues: { ':iin': iin } }),
  );
  return Items;
}

beforeAll(async () => {
  runtime = await startTestRuntime(40);
  year = runtime.clock.now().getUTCFullYear();
  staffA = await loginStaff(runtime);
  staffB = await loginStaff(runtime, await addOtherTenant(runtime));
  const created = await staffB.call('POST /api/staff/kindergartens', {
    body: {
      kindergartenId: kindergartenB,
      name: { kk: 'Балқаш балабақшасы', ru: 'Балхашский детский сад', en: 'Balkhash kindergarten' },
      ownership: 'state',
      languages: ['ru', 'kk'],
      district: 'centre',
      address: 'Балхаш, ул. Ленина 1',
      location: { lat: 46.85, lon: 74.98 },
      capacity: { nursery: 10, junior: 10, middle: 10, senior: 10, preschool: 10 },
    },
  });
  if (created.status !== 201) throw new Error(`B's kindergarten: ${created.status}`);
  const kazakhInA = runtime.seed!.data.kindergartens.find((k) => k.languages.includes('kk'))!.kindergartenId;
  const registered = await staffA.call('POST /api/staff/applications', { body: registration(kazakhInA, parent, 'kk') });
  if (registered.status !== 201) throw new Error(`A's registration: ${registered.status} ${JSON.stringify(registered.body)}`);
  applicationInA = registered.body.application.applicationId;
  await settle(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

describe("a registration naming a parent whose cabinet has another phone", () => {
  it('should be refused in another department with the masked phone on file, in kk, ru and en, and write nothing', async () => {
    // Prepare
    const body = registration(kindergartenB, { iin: parent.iin, phone: '+77019999999' }, 'ru');
    // Act
    const answers = await Promise.all(['kk', 'ru', 'en'].map((language) => staffB.call('POST /api/staff/applications', { body }, { language })));
    // Assess
    expect(answers.map((a) => [a.status, a.body.error.code])).toEqual([
      [409, 'phone_on_file_differs'],
      [409, 'phone_on_file_differs'],
      [409, 'phone_on_file_differs'],
    ]);
    expect(answers.map((a) => a.body.error.message)).toEqual([
      'Бұл ата-ананың кабинетінде басқа телефон тіркелген: +7 7** *** **34. Телефонды өзгерту үшін ата-ананың өтініш бетіндегі «Телефонды өзгерту» формасын пайдаланыңыз.',
      'У этого родителя в кабинете записан другой телефон: +7 7** *** **34. Чтобы его сменить, воспользуйтесь формой «Сменить телефон» на странице заявления родителя.',
      'This parent’s cabinet has another phone on file: +7 7** *** **34. To change it, use “Change phone” on the page of one of the parent’s applications.',
    ]);
    expect(answers[0]!.body.error.params).toEqual({ phone: '+7 7** *** **34' });
    expect(answers[1]!.body.error.fields).toEqual([{ path: 'applicantPhone', message: 'У родителя в кабинете записан другой телефон: +7 7** *** **34.' }]);
    expect((await applicationsOf(parent.iin)).map((a) => a.tenantId)).toEqual(['temirtau']);
    // The login code still goes to the phone on file
    expect((await client(runtime.url).call('POST /api/auth/parent/code', { body: { iin: parent.iin } })).status).toBe(202);
    expect(runtime.notifier.lastTo('+77019999999')).toBeUndefined();
    expect(runtime.notifier.lastTo(parent.phone)?.text).toMatch(/^kezek: код входа \d{6}\./);
  });

  it('should pass in another department when the phone is the one on file', async () => {
    // Prepare
    const body = registration(kindergartenB, parent, 'ru');
    // Act
    const answer = await staffB.call('POST /api/staff/applications', { body });
    // Assess
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect((await applicationsOf(parent.iin)).map((a) => a.tenantId).sort()).toEqual(['balkhash', 'temirtau']);
  });

  it('should refuse an import row with another phone, with its line, column and message, and write nothing', async () => {
    // Prepare: row 2 is a new parent, row 3 the parent on file with another phone, row 4 the new parent with another phone
    const newParent = makeIin('1992-11-21', 'male', 555);
    const row = (id: string, applicantIin: string, phone: string) =>
      [id, childIin(), 'Бала Тест', applicantIin, phone, 'Ата-ана Тест', `${year - 1}-04-01`, 'none', kindergartenB, 'ru', ''].join(',');
    const csv = [
      'external_id,child_iin,child_name,applicant_iin,applicant_phone,applicant_name,registered_at,priority,kindergartens,language,valid_until',
      row('P1', newParent, '+77071112233'),
      row('P2', parent.iin, '+77019999999'),
      row('P3', newParent, '+77074445566'),
    ].join('\n');
    // Act
    const checked = await staffB.call('POST /api/staff/imports/{kind}/check', { params: { kind: 'applications' }, body: { csv } }, { language: 'ru' });
    const imported = await staffB.call('POST /api/staff/imports/{kind}/rows', { params: { kind: 'applications' }, body: { csv, firstLine: 2 } }, { language: 'en' });
    // Assess
    expect(checked.status).toBe(400);
    expect(checked.body.error.rows).toEqual([
      { line: 3, column: 'applicant_phone', message: 'У родителя в кабинете записан другой телефон: +7 7** *** **34.' },
      { line: 4, column: 'applicant_phone', message: 'Выше в файле у этого родителя указан другой телефон: +7 7** *** **33.' },
    ]);
    expect(imported.status).toBe(400);
    expect(imported.body.error.rows).toEqual([
      { line: 3, column: 'applicant_phone', message: 'The parent’s cabinet has another phone on file: +7 7** *** **34.' },
      { line: 4, column: 'applicant_phone', message: 'An earlier row gives this parent another phone: +7 7** *** **33.' },
    ]);
    expect(await applicationsOf(newParent)).toEqual([]);
    expect((await client(runtime.url).call('POST /api/auth/parent/code', { body: { iin: newParent } })).status).toBe(202);
    expect(runtime.notifier.lastTo('+77071112233')).toBeUndefined();
  });
});

describe("staff change a parent's phone", () => {
  it("should answer not found to a department where the parent has no application, and change nothing", async () => {
    // Prepare
    const outbox = runtime.notifier.outbox.length;
    // Act
    const answer = await staffB.call('PUT /api/staff/applications/{applicationId}/applicant-phone', { params: { applicationId: applicationInA }, body: { phone: newPhone, expectedVersion: 0 } });
    // Assess
    expect([answer.status, answer.body.error.code]).toEqual([404, 'not_found']);
    expect(runtime.notifier.outbox.length).toBe(outbox);
    const page = await staffA.call('GET /api/staff/applications/{applicationId}', { params: { applicationId: applicationInA } });
    expect(page.body.applicantPhone).toEqual({ masked: '+7 7** *** **34', version: 0 });
  });

  it('should refuse a change over a version the page did not show', async () => {
    // Act
    const answer = await staffA.call('PUT /api/staff/applications/{applicationId}/applicant-phone', { params: { applicationId: applicationInA }, body: { phone: newPhone, expectedVersion: 3 } }, { language: 'en' });
    // Assess
    expect([answer.status, answer.body.error.message]).toEqual([409, 'Someone else changed the parent’s phone meanwhile. Reload the page and try again.']);
  });

  it('should change it for the department that has their application: SMS to both numbers, audit event, notice, and login codes to the new number', async () => {
    // Prepare: a code asked for before the change went to the old phone
    const parentClient = client(runtime.url);
    expect((await parentClient.call('POST /api/auth/parent/code', { body: { iin: parent.iin } })).status).toBe(202);
    const oldCode = /\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0];
    const before = runtime.clock.now().toISOString();
    // Act
    const answer = await staffA.call('PUT /api/staff/applications/{applicationId}/applicant-phone', { params: { applicationId: applicationInA }, body: { phone: newPhone, expectedVersion: 0 } });
    // Assess: the answer
    const after = runtime.clock.now().toISOString();
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.applicantPhone).toEqual({ masked: '+7 7** *** **12', version: 1 });
    // Both numbers told, in the application's language (kk)
    expect(runtime.notifier.lastTo(parent.phone)?.text).toBe(
      'kezek: білім бөлімі кабинетіңіздің телефонын +7 7** *** **12 нөміріне ауыстырды. Бұл сіз болмасаңыз, білім бөліміне хабарласыңыз.',
    );
    expect(runtime.notifier.lastTo(newPhone)?.text).toBe('kezek: бұл нөмір енді kezek кабинетіңіздің телефоны. Кіру кодтары осы нөмірге келеді.');
    // The audit event: who, when, what; no IIN, no number
    const page = await staffA.call('GET /api/staff/applications/{applicationId}', { params: { applicationId: applicationInA } });
    const event = page.body.application.history.at(-1);
    expect({ ...event, at: undefined }).toEqual({ at: undefined, actor: { role: 'staff' }, action: 'change_applicant_phone', to: 'queued', details: { phoneVersion: 1 } });
    expect(event!.at >= before && event!.at <= after, `${before} ≤ ${event!.at} ≤ ${after}`).toBe(true);
    const stored = (await applicationsOf(parent.iin)).find((a) => a.applicationId === applicationInA)!;
    const audit = stored.history.at(-1);
    expect(audit.actor).toEqual({ role: 'staff', id: `staff#${runtime.seed!.data.staff.login}` });
    expect(JSON.stringify(audit)).not.toMatch(/\d{10}/);
    expect(page.body.applicantPhone).toEqual({ masked: '+7 7** *** **12', version: 1 });
    // The cabinet notice, with its SMS copies recorded
    const notice = (await notices(parent.iin)).find((n) => n.kind === 'phone_changed');
    expect(notice).toMatchObject({ applicationId: applicationInA, tenantId: 'temirtau', channels: { cabinet: 'delivered', sms: 'sent' }, read: false });
    // The code sent to the old phone opens nothing any more
    expect((await parentClient.call('POST /api/auth/parent/session', { body: { iin: parent.iin, code: oldCode } })).status).toBe(401);
    // The next login code goes to the new number only
    const smsToOld = runtime.notifier.outbox.filter((m) => m.phone === parent.phone).length;
    expect((await parentClient.call('POST /api/auth/parent/code', { body: { iin: parent.iin } })).status).toBe(202);
    const newCode = /\d{6}/.exec(runtime.notifier.lastTo(newPhone)?.text ?? '')?.[0];
    expect(newCode).toMatch(/^\d{6}$/);
    expect(runtime.notifier.outbox.filter((m) => m.phone === parent.phone).length).toBe(smsToOld);
    expect((await parentClient.call('POST /api/auth/parent/session', { body: { iin: parent.iin, code: newCode! } })).status).toBe(200);
  });

  it('should refuse the same phone again with a field message', async () => {
    // Act
    const answer = await staffA.call('PUT /api/staff/applications/{applicationId}/applicant-phone', { params: { applicationId: applicationInA }, body: { phone: newPhone, expectedVersion: 1 } }, { language: 'ru' });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([{ path: 'phone', message: 'Этот телефон уже записан в кабинете.' }]);
  });
});
