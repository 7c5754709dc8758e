import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import type { LocalRuntime } from '../../local/runtime.ts';
import { client, loginStaff, nextStaffCode, setStaffPasswordWithLink, startTestRuntime, type Client } from '../support/runtime.ts';

/**
 * A department's administration of its staff, through the local runtime on DynamoDB Local: the
 * demo department's first administrator adds an operator and an analyst, each can do exactly
 * what their role allows, a disabled account's open session ends at its next request, and the
 * last active administrator cannot disable or demote themself.
 */

let runtime: LocalRuntime;
let admin: Client;
let adminLogin: string;

beforeAll(async () => {
  runtime = await startTestRuntime(50);
  admin = await loginStaff(runtime);
  adminLogin = runtime.seed!.data.staff.login;
});

afterAll(async () => {
  await runtime?.stop();
});

let serial = 0;

/** Adds an account as the administrator and sets its password with its one-time link, as its holder would. */
async function addStaff(role: 'admin' | 'operator' | 'analyst'): Promise<{ login: string; password: string; version: number }> {
  const login = `${role}${serial++}@temirtau.example.kz`;
  const added = await admin.call('POST /api/staff/accounts', { body: { login, displayName: `Тест ${role}`, role } });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const token = (added.body.link.path as string).split('#token=')[1];
  const password = 'a long test password';
  const set = await setStaffPasswordWithLink(runtime, token!, password);
  expect(set.status).toBe(200);
  return { login, password, version: added.body.account.version };
}

async function versionOf(login: string): Promise<number> {
  const list = await admin.call('GET /api/staff/accounts');
  return list.body.accounts.find((a: { login: string }) => a.login === login)!.version;
}

async function storedAccount(login: string) {
  const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.accounts, Key: { accountId: `staff#${login}` }, ConsistentRead: true }));
  return Item!;
}

describe('roles', () => {
  it('should let an operator do the daily work and nothing of the administration, refused in their language', { timeout: 60_000 }, async () => {
    // Prepare
    const account = await addStaff('operator');
    const operator = await loginStaff(runtime, account);

    // Act
    const me = await operator.call('GET /api/me');
    const queue = await operator.call('GET /api/staff/queue', { query: { birthYear: runtime.clock.now().getUTCFullYear() - 3 } });
    const campaigns = await operator.call('GET /api/staff/campaigns');
    const accounts = await operator.call('GET /api/staff/accounts', {}, { language: 'kk' });
    const addition = await operator.call('POST /api/staff/accounts', { body: { login: 'x@temirtau.example.kz', displayName: 'X', role: 'admin' } }, { language: 'en' });

    // Assess
    expect(me.body).toMatchObject({ role: 'staff', staffRole: 'operator', tenantId: 'temirtau' });
    expect(me.body.actions).toContain('staff-queue');
    expect(me.body.actions).not.toContain('staff-accounts');
    expect(queue.status).toBe(200);
    expect(campaigns.status).toBe(200);
    expect([accounts.status, accounts.body.error.code]).toEqual([403, 'role_not_allowed']);
    expect(accounts.body.error.message).toBe('Сіздің рөліңізге бұл әрекет рұқсат етілмеген. Басқармаңыздың әкімшісіне жүгініңіз.');
    expect([addition.status, addition.body.error.message]).toEqual([403, "Your role does not allow this. Ask your department's administrator."]);
  });

  it('should let an analyst read the campaigns and kindergartens and refuse the queue, an application and a campaign', { timeout: 60_000 }, async () => {
    // Prepare
    const analyst = await loginStaff(runtime, await addStaff('analyst'));
    const applicationId = runtime.seed!.data.applications[0]!.applicationId;

    // Act
    const me = await analyst.call('GET /api/me');
    const campaigns = await analyst.call('GET /api/staff/campaigns');
    const kindergartens = await analyst.call('GET /api/staff/kindergartens');
    const queue = await analyst.call('GET /api/staff/queue', { query: { birthYear: runtime.clock.now().getUTCFullYear() - 3 } }, { language: 'ru' });
    const application = await analyst.call('GET /api/staff/applications/{applicationId}', { params: { applicationId } });
    const created = await analyst.call('POST /api/staff/campaigns', { body: { year: 2030, startsAt: '2030-03-01T04:00:00.000Z' } });

    // Assess
    expect(me.body.staffRole).toBe('analyst');
    expect(campaigns.status).toBe(200);
    expect(kindergartens.status).toBe(200);
    expect([queue.status, queue.body.error.code, queue.body.error.message]).toEqual([
      403,
      'role_not_allowed',
      'Ваша роль не позволяет это действие. Обратитесь к администратору вашего управления.',
    ]);
    expect(application.status).toBe(403);
    expect(created.status).toBe(403);
  });

  it('should apply a role change to a session already open, at its next request', { timeout: 60_000 }, async () => {
    // Prepare: an analyst logged in before the change
    const account = await addStaff('analyst');
    const session = await loginStaff(runtime, account);
    const queue = { query: { birthYear: runtime.clock.now().getUTCFullYear() - 3 } };
    const before = await session.call('GET /api/staff/queue', queue);
    const version = await versionOf(account.login);

    // Act
    const changed = await admin.call('POST /api/staff/accounts/{login}', { params: { login: account.login }, body: { version, role: 'operator' } });
    const me = await session.call('GET /api/me');
    const after = await session.call('GET /api/staff/queue', queue);

    // Assess
    expect(before.status).toBe(403);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.account).toMatchObject({ login: account.login, role: 'operator', status: 'active', version: version + 1, self: false });
    expect(me.body.staffRole).toBe('operator');
    expect(after.status).toBe(200);
  });
});

