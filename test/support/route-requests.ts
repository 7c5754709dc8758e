import { makeIin } from '#domain/iin';
import { currentSurvey } from '#domain/survey-definition';
import type { ProblemCode } from '#http/problems';
import { routes, type HandlerName, type RouteDefinition } from '#http/routes';
import { queueCsv } from './csv.ts';
import { freshApplication, freshChildIin, freshDraftCampaign, freshStaffAccount, callAs, type RequestSpec, type World, type Worlds } from './worlds.ts';
import { nextStaffCode } from './runtime.ts';

/**
 * A valid request for every route of the route table, built with the ids of one world: the
 * authorization matrix sends it as every actor, the fuzzer mutates it. Keyed by handler name, so
 * a route added to the table without an entry here fails `tsc` and the coverage test.
 */

/**
 * Where a route's request carries ids that belong to someone. `none`: a list, a login or a
 * creation; the matrix builds it with the caller's own world (its tenant's districts, its login).
 */
export type IdPlace = 'path' | 'query' | 'body' | 'none';

/**
 * How the right role is refused another world's ids: `not_found` (the house rule: outside your
 * scope does not exist), `invalid` (400: an id in a body that is not one of the caller's), or
 * `no_effect` (2xx that touches and shows nothing of the other world, e.g. a filter).
 */
export type ForeignRefusal = 'not_found' | 'invalid' | 'no_effect';

