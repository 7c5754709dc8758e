import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '#http/openapi';
import { isStaffRoute, routes, sessionCookieName, languageCookieName, type RouteDefinition } from '#http/routes';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendRaw, type RawRequest } from '../support/raw-http.ts';
import { pathOf, requestOf, routeFixtures, type RouteRequest } from '../support/route-requests.ts';
import { settle, startTestRuntime } from '../support/runtime.ts';
import { snapshotChanges, snapshotTables, writableTables, type TableSnapshot } from '../support/table-snapshot.ts';
import { anotherSession, buildWorlds, freshApplication, callAs, type Caller, type Worlds } from '../support/worlds.ts';

/**
 * Fuzzing every route of the route table on the local runtime: generated bodies (any JSON,
 * wrong types, long and odd strings, prototype keys, deep nesting), paths, query strings and
 * headers, as anonymous, parent and staff. No answer may be 500 or more, and a refused request
 * (4xx) must leave the tables its route may write as they were.
 */

/** Fixed, so a failure replays; printed so a run can be repeated. */
const seed = Number(process.env.KEZEK_FUZZ_SEED ?? 20_250_607);
/** Requests per route; the whole file stays within a couple of minutes on two cores. */
const runsPerRoute = Number(process.env.KEZEK_FUZZ_RUNS ?? 60);

let runtime: LocalRuntime;
let worlds: Worlds;
const statuses = new Map<number, number>();
let sent = 0;
let refusedWrites = 0;
/** The OpenAPI-driven fuzz below: requests sent, 5xx answers, operations fuzzed. */
const declaredFuzz = { cases: 0, serverErrors: 0, operations: 0 };
/** Requests per operation that declares parameters. */
const runsPerOperation = Number(process.env.KEZEK_FUZZ_PARAM_RUNS ?? 40);

beforeAll(async () => {
  runtime = await startTestRuntime(100);
  worlds = await buildWorlds(runtime);
});

afterAll(async () => {
  if (sent > 0) {
    const seen = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(', ');
    console.info(`[fuzz] seed ${seed}, ${runsPerRoute} runs per route, ${sent} requests over ${routes.length} routes; statuses: ${seen}; ${refusedWrites} refused writes checked unchanged`);
  }
  if (declaredFuzz.cases > 0) {
    console.info(`[fuzz] OpenAPI parameters: ${declaredFuzz.cases} requests over ${declaredFuzz.operations} operations, ${declaredFuzz.serverErrors} answered 5xx`);
  }
  await runtime?.stop();
});

const prototypeKeys = ['__proto__', 'constructor', 'prototype'] as const;

/** Strings people and attackers type: any unicode, control characters, SQL/HTML-ish, numbers as text. */
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '🙂'.repeat(50), "' OR 1=1 --", '<script>alert(1)</script>', '../../etc/passwd', '%00', 'NaN', '-1', '1e309', 'true', 'null', 'Ғалымжан Үкібай', 'x'.repeat(5000)),
);

/** Any JSON value, with prototype keys among the object keys. */
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    oddString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...prototypeKeys), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

function deepNesting(depth: number, open: string, close: string): string {
  return `${open.repeat(depth)}1${close.repeat(depth)}`;
}

/** Raw bodies that are not what any schema wants. */
const rawBody: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  jsonish.map((value) => JSON.stringify(value) ?? 'null'),
  oddString,
  fc.constantFrom(
    '{',
    '{"a":',
    '[]',
    '""',
    '0',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    deepNesting(5_000, '[', ']'),
    deepNesting(5_000, '{"a":', '}'),
    `{"x":"${'é'.repeat(1_000_000)}"}`,
    `"${'a'.repeat(9_000_000)}"`,
  ),
);

/** A valid body with one field replaced by anything, or a prototype key added. */
function mutatedBody(valid: unknown): fc.Arbitrary<string> {
  if (!valid || typeof valid !== 'object') return fc.constant(JSON.stringify(valid ?? {}));
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...(keys.length > 0 ? keys : ['x'])), jsonish).map(([key, value]) => JSON.stringify({ ...valid, [key]: value })),
    fc.tuple(fc.constantFrom(...prototypeKeys), jsonish).map(([key, value]) => `${JSON.stringify(valid).slice(0, -1)}${keys.length > 0 ? ',' : ''}"${key}":${JSON.stringify(value) ?? 'null'}}`),
    fc.constantFrom(...keys.length > 0 ? keys : ['x']).map((key) => {
      const { [key]: _dropped, ...rest } = valid as Record<string, unknown>;
      return JSON.stringify(rest);
    }),
  );
}

