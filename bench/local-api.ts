import { dependencies } from '#adapters/dependencies';
import { currentSurvey } from '#domain/survey-definition';
import { forEachLimited } from '#functions/concurrency';
import { startLocalRuntime, type LocalRuntime } from '../local/runtime.ts';
import { loginParent, loginStaff, settle, type Client } from '../test/support/runtime.ts';
import { percentile } from './stats.ts';
import { variedAnswers } from './answers.ts';

/** DynamoDB commands that write; everything else the header reports is a read. */
const writeCommands = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

export interface RequestCount {
  readonly total: number;
  readonly writes: number;
  readonly reads: number;
  readonly byCommand: Record<string, number>;
}

export interface LocalApiMeasurement {
  readonly seededApplications: number;
  /** What one cabinet view cost, authorizer included. */
  readonly cabinetView: RequestCount;
  /** The most any one survey submission cost (every submission of the load is counted). */
  readonly surveySubmit: RequestCount;
  readonly surveyLoad: { readonly submissions: number; readonly concurrency: number; readonly seconds: number; readonly perSecond: number; readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number };
}

export function requestCount(header: string | null): RequestCount {
  if (!header) throw new Error('no x-kezek-dynamodb-requests header');
  const byCommand = JSON.parse(header) as Record<string, number>;
  let writes = 0;
  let reads = 0;
  for (const [command, n] of Object.entries(byCommand)) {
    if (writeCommands.has(command)) writes += n;
    else reads += n;
  }
  return { total: writes + reads, writes, reads, byCommand };
}

/**
 * The local runtime the bench measures: in memory, the demo tenant of `applicationCount`
 * applications seeded, a campaign started now and its start job run. The poller stays idle; jobs
 * run when `settle` asks, so nothing runs in the background of a load. Every parent logs in from
 * 127.0.0.1: the per-client abuse limits are scaled up, as in the tests.
 */
export async function startBenchRuntime(applicationCount: number): Promise<{ runtime: LocalRuntime & { campaignId: string } }> {
  const runtime = await startLocalRuntime({
    port: 0,
    data: 'memory',
    seed: { applicationCount },
    // KEZEK_BENCH_LOG=1 shows the runtime's console (failures of routes and jobs) while debugging.
    log: process.env.KEZEK_BENCH_LOG ? (line: string) => console.log(line) : () => undefined,
    schedulerIntervalMs: 3_600_000,
    rateLimitScale: 1000,
  });
  try {
    const staff = await loginStaff(runtime);
    const now = runtime.clock.now();
    const created = await staff.request('POST', '/api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 30 * 86_400_000).toISOString() } });
    if (created.status !== 201) throw new Error(`campaign create answered ${created.status}`);
    const campaignId = created.body.campaign.campaignId as string;
    const started = await staff.request('POST', `/api/staff/campaigns/${campaignId}/start`);
    if (started.status !== 202) throw new Error(`campaign start answered ${started.status}`);
    await settle(runtime);
    return { runtime: Object.assign(runtime, { campaignId }) };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}

/**
 * Starts the local runtime with a seeded tenant and a running campaign, then over HTTP: the
 * DynamoDB requests of a cabinet view and of survey submissions (from the server's
 * `x-kezek-dynamodb-requests` header), and `submissions` survey submissions by distinct parents
 * with pending applications, `concurrency` at a time. Leaves the runtime running for Lighthouse.
 */
export async function measureLocalApi(options: {
  applicationCount: number;
  submissions: number;
  concurrency: number;
  log: (line: string) => void;
}): Promise<{ measurement: LocalApiMeasurement; runtime: LocalRuntime }> {
  const { log } = options;
  const { runtime } = await startBenchRuntime(options.applicationCount);
  try {
    log(`    local runtime at ${runtime.url}, ${options.applicationCount} demo applications seeded, a campaign running`);
    const campaignId = runtime.campaignId;

    // Cabinet view of a demo parent (the first printed at `npm start`).
    const demo = await loginParent(runtime, runtime.seed!.data.demoParents[0]!);
    const cabinet = await demo.request('GET', '/api/cabinet/applications');
    if (cabinet.status !== 200) throw new Error(`cabinet answered ${cabinet.status}`);
    const cabinetView = requestCount(cabinet.headers.get('x-kezek-dynamodb-requests'));

    // Distinct parents with applications pending in the campaign (a bench set-up read, not a request path).
    const pendingParents = new Set<string>();
    let next: string | undefined;
    do {
      const page = await dependencies().applications.pendingPage('temirtau', campaignId, next, 1000);
      for (const application of page.applications) pendingParents.add(application.applicantIin);
      next = page.next;
    } while (next && pendingParents.size < options.submissions);
    const parents = runtime.seed!.data.parents.filter((p) => pendingParents.has(p.iin)).slice(0, options.submissions);
    if (parents.length < options.submissions) throw new Error(`only ${parents.length} parents with pending applications`);
    const clients: Client[] = [];
    await forEachLimited(parents, 8, async (parent) => {
      clients.push(await loginParent(runtime, parent));
    });
    log(`    ${clients.length} parents with pending applications logged in`);

    const latencies: number[] = [];
    let surveySubmit: RequestCount | undefined;
    const failures = new Map<number, number>();
    const loadStarted = performance.now();
    await forEachLimited(clients.map((client, i) => ({ client, i })), options.concurrency, async ({ client, i }) => {
      const body = { version: currentSurvey().version, answers: variedAnswers(runtime, i) };
      const sent = performance.now();
      const answer = await client.request('POST', '/api/cabinet/survey', { body });
      latencies.push(performance.now() - sent);
      if (answer.status !== 200) {
        failures.set(answer.status, (failures.get(answer.status) ?? 0) + 1);
        return;
      }
      const count = requestCount(answer.headers.get('x-kezek-dynamodb-requests'));
      if (!surveySubmit || count.writes > surveySubmit.writes || count.total > surveySubmit.total) surveySubmit = count;
    });
    const seconds = (performance.now() - loadStarted) / 1000;
    if (failures.size > 0 || !surveySubmit) throw new Error(`survey submissions failed: ${JSON.stringify(Object.fromEntries(failures))}`);
    const surveyLoad = {
      submissions: clients.length,
      concurrency: options.concurrency,
      seconds,
      perSecond: clients.length / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
    };
    log(`    survey: ${surveyLoad.submissions} submissions at concurrency ${surveyLoad.concurrency}: ${surveyLoad.perSecond.toFixed(0)}/s, p99 ${surveyLoad.p99Ms.toFixed(0)} ms`);
    return { measurement: { seededApplications: options.applicationCount, cabinetView, surveySubmit, surveyLoad }, runtime };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
