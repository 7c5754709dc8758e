import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import type { LocalRuntime } from '../../local/runtime.ts';
import { addDepartment, departmentFile, tokenOf } from '../support/departments.ts';
import { client, nextStaffCode, setStaffPasswordWithLink, startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime(100);
});

afterAll(async () => {
  await runtime?.stop();
});

async function storedItem(table: 'tenants' | 'accounts', key: Record<string, string>) {
  const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames[table], Key: key, ConsistentRead: true }));
  return Item;
}

describe('onboarding a department with npm run department', () => {
  it('should let the new administrator set a password with the printed link, log in to their own department, and show its site on its host', { timeout: 60_000 }, async () => {
    // Prepare
    const api = client(runtime.url);

    // Act
    const added = await addDepartment(runtime, departmentFile('balkhash'));
    const set = await setStaffPasswordWithLink(runtime, tokenOf(added.link!), 'Balkhash-admin-2026');
    const code = await nextStaffCode(runtime, 'admin@balkhash.example.kz');
    const login = await api.call('POST /api/auth/staff/session', { body: { login: 'admin@balkhash.example.kz', password: 'Balkhash-admin-2026', code } });
    const site = await api.call('GET /api/public/site', { query: { host: 'balkhash.localhost' } });
    const demoSite = await api.call('GET /api/public/site', { query: { host: 'localhost' } });

    // Assess
    expect(added.code, added.stderr).toBe(0);
    expect(added.link).toMatch(/^http:\/\/balkhash\.localhost:\d+\/staff\/set-password#token=[\w-]{43}$/);
    expect(set.status).toBe(200);
    expect(set.body.login).toBe('admin@balkhash.example.kz');
    expect(set.body.recoveryCodes).toHaveLength(10);
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ role: 'staff', displayName: 'Администратор', tenantId: 'balkhash' });
    expect(site.body.site).toEqual({
      tenantId: 'balkhash',
      name: { kk: 'Балқаш қаласының білім бөлімі', ru: 'Отдел образования города Балхаш', en: 'Balkhash City Education Department' },
      contacts: { phone: '+77103612345', email: 'info@balkhash.example.kz', address: { kk: 'Балқаш, Ленин к-сі, 1', ru: 'Балхаш, ул. Ленина, 1', en: '1 Lenin St, Balkhash' } },
      languages: ['kk', 'ru'],
    });
    expect(demoSite.body.site.name.en).toBe('Temirtau City Education Department');
    const account = await storedItem('accounts', { accountId: 'staff#admin@balkhash.example.kz' });
    expect(account).toMatchObject({ role: 'admin', tenantId: 'balkhash' });
    expect(account!.history.map((event: { action: string; by: string }) => `${event.action} by ${event.by}`)).toEqual(['invited by operator:test-operator', 'password_set by self']);
    const tenant = await storedItem('tenants', { tenantId: 'balkhash' });
    expect(tenant).toMatchObject({ policy: { referralValidityWorkingDays: 7 }, hosts: ['balkhash.localhost'], onboardedBy: 'operator:test-operator' });
  });

  it('should refuse the link the second time it is used', { timeout: 60_000 }, async () => {
    // Prepare
    const added = await addDepartment(runtime, departmentFile('karaganda'));
    const api = client(runtime.url);
    const token = tokenOf(added.link!);
    await setStaffPasswordWithLink(runtime, token, 'first-password-ok');
    const login = 'admin@karaganda.example.kz';

    // Act
    const again = await api.call('POST /api/auth/staff/password', { body: { token, password: 'second-password-ok', code: '123456' } }, { language: 'en' });
    const enrolAgain = await api.call('POST /api/auth/staff/enrolment', { body: { token } }, { language: 'en' });
    const withFirst = await api.call('POST /api/auth/staff/session', { body: { login, password: 'first-password-ok', code: await nextStaffCode(runtime, login) } });
    const withSecond = await api.call('POST /api/auth/staff/session', { body: { login, password: 'second-password-ok', code: await nextStaffCode(runtime, login) } });

    // Assess
    expect(again.status).toBe(410);
    expect(again.body.error).toEqual({ code: 'invitation_invalid', message: 'The link is not valid or was used already. Ask your administrator for a new link.' });
    expect(enrolAgain.status).toBe(410);
    expect(enrolAgain.body.error.code).toBe('invitation_invalid');
    expect(withFirst.status).toBe(200);
    expect(withSecond.status).toBe(401);
  });

  it('should refuse a link after its 72 hours and leave the account without a password', { timeout: 60_000 }, async () => {
    // Prepare
    const added = await addDepartment(runtime, departmentFile('saran'));
    const api = client(runtime.url);
    runtime.clock.advance(72 * 3_600_000 + 60_000);

    // Act
    const late = await api.call('POST /api/auth/staff/password', { body: { token: tokenOf(added.link!), password: 'too-late-password', code: '123456' } }, { language: 'ru' });
    runtime.clock.advance(-(72 * 3_600_000 + 60_000));

    // Assess
    expect(late.status).toBe(410);
    expect(late.body.error).toEqual({ code: 'invitation_expired', message: 'Срок действия ссылки истёк. Попросите администратора о новой ссылке.' });
    expect((await storedItem('accounts', { accountId: 'staff#admin@saran.example.kz' }))?.passwordHash).toBeUndefined();
  });

  it('should refuse a department id that exists and write none of the new file', { timeout: 60_000 }, async () => {
    // Prepare: the demo department is temirtau; the file's host and login are new.
    const file = departmentFile('temirtau', { hosts: ['second-temirtau.localhost'], admin: { login: 'intruder@example.kz', displayName: 'X' } });

    // Act
    const added = await addDepartment(runtime, file);

    // Assess
    expect(added.code).toBe(1);
    expect(added.stderr).toContain('refused, nothing was written: A department with this id exists already.');
    expect(await storedItem('tenants', { tenantId: 'host#second-temirtau.localhost' })).toBeUndefined();
    expect(await storedItem('accounts', { accountId: 'staff#intruder@example.kz' })).toBeUndefined();
    expect((await storedItem('tenants', { tenantId: 'temirtau' }))?.name.en).toBe('Temirtau City Education Department');
  });

  it('should refuse a host another department has and write none of the new department', { timeout: 60_000 }, async () => {
    // Prepare
    const file = departmentFile('shakhtinsk', { hosts: ['shakhtinsk.localhost', 'localhost'] });

    // Act
    const added = await addDepartment(runtime, file);

    // Assess
    expect(added.code).toBe(1);
    expect(added.stderr).toContain('The address localhost belongs to another department already.');
    expect(await storedItem('tenants', { tenantId: 'shakhtinsk' })).toBeUndefined();
    expect(await storedItem('tenants', { tenantId: 'host#shakhtinsk.localhost' })).toBeUndefined();
    expect(await storedItem('accounts', { accountId: 'staff#admin@shakhtinsk.example.kz' })).toBeUndefined();
  });

  it('should list every problem of an invalid file and write nothing', { timeout: 60_000 }, async () => {
    // Prepare
    const file = departmentFile('Bad Id', { languages: [], districts: [{ id: 'a1', name: { kk: 'A', ru: 'A', en: 'A' } }, { id: 'a1', name: { kk: 'B', ru: 'B', en: 'B' } }] });

    // Act
    const added = await addDepartment(runtime, file);

    // Assess
    expect(added.code).toBe(1);
    expect(added.stderr).toContain('is not a valid department; nothing was written:');
    expect(added.stderr).toContain('  tenantId: lowercase latin letters, digits and "-", 2 to 40 characters');
    expect(added.stderr).toContain('  languages: ');
    expect(added.stderr).toContain('  districts: district id "a1" appears twice');
  });

  it('should send the link to the administrator by SMS when the file gives a phone, the number masked in the output', { timeout: 60_000 }, async () => {
    // Prepare
    const file = departmentFile('abai', { admin: { login: 'admin@abai.example.kz', displayName: 'Админ', phone: '+77011234567' } });

    // Act
    const added = await addDepartment(runtime, file);

    // Assess
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('[sms → +•••••••4567] kezek, Отдел образования города Балхаш: задайте пароль по ссылке (действует 72 ч): http://abai.localhost:');
    expect(added.stdout).not.toContain('+77011234567');
  });

  it('should have onboarded the demo department the same way, its staff an admin', async () => {
    // Act
    const account = await storedItem('accounts', { accountId: 'staff#staff@temirtau.kezek.kz' });
    const hostItem = await storedItem('tenants', { tenantId: 'host#127.0.0.1' });

    // Assess
    expect(account).toMatchObject({ role: 'admin', tenantId: 'temirtau' });
    expect(account!.history.map((event: { action: string }) => event.action)).toEqual(['invited', 'password_set']);
    expect(hostItem).toEqual({ tenantId: 'host#127.0.0.1', siteOf: 'temirtau' });
  });

  it('should find a site by its host with two reads by key and no scan or query', async () => {
    // Act: every page load asks this, so it must stay cheap.
    const answer = await client(runtime.url).call('GET /api/public/site', { query: { host: '127.0.0.1' } });

    // Assess
    expect(answer.body.site.tenantId).toBe('temirtau');
    expect(JSON.parse(answer.headers.get('x-kezek-dynamodb-requests')!)).toEqual({ GetItemCommand: 2 });
  });

  it('should answer 404 for a host no department has', async () => {
    // Act
    const answer = await client(runtime.url).call('GET /api/public/site', { query: { host: 'unknown.example.kz' } }, { language: 'en' });

    // Assess
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('site_not_found');
  });
});
