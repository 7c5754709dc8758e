import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { makeIin } from '#domain/iin';
import type { LocalRuntime } from '../../local/runtime.ts';
import { client, loginStaff, setStaffPasswordWithLink, startTestRuntime, type Client, type RouteInput } from '../support/runtime.ts';

/**
 * A department's settings (SPEC "Department policy"), through the local runtime on DynamoDB
 * Local: the administrator reads and saves them as versions, a save over an older version is
 * refused, bad values are refused field by field in the user's language, every save is audited,
 * the site shows the new contacts, and a campaign already started keeps the policy it started with.
 */

let runtime: LocalRuntime;
let admin: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(50);
  admin = await loginStaff(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

/** The demo department's settings as onboarded: the product's default policy and the seeded contacts. */
const onboarded = {
  version: 0,
  policy: {
    campaignLengthMonths: 1,
    confirmationAgeYears: 2,
    extensionYears: 1,
    referralValidityWorkingDays: 5,
    referralStopWorkingDays: 10,
    reminderDaysBeforeEnd: [7, 1],
    queueRatio: { priority: 1, general: 3 },
    priorityCategories: ['extraordinary', 'disability', 'large_family', 'military', 'orphan'],
  },
  surveyVersion: 'kezek-2026-2',
  contacts: {
    phone: '+77213000000',
    email: 'info@temirtau.kezek.kz',
    address: { kk: 'Теміртау, Республика даңғылы, 1', ru: 'Темиртау, проспект Республики, 1', en: '1 Respubliki Avenue, Temirtau' },
  },
  languages: ['kk', 'ru', 'en'],
} satisfies RouteInput<'PUT /api/staff/settings'>['body'];

const changed = {
  policy: {
    campaignLengthMonths: 2,
    confirmationAgeYears: 4,
    extensionYears: 2,
    referralValidityWorkingDays: 7,
    referralStopWorkingDays: 12,
    reminderDaysBeforeEnd: [3, 10],
    queueRatio: { priority: 1, general: 2 },
    priorityCategories: ['extraordinary', 'disability', 'large_family', 'orphan'],
  },
  surveyVersion: 'kezek-2026-1',
  contacts: {
    phone: '+77213111111',
    email: 'help@temirtau.kezek.kz',
    hours: { kk: 'Дс–Жм 9:00–18:00', ru: 'Пн–Пт 9:00–18:00', en: 'Mon–Fri 9:00–18:00' },
  },
  languages: ['kk', 'ru'],
} satisfies Omit<RouteInput<'PUT /api/staff/settings'>['body'], 'version'>;

async function storedTenantItem(key: string) {
  const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.tenants, Key: { tenantId: key }, ConsistentRead: true }));
  return Item;
}

async function settingsEvents() {
  const trail = await admin.call('GET /api/staff/audit-events', { query: { action: 'settings.update' } });
  expect(trail.status).toBe(200);
  return trail.body.events.map((e: { action: string; outcome: string; actor: { accountId: string } }) => [e.action, e.outcome, e.actor.accountId]);
}

async function startCampaign(): Promise<string> {
  const now = runtime.clock.now();
  const created = await admin.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 20 * 86_400_000).toISOString() } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const started = await admin.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId: created.body.campaign.campaignId } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return created.body.campaign.campaignId;
}