/** Percent-encoded as a browser would; a lone surrogate (which cannot be) is sent as its raw bytes. */
function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  }
}

/** Path segments for an id: random text, dot segments, broken and doubled percent-encoding, very long. */
const oddSegment = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encoded),
  fc.constantFrom('..', '.', '%2e%2e', '%2E%2E%2F', '%2F', '%00', '%', '%E0%A4%A', '%ZZ', '%25', '%C0%AE', 'a'.repeat(3_000), '%20', '~', '@', 'app-000001', 'kg-001'),
);

/** Cookies: the caller's session, a broken one, junk, a language cookie that is no language. */
function cookieHeader(caller: Caller): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    fc.constant(caller.cookie),
    fc.constant(caller.cookie),
    fc.constantFrom(
      `${sessionCookieName}=`,
      `${sessionCookieName}=%E0%A4%A`,
      `${sessionCookieName}=${'A'.repeat(43)}`,
      `${languageCookieName}=%ZZ`,
      `${languageCookieName}=xx; ${sessionCookieName}=a=b=c`,
      ';;;',
      '=',
      'a',
    ),
    fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((junk) => `${caller.cookie ? `${caller.cookie}; ` : ''}${junk.replace(/[\r\n]/g, '')}`),
  );
}

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  'application/json; charset=',
  '',
  '*/*',
);

const acceptLanguage = fc.oneof(fc.constantFrom('kk', 'ru-RU,ru;q=0.9', 'en;q=abc', ',,,', '*', 'zz-ZZ'), fc.string({ unit: 'grapheme-ascii', maxLength: 40 }));

/** Query strings: the fixture's, with values replaced, extra keys, prototype keys and repeated keys. */
function queryString(valid: Readonly<Record<string, string>> | undefined): fc.Arbitrary<string> {
  const encode = (entries: [string, string][]) => entries.map(([k, v]) => `${encoded(k)}=${encoded(v)}`).join('&');
  const base = Object.entries(valid ?? {});
  return fc.oneof(
    fc.constant(encode(base)),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...prototypeKeys, ...base.map(([k]) => k), 'status', 'tenantId'), fc.string({ maxLength: 10 })), oddString), { maxLength: 4 }).map((extra) =>
      encode([...base, ...extra]),
    ),
    fc.constantFrom('%', '&&&', '=', 'a=%E0%A4%A', 'birthYear=1e400', 'birthYear=2020&birthYear=2021', 'limit=-1', 'cursor=!!!', `x=${'y'.repeat(4_000)}`),
  );
}

interface Case {
  readonly actor: keyof Worlds['actors'];
  readonly raw: RawRequest;
}

/** One generated request of a route, built from its valid request. */
function caseOf(route: RouteDefinition, valid: RouteRequest, actors: Worlds['actors']): fc.Arbitrary<Case> {
  const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const path = paramNames.length === 0
    ? fc.constant(pathOf(route, {}))
    : fc.array(fc.option(oddSegment, { nil: undefined, freq: 2 }), { minLength: paramNames.length, maxLength: paramNames.length }).map((segments) =>
        route.path.replace(/\{(\w+)\}/g, (_m, name: string) => segments[paramNames.indexOf(name)] ?? encoded(valid.params?.[name] ?? '')),
      );
  const body = route.body ? fc.oneof(mutatedBody(valid.body), rawBody, fc.constant(JSON.stringify(valid.body))) : rawBody;
  return fc
    .record({
      actor: fc.constantFrom('anonymous', 'parentA', 'staffX') as fc.Arbitrary<Case['actor']>,
      path,
      query: queryString(valid.query),
      body,
      contentType: fc.option(contentType, { nil: undefined }),
      acceptLanguage: fc.option(acceptLanguage, { nil: undefined }),
      cookieJunk: fc.boolean(),
    })
    .chain((parts) =>
      (parts.cookieJunk ? cookieHeader(actors[parts.actor]) : fc.constant(actors[parts.actor].cookie)).map((cookie) => {
        const headers: Record<string, string> = {};
        if (parts.contentType !== undefined) headers['content-type'] = parts.contentType;
        if (parts.acceptLanguage !== undefined) headers['accept-language'] = parts.acceptLanguage;
        if (cookie !== undefined) headers.cookie = cookie;
        const raw: RawRequest = { method: route.method, path: `${parts.path}${parts.query ? `?${parts.query}` : ''}`, headers, ...(parts.body !== undefined && { body: parts.body }) };
        return { actor: parts.actor, raw };
      }),
    );
}

