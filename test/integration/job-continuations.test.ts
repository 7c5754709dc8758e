import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import type { Application } from '#domain/application';
import type { Dependencies } from '#ports/dependencies';
import type { JobBudget, JobTask } from '#ports/scheduler';
import { runCampaignClose, runCampaignStart } from '#use-cases/campaign-jobs';
import { jobInvocations, longestInvocations, resetJobInvocations } from '../../local/job-runner.ts';
import { scanTable } from '../support/table-snapshot.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginStaff, settle, startTestRuntime, toDaytime, type Client, type RouteAnswer } from '../support/runtime.ts';

/** A campaign as the API shows it to staff. */
type Campaign = RouteAnswer<'POST /api/staff/campaigns'>['campaign'];

/**
 * Decision 42: jobs over a city's data hand over to continuations well before their Lambda
 * timeout. Here every job's limit is scaled down (the start's and the close's 900 s to 3 s, the
 * positions' 300 s to 1 s) and their pages with it (10 queue entries, 10 applications a
 * transaction, 10 positions a chunk, so no page can outlast the shorter limit on a loaded machine),
 * so a start and a close over 1,200 applications need several invocations, as they would over a
 * city's 300,000 under the real limits (the start's work, about 6 s over 1,200 at a load of 7,
 * stays several hand-over points of 1.2 s long on a machine twice as fast). A crash right at
 * a continuation boundary (the continuation enqueued, the invocation then failing and being run
 * again) must neither skip nor double any application. How far below its limit a job stays at a city's scale is measured by
 * `npm run bench` (`bench/jobs.ts`: jobLongestInvocationRatio), not here.
 */
const timeoutScale = 1 / 300;
const pageSize = 10;
let runtime: LocalRuntime;
let staff: Client;
let campaign: Campaign;
let inScope: Application[];

beforeAll(async () => {
  runtime = await startTestRuntime(1_200, { jobTimeoutScale: timeoutScale, jobPageSize: pageSize });
  // Daytime in Kazakhstan (the start's SMS go at once, whatever the hour the suite runs), before the staff session opens
  toDaytime(runtime);
  staff = await loginStaff(runtime);
}, 300_000);

afterAll(async () => {
  await runtime?.stop();
});

/** Every application of the tenant as stored (a test-only recount; jobs never scan). */
const allApplications = () => scanTable<Application>(runtime.tableNames, 'applications');

/** Every notice of one kind, by recipient (a test-only scan). */
async function noticesOfKind(kind: string): Promise<Map<string, { notificationId: string; applicationIds?: Set<string> }[]>> {
  const byRecipient = new Map<string, { notificationId: string; applicationIds?: Set<string> }[]>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDocumentClient().send(new ScanCommand({ TableName: runtime.tableNames.notifications, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      if (item.kind !== kind) continue;
      byRecipient.set(item.recipientIin as string, [...(byRecipient.get(item.recipientIin as string) ?? []), item as { notificationId: string }]);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return byRecipient;
}

/** The scope rule written out again, independently of `isInScope`: queued, 2 by 31 Dec, valid until ≤ the last day. */
function recount(applications: readonly Application[], of: Campaign): Application[] {
  const lastDay = new Date(Date.parse(of.endsAt) + 5 * 3_600_000).toISOString().slice(0, 10);
  return applications.filter((a) => a.status === 'queued' && Number(a.birthDate.slice(0, 4)) <= of.year - 2 && a.validUntil <= lastDay);
}

/** A budget that hands over after `chunks` looks at it (a continuation boundary at a known place). */
function handOverAfter(chunks: number): JobBudget {
  let asked = 0;
  return { handOver: () => ++asked >= chunks };
}

/** The dependencies with a scheduler whose `enqueue` lands and then fails, once: a crash right at the continuation boundary. */
function crashingAfterEnqueue(base: Dependencies, enqueued: JobTask[]): Dependencies {
  let crashed = false;
  return Object.create(base, {
    scheduler: {
      value: {
        scheduleOnce: base.scheduler.scheduleOnce.bind(base.scheduler),
        async enqueue(job: { name: string; task: JobTask }) {
          await base.scheduler.enqueue(job);
          enqueued.push(job.task);
          if (!crashed) {
            crashed = true;
            throw new Error('injected crash');
          }
        },
      },
    },
  }) as Dependencies;
}

/** Runs due jobs until none is left (continuations chain, so more rounds than `settle`'s default). */
const settleAll = () => settle(runtime, 200);

describe('a start over 1,200 applications, continued across invocations', () => {
  it('should mark every in-scope application once, notify and text every applicant once, and count both exactly, through several invocations and a crash at a boundary', async () => {
    // Prepare: a campaign started by staff; its start job is due
    const now = runtime.clock.now();
    const created = await staff.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 30 * 86_400_000).toISOString() } });
    campaign = created.body.campaign;
    inScope = recount(await allApplications(), campaign);
    const applicants = new Set(inScope.map((a) => a.applicantIin));
    expect((await staff.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId: campaign.campaignId } })).status).toBe(202);
    resetJobInvocations();
    // Act 1: an invocation of the start hands over after its first page, and crashes right after enqueuing its continuation
    const enqueued: JobTask[] = [];
    const task = { tenantId: 'temirtau', campaignId: campaign.campaignId, pageSize };
    await expect(runCampaignStart(crashingAfterEnqueue(dependencies(), enqueued), task, runtime.clock.now(), { budget: handOverAfter(1) })).rejects.toThrow('injected crash');
    // Act 2: the start job (the crashed invocation's retry) and the continuation run under the scaled limits, chaining their own continuations
    await settleAll();
    // Assess: the continuation carried the cursor after the first page (10 queue entries) and the page size
    expect(enqueued).toHaveLength(1);
    expect(enqueued[0]).toMatchObject({ kind: 'campaign-start', part: { n: 1, cohort: 0, after: expect.any(String) }, pageSize: 10 });
    // Assess: several invocations, none failed (none ran past its limit). How far below half its
    // limit the longest stays is a speed figure: \`npm run bench\` reports it (jobLongestInvocationRatio).
    const starts = jobInvocations().filter((i) => i.kind === 'campaign-start');
    console.info(`[continuations] start: ${starts.length} invocations (longest ÷ limit ${longestInvocations().get('campaign-start')?.ratio.toFixed(2)}), ${starts.map((i) => Math.round(i.ms)).join(' / ')} ms of ${starts[0]?.limitMs} ms`);
    expect(starts.length).toBeGreaterThanOrEqual(3);
    expect(starts.filter((i) => i.outcome === 'failed')).toEqual([]);
    // Assess: exactly the scope is pending, each application marked once
    const pending = (await allApplications()).filter((a) => a.pendingCampaign);
    expect(pending.map((a) => a.applicationId).sort()).toEqual(inScope.map((a) => a.applicationId).sort());
    // Assess: one start notice per applicant, one SMS per phone, and the counts equal the recount
    const notices = await noticesOfKind('campaign_started');
    expect(notices.size).toBe(applicants.size);
    expect([...notices.values()].every((mine) => mine.length === 1)).toBe(true);
    const phones = runtime.seed!.data.parents.filter((p) => applicants.has(p.iin)).map((p) => p.phone);
    const startSms = runtime.notifier.outbox.filter((m) => m.text.startsWith('Балабақша кезегін') || m.text.startsWith('Подтвердите очередь в детсад'));
    expect(startSms.map((m) => m.phone).sort()).toEqual(phones.sort());
    const stored = (await staff.call('GET /api/staff/campaigns/{campaignId}', { params: { campaignId: campaign.campaignId } })).body.campaign;
    expect(stored.counts).toMatchObject({ inScope: inScope.length, applicants: applicants.size });
    // One announcement per language the department offers, however often the start was cut and resumed
    expect(runtime.notifier.announcements.filter((a) => a.tenantId === 'temirtau').map((a) => a.language)).toEqual(['kk', 'ru', 'en']);
  }, 600_000);
});

