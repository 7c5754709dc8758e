import { dependencies } from '#adapters/dependencies';
import { jobFor } from '#functions/jobs/jobs';
import { handOverShare } from '#ports/scheduler';
import { NothingToConfirmError } from '#domain/campaign';
import { currentSurvey } from '#domain/survey-definition';
import { createCampaign, startCampaign } from '#use-cases/campaign-commands';
import { requestCampaignPreview } from '#use-cases/campaign-preview';
import { startExport } from '#use-cases/exports';
import { submitSurvey } from '#use-cases/survey';
import { variedAnswers } from './answers.ts';
import { jobInvocations, longestInvocations, resetJobInvocations } from '../local/job-runner.ts';
import { startLocalRuntime } from '../local/runtime.ts';

/** The size the figure speaks of (issue 19.2): a city of 300,000 applications. */
export const cityApplications = 300_000;

export interface JobsMeasurement {
  /** Applications seeded (the demo tenant at this size). */
  readonly applications: number;
  /** Every job's Lambda timeout was multiplied by this (applications ÷ 300,000): see BENCHMARKS.md. */
  readonly timeoutScale: number;
  readonly inScope: number;
  /** Parents who answered the survey (every other in-scope applicant), and the rows of their answers' export. */
  readonly answered?: number;
  readonly exportedRows?: number;
  readonly stopped: number;
  /** Per job kind: invocations, the longest (ms), its limit (ms) and their ratio. */
  readonly kinds: readonly { readonly kind: string; readonly invocations: number; readonly longestMs: number; readonly limitMs: number; readonly ratio: number; readonly totalMs: number }[];
  /** The largest longest ÷ limit over the preview, the start, the export, the close and the positions. */
  readonly longestRatio: number;
  readonly failedInvocations: number;
  readonly seconds: { readonly seed: number; readonly preview: number; readonly start: number; readonly answers?: number; readonly export?: number; readonly close: number };
}

const measuredKinds = ['campaign-preview', 'campaign-start', 'export', 'campaign-close', 'recompute-positions'] as const;

/**
 * The jobs over a city's data (decision 42) on the local runtime: a campaign started over the
 * seeded demo tenant, every other parent in it answering the survey (their answers then
 * exported), and closed; every job run by the local job runner
 * (its grants, its timeout, its invocations recorded). At fewer than 300,000 applications every
 * job's timeout is scaled by applications ÷ 300,000, so the jobs meet their limits as they would
 * at a city's size (their work grows linearly with the applications they cover).
 */
