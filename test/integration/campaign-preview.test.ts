import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import type { Application } from '#domain/application';
import { runCampaignPreview } from '#use-cases/campaign-preview';
import { scanTable } from '../support/table-snapshot.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginStaff, settle, startTestRuntime, type Client, type RouteAnswer } from '../support/runtime.ts';

/** A preview that was asked for (counting or ready): the answer's states other than `none`. */
type Preview = Extract<RouteAnswer<'GET /api/staff/campaigns/{campaignId}/preview'>, { requestedAt: string }>;

/**
 * Decision 57: a draft's scope (SPEC rule 2) is counted by the `campaign-preview` job, a page of
 * the queue at a time, and read back with one request; staff see the count grow. 600 applications
 * are enough for several pages and applicants with more than one child; how long a city's count
 * takes is `npm run bench` (`jobs`).
 */
let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  // Jobs run only when the test settles them: what staff read between the request and the count is fixed.
  runtime = await startTestRuntime(600, { schedulerIntervalMs: 3_600_000 });
  staff = await loginStaff(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

/** Every application of the department as stored (a test-only scan). */
async function allApplications(): Promise<Application[]> {
  return (await scanTable<Application>(runtime.tableNames, 'applications')).filter((a) => a.tenantId === 'temirtau');
}

/** SPEC rule 2 written out: queued, two or older by the campaign year's end (the demo policy), valid until no later than the campaign's last day. */
function recount(applications: readonly Application[], year: number, lastDay: string) {
  const inScope = applications.filter((a) => a.status === 'queued' && Number(a.birthDate.slice(0, 4)) <= year - 2 && a.validUntil <= lastDay);
  const byYear = new Map<number, number>();
  for (const a of inScope) byYear.set(Number(a.birthDate.slice(0, 4)), (byYear.get(Number(a.birthDate.slice(0, 4))) ?? 0) + 1);
  return {
    applications: inScope.length,
    applicants: new Set(inScope.map((a) => a.applicantIin)).size,
    byCohort: [...byYear].sort(([a], [b]) => a - b).map(([birthYear, applications]) => ({ birthYear, applications })),
  };
}

const requestsOf = (answer: { headers: Headers }) => JSON.parse(answer.headers.get('x-kezek-dynamodb-requests') ?? '{}') as Record<string, number>;

async function draft(): Promise<{ campaignId: string; year: number; lastDay: string }> {
  const now = runtime.clock.now();
  const endsAt = new Date(now.getTime() + 40 * 86_400_000);
  const created = await staff.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: new Date(now.getTime() + 10 * 86_400_000).toISOString(), endsAt: endsAt.toISOString() } });
  expect(created.status).toBe(201);
  // The campaign's last day in Kazakhstan (UTC+5)
  return { campaignId: created.body.campaign.campaignId, year: now.getUTCFullYear(), lastDay: new Date(endsAt.getTime() + 5 * 3_600_000).toISOString().slice(0, 10) };
}

