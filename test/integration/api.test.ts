import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { staffAccountId } from '#domain/accounts';
import { problems } from '#http/problems';
import { hashPassword, verifyPassword } from '#use-cases/passwords';
import { routes, type RouteDefinition } from '#http/routes';
import { idPatterns } from '#http/schemas';
import { loginCodeMaxAttempts } from '#use-cases/parent-login';
import type { LocalRuntime } from '../../local/runtime.ts';
import { client, loginParent, loginStaff, nextStaffCode, startTestRuntime, type Client } from '../support/runtime.ts';

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
    const answer = await client(runtime.url).call('GET /api/health');
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('ok');
    expect(answer.body.clientAddressFrom).toBe('source');
  });

  it('should say the client address came from CloudFront only when the origin secret comes with it', async () => {
    const forged = await fetch(`${runtime.url}/api/health`, { headers: { 'cloudfront-viewer-address': '203.0.113.7:443', 'x-kezek-origin-verify': 'guess' } });
    const forwarded = await fetch(`${runtime.url}/api/health`, { headers: { 'cloudfront-viewer-address': '203.0.113.7:443', 'x-kezek-origin-verify': runtime.originSecret } });
    expect((await forged.json()).clientAddressFrom).toBe('source');
    expect((await forwarded.json()).clientAddressFrom).toBe('viewer');
  });

  it('should serve the OpenAPI document generated from the route table', async () => {
    const answer = await client(runtime.url).call('GET /api/openapi.json');
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.paths as object).sort()).toEqual([...new Set(routes.map((r) => r.path))].sort());
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
      if (allowed.status >= 400) expect(Object.keys(problems()), route.path).toContain(allowed.body.error.code);
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
    const answer = await parentA.call('GET /api/cabinet/applications');
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.applications.map((a: { applicationId: string }) => a.applicationId).sort()).toEqual(expected.map((a) => a.applicationId).sort());
    for (const application of answer.body.applications) {
      expect(application.kindergartens.length).toBeGreaterThan(0);
      expect(application.kindergartens[0]!.name.kk).toBeTruthy();
      expect(application).not.toHaveProperty('childIin');
      expect(application).not.toHaveProperty('applicantIin');
    }
  });

  it('should read the cabinet with one Query and one BatchGet (plus the session read)', async () => {
    // Act
    const answer = await parentA.call('GET /api/cabinet/applications');
    // Assess: counted for this request only (the local server reports it in a header)
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.headers.get('x-kezek-dynamodb-requests')!)).toEqual({ GetItemCommand: 1, QueryCommand: 1, BatchGetItemCommand: 1 });
  });

  it('should refuse a wrong code in the language asked for, and lock after the allowed tries', async () => {
    // Prepare
    const parent = runtime.seed!.data.demoParents[1]!;
    const stranger = client(runtime.url);
    await stranger.call('POST /api/auth/parent/code', { body: { iin: parent.iin } });
    const code = /\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0];
    const wrong = code === '000000' ? '000001' : '000000';
    // Act
    const first = await stranger.call('POST /api/auth/parent/session', { body: { iin: parent.iin, code: wrong } }, { language: 'kk' });
    for (let i = 1; i < loginCodeMaxAttempts; i++) await stranger.call('POST /api/auth/parent/session', { body: { iin: parent.iin, code: wrong } });
    const rightButLocked = await stranger.call('POST /api/auth/parent/session', { body: { iin: parent.iin, code } });
    // Assess
    expect(first.status).toBe(401);
    expect(first.body.error.message).toBe('Код сәйкес келмеді. SMS-тегі цифрларды тексеріңіз; 5 қате әрекеттен кейін немесе код ескірсе, жаңа код сұратыңыз.');
    expect(rightButLocked.status).toBe(401);
    expect(stranger.cookies.has('kezek_session')).toBe(false);
  });

  it('should accept a code only once', async () => {
    const parent = runtime.seed!.data.demoParents[1]!;
    const first = client(runtime.url);
    await first.call('POST /api/auth/parent/code', { body: { iin: parent.iin } });
    const code = /\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0];
    const [a, b] = await Promise.all([
      first.call('POST /api/auth/parent/session', { body: { iin: parent.iin, code } }),
      client(runtime.url).call('POST /api/auth/parent/session', { body: { iin: parent.iin, code } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
  });

  it('should answer an IIN without a cabinet exactly like one with, and send nothing', async () => {
    const before = runtime.notifier.outbox.length;
    // A possible IIN (real date, right check digit) that has no cabinet
    const answer = await client(runtime.url).call('POST /api/auth/parent/code', { body: { iin: '900101442425' } });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ sent: true, expiresInSeconds: 300 });
    expect(runtime.notifier.outbox.length).toBe(before);
  });

  it('should set the session cookie HttpOnly and SameSite=Strict', async () => {
    const parent = runtime.seed!.data.demoParents[2]!;
    const raw = client(runtime.url);
    await raw.call('POST /api/auth/parent/code', { body: { iin: parent.iin } });
    const code = /\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0];
    const answer = await raw.call('POST /api/auth/parent/session', { body: { iin: parent.iin, code } });
    const cookie = answer.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^kezek_session=[\w-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('should end the session at logout', async () => {
    const parent = await loginParent(runtime, runtime.seed!.data.demoParents[3]!);
    const token = parent.cookies.get('kezek_session')!;
    expect((await parent.call('POST /api/auth/logout')).status).toBe(200);
    // The old token no longer opens anything, even if a client kept it
    const replay = client(runtime.url);
    replay.cookies.set('kezek_session', token);
    expect((await replay.call('GET /api/cabinet/applications')).status).toBe(401);
  });
});

describe('roles', () => {
  it('should refuse a staff route to a parent with 403', async () => {
    const answer = await parentA.call('GET /api/staff/kindergartens', {}, { language: 'en' });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toBe('You are not allowed to do this.');
  });

  it('should refuse the cabinet to staff with 403', async () => {
    expect((await staff.call('GET /api/cabinet/applications')).status).toBe(403);
  });

  it('should give staff only their own tenant’s kindergartens', async () => {
    const answer = await staff.call('GET /api/staff/kindergartens');
    expect(answer.status).toBe(200);
    expect(answer.body.kindergartens).toHaveLength(runtime.seed!.data.kindergartens.length);
  });

  it('should answer 401 for a cookie that names no session', async () => {
    const forged = client(runtime.url);
    forged.cookies.set('kezek_session', 'x'.repeat(43));
    const answer = await forged.call('GET /api/me', {}, { language: 'ru' });
    expect(answer.status).toBe(401);
    expect(answer.body.error.message).toBe('Войдите в систему.');
  });

  it('should refuse a wrong staff password without telling which part was wrong', async () => {
    const answer = await client(runtime.url).call('POST /api/auth/staff/session', { body: { login: runtime.seed!.data.staff.login, password: 'wrong' } });
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
      new PutCommand({
        TableName: runtime.tableNames.accounts,
        Item: { ...key, kind: 'staff', login, tenantId, displayName: 'Rehash', passwordHash: oldHash, totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
      }),
    );
    // Act
    const first = await client(runtime.url).call('POST /api/auth/staff/session', { body: { login, password, code: await nextStaffCode(runtime, login) } });
    const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.accounts, Key: key }));
    const second = await client(runtime.url).call('POST /api/auth/staff/session', { body: { login, password, code: await nextStaffCode(runtime, login) } });
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
    const kk = await client(runtime.url).call('POST /api/auth/parent/code', { body: { iin: wrongCheckDigit } }, { language: 'kk' });
    const ru = await client(runtime.url).call('POST /api/auth/parent/code', { body: { iin: impossibleDate } }, { language: 'ru' });
    const en = await client(runtime.url).call('POST /api/auth/parent/code', { body: { iin: wrongCheckDigit } }, { language: 'en' });
    // Assess
    expect([kk.status, ru.status, en.status]).toEqual([400, 400, 400]);
    expect(kk.body.error.fields).toEqual([{ path: 'iin', message: 'Мұндай ЖСН болмайды: туған күні немесе бақылау цифры қате.' }]);
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

  it('should refuse an empty notification id with 400 naming the field, not 500', async () => {
    // Act
    const answer = await parentA.call('POST /api/cabinet/notifications/read', { body: { notificationIds: [''] } }, { language: 'en' });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([{ path: 'notificationIds.0', message: 'Not a valid identifier.' }]);
  });

  it('should accept back every notification id it hands out', async () => {
    // Prepare: the parent withdraws one of their applications, which leaves them a notification
    const applications = await parentA.call('GET /api/cabinet/applications');
    const withdrawable = applications.body.applications.find((a: { actions: string[] }) => a.actions.includes('withdraw'));
    expect((await parentA.call('POST /api/cabinet/applications/{applicationId}/withdrawal', { params: { applicationId: withdrawable!.applicationId } })).status).toBe(200);
    const listed = await parentA.call('GET /api/cabinet/notifications');
    const ids = listed.body.notifications.map((n: { notificationId: string }) => n.notificationId) as string[];
    expect(ids.length).toBeGreaterThan(0);
    // Act
    const marked = await parentA.call('POST /api/cabinet/notifications/read', { body: { notificationIds: ids.slice(0, 100) } });
    // Assess
    for (const id of ids) expect(id).toMatch(idPatterns.notification);
    expect(marked.status).toBe(200);
  });
});

