import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStaffRoute, routes, type Role, type RouteDefinition } from '#http/routes';
import type { LocalRuntime } from '../../local/runtime.ts';
import { routeFixtures, requestOf, routesWithoutFixture, type ForeignRefusal, type RouteFixture } from '../support/route-requests.ts';
import { settle, startTestRuntime } from '../support/runtime.ts';
import { snapshotChanges, snapshotTables, writableTables } from '../support/table-snapshot.ts';
import { anotherSession, buildWorlds, callAs, markersForeignTo, send, type Sent, type WorldName, type Worlds } from '../support/worlds.ts';

/**
 * The authorization matrix, generated from the route table: every route × every actor (a
 * department's admin, operator and analyst among them) × the
 * actor's own ids and someone else's, each with the outcome computed from the route's access and
 * from who owns the ids. A refused write must leave the tables as they were; an answer must never
 * show another world's data.
 */

type ActorName = keyof Worlds['actors'];
const actorNames: readonly ActorName[] = ['anonymous', 'parentA', 'parentB', 'staffX', 'operatorX', 'analystX', 'staffY'];
const roleOf: Record<ActorName, Role | undefined> = {
  anonymous: undefined,
  parentA: 'parent',
  parentB: 'parent',
  staffX: 'admin',
  operatorX: 'operator',
  analystX: 'analyst',
  staffY: 'admin',
};
/** Whose ids an actor holds as its own, and whose it tries as someone else's. */
const homeWorld: Record<ActorName, WorldName> = { anonymous: 'A', parentA: 'A', parentB: 'B', staffX: 'A', operatorX: 'A', analystX: 'A', staffY: 'Y' };
const foreignWorld: Record<ActorName, WorldName> = { anonymous: 'Y', parentA: 'B', parentB: 'A', staffX: 'Y', operatorX: 'Y', analystX: 'Y', staffY: 'A' };
/** Each department's staff; its audit trail shows the ids they themselves sent, foreign ones too. */
const departmentOf: Partial<Record<ActorName, 'X' | 'Y'>> = { staffX: 'X', operatorX: 'X', analystX: 'X', staffY: 'Y' };
const sentByDepartment: Record<'X' | 'Y', string[]> = { X: [], Y: [] };
const auditTrailHandlers: readonly string[] = ['staff-audit-events', 'staff-audit-export'];

/** A parent owns their applications; staff own everything of their tenant (worlds A and B are both tenant X). */
const owned: Record<ActorName, readonly WorldName[]> = {
  anonymous: [],
  parentA: ['A'],
  parentB: ['B'],
  staffX: ['A', 'B'],
  operatorX: ['A', 'B'],
  analystX: ['A', 'B'],
  staffY: ['Y'],
};

/** `forbidden`: a parent on a staff route; `role_not_allowed`: staff whose role the route does not name. */
type Outcome = 'allow' | 'unauthenticated' | 'forbidden' | 'role_not_allowed' | ForeignRefusal;
type IdKind = 'own' | 'foreign' | 'none';

interface Cell {
  readonly route: string;
  readonly actor: ActorName;
  readonly ids: IdKind;
  readonly expected: Outcome;
  readonly observed: string;
  readonly status: number;
  /** Tables a refused write changed (must be none). */
  readonly changed: readonly string[];
  /** Another world's markers found in the answer (must be none). */
  readonly shown: readonly string[];
}

let runtime: LocalRuntime;
let worlds: Worlds;
const cells: Cell[] = [];

beforeAll(async () => {
  // A small city (as fuzz.test.ts): the worlds need two parents with pending applications and
  // another department; every refused write rescans the tables it may write, so fewer rows is faster.
  runtime = await startTestRuntime(100);
  worlds = await buildWorlds(runtime);
});

afterAll(async () => {
  if (cells.length > 0) {
    const allowed = cells.filter((c) => c.expected === 'allow').length;
    // A leak: let through when it should be refused, a refused write that wrote, or another world's data shown.
    const leaks = cells.filter((c) => (c.expected !== 'allow' && c.observed === 'allow') || c.changed.length > 0 || c.shown.length > 0).length;
    const idRoutes = routes.filter((r) => routeFixtures[r.handler].ids !== 'none').length;
    console.info(
      `[authorization matrix] ${routes.length} routes (${idRoutes} with ids × {own, foreign}, ${routes.length - idRoutes} without ids) × ${actorNames.length} actors = ${cells.length} cells: ` +
        `${allowed} allowed, ${cells.length - allowed} denied (${countBy(cells.filter((c) => c.expected !== 'allow'), (c) => c.expected)}), ` +
        `${cells.filter((c) => c.observed !== c.expected).length} mismatches, ${leaks} leaks; ${refusedWrites} refused writes checked unchanged; ` +
        `statuses of allowed cells: ${countBy(cells.filter((c) => c.expected === 'allow'), (c) => String(c.status))}`,
    );
  }
  await runtime?.stop();
});

let refusedWrites = 0;

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}