describe('the campaign preview', () => {
  it('should answer "none" before any count, count in a job, and be read back with one DynamoDB request', async () => {
    // Prepare
    const { campaignId, year, lastDay } = await draft();
    const expected = recount(await allApplications(), year, lastDay);
    // Act
    const before = await staff.call('GET /api/staff/campaigns/{campaignId}/preview', { params: { campaignId } });
    const asked = await staff.call('POST /api/staff/campaigns/{campaignId}/preview', { params: { campaignId } });
    const meanwhile = await staff.call('GET /api/staff/campaigns/{campaignId}/preview', { params: { campaignId } });
    await settle(runtime);
    const counted = await staff.call('GET /api/staff/campaigns/{campaignId}/preview', { params: { campaignId } });
    // Assess: a world with siblings (fewer applicants than applications) over several cohorts
    expect(expected.applications).toBeGreaterThan(200);
    expect(expected.applicants).toBeLessThan(expected.applications);
    expect(expected.byCohort.length).toBeGreaterThan(2);
    expect(before.body).toEqual({ state: 'none' });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ state: 'counting', read: 0, applications: 0 });
    expect(meanwhile.body.state).toBe('counting');
    expect(counted.body).toEqual({ state: 'ready', requestedAt: (asked.body as Preview).requestedAt, computedAt: expect.any(String), read: expect.any(Number), ...expected });
    expect(Date.parse((counted.body as Preview).computedAt!)).toBeGreaterThanOrEqual(Date.parse((asked.body as Preview).requestedAt));
    expect((counted.body as Preview).read).toBeGreaterThanOrEqual(expected.applications);
    // Assess: the read is the campaign and its counter shards in one BatchGet, besides the authorizer's session and account reads
    const requests = requestsOf(counted);
    expect(requests.BatchGetItemCommand).toBe(1);
    expect(requests.QueryCommand ?? 0).toBe(0);
    expect(requests.ScanCommand ?? 0).toBe(0);
  });

  it('should hand over after a page and go on in a continuation, counting every applicant once across pages', async () => {
    // Prepare: a request recorded on the draft, its job not yet run
    const { campaignId, year, lastDay } = await draft();
    const expected = recount(await allApplications(), year, lastDay);
    const asked = await staff.call('POST /api/staff/campaigns/{campaignId}/preview', { params: { campaignId } });
    const requestId = ((await dependencies().campaigns.get('temirtau', campaignId))!.preview!).requestId;
    // Act: the first invocation reads one page of 40 and hands over; the scheduled ones finish
    const first = await runCampaignPreview(dependencies(), { tenantId: 'temirtau', campaignId, requestId, pageSize: 40 }, runtime.clock.now(), { budget: { handOver: () => true } });
    const partway = await staff.call('GET /api/staff/campaigns/{campaignId}/preview', { params: { campaignId } });
    await settle(runtime, 20);
    const counted = await staff.call('GET /api/staff/campaigns/{campaignId}/preview', { params: { campaignId } });
    // Assess
    expect(asked.status).toBe(202);
    expect(first).toMatchObject({ read: 40, handedOverTo: 1 });
    expect(partway.body).toMatchObject({ state: 'counting', read: 40 });
    expect(counted.body).toMatchObject({ state: 'ready', ...expected });
  });

  it('should let a newer request take the draft from an older one, whose job then writes nothing', async () => {
    // Prepare: two requests, one after the other
    const { campaignId } = await draft();
    await staff.call('POST /api/staff/campaigns/{campaignId}/preview', { params: { campaignId } });
    const older = (await dependencies().campaigns.get('temirtau', campaignId))!.preview!.requestId;
    const newer = await staff.call('POST /api/staff/campaigns/{campaignId}/preview', { params: { campaignId } });
    // Act: the older request's job runs last
    await settle(runtime);
    const stale = await runCampaignPreview(dependencies(), { tenantId: 'temirtau', campaignId, requestId: older }, new Date(runtime.clock.now().getTime() + 60_000));
    const counted = await staff.call('GET /api/staff/campaigns/{campaignId}/preview', { params: { campaignId } });
    // Assess: the newer request's result stays, counted at its own time
    expect(stale.stale).toBe(true);
    expect(counted.body).toMatchObject({ state: 'ready', requestedAt: (newer.body as Preview).requestedAt });
    expect(Date.parse((counted.body as Preview).computedAt!)).toBeLessThan(Date.parse((newer.body as Preview).requestedAt) + 60_000);
  });

  it('should refuse a preview of a campaign that is no longer a draft, in the staff member’s language', async () => {
    // Prepare: a draft cancelled
    const { campaignId } = await draft();
    expect((await staff.call('POST /api/staff/campaigns/{campaignId}/cancel', { params: { campaignId } })).status).toBe(200);
    // Act
    const refused = await staff.call('POST /api/staff/campaigns/{campaignId}/preview', { params: { campaignId } }, { language: 'ru' });
    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'campaign_state', message: 'В текущем состоянии кампании это действие невозможно.' });
    expect((await dependencies().campaigns.get('temirtau', campaignId))!.preview).toBeUndefined();
  });
});
