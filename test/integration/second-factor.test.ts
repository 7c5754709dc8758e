import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { totpCodeAt, totpStep } from '#use-cases/second-factor';
import type { LocalRuntime } from '../../local/runtime.ts';
import { client, loginStaff, nextStaffCode, setStaffPasswordWithLink, startTestRuntime, storedSecondFactor, type Client, type RouteInput } from '../support/runtime.ts';

/**
 * The staff second factor (issue 17 item 2): enrolment through the one-time link, login with an
 * authenticator code or a recovery code, each good once, and the administrator's reset. Codes are
 * computed from the stored secret with the runtime's clock, as the person's phone would.
 */

let runtime: LocalRuntime;
let admin: Client;
let adminLogin: string;
let serial = 0;
const password = 'a long test password';

beforeAll(async () => {
  runtime = await startTestRuntime(60);
  admin = await loginStaff(runtime);
  adminLogin = runtime.seed!.data.staff.login;
});

afterAll(async () => {
  await runtime?.stop();
});

async function storedAccount(login: string) {
  const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.accounts, Key: { accountId: `staff#${login}` }, ConsistentRead: true }));
  return Item!;
}

/** A new operator of the demo department and the token of its one-time link. */
async function invited(): Promise<{ login: string; token: string }> {
  const login = `second-factor-${serial++}@temirtau.example.kz`;
  const added = await admin.call('POST /api/staff/accounts', { body: { login, displayName: 'Тест', role: 'operator' } });
  expect(added.status).toBe(201);
  return { login, token: (added.body.link.path as string).split('#token=')[1]! };
}

/** An operator who has set a password and enrolled; their recovery codes. */
async function enrolled(): Promise<{ login: string; recoveryCodes: string[] }> {
  const { login, token } = await invited();
  const set = await setStaffPasswordWithLink(runtime, token, password);
  expect(set.status).toBe(200);
  return { login, recoveryCodes: set.body.recoveryCodes };
}

const login = (body: RouteInput<'POST /api/auth/staff/session'>['body'], language = 'en') => client(runtime.url).call('POST /api/auth/staff/session', { body }, { language });

