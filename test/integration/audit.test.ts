import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { routeFor } from '#http/routes';
import type { LocalRuntime } from '../../local/runtime.ts';
import { requestOf, routeFixtures } from '../support/route-requests.ts';
import { settle, startTestRuntime } from '../support/runtime.ts';
import { buildWorlds, callAs, expectStatus, freshApplication, send, type Worlds } from '../support/worlds.ts';

/**
 * The audit trail on the local runtime: every audited staff route leaves one event under its
 * action name, a refused request its problem code, a change its event in its own transaction;
 * the administrator's list is the tenant's own, filters and pages; the CSV has no IIN.
 */

let runtime: LocalRuntime;
let worlds: Worlds;

beforeAll(async () => {
  runtime = await startTestRuntime(60);
  worlds = await buildWorlds(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

/** The newest events of a tenant, read straight from the table (not through the code under test). */
async function newestEvents(tenantId: string, limit = 1): Promise<Record<string, any>[]> {
  const { Items = [] } = await dynamoDocumentClient().send(
    new QueryCommand({ TableName: runtime.tableNames.audit, KeyConditionExpression: 'tenantId = :t', ExpressionAttributeValues: { ':t': tenantId }, ScanIndexForward: false, Limit: limit }),
  );
  return Items;
}

/** The audited staff routes and the action each must be recorded under, written out by hand. */
const expectedActions = {
  'staff-create-kindergarten': 'kindergarten.create',
  'staff-update-kindergarten': 'kindergarten.update',
  'staff-register-application': 'application.register',
  'staff-get-application': 'application.view',
  'staff-change-applicant-phone': 'application.change-applicant-phone',
  'staff-queue': 'queue.view',
  'staff-change-kindergartens': 'application.change-kindergartens',
  'staff-issue-referral': 'application.issue-referral',
  'staff-enroll': 'application.enroll',
  'staff-withdraw': 'application.withdraw',
  'staff-restore': 'application.restore',
  'staff-import-check': 'import.check',
  'staff-import-rows': 'import.rows',
  'staff-recompute-positions': 'queue.recompute-positions',
  'staff-create-campaign': 'campaign.create',
  'staff-request-preview': 'campaign.preview',
  'staff-start-campaign': 'campaign.start',
  'staff-cancel-campaign': 'campaign.cancel',
  'staff-create-export': 'export.create',
  'staff-audit-events': 'audit.view',
  'staff-audit-export': 'audit.export',
  'staff-search-applications': 'application.search',
  'staff-save-settings': 'settings.update',
  'staff-unreachable-parents': 'parent.list-unreachable',
} as const;

describe('the audit trail', () => {
  it('should record one event per audited staff request, under its action name, with the outcome', async () => {
    const observed: Record<string, { action: string; outcome: string; actor: string; tenant: string }> = {};
    for (const [handler, action] of Object.entries(expectedActions)) {
      // Prepare
      const route = routeFor(handler as keyof typeof expectedActions);
      const fixture = routeFixtures[handler as keyof typeof expectedActions];
      const request = requestOf(route, await fixture.build(worlds, worlds.A, worlds.A));

      // Act
      const sent = await send(runtime.url, worlds.A.staff, request);

      // Assess
      const [event] = await newestEvents(worlds.A.tenantId);
      const expectedOutcome = sent.status < 300 ? 'success' : sent.body?.error?.code;
      expect(event?.action, `${handler}: ${sent.status} ${sent.text.slice(0, 200)}`).toBe(action);
      observed[handler] = { action: event!.action, outcome: event!.outcome, actor: event!.actor.accountId, tenant: event!.tenantId };
      expect(observed[handler]).toEqual({ action, outcome: expectedOutcome, actor: `staff#${worlds.A.staffAccount.login}`, tenant: worlds.A.tenantId });
    }
    expect(Object.keys(observed)).toHaveLength(24);
  });

  it('should name the record of an application action, and keep no IIN or phone in the event', async () => {
    // Prepare
    const applicationId = await freshApplication(worlds, worlds.A);

    // Act
    expectStatus(await callAs(runtime.url, worlds.A.staff, 'GET /api/staff/applications/{applicationId}', { params: { applicationId } }), 200, 'viewing');

    // Assess
    const [event] = await newestEvents(worlds.A.tenantId);
    expect(event).toMatchObject({ action: 'application.view', record: { type: 'application', id: applicationId }, outcome: 'success' });
    expect(JSON.stringify(event)).not.toMatch(/\d{12}|\+7\d{10}/);
  });

  it('should record a refused action with its problem code', async () => {
    // Prepare: a queued application cannot be enrolled (only a referred one can).
    const applicationId = await freshApplication(worlds, worlds.A);

    // Act
    const sent = await callAs(runtime.url, worlds.A.staff, 'POST /api/staff/applications/{applicationId}/enrollment', { params: { applicationId } });

    // Assess
    expect(sent.status).toBe(409);
    const [event] = await newestEvents(worlds.A.tenantId);
    expect(event).toMatchObject({ action: 'application.enroll', record: { type: 'application', id: applicationId }, outcome: 'transition_not_allowed' });
  });

  it('should record an attempt on another department’s record as not found, in the caller’s own trail', async () => {
    // Act
    const sent = await callAs(runtime.url, worlds.A.staff, 'GET /api/staff/applications/{applicationId}', { params: { applicationId: worlds.Y.applicationId } });

    // Assess
    expect(sent.status).toBe(404);
    const [own] = await newestEvents(worlds.A.tenantId);
    expect(own).toMatchObject({ action: 'application.view', record: { type: 'application', id: worlds.Y.applicationId }, outcome: 'not_found' });
    const [theirs] = await newestEvents(worlds.Y.tenantId);
    expect(theirs?.record?.id).not.toBe(worlds.Y.applicationId);
  });

  it('should commit a withdrawal’s event in the withdrawal’s own transaction, with no request more than an unaudited withdrawal', async () => {
    // Prepare: the parent's own withdrawal runs the same use case and is not audited.
    const parents = await freshApplication(worlds, worlds.A);
    const staffs = await freshApplication(worlds, worlds.A);
    // Both have their queue positions (a withdrawal with a position asks for a recompute; one without does not).
    await settle(runtime);
    const byParent = await callAs(runtime.url, worlds.actors.parentA, 'POST /api/cabinet/applications/{applicationId}/withdrawal', { params: { applicationId: parents } });
    expect(byParent.status).toBe(200);

    // Act
    const byStaff = await callAs(runtime.url, worlds.A.staff, 'POST /api/staff/applications/{applicationId}/withdrawal', { params: { applicationId: staffs }, body: { reason: 'test' } });

    // Assess
    expect(byStaff.status).toBe(200);
    const requestsOf = (sent: { headers: Headers }) => JSON.parse(sent.headers.get('x-kezek-dynamodb-requests') ?? '{}') as Record<string, number>;
    expect(requestsOf(byStaff).PutItemCommand).toBe(requestsOf(byParent).PutItemCommand);
    expect(requestsOf(byStaff).TransactWriteItemsCommand).toBe(requestsOf(byParent).TransactWriteItemsCommand);
    const [event] = await newestEvents(worlds.A.tenantId);
    expect(event).toMatchObject({ action: 'application.withdraw', record: { type: 'application', id: staffs }, outcome: 'success' });
  });

  it('should show a department only its own events', async () => {
    // Prepare: staff X views an application; staff Y lists their trail.
    expectStatus(await callAs(runtime.url, worlds.A.staff, 'GET /api/staff/applications/{applicationId}', { params: { applicationId: worlds.A.applicationId } }), 200, 'viewing');

    // Act
    const listed = await callAs(runtime.url, worlds.Y.staff, 'GET /api/staff/audit-events', { query: { recordType: 'application', recordId: worlds.A.applicationId } });
    const all = await callAs(runtime.url, worlds.Y.staff, 'GET /api/staff/audit-events', {});

    // Assess
    expect(listed.status).toBe(200);
    expect(listed.body.events).toEqual([]);
    expect(all.body.events.length).toBeGreaterThan(0);
    expect(all.body.events.every((e: { actor: { accountId: string } }) => e.actor.accountId === `staff#${worlds.Y.staffAccount.login}`)).toBe(true);
  });

  it('should filter by record, person and action, by day, and page with a cursor', async () => {
    // Prepare: one application registered by staff, viewed three times, then changed.
    const applicationId = await freshApplication(worlds, worlds.A);
    for (let i = 0; i < 3; i++) expectStatus(await callAs(runtime.url, worlds.A.staff, 'GET /api/staff/applications/{applicationId}', { params: { applicationId } }), 200, 'viewing');
    expectStatus(
      await callAs(runtime.url, worlds.A.staff, 'PUT /api/staff/applications/{applicationId}/kindergartens', { params: { applicationId }, body: { kindergartenIds: [worlds.A.kindergartenId] } }),
      200,
      'changing',
    );
    const today = new Date(runtime.clock.now().getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
    const list = (query: Record<string, string>) => callAs(runtime.url, worlds.A.staff, 'GET /api/staff/audit-events', { query });

    // Act
    const byRecord = await list({ recordType: 'application', recordId: applicationId });
    const byRecordAndAction = await list({ recordType: 'application', recordId: applicationId, action: 'application.view' });
    const byPerson = await list({ accountId: `staff#${worlds.A.staffAccount.login}`, action: 'application.change-kindergartens' });
    const byPersonAndRecord = await list({ accountId: `staff#${worlds.A.staffAccount.login}`, recordType: 'application', recordId: applicationId });
    const byOtherPerson = await list({ accountId: `staff#${worlds.Y.staffAccount.login}` });
    const today_ = await list({ recordType: 'application', recordId: applicationId, from: today, to: today });
    const yesterday = await list({ recordType: 'application', recordId: applicationId, to: '2000-01-01' });

    // Assess
    const actions = (sent: { body: { events: { action: string }[] } }) => sent.body.events.map((e) => e.action);
    expect(actions(byRecord)).toEqual(['application.change-kindergartens', 'application.view', 'application.view', 'application.view', 'application.register']);
    expect(actions(byRecordAndAction)).toEqual(['application.view', 'application.view', 'application.view']);
    expect(actions(byPerson)[0]).toBe('application.change-kindergartens');
    expect(actions(byPerson).every((a) => a === 'application.change-kindergartens')).toBe(true);
    expect(actions(byPersonAndRecord)).toEqual(['application.change-kindergartens', 'application.view', 'application.view', 'application.view', 'application.register']);
    expect(byOtherPerson.body.events).toEqual([]);
    expect(actions(today_)).toHaveLength(5);
    expect(yesterday.body.events).toEqual([]);

    // Prepare: more events than one page holds.
    for (let i = 0; i < 50; i++) expectStatus(await callAs(runtime.url, worlds.A.staff, 'GET /api/staff/queue', { query: { birthYear: String(worlds.A.birthYear) } }), 200, 'browsing');

    // Act: pages of the tenant's trail, 50 events each, without repeats.
    const first = await list({});
    const second = await list({ cursor: first.body.cursor });

    // Assess
    expect(first.body.events).toHaveLength(50);
    const firstIds = new Set(first.body.events.map((e: { eventId: string }) => e.eventId));
    expect(second.body.events.length).toBeGreaterThan(0);
    expect(second.body.events.some((e: { eventId: string }) => firstIds.has(e.eventId))).toBe(false);
    expect(second.body.events[0].at <= first.body.events[49].at).toBe(true);
  });

  it('should refuse a damaged cursor', async () => {
    // Act
    const sent = await send(runtime.url, worlds.A.staff, { method: 'GET', path: '/api/staff/audit-events', query: { cursor: 'bm90LWEta2V5' } });

    // Assess
    expect(sent.status).toBe(400);
  });

  it('should refuse a day that is not on the calendar with 400, never 500', async () => {
    // Act: days an administrator might type into the filter (month 13, 30 February), on the list and the export.
    const listed = await send(runtime.url, worlds.A.staff, { method: 'GET', path: '/api/staff/audit-events', query: { from: '2026-13-45' } });
    const leapless = await send(runtime.url, worlds.A.staff, { method: 'GET', path: '/api/staff/audit-events', query: { to: '2026-02-30' } });
    const exported = await send(runtime.url, worlds.A.staff, { method: 'GET', path: '/api/staff/audit-events/export', query: { from: '2026-00-10' } });

    // Assess
    for (const sent of [listed, leapless, exported]) {
      expect(sent.status, sent.text.slice(0, 200)).toBe(400);
      expect(sent.body.error.code).toBe('validation_failed');
    }
    expect(listed.body.error.fields).toEqual([{ path: 'query.from', message: expect.any(String) }]);
    expect(leapless.body.error.fields).toEqual([{ path: 'query.to', message: expect.any(String) }]);
  });

  it('should export the filtered trail as CSV with ids, without any IIN or phone', async () => {
    // Prepare: a registration names two IINs and a phone in its request.
    const registered = await send(runtime.url, worlds.A.staff, requestOf(routeFor('staff-register-application'), await routeFixtures['staff-register-application'].build(worlds, worlds.A, worlds.A)));
    expectStatus(registered, 201, 'registering');
    const applicationId = registered.body.application.applicationId as string;

    // Act
    const exported = await callAs(runtime.url, worlds.A.staff, 'GET /api/staff/audit-events/export', { query: { recordType: 'application', recordId: applicationId } });

    // Assess
    expect(exported.status).toBe(200);
    const lines = (exported.body.csv as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`application.register;application;${applicationId};success`);
    expect(exported.body.csv).not.toMatch(/\d{12}/);
    expect(exported.body.csv).not.toContain(worlds.A.parent.iin);
    expect(exported.body.csv).not.toContain(worlds.A.parent.phone);
  });
});
