import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { staffAccountId } from '#domain/accounts';
import { problems } from '#http/problems';
import { hashPassword, verifyPassword } from '#use-cases/passwords';
import { routes, type RouteDefinition } from '#http/routes';
import { loginCodeMaxAttempts } from '#use-cases/parent-login';
import type { LocalRuntime } from '../../local/runtime.ts';
import { client, loginParent, loginStaff, startTestRuntime, type Client } from '../support/runtime.ts';

let runtime: LocalRuntime;
let parentA: Client;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime();
  parentA = await loginParent(runtime, runtime.seed!.data.demoParents[0]!);
  staff = await loginStaff(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

describe('health and documentation', () => {
  it('should answer the health check with 200', async () => {
    const answer = await client(runtime.url).request('GET', '/api/health');
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('ok');
  });

  it('should serve the OpenAPI document generated from the route table', async () => {
    const answer = await client(runtime.url).request('GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.paths).sort()).toEqual([...new Set(routes.map((r) => r.path))].sort());
  });
});

describe('every route of the route table on the local server', () => {
  it('should reach its handler, behind the authorizer unless public', async () => {
    for (const route of routes as readonly RouteDefinition[]) {
      // Prepare: a session of the role the route is meant for, a fresh one for a parent (logout
      // ends its own), the suite's one for staff (each staff login costs a 128 MiB scrypt);
      // a body-taking route gets an empty object
      const caller =
        route.access === 'public'
          ? client(runtime.url)
          : route.access.includes('parent')
            ? await loginParent(runtime, runtime.seed!.data.demoParents[0]!)
            : staff;
      const body = route.body ? {} : undefined;
      const path = route.path.replace(/\{\w+\}/g, 'no-such-id');
      // Act
      const anonymous = await client(runtime.url).request(route.method, path, { body });
      const allowed = await caller.request(route.method, path, { body });
      // Assess: the handler answered (success, or one of our problems), not the router's 404 or a refusal
      if (route.access !== 'public') expect(anonymous.status, route.path).toBe(401);
      expect([401, 403], route.path).not.toContain(allowed.status);
      if (allowed.status >= 400) expect(Object.keys(problems), route.path).toContain(allowed.body.error.code);
      else expect(allowed.status, route.path).toBe(route.successStatus ?? 200);
    }
  });
});

describe('parent login and cabinet', () => {
  it('should show a parent exactly their own applications with kindergarten names', async () => {
    // Prepare
    const parent = runtime.seed!.data.demoParents[0]!;
    const expected = runtime.seed!.data.applications.filter((a) => a.applicantIin === parent.iin);
    // Act
    const answer = await parentA.request('GET', '/api/cabinet/applications');
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.applications.map((a: { applicationId: string }) => a.applicationId).sort()).toEqual(expected.map((a) => a.applicationId).sort());
    for (const application of answer.body.applications) {
      expect(application.kindergartens.length).toBeGreaterThan(0);
      expect(application.kindergartens[0].name.kk).toBeTruthy();
      expect(application).not.toHaveProperty('childIin');
      expect(application).not.toHaveProperty('applicantIin');
    }
  });

  it('should read the cabinet with one Query and one BatchGet (plus the session read)', async () => {
    // Act
    const answer = await parentA.request('GET', '/api/cabinet/applications');
    // Assess: counted for this request only (the local server reports it in a header)
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.headers.get('x-kezek-dynamodb-requests')!)).toEqual({ GetItemCommand: 1, QueryCommand: 1, BatchGetItemCommand: 1 });
  });

  it('should refuse a wrong code in the language asked for, and lock after the allowed tries', async () => {
    // Prepare
    const parent = runtime.seed!.data.demoParents[1]!;
    const stranger = client(runtime.url);
    await stranger.request('POST', '/api/auth/parent/code', { body: { iin: parent.iin } });
    const code = /\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0];
    const wrong = code === '000000' ? '000001' : '000000';
    // Act
    const first = await stranger.request('POST', '/api/auth/parent/session', { body: { iin: parent.iin, code: wrong }, language: 'kk' });
    for (let i = 1; i < loginCodeMaxAttempts; i++) await stranger.request('POST', '/api/auth/parent/session', { body: { iin: parent.iin, code: wrong } });
    const rightButLocked = await stranger.request('POST', '/api/auth/parent/session', { body: { iin: parent.iin, code } });
    // Assess
    expect(first.status).toBe(401);
    expect(first.body.error.message).toBe('Код қате немесе оның мерзімі өтті. Жаңа код сұратыңыз.');
    expect(rightButLocked.status).toBe(401);
    expect(stranger.cookies.has('kezek_session')).toBe(false);
  });

  it('should accept a code only once', async () => {
    const parent = runtime.seed!.data.demoParents[1]!;
    const first = client(runtime.url);
    await first.request('POST', '/api/auth/parent/code', { body: { iin: parent.iin } });
    const code = /\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0];
    const [a, b] = await Promise.all([
      first.request('POST', '/api/auth/parent/session', { body: { iin: parent.iin, code } }),
      client(runtime.url).request('POST', '/api/auth/parent/session', { body: { iin: parent.iin, code } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
  });

  it('should answer an IIN without a cabinet exactly like one with, and send nothing', async () => {
    const before = runtime.notifier.outbox.length;
    // A possible IIN (real date, right check digit) that has no cabinet
    const answer = await client(runtime.url).request('POST', '/api/auth/parent/code', { body: { iin: '900101442425' } });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ sent: true, expiresInSeconds: 300 });
    expect(runtime.notifier.outbox.length).toBe(before);
  });

  it('should set the session cookie HttpOnly and SameSite=Strict', async () => {
    const parent = runtime.seed!.data.demoParents[2]!;
    const raw = client(runtime.url);
    await raw.request('POST', '/api/auth/parent/code', { body: { iin: parent.iin } });
    const code = /\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0];
    const answer = await raw.request('POST', '/api/auth/parent/session', { body: { iin: parent.iin, code } });
    const cookie = answer.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^kezek_session=[\w-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('should end the session at logout', async () => {
    const parent = await loginParent(runtime, runtime.seed!.data.demoParents[3]!);
    const token = parent.cookies.get('kezek_session')!;
    expect((await parent.request('POST', '/api/auth/logout')).status).toBe(200);
    // The old token no longer opens anything, even if a client kept it
    const replay = client(runtime.url);
    replay.cookies.set('kezek_session', token);
    expect((await replay.request('GET', '/api/cabinet/applications')).status).toBe(401);
  });
});

describe('roles', () => {
  it('should refuse a staff route to a parent with 403', async () => {
    const answer = await parentA.request('GET', '/api/staff/kindergartens', { language: 'en' });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toBe('You are not allowed to do this.');
  });

  it('should refuse the cabinet to staff with 403', async () => {
    expect((await staff.request('GET', '/api/cabinet/applications')).status).toBe(403);
  });

  it('should give staff only their own tenant’s kindergartens', async () => {
    const answer = await staff.request('GET', '/api/staff/kindergartens');
    expect(answer.status).toBe(200);
    expect(answer.body.kindergartens).toHaveLength(runtime.seed!.data.kindergartens.length);
  });

  it('should answer 401 for a cookie that names no session', async () => {
    const forged = client(runtime.url);
    forged.cookies.set('kezek_session', 'x'.repeat(43));
    const answer = await forged.request('GET', '/api/me', { language: 'ru' });
    expect(answer.status).toBe(401);
    expect(answer.body.error.message).toBe('Войдите в систему.');
  });

  it('should refuse a wrong staff password without telling which part was wrong', async () => {
    const answer = await client(runtime.url).request('POST', '/api/auth/staff/session', {
      body: { login: runtime.seed!.data.staff.login, password: 'wrong' },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('invalid_credentials');
  });
});

describe('staff password hashes', () => {
  it('should rehash a password stored with weaker scrypt parameters at the next login, and keep it working', async () => {
    // Prepare: a staff member whose hash was made with the old parameters, N = 2^15
    const login = 'rehash@temirtau.kezek.kz';
    const password = 'old-params-password';
    const oldHash = await hashPassword(password, { N: 2 ** 15, r: 8, p: 1 });
    const key = { accountId: staffAccountId(login) };
    const tenantId = runtime.seed!.data.staff.tenantId;
    await dynamoDocumentClient().send(
      new PutCommand({ TableName: runtime.tableNames.accounts, Item: { ...key, kind: 'staff', login, tenantId, displayName: 'Rehash', passwordHash: oldHash } }),
    );
    // Act
    const first = await client(runtime.url).request('POST', '/api/auth/staff/session', { body: { login, password } });
    const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.accounts, Key: key }));
    const second = await client(runtime.url).request('POST', '/api/auth/staff/session', { body: { login, password } });
    // Assess: N = 2^17, r = 8, p = 1 stored with the new hash, which still takes the same password
    expect(oldHash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(first.status).toBe(200);
    expect(Item!.passwordHash.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await verifyPassword(password, Item!.passwordHash)).toBe(true);
    expect(second.status).toBe(200);
  });
});

describe('bad input', () => {
  it('should list every field problem in Kazakh', async () => {
    const answer = await client(runtime.url).request('POST', '/api/auth/parent/code', { body: { iin: '12', extra: true }, language: 'kk' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([
      { path: 'iin', message: 'ЖСН 12 цифрдан тұрады.' },
      { path: '(body)', message: 'Белгісіз өрістер: extra.' },
    ]);
  });

  it('should refuse a login code for an IIN that cannot exist with 400 in kk, ru and en, and send nothing', async () => {
    // Prepare: a valid IIN with its last digit changed, and 30 February 1990 with a matching check digit
    const wrongCheckDigit = '900101442426';
    const impossibleDate = '900230410002';
    const sentBefore = runtime.notifier.outbox.length;
    // Act
    const kk = await client(runtime.url).request('POST', '/api/auth/parent/code', { body: { iin: wrongCheckDigit }, language: 'kk' });
    const ru = await client(runtime.url).request('POST', '/api/auth/parent/code', { body: { iin: impossibleDate }, language: 'ru' });
    const en = await client(runtime.url).request('POST', '/api/auth/parent/code', { body: { iin: wrongCheckDigit }, language: 'en' });
    // Assess
    expect([kk.status, ru.status, en.status]).toEqual([400, 400, 400]);
    expect(kk.body.error.fields).toEqual([{ path: 'iin', message: 'Мұндай ЖСН болмайды: күні немесе бақылау саны қате.' }]);
    expect(ru.body.error.fields).toEqual([{ path: 'iin', message: 'Такого ИИН не существует: неверная дата или контрольная цифра.' }]);
    expect(en.body.error.fields).toEqual([{ path: 'iin', message: 'This IIN cannot exist: its date or check digit is wrong.' }]);
    expect(runtime.notifier.outbox.length).toBe(sentBefore);
  });

  it('should answer a body that is not JSON with 400', async () => {
    const answer = await client(runtime.url).request('POST', '/api/auth/parent/code', { rawBody: '{not json', language: 'en' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe('The request body must be JSON.');
  });

  it('should answer an unknown API path with 404', async () => {
    expect((await client(runtime.url).request('GET', '/api/nothing-here')).status).toBe(404);
  });
});