/** Sends as the caller (its cookies) with exactly the headers given: no JSON content type added. */
async function sendAs(caller: Client | undefined, method: string, path: string, headers: Record<string, string>, body?: string) {
  const cookie = caller && caller.cookies.size > 0 ? [...caller.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  const response = await fetch(`${runtime.url}${path}`, { method, headers: { ...headers, ...(cookie && { cookie }) }, ...(body !== undefined && { body }) });
  return { status: response.status, body: await response.json().catch(() => undefined), headers: response.headers };
}

const nonGetRoutes = (routes as readonly RouteDefinition[]).filter((route) => route.method !== 'GET');

/** The session a route is meant for (none for a public one). */
const callerOf = (route: RouteDefinition): Client | undefined => (route.access === 'public' ? undefined : route.access.includes('parent') ? parentA : staff);

describe('CSRF: a state change must be JSON from this site', () => {
  it('should refuse a form post and a text/plain post on every state-changing route with 415 in the language asked', async () => {
    expect(nonGetRoutes.length).toBeGreaterThan(20);
    for (const route of nonGetRoutes) {
      // Prepare: what a cross-site HTML form can send without a CORS preflight
      const path = route.path.replace(/\{\w+\}/g, 'no-such-id');
      // Act
      const form = await sendAs(callerOf(route), route.method, path, { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'kk' }, 'iin=123456789012');
      const text = await sendAs(callerOf(route), route.method, path, { 'content-type': 'text/plain', 'accept-language': 'en' }, '{"iin":"123456789012"}');
      const none = await sendAs(callerOf(route), route.method, path, { 'accept-language': 'ru' });
      // Assess
      expect([form.status, text.status, none.status], `${route.method} ${route.path}`).toEqual([415, 415, 415]);
      expect(form.body.error, route.path).toEqual({ code: 'unsupported_media_type', message: 'Сұраныс JSON түрінде жіберілуі керек (Content-Type: application/json).' });
      expect(text.body.error.message, route.path).toBe('Send the request as JSON (Content-Type: application/json).');
      expect(none.body.error.message, route.path).toBe('Запрос нужно отправлять в формате JSON (Content-Type: application/json).');
    }
  });

  it('should refuse a JSON request a browser marks as cross-site with 403 on every state-changing route', async () => {
    for (const route of nonGetRoutes) {
      // Act
      const answer = await sendAs(
        callerOf(route),
        route.method,
        route.path.replace(/\{\w+\}/g, 'no-such-id'),
        { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', 'accept-language': 'en' },
        route.body ? '{}' : undefined,
      );
      // Assess
      expect(answer.status, `${route.method} ${route.path}`).toBe(403);
      expect(answer.body.error, route.path).toEqual({ code: 'cross_site_request', message: 'Requests from other sites are not accepted.' });
    }
  });

  it('should let a JSON request of this site through to its handler on every state-changing route, a body-less one too', async () => {
    for (const route of nonGetRoutes.filter((r) => r.handler !== 'logout')) {
      // Act: the same request as the web app sends (JSON content type; same-origin fetch metadata)
      const answer = await sendAs(
        callerOf(route),
        route.method,
        route.path.replace(/\{\w+\}/g, 'no-such-id'),
        { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        route.body ? '{}' : undefined,
      );
      // Assess: the handler answered (success or one of its problems), not the CSRF refusal
      expect([403, 415], `${route.method} ${route.path}`).not.toContain(answer.status);
    }
  });

  it('should log out with a body-less JSON POST, as the web app sends it', async () => {
    // Prepare
    const parent = await loginParent(runtime, runtime.seed!.data.demoParents[2]!);
    // Act
    const refused = await sendAs(parent, 'POST', '/api/auth/logout', { 'content-type': 'application/x-www-form-urlencoded' });
    const stillIn = await parent.call('GET /api/me');
    const loggedOut = await sendAs(parent, 'POST', '/api/auth/logout', { 'content-type': 'application/json' });
    // Assess
    expect(refused.status).toBe(415);
    expect(stillIn.status).toBe(200);
    expect(loggedOut.status).toBe(200);
  });
});

describe('messages in the user’s language, never the validator’s', () => {
  it('should name a missing field as required in kk, ru and en', async () => {
    // Act
    const answers = await Promise.all(
      (['kk', 'ru', 'en'] as const).map((language) => client(runtime.url).request('POST', '/api/auth/staff/session', { body: {}, language })),
    );
    // Assess
    expect(answers.map((a) => a.body.error.fields)).toEqual([
      [
        { path: 'login', message: 'Міндетті өріс.' },
        { path: 'password', message: 'Міндетті өріс.' },
      ],
      [
        { path: 'login', message: 'Обязательное поле.' },
        { path: 'password', message: 'Обязательное поле.' },
      ],
      [
        { path: 'login', message: 'Required.' },
        { path: 'password', message: 'Required.' },
      ],
    ]);
  });

  it('should name unknown fields, a wrong type and a too long list in ru and en by hand', async () => {
    // Act
    const unknownRu = await client(runtime.url).request('POST', '/api/auth/parent/code', { body: { iin: runtime.seed!.data.demoParents[0]!.iin, extra: true }, language: 'ru' });
    const wrongTypeEn = await client(runtime.url).request('POST', '/api/auth/parent/code', { rawBody: '"just text"', language: 'en' });
    const tooManyRu = await staff.call('PUT /api/staff/applications/{applicationId}/kindergartens', { params: { applicationId: 'no-such-id' }, body: { kindergartenIds: ['a', 'b', 'c', 'd'] } }, { language: 'ru' });
    const tooManyEn = await staff.call('PUT /api/staff/applications/{applicationId}/kindergartens', { params: { applicationId: 'no-such-id' }, body: { kindergartenIds: ['a', 'b', 'c', 'd'] } }, { language: 'en' });
    const tooManyKk = await staff.call('PUT /api/staff/applications/{applicationId}/kindergartens', { params: { applicationId: 'no-such-id' }, body: { kindergartenIds: ['a', 'b', 'c', 'd'] } }, { language: 'kk' });
    // Assess
    expect(unknownRu.body.error.fields).toEqual([{ path: '(body)', message: 'Неизвестные поля: extra.' }]);
    expect(wrongTypeEn.body.error.fields).toEqual([{ path: '(body)', message: 'This value has the wrong type.' }]);
    expect(tooManyRu.body.error.fields).toEqual([{ path: 'kindergartenIds', message: 'Слишком длинно или слишком много (не больше 3).' }]);
    expect(tooManyEn.body.error.fields).toEqual([{ path: 'kindergartenIds', message: 'Too long or too many (at most 3).' }]);
    expect(tooManyKk.body.error.fields).toEqual([{ path: 'kindergartenIds', message: 'Тым ұзын немесе тым көп (ең көбі 3).' }]);
  });

  it('should refuse a body on a route that takes none, naming its fields, and let an empty one or {} through', async () => {
    // Prepare: an enrolment (a POST without a body) of an application that does not exist
    const path = '/api/staff/applications/app-00000000-0000-4000-8000-000000000000/enrollment';
    const json = { 'content-type': 'application/json', 'accept-language': 'en' };

    // Act
    const withFields = await sendAs(staff, 'POST', path, json, '{"reason":"moved away","kindergartenId":"kg-1"}');
    const withFieldsRu = await sendAs(staff, 'POST', path, { ...json, 'accept-language': 'ru' }, '{"reason":"moved away"}');
    const notJson = await sendAs(staff, 'POST', path, json, 'enrol please');
    const aList = await sendAs(staff, 'POST', path, json, '[]');
    const emptyObject = await sendAs(staff, 'POST', path, json, '{}');
    const none = await sendAs(staff, 'POST', path, json);

    // Assess
    expect(withFields.status).toBe(400);
    expect(withFields.body.error.fields).toEqual([{ path: '(body)', message: 'Unknown fields: reason, kindergartenId.' }]);
    expect(withFieldsRu.body.error.fields).toEqual([{ path: '(body)', message: 'Неизвестные поля: reason.' }]);
    expect([notJson.status, notJson.body.error.code]).toEqual([400, 'malformed_body']);
    expect(aList.status).toBe(400);
    expect(aList.body.error.fields).toEqual([{ path: '(body)', message: 'This value has the wrong type.' }]);
    // Nothing odd in them: the enrolment itself answers (no such application)
    expect([emptyObject.status, emptyObject.body.error.code]).toEqual([404, 'not_found']);
    expect([none.status, none.body.error.code]).toEqual([404, 'not_found']);
  });

  it('should answer an unknown API path with 404 in the language of the kezek cookie, else of Accept-Language', async () => {
    // Act
    const byHeader = await sendAs(undefined, 'GET', '/api/nothing-here', { 'accept-language': 'ru-RU,ru;q=0.9' });
    const byCookie = await sendAs(undefined, 'GET', '/api/nothing-here', { 'accept-language': 'ru', cookie: 'kezek_lang=kk' });
    const byDefault = await sendAs(undefined, 'POST', '/api/nothing-here', { 'accept-language': 'en', 'content-type': 'application/json' });
    // Assess
    expect([byHeader.status, byCookie.status, byDefault.status]).toEqual([404, 404, 404]);
    expect(byHeader.body).toEqual({ error: { code: 'not_found', message: 'Не найдено.' } });
    expect(byCookie.body).toEqual({ error: { code: 'not_found', message: 'Табылмады.' } });
    expect(byDefault.body).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });

  it('should answer a wrong method on a known path with 405, its allowed methods and a localized message', async () => {
    // Act
    const health = await sendAs(undefined, 'DELETE', '/api/health', { 'accept-language': 'kk' });
    const campaigns = await sendAs(staff, 'PATCH', '/api/staff/campaigns', { 'accept-language': 'en', 'content-type': 'application/json' }, '{}');
    // Assess
    expect(health.status).toBe(405);
    expect(health.headers.get('allow')).toBe('GET');
    expect(health.body).toEqual({ error: { code: 'method_not_allowed', message: 'Бұл мекенжай мұндай әдісті қабылдамайды.' } });
    expect(campaigns.status).toBe(405);
    expect(campaigns.headers.get('allow')).toBe('GET, POST');
    expect(campaigns.body).toEqual({ error: { code: 'method_not_allowed', message: 'This address does not accept this request method.' } });
  });

  it('should answer a missing session cookie with the same error body as every other error', async () => {
    // Act
    const answer = await sendAs(undefined, 'GET', '/api/me', { 'accept-language': 'ru' });
    // Assess
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: { code: 'unauthenticated', message: 'Войдите в систему.' } });
  });
});