describe('fuzzing every route', () => {
  for (const route of routes as readonly RouteDefinition[]) {
    it(`should answer below 500 and change nothing when it refuses: ${route.method} ${route.path}`, async () => {
      // Prepare: the route's valid request (its ids as staff X and parent A own them)
      const fixture = routeFixtures[route.handler as keyof typeof routeFixtures];
      const valid = await fixture.build(worlds, worlds.A, worlds.A);
      requestOf(route, valid);
      const tables = writableTables(route.grants);
      const checksWrites = route.method !== 'GET' && tables.length > 0;
      // A route that ends the session gets sessions of its own, so the other routes keep theirs.
      const actors = fixture.endsSession
        ? { ...worlds.actors, parentA: await anotherSession(runtime, worlds.actors.parentA), staffX: await anotherSession(runtime, worlds.actors.staffX) }
        : worlds.actors;
      let changed = true;
      // The tables as the last refused request left them: the next request starts from there, so
      // they are not scanned again (after an accepted one they are, once its jobs have run).
      let leftAs: TableSnapshot | undefined;
      await fc.assert(
        fc.asyncProperty(caseOf(route, valid, actors), async ({ raw }) => {
          if (checksWrites && changed) await settle(runtime);
          const before = checksWrites ? (!changed && leftAs) || (await snapshotTables(runtime.tableNames, tables)) : undefined;
          leftAs = undefined;
          // Act
          const answer = await sendRaw(runtime.url, raw);
          sent++;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          // Assess
          expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
          changed = answer.status < 400;
          if (before && answer.status >= 400) {
            refusedWrites++;
            const after = await snapshotTables(runtime.tableNames, tables);
            leftAs = after;
            expect(snapshotChanges(before, after)).toEqual([]);
          }
        }),
        { seed, numRuns: runsPerRoute, endOnFailure: false },
      );
    });
  }
});

interface DeclaredOperation {
  readonly parameters?: readonly { readonly name: string; readonly in: 'path' | 'query'; readonly required: boolean }[];
  readonly responses: Readonly<Record<string, unknown>>;
}

/**
 * Any text as a parameter value, as an outside tool reading the document would try: empty, very
 * long, control characters, lone surrogates, separators. Not the dot segments `.` and `..`: URL
 * parsing resolves them (even percent-encoded), so they address another path, not this operation.
 */
const anyParameter = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.constantFrom('', ' ', 'a'.repeat(101), 'a'.repeat(3_000), '%', '\u0000', 'imp..x', 'a#b', '__proto__', '-1', '1e309', 'NaN', '0x10', '2024.5', 'app-000001/x'),
  )
  .filter((text) => text !== '.' && text !== '..');

describe('fuzzing the parameters the OpenAPI document declares', () => {
  const document = openApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, DeclaredOperation>).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );

  it('should cover every route of the route table', () => {
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  for (const { path, method, operation } of operations) {
    it(`should answer only the statuses it declares, never 5xx, whatever its parameters: ${method} ${path}`, async () => {
      // Prepare: the route's valid request as the role it is meant for; each declared parameter
      // is then its valid value, absent (if optional) or any text
      const route = (routes as readonly RouteDefinition[]).find((r) => r.path === path && r.method === method)!;
      const fixture = routeFixtures[route.handler as keyof typeof routeFixtures];
      const valid = await fixture.build(worlds, worlds.A, worlds.A);
      const actor = route.access === 'public' ? worlds.actors.anonymous : isStaffRoute(route) ? worlds.actors.staffX : worlds.actors.parentA;
      const caller = fixture.endsSession ? await anotherSession(runtime, actor) : actor;
      const declared = operation.parameters ?? [];
      const statuses = Object.keys(operation.responses).map(Number);
      const validValue = (name: string, place: 'path' | 'query') => (place === 'path' ? valid.params?.[name] : valid.query?.[name]);
      const values = fc.tuple(
        ...declared.map((p) => {
          const known = validValue(p.name, p.in);
          const choices = [anyParameter, ...(known !== undefined ? [fc.constant(known)] : [])];
          return p.required ? fc.oneof(...choices) : fc.option(fc.oneof(...choices), { nil: undefined });
        }),
      );
      declaredFuzz.operations++;
      await fc.assert(
        fc.asyncProperty(values, fc.constantFrom('kk', 'ru', 'en'), async (chosen, language) => {
          const pathValues = new Map(declared.flatMap((p, i) => (p.in === 'path' ? [[p.name, chosen[i] ?? '']] : [])));
          const query = declared.flatMap((p, i) => (p.in === 'query' && chosen[i] !== undefined ? [`${encoded(p.name)}=${encoded(chosen[i])}`] : [])).join('&');
          const headers: Record<string, string> = { 'accept-language': language, ...(route.method !== 'GET' && { 'content-type': 'application/json' }), ...(caller.cookie && { cookie: caller.cookie }) };
          // Act
          const answer = await sendRaw(runtime.url, {
            method,
            path: `${path.replace(/\{(\w+)\}/g, (_m, name: string) => encoded(pathValues.get(name) ?? ''))}${query ? `?${query}` : ''}`,
            headers,
            ...(route.body && { body: JSON.stringify(valid.body) }),
          });
          declaredFuzz.cases++;
          if (answer.status >= 500) declaredFuzz.serverErrors++;
          // Assess
          expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
          expect(statuses, `${answer.status}: ${answer.text.slice(0, 200)}`).toContain(answer.status);
        }),
        { seed, numRuns: declared.length > 0 ? runsPerOperation : 3, endOnFailure: true },
      );
    });
  }
});