export async function measureJobs(options: { applications: number; log: (line: string) => void }): Promise<JobsMeasurement> {
  const { log } = options;
  const timeoutScale = Math.min(1, options.applications / cityApplications);
  const seedStarted = performance.now();
  const runtime = await startLocalRuntime({
    port: 0,
    data: 'memory',
    seed: { applicationCount: options.applications },
    log: (line) => line.includes('[scheduler]') && log(`    ${line.trim()}`),
    schedulerIntervalMs: 3_600_000,
    rateLimitScale: 1000,
    transactionConflicts: false,
    jobTimeoutScale: timeoutScale,
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  log(`    seeded ${options.applications.toLocaleString('en-US')} applications in ${seedSeconds.toFixed(0)} s; job timeouts × ${timeoutScale.toFixed(4)}`);
  try {
    const deps = dependencies();
    /** Runs due jobs until none is left (each continuation is due at once). */
    const drain = async () => {
      for (let round = 0; round < 10_000; round++) if ((await runtime.pollSchedules()).length === 0) return;
      throw new Error('jobs still due after 10,000 rounds');
    };
    resetJobInvocations();
    const now = runtime.clock.now();
    const campaign = await createCampaign(deps, { tenantId: 'temirtau', year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(), now });
    // The draft's preview first (decision 57): its job reads the whole scope, as the start does.
    const previewStarted = performance.now();
    await requestCampaignPreview(deps, { tenantId: 'temirtau', campaignId: campaign.campaignId, now });
    await drain();
    const previewSeconds = (performance.now() - previewStarted) / 1000;
    const preview = (await deps.campaigns.get('temirtau', campaign.campaignId))!.preview!;
    log(`    preview: ${preview.applications} in scope, ${preview.applicants} applicants, in ${previewSeconds.toFixed(0)} s`);
    await startCampaign(deps, { tenantId: 'temirtau', campaignId: campaign.campaignId, now });
    const startStarted = performance.now();
    await drain();
    const startSeconds = (performance.now() - startStarted) / 1000;
    const started = (await deps.campaigns.get('temirtau', campaign.campaignId))!;
    log(`    start: ${started.counts.inScope} in scope in ${startSeconds.toFixed(0)} s`);
    // Every other parent answers (through the use case, as the route does), and staff export the answers.
    const answersStarted = performance.now();
    const applicants = [...new Set(runtime.seed!.data.applications.map((a) => a.applicantIin))].sort();
    let answered = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < applicants.length) {
          const i = next++;
          if (i % 2 === 1) continue;
          const done = await submitSurvey(deps, { applicantIin: applicants[i]!, version: currentSurvey().version, answers: variedAnswers(runtime, i), actor: { role: 'parent', id: `bench-${i}` }, now }).then(
            () => true,
            (error: Error) => (error instanceof NothingToConfirmError ? false : Promise.reject(error)),
          );
          if (done) answered++;
        }
      }),
    );
    const answersSeconds = (performance.now() - answersStarted) / 1000;
    log(`    answers: ${answered} parents answered in ${answersSeconds.toFixed(0)} s`);
    const exportStarted = performance.now();
    const asked = await startExport(deps, { tenantId: 'temirtau', campaignId: campaign.campaignId, kind: 'answers', language: 'ru', now });
    await drain();
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    const exported = (await deps.exports.get('temirtau', asked.exportId))!;
    log(`    export: ${exported.rows ?? 0} rows in ${exportSeconds.toFixed(0)} s (${exported.status})`);
    if (exported.status !== 'done' || exported.rows !== answered) throw new Error(`the export ended ${exported.status} with ${exported.rows} rows of ${answered} answers`);
    const confirmed = (await deps.campaigns.get('temirtau', campaign.campaignId))!.counts.confirmed;
    if (preview.state !== 'ready' || preview.applications !== started.counts.inScope || preview.applicants !== started.counts.applicants) {
      throw new Error(`the preview counted ${preview.applications} / ${preview.applicants} (${preview.state}), the start ${started.counts.inScope} / ${started.counts.applicants}`);
    }
    runtime.clock.set(new Date(Date.parse(campaign.endsAt) + 1000));
    const closeStarted = performance.now();
    await drain();
    const closeSeconds = (performance.now() - closeStarted) / 1000;
    const closed = (await deps.campaigns.get('temirtau', campaign.campaignId))!;
    log(`    close: ${closed.counts.stopped} stopped in ${closeSeconds.toFixed(0)} s (${closed.status})`);
    if (closed.status !== 'closed' || closed.counts.stopped !== started.counts.inScope - confirmed) throw new Error(`close ended ${closed.status} with ${closed.counts.stopped} of ${started.counts.inScope - confirmed} stopped`);
    const longest = longestInvocations();
    const kinds = measuredKinds.map((kind) => {
      const seen = longest.get(kind);
      const totalMs = jobInvocations().filter((i) => i.kind === kind).reduce((sum, i) => sum + i.ms, 0);
      return { kind, invocations: seen?.count ?? 0, longestMs: Math.round(seen?.longestMs ?? 0), limitMs: seen?.limitMs ?? jobFor(kind).timeoutSeconds * 1000 * timeoutScale, ratio: Number((seen?.ratio ?? 0).toFixed(3)), totalMs: Math.round(totalMs) };
    });
    for (const k of kinds) log(`    ${k.kind}: ${k.invocations} invocations, longest ${k.longestMs} ms of ${Math.round(k.limitMs)} ms (${k.ratio}), ${k.totalMs} ms in all`);
    return {
      applications: options.applications,
      timeoutScale,
      inScope: started.counts.inScope,
      answered,
      exportedRows: exported.rows ?? 0,
      stopped: closed.counts.stopped,
      kinds,
      longestRatio: Math.max(...kinds.map((k) => k.ratio)),
      failedInvocations: jobInvocations().filter((i) => i.outcome === 'failed').length,
      seconds: { seed: Math.round(seedSeconds), preview: Math.round(previewSeconds), start: Math.round(startSeconds), answers: Math.round(answersSeconds), export: Math.round(exportSeconds), close: Math.round(closeSeconds) },
    };
  } finally {
    await runtime.stop();
  }
}