describe('department settings', () => {
  let campaignId: string;

  it('should show the administrator the onboarded settings at version 0, with the choices the form offers', async () => {
    // Act
    const read = await admin.call('GET /api/staff/settings');

    // Assess
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      settings: onboarded,
      choices: { surveyVersions: ['kezek-2026-1', 'kezek-2026-2'], priorityCategories: ['extraordinary', 'disability', 'large_family', 'military', 'orphan'] },
    });
  });

  it('should save a new version, show it on the site, keep a copy of it and audit the save in its transaction', { timeout: 60_000 }, async () => {
    // Prepare: a campaign running under the onboarded policy
    campaignId = await startCampaign();

    // Act
    const saved = await admin.call('PUT /api/staff/settings', { body: { version: 0, ...changed } });

    // Assess
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const accountId = `staff#${runtime.seed!.data.staff.login}`;
    const { updatedAt, ...rest } = saved.body.settings;
    expect(rest).toEqual({ ...changed, policy: { ...changed.policy, reminderDaysBeforeEnd: [10, 3] }, version: 1, updatedBy: accountId });
    expect(updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const read = await admin.call('GET /api/staff/settings');
    expect(read.body.settings).toEqual(saved.body.settings);
    const site = await admin.call('GET /api/public/site', { query: { host: 'localhost' } });
    expect(site.body.site.contacts).toEqual(changed.contacts);
    expect(site.body.site.languages).toEqual(['kk', 'ru']);
    const copy = await storedTenantItem('settings#temirtau#000001');
    expect(copy).toMatchObject({ settingsOf: 'temirtau', version: 1, surveyVersion: 'kezek-2026-1', contacts: changed.contacts });
    expect(copy!.policy).toMatchObject({ referralValidityWorkingDays: 7, reminderDaysBeforeEnd: [10, 3], smsHours: { from: 9, to: 21 } });
    expect(await settingsEvents()).toEqual([['settings.update', 'success', accountId]]);
  });

  it('should let a campaign already started keep the policy it started with, and a draft follow the new one', { timeout: 60_000 }, async () => {
    // Prepare: a draft made after the save
    const year = runtime.clock.now().getUTCFullYear();
    const draft = await admin.call('POST /api/staff/campaigns', { body: { year, startsAt: new Date(runtime.clock.now().getTime() + 40 * 86_400_000).toISOString() } });
    expect(draft.status).toBe(201);

    // Act
    const running = await admin.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId }, query: { cohort: year - 2 } });
    const following = await admin.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId: draft.body.campaign.campaignId } });

    // Assess: the running campaign's cohorts are those of age 2 (its copy); the draft's of age 4 (the settings)
    expect(running.status, JSON.stringify(running.body)).toBe(200);
    expect(running.body.cohorts).toEqual([year - 7, year - 6, year - 5, year - 4, year - 3, year - 2]);
    expect(following.body.cohorts).toEqual([year - 7, year - 6, year - 5, year - 4]);
    const stored = (await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.campaigns, Key: { tenantId: 'temirtau', campaignId }, ConsistentRead: true }))).Item!;
    expect(stored.policy).toMatchObject({ confirmationAgeYears: 2, extensionYears: 1, reminderDaysBeforeEnd: [7, 1], referralValidityWorkingDays: 5 });
    const guard = (await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.constraints, Key: { constraintId: 'active-campaign#temirtau' }, ConsistentRead: true }))).Item!;
    expect(guard.extensionYears).toBe(1);
    // The end of a draft with no end given follows the new campaign length (2 months).
    expect(Date.parse(draft.body.campaign.endsAt) - Date.parse(draft.body.campaign.startsAt)).toBeGreaterThanOrEqual(59 * 86_400_000);
  });

  it('should refuse a save over an older version with 409 concurrent_change, change nothing and audit the refusal', async () => {
    // Act
    const stale = await admin.call('PUT /api/staff/settings', { body: { ...onboarded, version: 0 } }, { language: 'en' });

    // Assess
    expect([stale.status, stale.body.error.code]).toEqual([409, 'concurrent_change']);
    // The settings, not an application (the message is shared by every route that can meet a concurrent change).
    expect(stale.body.error.message).toBe('This was changed meanwhile, in another tab or by someone else. Reload the page and try again.');
    const read = await admin.call('GET /api/staff/settings');
    expect(read.body.settings.version).toBe(1);
    expect(read.body.settings.policy.referralValidityWorkingDays).toBe(7);
    expect(await storedTenantItem('settings#temirtau#000002')).toBeUndefined();
    const accountId = `staff#${runtime.seed!.data.staff.login}`;
    expect(await settingsEvents()).toEqual([
      ['settings.update', 'concurrent_change', accountId],
      ['settings.update', 'success', accountId],
    ]);
  });

  it('should refuse bad values field by field, in the user\'s language, and change nothing', async () => {
    // Prepare
    const bad = {
      version: 1,
      ...changed,
      policy: { ...changed.policy, campaignLengthMonths: 0, referralValidityWorkingDays: 2.5, reminderDaysBeforeEnd: [3, 3], queueRatio: { priority: 1, general: 11 } },
      contacts: { email: 'not an email', address: { kk: 'Теміртау', ru: '', en: 'Temirtau' } },
      languages: [],
    };

    // Act
    const ru = await admin.call('PUT /api/staff/settings', { body: bad }, { language: 'ru' });
    const kk = await admin.call('PUT /api/staff/settings', { body: bad }, { language: 'kk' });

    // Assess
    expect([ru.status, ru.body.error.code]).toEqual([400, 'validation_failed']);
    expect(Object.fromEntries(ru.body.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]))).toEqual({
      'policy.campaignLengthMonths': 'Длительность кампании — целое число месяцев от 1 до 12.',
      'policy.referralValidityWorkingDays': 'Укажите целое число рабочих дней от 1 до 60.',
      'policy.reminderDaysBeforeEnd': 'Не больше 5 напоминаний, каждый день один раз.',
      'policy.queueRatio.general': 'Часть соотношения — целое число от 1 до 10.',
      'contacts.email': 'Укажите электронную почту в виде name@example.kz (до 100 символов).',
      'contacts.address.ru': 'Заполните на всех трёх языках, от 1 до 200 символов, или оставьте пустыми все три.',
      languages: 'Выберите хотя бы один язык сайта (kk, ru, en), каждый один раз.',
    });
    expect(kk.body.error.fields.find((f: { path: string }) => f.path === 'policy.campaignLengthMonths').message).toBe('Науқан ұзақтығы — 1-ден 12-ге дейінгі бүтін ай саны.');
    expect((await admin.call('GET /api/staff/settings')).body.settings.version).toBe(1);
  });

  it('should refuse a reminder outside the campaign and an unknown survey version, naming the fields', async () => {
    // Act
    const refused = await admin.call('PUT /api/staff/settings', { body: { version: 1, ...changed, policy: { ...changed.policy, campaignLengthMonths: 1, reminderDaysBeforeEnd: [30, 7] }, surveyVersion: 'kezek-1999-9' } }, { language: 'en' });

    // Assess
    expect([refused.status, refused.body.error.code]).toEqual([400, 'validation_failed']);
    expect(refused.body.error.fields).toEqual([
      { path: 'policy.reminderDaysBeforeEnd.0', message: 'A reminder must fall within the campaign: fewer days before the end than the campaign lasts (28 days a month).' },
      { path: 'surveyVersion', message: 'There is no such survey version: choose one from the list.' },
    ]);
  });

  it('should refuse a registration in a priority category the department no longer offers', async () => {
    // Prepare: "military" was left out of the categories above
    const kindergartenId = runtime.seed!.data.kindergartens[0]!.kindergartenId;
    const parent = runtime.seed!.data.parents[0]!;

    // Act
    const refused = await admin.call('POST /api/staff/applications', {
      body: {
        childIin: makeIin(`${runtime.clock.now().getUTCFullYear() - 1}-03-04`, 'female', 7777),
        childName: 'Тест Бала',
        applicantIin: parent.iin,
        applicantPhone: parent.phone,
        applicantName: 'Тест Ата-ана',
        priority: 'military',
        kindergartenIds: [kindergartenId],
        language: 'ru',
      },
    }, { language: 'en' });

    // Assess
    expect([refused.status, refused.body.error.code], JSON.stringify(refused.body)).toEqual([400, 'validation_failed']);
    expect(refused.body.error.fields).toEqual([{ path: 'priority', message: 'The department does not offer this priority category (see its settings).' }]);
  });

  it('should refuse an imported row in a priority category the department no longer offers, naming its line', async () => {
    // Prepare: one row in "military" (left out of the categories above), one in the general queue
    const kindergartenId = runtime.seed!.data.kindergartens[0]!.kindergartenId;
    const parent = runtime.seed!.data.parents[0]!;
    const year = runtime.clock.now().getUTCFullYear() - 2;
    const row = (id: string, serial: number, priority: string) =>
      [id, makeIin(`${year}-05-06`, 'male', serial), 'Импорт Бала', parent.iin, parent.phone, 'Импорт Ата-ана', `${year}-07-01T04:00:00Z`, priority, kindergartenId, 'ru', ''].join(',');
    const csv = ['external_id,child_iin,child_name,applicant_iin,applicant_phone,applicant_name,registered_at,priority,kindergartens,language,valid_until', row('S-1', 7801, 'none'), row('S-2', 7802, 'military'), ''].join('\n');

    // Act
    const refused = await admin.call('POST /api/staff/imports/{kind}/check', { params: { kind: 'applications' }, body: { csv } }, { language: 'en' });

    // Assess
    expect([refused.status, refused.body.error.code], JSON.stringify(refused.body)).toEqual([400, 'import_rejected']);
    expect(refused.body.error.rows).toEqual([{ line: 3, column: 'priority', message: 'The department does not offer this priority category (see its settings).' }]);
  });

  it('should refuse the settings to an operator', async () => {
    // Prepare
    const login = 'settings-operator@temirtau.example.kz';
    const added = await admin.call('POST /api/staff/accounts', { body: { login, displayName: 'Оператор', role: 'operator' } });
    const token = (added.body.link.path as string).split('#token=')[1];
    await setStaffPasswordWithLink(runtime, token!, 'a long test password');
    const operator = await loginStaff(runtime, { login, password: 'a long test password' });

    // Act
    const read = await operator.call('GET /api/staff/settings');
    const save = await operator.call('PUT /api/staff/settings', { body: { version: 1, ...changed } });

    // Assess
    expect([read.status, read.body.error.code]).toEqual([403, 'role_not_allowed']);
    expect([save.status, save.body.error.code]).toEqual([403, 'role_not_allowed']);
  });
});