describe('what fuzzing found', () => {
  it('should treat a session cookie that is not valid percent-encoding as no session (401, not 500)', async () => {
    // Act
    const staffRoute = await sendRaw(runtime.url, { method: 'GET', path: '/api/staff/kindergartens', headers: { cookie: `${sessionCookieName}=%E0%A4%A` } });
    const publicRoute = await sendRaw(runtime.url, { method: 'GET', path: '/api/public/campaign?tenantId=temirtau', headers: { cookie: `${languageCookieName}=%ZZ` } });
    // Assess
    expect(staffRoute.status).toBe(401);
    expect(JSON.parse(staffRoute.text).error.code).toBe('unauthenticated');
    expect(publicRoute.status).toBe(200);
  });

  it('should answer a path that is not valid percent-encoding with 400, and keep serving', async () => {
    // Act
    const apiPath = await sendRaw(runtime.url, { method: 'GET', path: '/api/staff/applications/%E0%A4%A', headers: { cookie: worlds.actors.staffX.cookie! } });
    const pagePath = await sendRaw(runtime.url, { method: 'GET', path: '/%E0%A4%A', headers: {} });
    const filePath = await sendRaw(runtime.url, { method: 'GET', path: '/local-files/%ZZ', headers: {} });
    const health = await sendRaw(runtime.url, { method: 'GET', path: '/api/health', headers: {} });
    // Assess
    expect([apiPath.status, pagePath.status, filePath.status]).toEqual([400, 400, 400]);
    expect(health.status).toBe(200);
  });

  it('should refuse a referral to a kindergarten without a free place and schedule nothing', async () => {
    // Prepare: a kindergarten with no places, and a child who chose it
    const full = await callAs(runtime.url, worlds.actors.staffX, 'POST /api/staff/kindergartens', {
      body: {
        name: { kk: 'Толық', ru: 'Полный', en: 'Full' },
        ownership: 'state',
        languages: ['ru'],
        district: runtime.seed!.data.kindergartens[0]!.district,
        address: 'test',
        location: { lat: 50.06, lon: 72.96 },
        capacity: { nursery: 0, junior: 0, middle: 0, senior: 0, preschool: 0 },
      },
    });
    expect(full.status, full.text).toBe(201);
    const applicationId = await freshApplication(worlds, worlds.A);
    await settle(runtime);
    const before = await snapshotTables(runtime.tableNames, ['schedules', 'applications', 'kindergartens', 'notifications']);
    // Act
    const referral = await callAs(runtime.url, worlds.actors.staffX, 'POST /api/staff/applications/{applicationId}/referral', { params: { applicationId }, body: { kindergartenId: full.body.kindergarten.kindergartenId } });
    // Assess
    expect(referral.status).toBe(409);
    expect(referral.body.error.code).toBe('no_free_place');
    expect(snapshotChanges(before, await snapshotTables(runtime.tableNames, ['schedules', 'applications', 'kindergartens', 'notifications']))).toEqual([]);
  });
});