describe('a close over 1,200 applications, continued across invocations', () => {
  it('should stop every pending application exactly once with one notice per parent, through several invocations and a crash at a boundary run again', async () => {
    // Prepare: the campaign's end has come
    const end = new Date(Date.parse(campaign.endsAt) + 1000);
    runtime.clock.set(end);
    staff = await loginStaff(runtime);
    resetJobInvocations();
    // Act 1: an invocation of the close hands over after 3 groups and crashes right after enqueuing its continuation
    const enqueued: JobTask[] = [];
    const task = { tenantId: 'temirtau', campaignId: campaign.campaignId, mode: 'close' as const };
    await expect(runCampaignClose(crashingAfterEnqueue(dependencies(), enqueued), task, end, { budget: handOverAfter(3) })).rejects.toThrow('injected crash');
    // Act 2: the crashed invocation run again (Lambda's retry) at the same time as its continuation and the scheduled close
    await Promise.all([runCampaignClose(dependencies(), task, end, { budget: handOverAfter(3) }), settleAll()]);
    await settleAll();
    // Assess: the continuation was enqueued at the boundary
    expect(enqueued[0]).toEqual({ kind: 'campaign-close', tenantId: 'temirtau', campaignId: campaign.campaignId, mode: 'close', part: { n: 1 } });
    // Assess: the close needed several invocations of the job, none failed (none ran past its limit)
    const closes = jobInvocations().filter((i) => i.kind === 'campaign-close');
    const positions = jobInvocations().filter((i) => i.kind === 'recompute-positions');
    console.info(`[continuations] close: ${closes.length} invocations (longest ÷ limit ${longestInvocations().get('campaign-close')?.ratio.toFixed(2)}), ${closes.map((i) => Math.round(i.ms)).join(' / ')} ms of ${closes[0]?.limitMs} ms; positions: ${positions.length}, ${positions.map((i) => Math.round(i.ms)).join(' / ')} ms of ${positions[0]?.limitMs} ms`);
    expect(closes.length).toBeGreaterThanOrEqual(2);
    expect(jobInvocations().filter((i) => i.outcome === 'failed')).toEqual([]);
    // Assess: every in-scope application stopped once; the counter and the campaign exact
    const stored = new Map((await allApplications()).map((a) => [a.applicationId, a]));
    for (const application of inScope) {
      const now = stored.get(application.applicationId)!;
      expect(now).toMatchObject({ status: 'stopped', stopReason: 'cleanup' });
      expect(now.history!.filter((e) => e.action === 'stop_cleanup')).toHaveLength(1);
    }
    const closed = (await staff.call('GET /api/staff/campaigns/{campaignId}', { params: { campaignId: campaign.campaignId } })).body.campaign;
    expect(closed).toMatchObject({ status: 'closed', counts: { stopped: inScope.length } });
    // Assess: one stop notice per parent, naming all their stopped applications
    const byParent = new Map<string, string[]>();
    for (const application of inScope) byParent.set(application.applicantIin, [...(byParent.get(application.applicantIin) ?? []), application.applicationId]);
    const notices = await noticesOfKind('stop_cleanup');
    expect(notices.size).toBe(byParent.size);
    for (const [iin, ids] of byParent) {
      expect(notices.get(iin)).toHaveLength(1);
      expect([...notices.get(iin)![0]!.applicationIds!].sort()).toEqual(ids.sort());
    }
    runtime.clock.set(new Date());
  }, 600_000);
});
