import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dependencies } from '#adapters/dependencies';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { putAll } from '#adapters/dynamodb/batch-write';
import { emptyCounts, pendingIndexKey } from '#domain/campaign';
import { pendingShardOf } from '#domain/counter-shards';
import { forEachLimited } from '#functions/concurrency';
import type { Application } from '#domain/application';
import { planTransition } from '#domain/application-lifecycle';
import { notificationForTransition, type Notification } from '#domain/notification';
import { runCampaignClose } from '#use-cases/campaign-jobs';
import { generateDemoData } from '../local/demo-data.ts';
import { startLocalRuntime } from '../local/runtime.ts';
import { storedApplications } from '../local/seed.ts';
import { currentSurvey } from '#domain/survey-definition';
import { applyTransitions } from '#use-cases/unit-of-work';

export interface CloseMeasurement {
  readonly pending: number;
  readonly stopped: number;
  readonly closeSeconds: number;
  readonly closePerSecond: number;
  readonly rawUpdates: number;
  readonly rawPerSecond: number;
  readonly ratio: number;
  readonly concurrency: number;
  /** The close's transaction taken apart, each part timed on its own fresh applications. */
  readonly breakdown: readonly { readonly transaction: string; readonly perSecond: number }[];
  readonly breakdownUpdates: number;
}

const tenantId = 'temirtau';
const campaignId = 'c-bench-close';

/**
 * Campaign close over `pending` applications against the raw conditional-update rate of the same
 * in-memory DynamoDB Local, in one run at one concurrency (the close job's default). Seeded with
 * batch writes, not through the start job: only the close is measured.
 */
