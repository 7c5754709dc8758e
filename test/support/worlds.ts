import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dependencies } from '#adapters/dependencies';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { makeIin } from '#domain/iin';
import { sessionCookieName } from '#http/routes';
import { openSession, sessionIdOf } from '#use-cases/sessions';
import type { Identity } from '#ports/stores';
import type { LocalRuntime } from '../../local/runtime.ts';
import { routePath } from '../../web/src/route-names.ts';
import { loginParent, loginStaff, setStaffPasswordWithLink, settle, type RouteAnswer, type RouteInput, type RouteName } from './runtime.ts';
import { addOtherTenant } from './tenants.ts';

/**
 * Two departments and two parents with things of their own, for tests of who may reach what:
 * world A (parent A's applications in tenant X, the demo tenant), world B (parent B's, also in
 * X) and world Y (a second tenant with its own kindergarten, application, campaign and export).
 */

export type WorldName = 'A' | 'B' | 'Y';

/** A caller as the server sees it: a session cookie or none. Requests never follow `Set-Cookie`. */
export interface Caller {
  readonly name: string;
  readonly cookie?: string;
}

/** One owner's things: a parent's application and the ids of their department. */
export interface World {
  readonly name: WorldName;
  readonly tenantId: string;
  /** The department's staff: makes fresh things in this world for tests that use them up. */
  readonly staff: Caller;
  readonly staffAccount: { readonly login: string; readonly password: string };
  readonly parent: { readonly iin: string; readonly phone: string };
  readonly applicationId: string;
  readonly birthYear: number;
  readonly kindergartenId: string;
  readonly campaignId: string;
  readonly exportId: string;
  readonly notificationIds: readonly string[];
  /** Strings that only this world's data contains (ids, the tenant's id); grows as tests add things. */
  readonly markers: Set<string>;
}

/** The three worlds and the five callers of the authorization matrix (anonymous, two parents, two departments' staff). */
export interface Worlds {
  readonly runtime: LocalRuntime;
  readonly A: World;
  readonly B: World;
  readonly Y: World;
  /** Tenant X's own markers (its id, kindergartens, every seeded application, its campaign and export). */
  readonly tenantX: ReadonlySet<string>;
  readonly actors: {
    readonly anonymous: Caller;
    readonly parentA: Caller;
    readonly parentB: Caller;
    /** Tenant X's administrator (the demo department's first admin). */
    readonly staffX: Caller;
    /** Tenant X's operator and analyst, added by its administrator through the API. */
    readonly operatorX: Caller;
    readonly analystX: Caller;
    /** Tenant Y's administrator. */
    readonly staffY: Caller;
  };
}

/** An answer: its status, its text, and its body when the text is JSON. */
export interface Sent {
  readonly status: number;
  readonly text: string;
  readonly body: any;
  readonly headers: Headers;
}

/** A request to send: method, path with its parameters filled in, query, body. */
export interface RequestSpec {
  readonly method: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Sent as is instead of `body` (fuzzing). */
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One request as a caller, with a JSON body unless told otherwise; the answer parsed if it is JSON. */
export async function send(baseUrl: string, caller: Caller, request: RequestSpec): Promise<Sent> {
  const headers: Record<string, string> = {};
  const hasBody = request.body !== undefined || request.rawBody !== undefined;
  // As the web app does: every state change says it is JSON (the API's CSRF defence), with or without a body.
  if (hasBody || request.method !== 'GET') headers['content-type'] = 'application/json';
  if (caller.cookie) headers.cookie = caller.cookie;
  Object.assign(headers, request.headers);
  const query = request.query && Object.keys(request.query).length > 0 ? `?${new URLSearchParams(request.query as Record<string, string>)}` : '';
  const response = await fetch(`${baseUrl}${request.path}${query}`, {
    method: request.method,
    headers,
    ...(hasBody && { body: request.rawBody ?? JSON.stringify(request.body) }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body, headers: response.headers };
}

/** A route called by name as a caller, typed like `Client.call`: an ordinary request of the web app. */
export function callAs<N extends RouteName>(baseUrl: string, caller: Caller, name: N, input: RouteInput<N>, options: { language?: string } = {}): Promise<Sent & { readonly body: RouteAnswer<N> & { readonly error?: any } }> {
  const { body } = input as { body?: unknown };
  const path = routePath(name, input as { params?: unknown; query?: unknown });
  return send(baseUrl, caller, { method: name.slice(0, name.indexOf(' ')), path, ...(body !== undefined && { body }), ...(options.language && { headers: { 'accept-language': options.language } }) });
}

/** Throws with the answer when a setup request did not do what it had to. */
export function expectStatus(sent: Sent, status: number, what: string): Sent {
  if (sent.status !== status) throw new Error(`${what}: expected ${status}, got ${sent.status} ${sent.text.slice(0, 300)}`);
  return sent;
}

function cookieOf(cookies: Map<string, string>): string {
  return `${sessionCookieName}=${cookies.get(sessionCookieName)}`;
}

/** Another session of the same person (for a request that ends its session, e.g. logout). */
export async function anotherSession(runtime: LocalRuntime, caller: Caller): Promise<Caller> {
  if (!caller.cookie) return caller;
  const token = caller.cookie.slice(sessionCookieName.length + 1);
  const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.auth, Key: { authId: `session#${sessionIdOf(token)}` } }));
  if (!Item) throw new Error(`no session behind ${caller.name}'s cookie`);
  const identity: Identity = {
    role: Item.role,
    accountId: Item.accountId,
    displayName: Item.displayName,
    ...(Item.tenantId && { tenantId: Item.tenantId }),
    ...(Item.iin && { iin: Item.iin }),
  };
  const { token: fresh } = await openSession(dependencies().auth, identity, runtime.clock.now(), Item.generation);
  return { name: caller.name, cookie: `${sessionCookieName}=${fresh}` };
}