describe('disabling an account', () => {
  it('should end a session opened before at its next request, refuse a new login, and keep old sessions dead after re-enabling', { timeout: 60_000 }, async () => {
    // Prepare: an operator with an open session that works
    const account = await addStaff('operator');
    const session = await loginStaff(runtime, account);
    expect((await session.call('GET /api/staff/campaigns')).status).toBe(200);

    // Act
    const disabled = await admin.call('POST /api/staff/accounts/{login}', { params: { login: account.login }, body: { version: await versionOf(account.login), active: false } });
    const next = await session.call('GET /api/staff/campaigns');
    const login = await client(runtime.url).call('POST /api/auth/staff/session', { body: { login: account.login, password: account.password, code: await nextStaffCode(runtime, account.login) } });
    const enabled = await admin.call('POST /api/staff/accounts/{login}', { params: { login: account.login }, body: { version: await versionOf(account.login), active: true } });
    const oldSessionAfter = await session.call('GET /api/staff/campaigns');
    const fresh = await loginStaff(runtime, account);

    // Assess
    expect(disabled.status).toBe(200);
    expect(disabled.body.account.status).toBe('disabled');
    expect([next.status, next.body.error.code]).toEqual([401, 'unauthenticated']);
    expect(login.status).toBe(401);
    expect(enabled.body.account.status).toBe('active');
    expect(oldSessionAfter.status).toBe(401);
    expect((await fresh.call('GET /api/staff/campaigns')).status).toBe(200);
    const stored = await storedAccount(account.login);
    expect(stored.history.slice(-2).map((e: { action: string; by: string }) => `${e.action} by ${e.by}`)).toEqual([`disabled by staff#${adminLogin}`, `enabled by staff#${adminLogin}`]);
  });

  it('should refuse a change decided on an older version and write nothing', { timeout: 60_000 }, async () => {
    // Prepare
    const account = await addStaff('analyst');
    const seen = await versionOf(account.login);
    const params = { login: account.login };
    expect((await admin.call('POST /api/staff/accounts/{login}', { params, body: { version: seen, role: 'operator' } })).status).toBe(200);

    // Act: a second change decided on the version seen before the first
    const stale = await admin.call('POST /api/staff/accounts/{login}', { params, body: { version: seen, active: false } });

    // Assess
    expect([stale.status, stale.body.error.code]).toEqual([409, 'concurrent_change']);
    expect((await storedAccount(account.login)).status).toBe('active');
  });
});