function expectedOutcome(route: RouteDefinition, fixture: RouteFixture, actor: ActorName, world: WorldName, ids: IdKind): Outcome {
  if (route.access === 'public') return 'allow';
  const role = roleOf[actor];
  if (!role) return 'unauthenticated';
  if (!route.access.includes(role)) return role === 'parent' ? 'forbidden' : 'role_not_allowed';
  if (ids === 'none' || owned[actor].includes(world)) return 'allow';
  return fixture.foreign ?? 'not_found';
}

/** What the answer says about access (a state-caused refusal the fixture names counts as let through). */
function observedOutcome(sent: Sent, fixture: RouteFixture): string {
  const code: string | undefined = sent.body?.error?.code;
  if (sent.status >= 200 && sent.status < 300) return 'allow';
  // API Gateway's own answer to a request without a Cookie header (the local server mimics it).
  if (sent.status === 401 && (code === 'unauthenticated' || sent.body?.message === 'Unauthorized')) return 'unauthenticated';
  if (sent.status === 403 && code === 'forbidden') return 'forbidden';
  if (sent.status === 403 && code === 'role_not_allowed') return 'role_not_allowed';
  if (sent.status === 404 && code === 'not_found') return 'not_found';
  if (sent.status === 400 && (code === 'validation_failed' || code === 'import_rejected')) return 'invalid';
  if (code && fixture.allowedProblems?.includes(code as never)) return 'allow';
  return `unexpected ${sent.status} ${code ?? sent.text.slice(0, 80)}`;
}