describe('enrolment through the one-time link', () => {
  it('should offer one secret per link, refuse a wrong code, and on a right one store the secret and answer ten recovery codes once', async () => {
    // Prepare
    const { login: account, token } = await invited();
    const api = client(runtime.url);

    // Act
    const first = await api.call('POST /api/auth/staff/enrolment', { body: { token } });
    const reloaded = await api.call('POST /api/auth/staff/enrolment', { body: { token } });
    const secret = first.body.secret as string;
    const step = totpStep(runtime.clock.now());
    const wrongCode = totpCodeAt(secret, step + 5);
    const wrong = await api.call('POST /api/auth/staff/password', { body: { token, password, code: wrongCode } }, { language: 'ru' });
    const right = await api.call('POST /api/auth/staff/password', { body: { token, password, code: totpCodeAt(secret, step) } });

    // Assess
    expect(first.status).toBe(200);
    expect(first.body.login).toBe(account);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(first.body.uri).toBe(`otpauth://totp/kezek:${encodeURIComponent(account)}?issuer=kezek&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
    expect(reloaded.body.secret).toBe(secret);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual([{ path: 'code', message: 'Код не подошёл. Введите текущий 6-значный код из приложения.' }]);
    expect(right.status).toBe(200);
    expect(right.body.recoveryCodes).toHaveLength(10);
    for (const code of right.body.recoveryCodes) expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const stored = await storedAccount(account);
    expect(stored.totpSecret).toBe(secret);
    expect(stored.totpLastStep).toBe(step);
    expect(stored.recoveryCodes.size).toBe(10);
    // Only hashes are stored: no recovery code appears in the item.
    const item = JSON.stringify({ ...stored, recoveryCodes: [...stored.recoveryCodes] });
    for (const code of right.body.recoveryCodes) expect(item).not.toContain(code);
  });

  it('should refuse the password request of a link whose secret was never asked for', async () => {
    // Prepare
    const { login: account, token } = await invited();

    // Act
    const set = await client(runtime.url).call('POST /api/auth/staff/password', { body: { token, password, code: '123456' } }, { language: 'en' });

    // Assess
    expect(set.status).toBe(400);
    expect(set.body.error.fields).toEqual([{ path: 'code', message: 'That code does not match. Enter the current 6-digit code from the app.' }]);
    expect((await storedAccount(account)).passwordHash).toBeUndefined();
  });
});

describe('staff login with a second factor', () => {
  it('should refuse a login without a code or with a wrong one as it refuses a wrong password, in the caller’s language', async () => {
    // Prepare
    const { login: account } = await enrolled();
    const { secret } = await storedSecondFactor(runtime, account);
    const wrongCode = totpCodeAt(secret, totpStep(runtime.clock.now()) + 7);

    // Act
    const withoutCode = await login({ login: account, password });
    const withWrongCode = await login({ login: account, password, code: wrongCode });
    const withWrongPassword = await login({ login: account, password: 'not the password', code: await nextStaffCode(runtime, account) });
    const inKazakh = await login({ login: account, password }, 'kk');
    const inRussian = await login({ login: account, password }, 'ru');

    // Assess
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body.error).toEqual({ code: 'invalid_credentials', message: 'Wrong login, password or verification code.' });
    expect(withWrongCode.status).toBe(401);
    expect(withWrongCode.body).toEqual(withoutCode.body);
    expect(withWrongPassword.status).toBe(401);
    expect(withWrongPassword.body).toEqual(withoutCode.body);
    expect(inKazakh.body.error.message).toBe('Логин, құпиясөз немесе растау коды қате.');
    expect(inRussian.body.error.message).toBe('Неверный логин, пароль или код подтверждения.');
  });

  it('should let a right code in once and refuse the same code a second time', async () => {
    // Prepare
    const { login: account } = await enrolled();
    const code = await nextStaffCode(runtime, account);

    // Act
    const first = await login({ login: account, password, code });
    const second = await login({ login: account, password, code });

    // Assess
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ role: 'staff', displayName: 'Тест', tenantId: runtime.seed!.data.staff.tenantId });
    expect(second.status).toBe(401);
    expect(second.body.error.code).toBe('invalid_credentials');
  });

  it('should refuse a code of a step before the last accepted one even within the window', async () => {
    // Prepare: the code of the step after now is accepted first
    const { login: account } = await enrolled();
    const { secret } = await storedSecondFactor(runtime, account);
    const now = totpStep(runtime.clock.now());
    const later = await login({ login: account, password, code: totpCodeAt(secret, now + 1) });

    // Act
    const earlier = await login({ login: account, password, code: totpCodeAt(secret, now) });

    // Assess
    expect(later.status).toBe(200);
    expect(earlier.status).toBe(401);
    expect((await storedAccount(account)).totpLastStep).toBe(now + 1);
  });

  it('should let a recovery code in once, show nine left, and refuse it the second time', async () => {
    // Prepare
    const { login: account, recoveryCodes } = await enrolled();
    const typed = recoveryCodes[3]!.toLowerCase();

    // Act
    const staff = client(runtime.url);
    const first = await staff.call('POST /api/auth/staff/session', { body: { login: account, password, code: typed } });
    const left = await staff.call('GET /api/staff/second-factor');
    const second = await login({ login: account, password, code: recoveryCodes[3] });
    const another = await login({ login: account, password, code: recoveryCodes[4] });

    // Assess
    expect(first.status).toBe(200);
    expect(left.status).toBe(200);
    expect(left.body).toEqual({ enrolled: true, recoveryCodesLeft: 9 });
    expect(second.status).toBe(401);
    expect(another.status).toBe(200);
    expect((await storedAccount(account)).recoveryCodes.size).toBe(8);
  });
});

describe("the administrator's reset of a second factor", () => {
  it('should remove the factor, end the sessions, audit it, and let the holder enrol a new one through the link', { timeout: 60_000 }, async () => {
    // Prepare: an operator with an open session
    const { login: account, recoveryCodes } = await enrolled();
    const session = await loginStaff(runtime, { login: account, password });
    const { secret: oldSecret } = await storedSecondFactor(runtime, account);
    const list = await admin.call('GET /api/staff/accounts');
    const version = list.body.accounts.find((a: { login: string }) => a.login === account)!.version as number;

    // Act
    const reset = await admin.call('POST /api/staff/accounts/{login}/second-factor-reset', { params: { login: account }, body: { version } });
    const oldSession = await session.call('GET /api/staff/campaigns');
    const withOldCode = await login({ login: account, password, code: totpCodeAt(oldSecret, totpStep(runtime.clock.now()) + 1) });
    const withRecovery = await login({ login: account, password, code: recoveryCodes[0] });
    const token = (reset.body.link.path as string).split('#token=')[1]!;
    const set = await setStaffPasswordWithLink(runtime, token, 'a new long password');
    const fresh = await loginStaff(runtime, { login: account, password: 'a new long password' });

    // Assess
    expect(reset.status).toBe(200);
    expect(reset.body.link.path).toMatch(/^\/staff\/set-password#token=[\w-]{43}$/);
    expect(oldSession.status).toBe(401);
    expect(withOldCode.status).toBe(401);
    expect(withRecovery.status).toBe(401);
    expect(set.status).toBe(200);
    expect((await storedSecondFactor(runtime, account)).secret).not.toBe(oldSecret);
    expect((await fresh.call('GET /api/staff/campaigns')).status).toBe(200);
    const stored = await storedAccount(account);
    expect(stored.history.map((e: { action: string; by: string }) => `${e.action} by ${e.by}`)).toEqual([
      `added by staff#${adminLogin}`,
      'password_set by self',
      `second_factor_reset by staff#${adminLogin}`,
      'password_set by self',
    ]);
    const { Items = [] } = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: runtime.tableNames.audit,
        KeyConditionExpression: 'tenantId = :t',
        ExpressionAttributeValues: { ':t': runtime.seed!.data.staff.tenantId },
        ScanIndexForward: false,
      }),
    );
    expect(Items.filter((e) => e.action === 'staff-account.reset-second-factor').map((e) => [e.record, e.outcome, e.actor.accountId])).toEqual([
      [{ type: 'staff-account', id: account }, 'success', `staff#${adminLogin}`],
    ]);
  });

  it('should refuse the reset to an operator', async () => {
    // Prepare
    const { login: account } = await enrolled();
    const operator = await loginStaff(runtime, { login: account, password });

    // Act
    const refused = await operator.call('POST /api/staff/accounts/{login}/second-factor-reset', { params: { login: adminLogin }, body: { version: 0 } });

    // Assess
    expect(refused.status).toBe(403);
    expect((await storedAccount(adminLogin)).totpSecret).toMatch(/^[A-Z2-7]{32}$/);
  });
});