export async function measureClose(options: { pending: number; rawUpdates: number; breakdownUpdates: number; concurrency: number; log: (line: string) => void }): Promise<CloseMeasurement> {
  const { log } = options;
  // The poller stays idle: the close asks for a position recompute that is not part of the measure.
  const runtime = await startLocalRuntime({ port: 0, data: 'memory', seed: false, log: () => undefined, schedulerIntervalMs: 3_600_000 });
  try {
    const client = dynamoDocumentClient();
    const deps = dependencies();
    const now = new Date();
    // Demo data is about 70 % queued; generate enough queued applications for the close and the breakdown.
    const wanted = options.pending + 3 * options.breakdownUpdates;
    const data = generateDemoData({ now, applicationCount: Math.ceil(wanted * 1.6) });
    await client.send(new PutCommand({ TableName: runtime.tableNames.tenants, Item: data.tenant }));
    const year = now.getUTCFullYear();
    const startsAt = new Date(now.getTime() - 30 * 86_400_000).toISOString();
    const endsAt = new Date(now.getTime() - 1000).toISOString();
    await deps.campaigns.create({ tenantId, campaignId, year, startsAt, endsAt, status: 'draft', createdAt: startsAt, counts: { ...emptyCounts, inScope: options.pending } });
    if (!(await deps.campaigns.transition(tenantId, campaignId, ['draft'], 'active', { guard: 'take', summary: { year, startsAt, endsAt, extensionYears: 1, surveyVersion: currentSurvey().version } }))) {
      throw new Error('bench campaign did not start');
    }
    const queued = storedApplications(data.applications).filter((a) => a.status === 'queued');
    if (queued.length < wanted) throw new Error(`only ${queued.length} queued applications generated`);
    const items: Record<string, unknown>[] = queued.slice(0, options.pending).map((a) => ({ ...a, pendingCampaign: pendingIndexKey(tenantId, campaignId, pendingShardOf(a.applicationId as string)) }));
    // Not pending: the breakdown stops these by hand, outside the campaign's index.
    const spare = queued.slice(options.pending, wanted);
    const seedStarted = performance.now();
    await putAll(client, runtime.tableNames.applications, [...items, ...spare], {
      concurrency: 8,
      onProgress: (written) => written % 20_000 < 25 && log(`    seeded ${written} / ${items.length} pending applications`),
    });
    log(`    seeded ${items.length} pending (+${spare.length} other) applications in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    // Raw: the same kind of single conditional update on the same items, same concurrency, half
    // before the close and half after it, so a machine that speeds up (the JVM warming) or slows
    // down (other work) during the run moves the numerator and the denominator alike.
    const targets = items.slice(0, options.rawUpdates).map((a) => a.applicationId as string);
    const rawHalf = async (ids: readonly string[], status: 'queued' | 'stopped') => {
      const started = performance.now();
      await forEachLimited(ids, options.concurrency, async (applicationId) => {
        await client.send(
          new UpdateCommand({
            TableName: runtime.tableNames.applications,
            Key: { applicationId },
            UpdateExpression: 'SET #bench = :touched',
            ConditionExpression: '#status = :status',
            ExpressionAttributeNames: { '#bench': 'benchTouched', '#status': 'status' },
            ExpressionAttributeValues: { ':touched': 1, ':status': status },
          }),
        );
      });
      return (performance.now() - started) / 1000;
    };
    const half = Math.floor(targets.length / 2);
    const rawBeforeSeconds = await rawHalf(targets.slice(0, half), 'queued');
    log(`    raw conditional UpdateItem before the close: ${half} in ${rawBeforeSeconds.toFixed(1)} s = ${(half / rawBeforeSeconds).toFixed(0)}/s`);

    const breakdown = await measureBreakdown(spare, options);
    for (const part of breakdown) log(`    ${part.transaction}: ${part.perSecond.toFixed(0)}/s`);

    const closeStarted = performance.now();
    const ticker = setInterval(async () => {
      const campaign = await deps.campaigns.get(tenantId, campaignId);
      log(`    closing: ${campaign?.counts.stopped ?? 0} / ${options.pending} stopped`);
    }, 15_000);
    let stopped: number;
    try {
      ({ stopped } = await runCampaignClose(deps, { tenantId, campaignId, mode: 'close' }, new Date(), { concurrency: options.concurrency }));
    } finally {
      clearInterval(ticker);
    }
    const closeSeconds = (performance.now() - closeStarted) / 1000;
    const closePerSecond = stopped / closeSeconds;
    log(`    close: ${stopped} stopped in ${closeSeconds.toFixed(1)} s = ${closePerSecond.toFixed(0)}/s`);
    const rawAfterSeconds = await rawHalf(targets.slice(half), 'stopped');
    log(`    raw conditional UpdateItem after the close: ${targets.length - half} in ${rawAfterSeconds.toFixed(1)} s = ${((targets.length - half) / rawAfterSeconds).toFixed(0)}/s`);
    const rawPerSecond = targets.length / (rawBeforeSeconds + rawAfterSeconds);
    const campaign = await deps.campaigns.get(tenantId, campaignId);
    if (stopped !== options.pending || campaign?.status !== 'closed' || campaign.counts.stopped !== options.pending) {
      throw new Error(`close ended ${campaign?.status} with ${campaign?.counts.stopped} counted, ${stopped} stopped, of ${options.pending}`);
    }
    return { pending: options.pending, stopped, closeSeconds, closePerSecond, rawUpdates: targets.length, rawPerSecond, ratio: closePerSecond / rawPerSecond, concurrency: options.concurrency, breakdown, breakdownUpdates: options.breakdownUpdates };
  } finally {
    await runtime.stop();
  }
}

/**
 * The close's per-application transaction grown one item at a time (the application's stop; its
 * parent's notice; the campaign's counter), each on `breakdownUpdates` applications of its own.
 */
async function measureBreakdown(spare: readonly Record<string, unknown>[], options: { breakdownUpdates: number; concurrency: number }) {
  const deps = dependencies();
  const at = new Date().toISOString();
  const parts = [
    { transaction: 'stop only', notice: false, counter: false },
    { transaction: 'stop + parent notice', notice: true, counter: false },
    { transaction: 'stop + notice + campaign counter (the close)', notice: true, counter: true },
  ];
  const results: { transaction: string; perSecond: number }[] = [];
  for (const [i, part] of parts.entries()) {
    const applications = spare.slice(i * options.breakdownUpdates, (i + 1) * options.breakdownUpdates).map((item) => {
      const { queuePartition: _p, queueSortKey: _s, ...application } = item;
      return application as unknown as Application;
    });
    const started = performance.now();
    await forEachLimited(applications, options.concurrency, async (application) => {
      const plan = planTransition(application, { kind: 'stop_cleanup', campaignId }, { role: 'system', id: 'bench' }, at);
      const notification: Notification = { ...notificationForTransition(application, plan), notificationId: `${at}#${campaignId}#bench`, applicationId: '-' };
      await applyTransitions(deps, {
        changes: [{ application, plan }],
        ...(part.counter && { counter: { tenantId, campaignId, field: 'stopped', delta: 0 } }),
        ...(part.notice && { sharedNotices: [{ notification, applicationIds: [application.applicationId] }] }),
      });
    });
    results.push({ transaction: part.transaction, perSecond: applications.length / ((performance.now() - started) / 1000) });
  }
  return results;
}