function decodedOrAsIs(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function runCell(route: RouteDefinition, actor: ActorName, ids: IdKind): Promise<Cell> {
  const fixture = routeFixtures[route.handler as keyof typeof routeFixtures];
  const home = homeWorld[actor];
  const world = ids === 'foreign' ? foreignWorld[actor] : home;
  const expected = expectedOutcome(route, fixture, actor, world, ids);
  // Prepare: a valid request with the world's ids (fresh ones where the request uses them up)
  const request = requestOf(route, await fixture.build(worlds, worlds[world], worlds[home]));
  const caller = fixture.endsSession ? await anotherSession(runtime, worlds.actors[actor]) : worlds.actors[actor];
  const refused = expected !== 'allow' && route.method !== 'GET';
  const tables = writableTables(route.grants);
  let before;
  let smsBefore = 0;
  if (refused) {
    await settle(runtime);
    before = await snapshotTables(runtime.tableNames, tables);
    smsBefore = runtime.notifier.outbox.length;
  }
  // Act
  const sent = await send(runtime.url, caller, request);
  // Assess: the outcome, nothing written when refused, nothing of another world shown
  const changed: string[] = [];
  if (before) {
    refusedWrites++;
    changed.push(...snapshotChanges(before, await snapshotTables(runtime.tableNames, tables)).map((c) => `${c.table} (+${c.added.length} −${c.removed.length})`));
    if (runtime.notifier.outbox.length !== smsBefore) changed.push('sms');
  }
  let observed = observedOutcome(sent, fixture);
  if (expected === 'no_effect' && observed === 'allow' && changed.length === 0) observed = 'no_effect';
  const sentText = JSON.stringify(request);
  const department = departmentOf[actor];
  // The audit trail records what the department's own staff asked for, a foreign id they tried included.
  const ownRequests = department && auditTrailHandlers.includes(route.handler) ? sentByDepartment[department] : [];
  const shown =
    route.access === 'public'
      ? []
      : markersForeignTo(worlds, actor).filter((marker) => sent.text.includes(marker) && !sentText.includes(marker) && !ownRequests.some((text) => text.includes(marker)));
  // Path parameters travel percent-encoded (an e-mail login's @ as %40); the trail shows them decoded.
  if (department) sentByDepartment[department].push(sentText, decodedOrAsIs(sentText));
  return { route: `${route.method} ${route.path}`, actor, ids, expected, observed, status: sent.status, changed, shown };
}

describe('the authorization matrix', () => {
  it('should have a request for every route of the route table', () => {
    expect(routesWithoutFixture()).toEqual([]);
  });

  for (const route of routes as readonly RouteDefinition[]) {
    it(`should let through exactly whom it should and leak nothing: ${route.method} ${route.path}`, async () => {
      const fixture = routeFixtures[route.handler as keyof typeof routeFixtures];
      expect(fixture, `no fixture for ${route.handler}`).toBeDefined();
      const kinds: IdKind[] = fixture.ids === 'none' ? ['none'] : ['own', 'foreign'];
      const mine: Cell[] = [];
      for (const actor of actorNames) {
        for (const ids of kinds) mine.push(await runCell(route, actor, ids));
      }
      cells.push(...mine);
      const wrong = mine.filter((c) => c.observed !== c.expected || c.changed.length > 0 || c.shown.length > 0);
      expect(wrong, JSON.stringify(wrong, null, 1)).toEqual([]);
    });
  }
});

/** Fields only the system sets; a request smuggling them in must not move them. */
function smuggled(worlds: Worlds): Record<string, unknown> {
  return {
    status: 'enrolled',
    priority: 'extraordinary',
    position: 424242,
    validUntil: '2099-12-31',
    version: 987654321,
    history: [{ action: 'sentinel-history' }],
    tenantId: 'sentinel-tenant',
    applicantIin: worlds.B.parent.iin,
  };
}

/** Texts that would show a smuggled value was stored (the values above, as stored JSON). */
function smuggledTraces(worlds: Worlds): string[] {
  return ['"status":"enrolled"', '"priority":"extraordinary"', '424242', '2099-12-31', '987654321', 'sentinel-history', 'sentinel-tenant', worlds.B.parent.iin];
}

/** The caller a route is meant for, with their own ids. */
function rightfulCaller(route: RouteDefinition): ActorName {
  if (route.access === 'public') return 'anonymous';
  return isStaffRoute(route) ? 'staffX' : 'parentA';
}

describe('property-level authorization', () => {
  const writes = (routes as readonly RouteDefinition[]).filter((route) => route.method !== 'GET');

  for (const route of writes.filter((r) => r.body)) {
    it(`should refuse a body that sets a field only the system sets, and write nothing: ${route.method} ${route.path}`, async () => {
      const fixture = routeFixtures[route.handler as keyof typeof routeFixtures];
      const actor = rightfulCaller(route);
      const home = worlds[homeWorld[actor]];
      const tables = writableTables(route.grants);
      const refusedFields: string[] = [];
      for (const [field, value] of Object.entries(smuggled(worlds))) {
        if (fixture.inputs?.includes(field)) continue;
        // Prepare: the rightful request plus one field it must not carry
        const request = requestOf(route, await fixture.build(worlds, home, home));
        const caller = fixture.endsSession ? await anotherSession(runtime, worlds.actors[actor]) : worlds.actors[actor];
        await settle(runtime);
        const before = await snapshotTables(runtime.tableNames, tables);
        // Act
        const sent = await send(runtime.url, caller, { ...request, body: { ...(request.body as object), [field]: value } });
        // Assess
        const changes = snapshotChanges(before, await snapshotTables(runtime.tableNames, tables));
        expect(sent.status, `${field}: ${sent.text}`).toBe(400);
        expect(sent.body.error.code).toBe('validation_failed');
        expect(changes, field).toEqual([]);
        refusedFields.push(field);
      }
      expect(refusedFields.length).toBeGreaterThan(0);
    });
  }

  for (const route of writes.filter((r) => !r.body)) {
    it(`should refuse a body on a route that takes none, naming its fields, and change nothing: ${route.method} ${route.path}`, async () => {
      // Prepare
      const fixture = routeFixtures[route.handler as keyof typeof routeFixtures];
      const actor = rightfulCaller(route);
      const home = worlds[homeWorld[actor]];
      const request = requestOf(route, await fixture.build(worlds, home, home));
      const caller = fixture.endsSession ? await anotherSession(runtime, worlds.actors[actor]) : worlds.actors[actor];
      const tables = writableTables(route.grants);
      await settle(runtime);
      const before = await snapshotTables(runtime.tableNames, tables);
      // Act
      const sent = await send(runtime.url, caller, { ...request, body: smuggled(worlds) });
      await settle(runtime);
      // Assess: refused before the route did anything (its fields named), and no smuggled value is stored
      expect([sent.status, sent.body?.error?.code], sent.text).toEqual([400, 'validation_failed']);
      expect(sent.body.error.fields.map((field: { path: string }) => field.path), sent.text).toEqual(['(body)']);
      expect(sent.body.error.fields[0].message, sent.text).toMatch(/^(Unknown fields|Белгісіз өрістер|Неизвестные поля): /);
      const changes = snapshotChanges(before, await snapshotTables(runtime.tableNames, tables));
      const written = changes.flatMap((change) => change.added);
      const overwritten = changes.flatMap((change) => change.removed);
      for (const trace of smuggledTraces(worlds)) {
        // Items that held the value already (parent B's own applications, whose positions the job
        // moved meanwhile) are no trace of smuggling: only more items holding it than before are.
        const more = written.filter((item) => item.includes(trace)).length - overwritten.filter((item) => item.includes(trace)).length;
        expect(more > 0 ? written.filter((item) => item.includes(trace)) : [], trace).toEqual([]);
      }
    });
  }

  it("should not let another department's registration change a parent's phone", async () => {
    // Prepare: staff of Y name parent A as the applicant, with a phone of their choosing
    const parentA = worlds.A.parent;
    const request = requestOf(routes.find((r) => r.handler === 'staff-register-application')!, await routeFixtures['staff-register-application'].build(worlds, worlds.Y, worlds.Y));
    // Act
    const sent = await send(runtime.url, worlds.actors.staffY, { ...request, body: { ...(request.body as object), applicantIin: parentA.iin, applicantPhone: '+77019999999' } });
    // Assess: refused, naming the phone on file (masked); A's login codes still go to A's own phone
    expect([sent.status, sent.body?.error?.code], sent.text).toEqual([409, 'phone_on_file_differs']);
    const code = await callAs(runtime.url, worlds.actors.anonymous, 'POST /api/auth/parent/code', { body: { iin: parentA.iin } });
    expect([202, 429]).toContain(code.status);
    if (code.status === 202) expect(runtime.notifier.lastTo('+77019999999')).toBeUndefined();
  });
});