let serial = 9000;

/** A child IIN nobody has used yet: born two years before `now`, a new serial each time. */
export function freshChildIin(now: Date): string {
  serial += 1;
  const month = String((serial % 12) + 1).padStart(2, '0');
  const day = String((serial % 28) + 1).padStart(2, '0');
  return makeIin(`${now.getUTCFullYear() - 2}-${month}-${day}`, serial % 2 ? 'male' : 'female', serial);
}

/** A new queued application in a world (registered by its staff for its parent, or `parent`); its id joins the world's markers. */
export async function freshApplication(worlds: Worlds, world: World, parent: { readonly iin: string; readonly phone: string } = world.parent): Promise<string> {
  const now = worlds.runtime.clock.now();
  const registered = await callAs(worlds.runtime.url, world.staff, 'POST /api/staff/applications', {
    body: {
      childIin: freshChildIin(now),
      childName: 'Тест Бала',
      applicantIin: parent.iin,
      applicantPhone: parent.phone,
      applicantName: 'Тест Ата-ана',
      priority: 'none',
      kindergartenIds: [world.kindergartenId],
      language: 'ru',
    },
  });
  const applicationId = expectStatus(registered, 201, `registering in world ${world.name}`).body.application.applicationId as string;
  world.markers.add(applicationId);
  return applicationId;
}

/**
 * A staff account added by the world's administrator through the API, with its password set
 * through its one-time link (as its holder would); its login joins the world's markers.
 */
export async function freshStaffAccount(worlds: Worlds, world: World, role: 'admin' | 'operator' | 'analyst' = 'analyst'): Promise<{ login: string; password: string; token: string }> {
  const login = `${role}-${world.name.toLowerCase()}-${Date.now().toString(36)}${(serial++).toString(36)}@test.kezek.kz`;
  const added = await callAs(worlds.runtime.url, world.staff, 'POST /api/staff/accounts', { body: { login, displayName: `Test ${role}`, role } });
  const link = expectStatus(added, 201, `adding ${role} in world ${world.name}`).body.link as { path: string };
  world.markers.add(login);
  return { login, password: 'a long test password', token: link.path.split('#token=')[1]! };
}

/** Sets a staff account's password with the token of its one-time link (the set-password page's request). */
export async function setStaffPassword(runtime: LocalRuntime, token: string, password: string): Promise<Sent> {
  const answer = await setStaffPasswordWithLink(runtime, token, password);
  return { ...answer, text: answer.body === undefined ? '' : JSON.stringify(answer.body) };
}

/** A new draft campaign in a world, starting in ten days (so no job of it runs during a test). */
export async function freshDraftCampaign(worlds: Worlds, world: World): Promise<string> {
  const startsAt = new Date(worlds.runtime.clock.now().getTime() + 10 * 86_400_000);
  const created = await callAs(worlds.runtime.url, world.staff, 'POST /api/staff/campaigns', { body: { year: startsAt.getUTCFullYear(), startsAt: startsAt.toISOString() } });
  const campaignId = expectStatus(created, 201, `creating a campaign in world ${world.name}`).body.campaign.campaignId as string;
  world.markers.add(campaignId);
  return campaignId;
}

