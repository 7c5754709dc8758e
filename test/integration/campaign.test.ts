import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import type { Application } from '#domain/application';
import { CampaignClosedError, type Campaign } from '#domain/campaign';
import { currentSurvey } from '#domain/survey-definition';
import type { Dependencies } from '#ports/dependencies';
import { closeGroupSize, runCampaignClose } from '#use-cases/campaign-jobs';
import { submitSurvey } from '#use-cases/survey';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { forEachLimited } from '#functions/concurrency';
import { scanTable } from '../support/table-snapshot.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { withCrashingTransitions } from '../support/crashing.ts';
import { loginStaff, settle, startTestRuntime, toDaytime, type Client, type RouteAnswer } from '../support/runtime.ts';

/** A campaign as the API shows it to staff. */
type CampaignView = RouteAnswer<'POST /api/staff/campaigns'>['campaign'];
/** A preview that was counted (the answer's states other than `none`). */
type Counted = Extract<RouteAnswer<'GET /api/staff/campaigns/{campaignId}/preview'>, { applications: number }>;

// What this file proves is behaviour (exact scope, partitions, exactly-once stops after a crash),
// not scale (the confirm-vs-close race is in campaign-race.test.ts, on a small world): 2,500 applications are enough (about 1,300 in scope, more than a thousand;
// several close transactions before the crash and many after it). How the start and the close
// scale to a city (300,000 applications) is measured by `npm run bench` (bench/jobs.ts, bench/close.ts).
// A few seconds to a minute per test on a two-core machine, more beside other files.
vi.setConfig({ testTimeout: 180_000 });

let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(2_500);
  staff = await loginStaff(runtime);
}, 300_000);

afterAll(async () => {
  await runtime?.stop();
});

const parentActor = (iin: string) => ({ role: 'parent' as const, id: `parent#${iin}` });

/** A parent confirms the way parents do: by sending the survey (the domain operation behind the route). */
function confirm(deps: Dependencies, applicantIin: string, now: Date) {
  const answers = {
    kindergartens: [runtime.seed!.data.kindergartens[0]!.kindergartenId],
    ownership: { choice: 'any', reasons: [] },
    language: { choice: 'kk' },
    fee: { choice: 'up-to-20000' },
    activities: { options: [] },
    digital: { options: [] },
  };
  return submitSurvey(deps, { applicantIin, version: currentSurvey().version, answers, actor: parentActor(applicantIin), now });
}

/** Every application of the tenant as stored (a test-only recount; request paths never scan). */
const allApplications = () => scanTable<Application>(runtime.tableNames, 'applications');

async function noticesOf(recipientIin: string) {
  const { Items = [] } = await dynamoDocumentClient().send(
    new QueryCommand({ TableName: runtime.tableNames.notifications, KeyConditionExpression: 'recipientIin = :r', ExpressionAttributeValues: { ':r': recipientIin } }),
  );
  return Items as { kind: string; notificationId: string; applicationIds?: Set<string>; channels: Record<string, string> }[];
}

/** The scope rule written out again, independently of `isInScope`: queued, 2 by 31 Dec, valid until ≤ the last day. */
function recount(applications: readonly Application[], campaign: Pick<Campaign, 'endsAt' | 'year'>): Application[] {
  const lastDay = new Date(Date.parse(campaign.endsAt) + 5 * 3_600_000).toISOString().slice(0, 10);
  return applications.filter((a) => a.status === 'queued' && Number(a.birthDate.slice(0, 4)) <= campaign.year - 2 && a.validUntil <= lastDay);
}

async function createAndStart(endsInMs: number): Promise<CampaignView> {
  const now = runtime.clock.now();
  const created = await staff.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + endsInMs).toISOString() } });
  expect(created.status).toBe(201);
  expect(created.body.campaign.actions).toEqual(['preview', 'start', 'cancel']);
  return created.body.campaign;
}