describe('password-reset links', () => {
  it('should give a new one-time link that sets a new password, and refuse one for a disabled account', { timeout: 60_000 }, async () => {
    // Prepare
    const account = await addStaff('operator');

    // Act
    const reset = await admin.call('POST /api/staff/accounts/{login}/password-reset', { params: { login: account.login }, body: { version: await versionOf(account.login) } });
    const token = (reset.body.link.path as string).split('#token=')[1];
    const set = await setStaffPasswordWithLink(runtime, token!, 'another long password');
    const withNew = await client(runtime.url).call('POST /api/auth/staff/session', { body: { login: account.login, password: 'another long password', code: await nextStaffCode(runtime, account.login) } });
    await admin.call('POST /api/staff/accounts/{login}', { params: { login: account.login }, body: { version: await versionOf(account.login), active: false } });
    const refused = await admin.call('POST /api/staff/accounts/{login}/password-reset', { params: { login: account.login }, body: { version: await versionOf(account.login) } });

    // Assess
    expect(reset.status).toBe(200);
    expect(reset.body.link.path).toMatch(/^\/staff\/set-password#token=[\w-]{43}$/);
    expect(set.status).toBe(200);
    expect(withNew.status).toBe(200);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'staff_disabled']);
    expect((await storedAccount(account.login)).history.map((e: { action: string }) => e.action)).toEqual(['added', 'password_set', 'reset_link_sent', 'password_set', 'disabled']);
  });

  it('should answer 404 for an account the department does not have', { timeout: 60_000 }, async () => {
    // Act
    const unknown = await admin.call('POST /api/staff/accounts/{login}', { params: { login: 'nobody@elsewhere.kz' }, body: { version: 0, active: false } });

    // Assess
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
  });
});

describe('the last active administrator', () => {
  it('should not be able to disable or demote themself, and should once another admin is active', { timeout: 60_000 }, async () => {
    // Prepare: the demo department has one administrator (this test runs last: it demotes them)
    const params = { login: adminLogin };

    // Act
    const disable = await admin.call('POST /api/staff/accounts/{login}', { params, body: { version: await versionOf(adminLogin), active: false } }, { language: 'en' });
    const demote = await admin.call('POST /api/staff/accounts/{login}', { params, body: { version: await versionOf(adminLogin), role: 'analyst' } });
    const second = await addStaff('admin');
    const demoteAfter = await admin.call('POST /api/staff/accounts/{login}', { params, body: { version: await versionOf(adminLogin), role: 'operator' } });
    const secondAdmin = await loginStaff(runtime, second);
    const accountsAsDemoted = await admin.call('GET /api/staff/accounts');
    const secondDemotesSelf = await secondAdmin.call('POST /api/staff/accounts/{login}', { params: { login: second.login }, body: { version: second.version, role: 'analyst' } });

    // Assess
    expect([disable.status, disable.body.error.code, disable.body.error.message]).toEqual([
      409,
      'last_admin',
      'The department must keep at least one active administrator. Make another staff member an administrator first.',
    ]);
    expect([demote.status, demote.body.error.code]).toEqual([409, 'last_admin']);
    expect((await storedAccount(adminLogin)).history.map((e: { action: string }) => e.action)).not.toContain('disabled');
    expect(demoteAfter.status, JSON.stringify(demoteAfter.body)).toBe(200);
    expect(demoteAfter.body.account).toMatchObject({ role: 'operator', self: true });
    expect(accountsAsDemoted.status).toBe(403);
    expect([secondDemotesSelf.status, secondDemotesSelf.body.error.code]).toEqual([409, 'last_admin']);
  });
});