export interface RouteRequest {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface RouteFixture {
  readonly ids: IdPlace;
  readonly foreign?: ForeignRefusal;
  /** Domain answers that show the request was let through to its resource (its state said no). */
  readonly allowedProblems?: readonly ProblemCode[];
  /** Ends the caller's session: the matrix gives the caller a session of its own for it. */
  readonly endsSession?: boolean;
  /** Fields that are inputs of this route's body although other routes must never take them. */
  readonly inputs?: readonly string[];
  /**
   * The request with the ids of `world`; `home` is the caller's own world, for the parts that
   * must be valid for the caller whatever ids they try (e.g. a district of their tenant).
   */
  build(worlds: Worlds, world: World, home: World): Promise<RouteRequest>;
}

const sameRequest = (request: RouteRequest) => async () => request;
let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

function kindergartenBody(name: string, district: string) {
  return {
    name: { kk: name, ru: name, en: name },
    ownership: 'state',
    languages: ['ru'],
    district,
    address: 'test address',
    location: { lat: 50.06, lon: 72.96 },
    capacity: { nursery: 5, junior: 5, middle: 5, senior: 5, preschool: 5 },
  };
}

/** A district of the world's tenant (the form refuses one of another tenant). */
function districtOf(worlds: Worlds, world: World): string {
  return world.name === 'Y' ? 'centre' : worlds.runtime.seed!.data.kindergartens[0]!.district;
}

/** One queue row referring to the world's kindergarten, with a child nobody has used. */
function queueRow(worlds: Worlds, world: World): string {
  const birthYear = worlds.runtime.clock.now().getUTCFullYear() - 2;
  return queueCsv(1, { birthYear, kindergartenIds: [world.kindergartenId], prefix: `Z${unique()}`, serialBase: 9500 + (sequence % 400) });
}

const surveyAnswers = (kindergartenId: string) => ({
  kindergartens: [kindergartenId],
  ownership: { choice: 'state', reasons: ['quality'] },
  language: { choice: 'kk' },
  fee: { choice: 'up-to-20000' },
  activities: { options: ['chess'] },
  digital: { options: ['android'] },
});

/** The valid request of each route, by handler name (a route without one fails `tsc` and the coverage test). */
export const routeFixtures: Record<HandlerName, RouteFixture> = {
  health: { ids: 'none', build: sameRequest({}) },
  openapi: { ids: 'none', build: sameRequest({}) },
  'parent-login-code': {
    ids: 'none',
    allowedProblems: ['rate_limited'],
    // An IIN without a cabinet: the same 202, and no SMS is paid for.
    build: async (worlds) => ({ body: { iin: freshChildIin(worlds.runtime.clock.now()) } }),
  },
  'parent-login-session': {
    ids: 'none',
    allowedProblems: ['invalid_login_code', 'rate_limited'],
    build: async (worlds) => ({ body: { iin: freshChildIin(worlds.runtime.clock.now()), code: '000000' } }),
  },
  'staff-login-session': {
    ids: 'none',
    allowedProblems: ['rate_limited'],
    build: async (worlds, world) => ({
      body: { login: world.staffAccount.login, password: world.staffAccount.password, code: await nextStaffCode(worlds.runtime, world.staffAccount.login) },
    }),
  },
  logout: { ids: 'none', endsSession: true, build: sameRequest({}) },
  me: { ids: 'none', build: sameRequest({}) },
  'cabinet-applications': { ids: 'none', build: sameRequest({}) },
  'staff-kindergartens': { ids: 'none', build: sameRequest({}) },
  'staff-create-kindergarten': {
    ids: 'none',
    build: async (worlds, world) => ({ body: kindergartenBody(`Тест ${unique()}`, districtOf(worlds, world)) }),
  },
  'staff-get-kindergarten': { ids: 'path', build: async (_worlds, world) => ({ params: { kindergartenId: world.kindergartenId } }) },
  'staff-update-kindergarten': {
    ids: 'path',
    allowedProblems: ['kindergarten_changed'],
    inputs: ['version'],
    build: async (worlds, world, home) => {
      const form = await callAs(worlds.runtime.url, world.staff, 'GET /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: world.kindergartenId } });
      const { kindergarten } = form.body as { kindergarten: Record<string, any> };
      const district = world.tenantId === home.tenantId ? kindergarten.district : districtOf(worlds, home);
      return {
        params: { kindergartenId: world.kindergartenId },
        body: {
          version: kindergarten.version,
          name: kindergarten.name,
          ownership: kindergarten.ownership,
          languages: kindergarten.languages,
          district,
          address: kindergarten.address,
          location: kindergarten.location,
          capacity: kindergarten.capacity,
        },
      };
    },
  },
  'staff-districts': { ids: 'none', build: sameRequest({}) },
  'cabinet-restore': {
    ids: 'path',
    // A queued application cannot be restored: its state says no, after the scope said yes.
    allowedProblems: ['transition_not_allowed', 'restores_automatically'],
    build: async (worlds, world) => ({ params: { applicationId: await freshApplication(worlds, world) } }),
  },
  'cabinet-withdraw': { ids: 'path', build: async (worlds, world) => ({ params: { applicationId: await freshApplication(worlds, world) } }) },
  'staff-register-application': {
    ids: 'body',
    foreign: 'invalid',
    inputs: ['priority', 'applicantIin'],
    build: async (worlds, world) => ({
      body: {
        childIin: freshChildIin(worlds.runtime.clock.now()),
        childName: 'Тест Бала',
        applicantIin: world.parent.iin,
        applicantPhone: world.parent.phone,
        applicantName: 'Тест Ата-ана',
        priority: 'none',
        kindergartenIds: [world.kindergartenId],
        language: 'ru',
      },
    }),
  },
  // By the world's application number: another department's search finds nothing of it (the tenant bounds the lookup).
  'staff-search-applications': {
    ids: 'query',
    foreign: 'no_effect',
    build: async (_worlds, world) => ({ query: { q: world.applicationId } }),
  },
  'staff-get-application': { ids: 'path', build: async (_worlds, world) => ({ params: { applicationId: world.applicationId } }) },
  'staff-queue': {
    ids: 'query',
    foreign: 'no_effect',
    build: async (_worlds, world) => ({ query: { birthYear: String(world.birthYear), kindergartenId: world.kindergartenId } }),
  },
  'staff-change-kindergartens': {
    ids: 'path',
    build: async (worlds, world) => ({ params: { applicationId: await freshApplication(worlds, world) }, body: { kindergartenIds: [world.kindergartenId] } }),
  },
  'staff-change-applicant-phone': {
    ids: 'path',
    // A parent of its own: changing the world's parent's phone would refuse every later registration of theirs.
    build: async (worlds, world) => {
      const parent = { iin: makeIin('1987-06-25', sequence % 2 ? 'male' : 'female', 6000 + (sequence++ % 3000)), phone: `+7701${String(1_000_000 + sequence).slice(-7)}` };
      world.markers.add(parent.iin);
      return { params: { applicationId: await freshApplication(worlds, world, parent) }, body: { phone: `+7702${String(1_000_000 + sequence).slice(-7)}`, expectedVersion: 0 } };
    },
  },
  'staff-issue-referral': {
    ids: 'path',
    allowedProblems: ['no_free_place'],
    build: async (worlds, world) => ({ params: { applicationId: await freshApplication(worlds, world) }, body: { kindergartenId: world.kindergartenId } }),
  },
  'staff-enroll': {
    ids: 'path',
    // Only a referred child can be enrolled; a queued one is refused by its state.
    allowedProblems: ['transition_not_allowed'],
    build: async (worlds, world) => ({ params: { applicationId: await freshApplication(worlds, world) } }),
  },
  'staff-restore': {
    ids: 'path',
    // A queued application cannot be restored: its state says no, after the scope and the role said yes.
    allowedProblems: ['transition_not_allowed'],
    build: async (worlds, world) => ({ params: { applicationId: await freshApplication(worlds, world) } }),
  },
  'staff-withdraw': {
    ids: 'path',
    build: async (worlds, world) => ({ params: { applicationId: await freshApplication(worlds, world) }, body: { reason: 'test' } }),
  },
  'staff-import-check': {
    ids: 'body',
    foreign: 'invalid',
    build: async (worlds, world) => ({ params: { kind: 'applications' }, body: { csv: queueRow(worlds, world) } }),
  },
  'staff-import-rows': {
    ids: 'body',
    foreign: 'invalid',
    build: async (worlds, world) => ({ params: { kind: 'applications' }, body: { csv: queueRow(worlds, world), firstLine: 2 } }),
  },
  'staff-recompute-positions': { ids: 'none', build: sameRequest({}) },
  'public-campaign': { ids: 'none', build: async (_worlds, world) => ({ query: { tenantId: world.tenantId } }) },
  // Public identity of the demo's site; a host without a department answers 404 site_not_found.
  'public-site': { ids: 'none', allowedProblems: ['site_not_found'], build: sameRequest({ query: { host: 'localhost' } }) },
  // A link nobody was given: refused as unknown, whoever sends it.
  'staff-set-password': {
    ids: 'none',
    allowedProblems: ['invitation_invalid'],
    build: sameRequest({ body: { token: 'A'.repeat(43), password: 'a long enough password', code: '123456' } }),
  },
  'staff-start-enrolment': {
    ids: 'none',
    allowedProblems: ['invitation_invalid'],
    build: sameRequest({ body: { token: 'A'.repeat(43) } }),
  },
  'staff-reset-second-factor': {
    ids: 'path',
    inputs: ['version'],
    build: async (worlds, world) => ({ params: { login: (await freshStaffAccount(worlds, world)).login }, body: { version: 0 } }),
  },
  'staff-second-factor': { ids: 'none', build: sameRequest({}) },
  'staff-accounts': { ids: 'none', build: sameRequest({}) },
  'staff-create-account': {
    ids: 'none',
    build: async () => ({ body: { login: `added-${unique()}@test.kezek.kz`, displayName: 'Added by the matrix', role: 'analyst' } }),
  },
  // A fresh analyst of the world's department each time: the change uses up its version.
  'staff-update-account': {
    ids: 'path',
    inputs: ['version'],
    build: async (worlds, world) => ({ params: { login: (await freshStaffAccount(worlds, world)).login }, body: { version: 0, role: 'operator' } }),
  },
  'staff-reset-password': {
    ids: 'path',
    inputs: ['version'],
    build: async (worlds, world) => ({ params: { login: (await freshStaffAccount(worlds, world)).login }, body: { version: 0 } }),
  },
  'staff-campaigns': { ids: 'none', build: sameRequest({}) },
  'staff-create-campaign': {
    ids: 'none',
    build: async (worlds) => {
      const startsAt = new Date(worlds.runtime.clock.now().getTime() + 20 * 86_400_000);
      return { body: { year: startsAt.getUTCFullYear(), startsAt: startsAt.toISOString() } };
    },
  },
  'staff-get-campaign': { ids: 'path', build: async (_worlds, world) => ({ params: { campaignId: world.campaignId } }) },
  'staff-preview-campaign': { ids: 'path', build: async (_worlds, world) => ({ params: { campaignId: world.campaignId } }) },
  // A draft of the actor's world (a fresh one: the world's own campaign runs already).
  'staff-request-preview': { ids: 'path', build: async (worlds, world) => ({ params: { campaignId: await freshDraftCampaign(worlds, world) } }) },
  'staff-start-campaign': {
    ids: 'path',
    // Each tenant already runs a campaign: a second one is refused by that, once in scope.
    allowedProblems: ['campaign_already_active'],
    build: async (worlds, world) => ({ params: { campaignId: await freshDraftCampaign(worlds, world) } }),
  },
  'staff-cancel-campaign': { ids: 'path', build: async (worlds, world) => ({ params: { campaignId: await freshDraftCampaign(worlds, world) } }) },
  'staff-campaign-dashboard': { ids: 'path', build: async (_worlds, world) => ({ params: { campaignId: world.campaignId } }) },
  'staff-create-export': {
    ids: 'path',
    build: async (_worlds, world) => ({ params: { campaignId: world.campaignId }, body: { kind: 'aggregates', language: 'kk' } }),
  },
  'staff-get-export': { ids: 'path', build: async (_worlds, world) => ({ params: { campaignId: world.campaignId, exportId: world.exportId } }) },
  'staff-settings': { ids: 'none', build: sameRequest({}) },
  // The settings as they stand, saved again over the version read: a new version, the same policy for the other tests.
  'staff-save-settings': {
    ids: 'none',
    inputs: ['version'],
    build: async (worlds, _world, home) => {
      const read = await callAs(worlds.runtime.url, home.staff, 'GET /api/staff/settings', {});
      const { version, policy, surveyVersion, contacts, languages } = (read.body as { settings: Record<string, unknown> }).settings;
      return { body: { version, policy, surveyVersion, contacts, languages } };
    },
  },
  'staff-audit-events': { ids: 'none', build: sameRequest({}) },
  'staff-audit-export': { ids: 'none', build: sameRequest({}) },
  'cabinet-survey': { ids: 'none', build: sameRequest({}) },
  'cabinet-survey-submit': {
    ids: 'none',
    inputs: ['version'],
    // Both parents are in tenant X: the kindergartens are X's whoever's world it is.
    build: async (worlds) => ({ body: { version: currentSurvey().version, answers: surveyAnswers(worlds.A.kindergartenId) } }),
  },
  'cabinet-notifications': { ids: 'none', build: sameRequest({}) },
  'cabinet-contacts': { ids: 'none', build: sameRequest({}) },
  'staff-unreachable-parents': { ids: 'none', build: sameRequest({}) },
  'cabinet-save-contacts': { ids: 'none', build: sameRequest({ body: { language: 'kk' } }) },
  'cabinet-notifications-read': {
    ids: 'body',
    foreign: 'no_effect',
    build: async (_worlds, world) => ({ body: { notificationIds: world.notificationIds.slice(0, 2) } }),
  },
};

/** The path with its parameters filled in (percent-encoded); throws if one is missing. */
export function pathOf(route: RouteDefinition, params: Readonly<Record<string, string>> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.handler}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
}

/** A route's request as the local server takes it; the fixture's parts are checked against the route's schemas first. */
export function requestOf(route: RouteDefinition, request: RouteRequest): RequestSpec {
  route.params?.parse(request.params ?? {});
  route.query?.parse(request.query ?? {});
  if (route.body) route.body.parse(request.body);
  return { method: route.method, path: pathOf(route, request.params), query: request.query, body: route.body ? request.body : undefined };
}

/** The routes of the table that have no fixture (a new route must get one). */
export function routesWithoutFixture(): string[] {
  return (routes as readonly RouteDefinition[]).filter((route) => !(route.handler in routeFixtures)).map((route) => route.handler);
}