describe('a confirmation campaign over 2,500 applications', () => {
  let campaign: CampaignView;
  let inScope: Application[];
  const confirmedApplicants = new Set<string>();

  it('should preview and start with the same count, equal to an independent recount of the scope rule', async () => {
    // Prepare: in the daytime, when the start's SMS go at once
    toDaytime(runtime);
    staff = await loginStaff(runtime);
    campaign = await createAndStart(30 * 86_400_000);
    inScope = recount(await allApplications(), campaign);
    // Act: the preview is counted by its job (decision 57), then read
    const asked = await staff.call('POST /api/staff/campaigns/{campaignId}/preview', { params: { campaignId: campaign.campaignId } });
    await settle(runtime);
    const preview = await staff.call('GET /api/staff/campaigns/{campaignId}/preview', { params: { campaignId: campaign.campaignId } });
    const started = await staff.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId: campaign.campaignId } });
    await settle(runtime);
    const after = await staff.call('GET /api/staff/campaigns/{campaignId}', { params: { campaignId: campaign.campaignId } });
    // Assess
    expect(inScope.length).toBeGreaterThan(1000);
    expect(asked.status).toBe(202);
    expect(preview.body.state).toBe('ready');
    expect((preview.body as Counted).applications).toBe(inScope.length);
    expect((preview.body as Counted).applicants).toBe(new Set(inScope.map((a) => a.applicantIin)).size);
    expect(started.status).toBe(202);
    expect(after.body.campaign).toMatchObject({ status: 'active', counts: { inScope: inScope.length, applicants: (preview.body as Counted).applicants }, actions: ['cancel'] });
    const pending = (await allApplications()).filter((a) => a.pendingCampaign);
    expect(pending.map((a) => a.applicationId).sort()).toEqual(inScope.map((a) => a.applicationId).sort());
    // Assess: announced once in each language the department offers (one message each, with the dates), a cabinet notice per applicant, the banner, a second campaign refused
    const announced = runtime.notifier.announcements.filter((a) => a.tenantId === 'temirtau');
    expect(announced.map((a) => a.language)).toEqual(['kk', 'ru', 'en']);
    const until = kazakhstanDate(new Date(after.body.campaign.endsAt)).split('-').reverse().join('.');
    for (const announcement of announced) expect(announcement.message).toContain(until);
    expect(announced.find((a) => a.language === 'ru')!.message).toMatch(/^Отдел образования .*подтверждение заявлений в очереди в детский сад идёт с \d{2}\.\d{2}\.\d{4} до /);
    const startNotices = (await noticesOf(inScope[0]!.applicantIin)).filter((n) => n.kind === 'campaign_started');
    expect(startNotices).toMatchObject([{ channels: { cabinet: 'delivered', sms: 'delivered' } }]);
    // Assess: one SMS per applicant in scope (all have a phone in their cabinet account)
    const phones = new Set(runtime.seed!.data.parents.filter((p) => inScope.some((a) => a.applicantIin === p.iin)).map((p) => p.phone));
    // One language per SMS: the application's (the demo parents chose none).
    const startSms = runtime.notifier.outbox.filter((m) => m.text.startsWith('Балабақша кезегін') || m.text.startsWith('Подтвердите очередь в детсад'));
    expect(startSms.length).toBe(phones.size);
    expect(new Set(startSms.map((m) => m.phone))).toEqual(phones);
    const banner = await staff.call('GET /api/public/campaign', { query: { tenantId: 'temirtau' } });
    expect(banner.body.campaign).toMatchObject({ year: campaign.year, endsAt: campaign.endsAt });
    const second = await createAndStart(86_400_000);
    const refused = await staff.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId: second.campaignId } }, { language: 'en' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('campaign_already_active');
    // The start job pages through every application in scope; the sender then claims, sends and
    // records each parent's SMS from the queue (decision 53): longer than the default 60 s on a loaded 2-core machine.
  }, 300_000);

  it('should spread the pending applications over 16 pending-index partitions and page through every one of them', async () => {
    // Prepare: each partition counted straight from the index
    const perPartition: number[] = [];
    for (let shard = 0; shard < 16; shard++) {
      const { Count = 0 } = await dynamoDocumentClient().send(
        new QueryCommand({
          TableName: runtime.tableNames.applications,
          IndexName: 'byPendingCampaign',
          KeyConditionExpression: 'pendingCampaign = :p',
          ExpressionAttributeValues: { ':p': `pending#temirtau#${campaign.campaignId}#${shard}` },
          Select: 'COUNT',
        }),
      );
      perPartition.push(Count);
    }
    // Act: the pages the close and the reminders read, small to cross partitions mid-way
    const paged: string[] = [];
    let next: string | undefined;
    do {
      const page = await dependencies().applications.pendingPage('temirtau', campaign.campaignId, next, 97);
      paged.push(...page.applications.map((a) => a.applicationId));
      next = page.next;
    } while (next);
    // Assess: no partition holds more than twice its share; every pending application read once
    expect(perPartition.every((n) => n > 0 && n <= (2 * inScope.length) / 16)).toBe(true);
    expect(perPartition.reduce((sum, n) => sum + n, 0)).toBe(inScope.length);
    expect(paged.sort()).toEqual(inScope.map((a) => a.applicationId).sort());
    expect(await dependencies().applications.countPending('temirtau', campaign.campaignId)).toBe(inScope.length);
  });

  it('should extend every queued application of the 30 % who confirm, once, and take them off the pending list', async () => {
    // Prepare: 30 % of the applicants in scope
    const applicants = [...new Set(inScope.map((a) => a.applicantIin))];
    for (const iin of applicants.slice(0, Math.round(applicants.length * 0.3))) confirmedApplicants.add(iin);
    // Act
    for (const iin of confirmedApplicants) await confirm(dependencies(), iin, runtime.clock.now());
    const again = await confirm(dependencies(), [...confirmedApplicants][0]!, runtime.clock.now());
    // Assess
    expect(again).toMatchObject({ confirmed: 0, replaced: true });
    const stored = await allApplications();
    for (const application of stored.filter((a) => confirmedApplicants.has(a.applicantIin) && a.status === 'queued')) {
      expect(application.pendingCampaign).toBeUndefined();
      expect(application.history!.filter((e) => e.action === 'confirm')).toHaveLength(1);
    }
    const confirmedInScope = inScope.filter((a) => confirmedApplicants.has(a.applicantIin)).length;
    expect((await staff.call('GET /api/staff/campaigns/{campaignId}', { params: { campaignId: campaign.campaignId } })).body.campaign.counts.confirmed).toBe(confirmedInScope);
  });

  it('should stop exactly the others at the end, resuming after a crash, with one notice per parent', async () => {
    // Prepare: the close crashes after 10 of its transactions (run by hand at the end, before the scheduler's turn)
    const end = new Date(Date.parse(campaign.endsAt) + 1000);
    const crashing = withCrashingTransitions(dependencies(), (call) => (call > 10 ? 'before' : undefined));
    // Act: crash, then the scheduled close runs (the real job) and finishes the work
    await expect(runCampaignClose(crashing, { tenantId: 'temirtau', campaignId: campaign.campaignId, mode: 'close' }, end)).rejects.toThrow('injected crash');
    const midway = await staff.call('GET /api/staff/campaigns/{campaignId}', { params: { campaignId: campaign.campaignId } });
    runtime.clock.set(end);
    staff = await loginStaff(runtime);
    await settle(runtime);
    // Assess: progress was visible midway; the end state is exact
    expect(midway.body.campaign.status).toBe('closing');
    expect(midway.body.campaign.closeProgress!.processed).toBe(10 * closeGroupSize);
    const stored = new Map((await allApplications()).map((a) => [a.applicationId, a]));
    const expectedStopped = inScope.filter((a) => !confirmedApplicants.has(a.applicantIin));
    for (const application of expectedStopped) expect(stored.get(application.applicationId)).toMatchObject({ status: 'stopped', stopReason: 'cleanup' });
    for (const application of inScope.filter((a) => confirmedApplicants.has(a.applicantIin))) expect(stored.get(application.applicationId)!.status).toBe('queued');
    expect([...stored.values()].filter((a) => a.status === 'stopped' && a.stopReason === 'cleanup' && a.history?.some((e) => e.action === 'stop_cleanup')).length).toBe(expectedStopped.length);
    const closed = (await staff.call('GET /api/staff/campaigns/{campaignId}', { params: { campaignId: campaign.campaignId } })).body.campaign;
    expect(closed).toMatchObject({ status: 'closed', counts: { stopped: expectedStopped.length }, closeProgress: { processed: expectedStopped.length, total: expectedStopped.length }, actions: [] });
    // Assess: each affected parent has exactly one stop notice, naming all their stopped applications
    const byParent = new Map<string, string[]>();
    for (const application of expectedStopped) byParent.set(application.applicantIin, [...(byParent.get(application.applicantIin) ?? []), application.applicationId]);
    const noticesByParent = new Map<string, Awaited<ReturnType<typeof noticesOf>>>();
    await forEachLimited([...byParent.keys()], 16, async (iin) => {
      noticesByParent.set(iin, await noticesOf(iin));
    });
    for (const [iin, ids] of byParent) {
      const notices = noticesByParent.get(iin)!.filter((n) => n.kind === 'stop_cleanup');
      expect(notices).toHaveLength(1);
      expect([...notices[0]!.applicationIds!].sort()).toEqual(ids.sort());
    }
    // Assess: after the end a confirmation is refused with a pointer to restoring
    await expect(confirm(dependencies(), expectedStopped[0]!.applicantIin, runtime.clock.now())).rejects.toThrow(CampaignClosedError);
    expect((await staff.call('GET /api/public/campaign', { query: { tenantId: 'temirtau' } })).body.campaign).toBeNull();
    runtime.clock.set(new Date());
    staff = await loginStaff(runtime);
  });
});