async function startedCampaign(runtime: LocalRuntime, staff: Caller, tenant: string): Promise<string> {
  const now = runtime.clock.now();
  const created = await callAs(runtime.url, staff, 'POST /api/staff/campaigns', {
    body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 30 * 86_400_000).toISOString() },
  });
  const campaignId = expectStatus(created, 201, `creating ${tenant}'s campaign`).body.campaign.campaignId as string;
  expectStatus(await callAs(runtime.url, staff, 'POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId } }), 202, `starting ${tenant}'s campaign`);
  await settle(runtime);
  return campaignId;
}

async function aggregatesExport(runtime: LocalRuntime, staff: Caller, campaignId: string): Promise<string> {
  const started = await callAs(runtime.url, staff, 'POST /api/staff/campaigns/{campaignId}/exports', { params: { campaignId }, body: { kind: 'aggregates', language: 'ru' } });
  return expectStatus(started, 202, 'starting an export').body.export.exportId as string;
}

/** Two applicants with applications waiting in the running campaign (so their survey can be sent). */
async function pendingApplicants(runtime: LocalRuntime): Promise<{ iin: string; applicationIds: string[] }[]> {
  const byApplicant = new Map<string, string[]>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDocumentClient().send(
      new ScanCommand({ TableName: runtime.tableNames.applications, FilterExpression: 'attribute_exists(pendingCampaign)', ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) byApplicant.set(item.applicantIin, [...(byApplicant.get(item.applicantIin) ?? []), item.applicationId]);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return [...byApplicant].sort(([a], [b]) => a.localeCompare(b)).map(([iin, applicationIds]) => ({ iin, applicationIds }));
}

async function allApplicationsOf(runtime: LocalRuntime, applicantIin: string): Promise<string[]> {
  return runtime.seed!.data.applications.filter((a) => a.applicantIin === applicantIin).map((a) => a.applicationId);
}

/**
 * Sets the worlds up through the API, as people would: tenant X's campaign running with an
 * export, two parents with waiting applications and notices; tenant Y with a kindergarten, an
 * application, a running campaign and an export.
 */
export async function buildWorlds(runtime: LocalRuntime): Promise<Worlds> {
  const data = runtime.seed!.data;
  const staffXClient = await loginStaff(runtime);
  const staffX: Caller = { name: 'staff X', cookie: cookieOf(staffXClient.cookies) };
  const otherTenant = await addOtherTenant(runtime);
  const staffY: Caller = { name: 'staff Y', cookie: cookieOf((await loginStaff(runtime, otherTenant)).cookies) };

  const campaignX = await startedCampaign(runtime, staffX, 'X');
  const exportX = await aggregatesExport(runtime, staffX, campaignX);
  const [first, second] = await pendingApplicants(runtime);
  if (!first || !second) throw new Error('the demo campaign has fewer than two applicants');
  const parentOf = (iin: string) => data.parents.find((p) => p.iin === iin)!;
  const parentA = parentOf(first.iin);
  const parentB = parentOf(second.iin);
  const parentACaller: Caller = { name: 'parent A', cookie: cookieOf((await loginParent(runtime, parentA)).cookies) };
  const parentBCaller: Caller = { name: 'parent B', cookie: cookieOf((await loginParent(runtime, parentB)).cookies) };
  const notificationIdsOf = async (caller: Caller) =>
    (expectStatus(await callAs(runtime.url, caller, 'GET /api/cabinet/notifications', {}), 200, 'reading notices').body.notifications as { notificationId: string }[]).map(
      (n) => n.notificationId,
    );

  const kindergartenX = data.kindergartens.find((k) => k.languages.includes('ru'))!;
  const xMarkers = ['temirtau', campaignX, exportX, ...data.kindergartens.map((k) => k.kindergartenId), ...data.applications.map((a) => a.applicationId)];
  const birthYearOf = (applicationId: string) => Number(data.applications.find((a) => a.applicationId === applicationId)!.birthDate.slice(0, 4));
  const worldOf = async (name: 'A' | 'B', parent: { iin: string; phone: string }, caller: Caller, pending: string[]): Promise<World> => ({
    name,
    tenantId: 'temirtau',
    staff: staffX,
    staffAccount: { login: data.staff.login, password: data.staff.password },
    parent: { iin: parent.iin, phone: parent.phone },
    applicationId: pending[0]!,
    birthYear: birthYearOf(pending[0]!),
    kindergartenId: kindergartenX.kindergartenId,
    campaignId: campaignX,
    exportId: exportX,
    notificationIds: await notificationIdsOf(caller),
    markers: new Set([parent.iin, ...(await allApplicationsOf(runtime, parent.iin))]),
  });
  const A = await worldOf('A', parentA, parentACaller, first.applicationIds);
  const B = await worldOf('B', parentB, parentBCaller, second.applicationIds);

  // Tenant Y, set up by its own staff through the API.
  const createdKindergarten = await callAs(runtime.url, staffY, 'POST /api/staff/kindergartens', {
    body: {
      kindergartenId: 'balkhash-sad-1',
      name: { kk: 'Балқаш балабақшасы', ru: 'Балхашский детский сад', en: 'Balkhash kindergarten' },
      ownership: 'state',
      languages: ['ru', 'kk'],
      district: 'centre',
      address: 'Балхаш, ул. Ленина 1',
      location: { lat: 46.85, lon: 74.98 },
      capacity: { nursery: 10, junior: 10, middle: 10, senior: 10, preschool: 10 },
    },
  });
  expectStatus(createdKindergarten, 201, "creating Y's kindergarten");
  const yParent = { iin: makeIin('1990-05-05', 'female', 4242), phone: '+77010004242' };
  const Y: World = {
    name: 'Y',
    tenantId: otherTenant.tenantId,
    staff: staffY,
    staffAccount: { login: otherTenant.login, password: otherTenant.password },
    parent: yParent,
    applicationId: '',
    birthYear: runtime.clock.now().getUTCFullYear() - 2,
    kindergartenId: 'balkhash-sad-1',
    campaignId: '',
    exportId: '',
    notificationIds: [],
    markers: new Set([otherTenant.tenantId, 'balkhash-sad-1', 'Балхашский детский сад', yParent.iin]),
  };
  const worlds: Worlds = {
    runtime,
    A,
    B,
    Y,
    tenantX: new Set(xMarkers),
    actors: { anonymous: { name: 'anonymous' }, parentA: parentACaller, parentB: parentBCaller, staffX, operatorX: { name: 'operator X' }, analystX: { name: 'analyst X' }, staffY },
  };
  for (const [actor, role] of [['operatorX', 'operator'], ['analystX', 'analyst']] as const) {
    const account = await freshStaffAccount(worlds, A, role);
    expectStatus(await setStaffPassword(runtime, account.token, account.password), 200, `setting ${role}'s password`);
    Object.assign(worlds.actors, { [actor]: { name: `${role} X`, cookie: cookieOf((await loginStaff(runtime, account)).cookies) } });
  }
  const yApplication = await freshApplication(worlds, Y);
  const campaignY = await startedCampaign(runtime, staffY, 'Y');
  const exportY = await aggregatesExport(runtime, staffY, campaignY);
  await settle(runtime);
  // Y's parent has no session in these tests; their notices (of the registration) are read from the table.
  const { Items: yNotices = [] } = await dynamoDocumentClient().send(
    new QueryCommand({ TableName: runtime.tableNames.notifications, KeyConditionExpression: 'recipientIin = :iin', ExpressionAttributeValues: { ':iin': yParent.iin } }),
  );
  Object.assign(Y, { applicationId: yApplication, campaignId: campaignY, exportId: exportY, notificationIds: yNotices.map((n) => n.notificationId as string) });
  for (const marker of [campaignY, exportY]) Y.markers.add(marker);
  return worlds;
}

/** What a caller must never be shown: the markers of every world that is not theirs. */
export function markersForeignTo(worlds: Worlds, actor: keyof Worlds['actors']): string[] {
  const { A, B, Y, tenantX } = worlds;
  const foreign: Record<keyof Worlds['actors'], Iterable<string>[]> = {
    anonymous: [],
    parentA: [B.markers, Y.markers],
    parentB: [A.markers, Y.markers],
    staffX: [Y.markers],
    operatorX: [Y.markers],
    analystX: [Y.markers],
    staffY: [tenantX, A.markers, B.markers],
  };
  return foreign[actor].flatMap((markers) => [...markers]);
}
