import { closeGroupSize } from '#use-cases/campaign-jobs';
import type { CloseMeasurement } from './close.ts';
import { cityApplications, type JobsMeasurement } from './jobs.ts';
import type { BundlesMeasurement } from './lambda-bundles.ts';
import { cabinetPage, type LighthouseMeasurement } from './lighthouse.ts';
import type { LocalApiMeasurement } from './local-api.ts';
import { atLeast, atMost, exactly, figure, type Figure } from './report.ts';
import type { StartMeasurement } from './start.ts';
import type { SubmitCountersMeasurement } from './submit-counters.ts';
import type { WebSizeMeasurement } from './web-size.ts';

/** What each part of the bench measured (`null`: not measured), as `bench/results.json` keeps it in `details`. */
export interface Measured {
  readonly web: WebSizeMeasurement | null;
  readonly bundles: BundlesMeasurement | null;
  readonly api: LocalApiMeasurement | null;
  readonly lighthouse: LighthouseMeasurement | null;
  readonly close: CloseMeasurement | null;
  readonly counters: SubmitCountersMeasurement | null;
  readonly jobs: JobsMeasurement | null;
  readonly start: StartMeasurement | null;
}

export interface BenchSizes {
  readonly pending: number;
  readonly rawUpdates: number;
  readonly closeConcurrency: number;
  readonly submissions: number;
  readonly submitConcurrency: number;
  readonly countersConcurrency: number;
  readonly importRuns: number;
  readonly jobApplications: number;
  readonly startApplications: number;
  readonly startRatePerSecond: number;
}

/**
 * Every figure of `bench/results.json` from the parts' measurements: one place, so a run of one
 * part (`npm run bench:lighthouse`) recomputes the same figures as `npm run bench`.
 */
export function benchFigures(measured: Measured, sizes: BenchSizes): Figure[] {
  const { web, bundles, api, lighthouse, close, counters, jobs, start } = measured;
  const value = <T>(measurement: T | null, pick: (v: T) => number | null) => (measurement === null ? null : pick(measurement));
  return [
    figure('cabinetViewRequests', value(api, (a) => a.cabinetView.total), 'requests', '≤ 3', atMost(3), 'DynamoDB requests of `GET /api/cabinet/applications` (authorizer included), from the local server\'s `x-kezek-dynamodb-requests` header'),
    figure('surveySubmitWriteRequests', value(api, (a) => a.surveySubmit.writes), 'requests', '= 1', exactly(1), 'write requests (Put/Update/Delete/BatchWrite/TransactWrite) of the costliest `POST /api/cabinet/survey` of the load, each retry of a cancelled transaction counted: the target means one `TransactWriteItems` of the parent\'s own items and no retry, the counters being moved off the request by the aggregation (see "No hot item")'),
    figure('surveySubmitReadRequests', value(api, (a) => a.surveySubmit.reads), 'requests', '', undefined, 'read requests of the same submission (session, applications, one BatchGet)'),
    figure('closeToRawWriteRatio', value(close, (c) => Number(c.ratio.toFixed(3))), '', '≥ 0.8', atLeast(0.8), `applications stopped per second by \`runCampaignClose\` (grouped transactions of ${closeGroupSize} applications each, with history, notices and counters) over ${sizes.pending.toLocaleString('en-US')} pending, ÷ single conditional \`UpdateItem\`s per second on the same items (half before the close, half after), concurrency ${sizes.closeConcurrency}, same in-memory DynamoDB Local`),
    figure('closeApplicationsPerSecond', value(close, (c) => Math.round(c.closePerSecond)), '/s', '', undefined, 'the numerator above'),
    figure('rawConditionalUpdatesPerSecond', value(close, (c) => Math.round(c.rawPerSecond)), '/s', '', undefined, `the denominator above (${sizes.rawUpdates.toLocaleString('en-US')} updates)`),
    figure('surveySubmitsPerSecond', value(api, (a) => Number(a.surveyLoad.perSecond.toFixed(1))), '/s', '', undefined, `${sizes.submissions.toLocaleString('en-US')} distinct parents with pending applications submit the survey over HTTP with varied answers, ${sizes.submitConcurrency} at a time`),
    figure('submitWithCountersRatioC200', value(counters, (c) => Number(c.ratio.toFixed(3))), '', '≥ 0.9', atLeast(0.9), `accepted survey submissions per second with the counters (the aggregation consuming the answers\' stream beside them) ÷ the same with the consumer paused and no counter written, ${sizes.submissions.toLocaleString('en-US')} distinct parents each in alternating rounds (with, without, without, with, …), concurrency ${sizes.countersConcurrency}, varied answers, DynamoDB transaction conflicts emulated`),
    figure('submitTransactionConflicts', value(counters, (c) => c.withCounters.conflicts), '', '', undefined, 'transactions cancelled for TransactionConflict (and retried) during the run with counters above, the submissions\' and the aggregation\'s'),
    figure('aggregationCatchUpSeconds', value(counters, (c) => (c.aggregationCatchUpSeconds === undefined ? null : Number(c.aggregationCatchUpSeconds.toFixed(2)))), 's', '', undefined, 'from the last submission of a round with counters until the aggregation had applied every answer change (the most of the rounds): how far the dashboard lagged at the end of a burst'),
    figure(
      'jobLongestInvocationRatio',
      value(jobs, (j) => j.longestRatio),
      '',
      '≤ 0.5',
      atMost(0.5),
      `the longest invocation ÷ its Lambda timeout over the campaign preview, start, answers export, close and position recompute of ${(jobs?.applications ?? sizes.jobApplications).toLocaleString('en-US')} applications, every job run by the local job runner` +
        (jobs && jobs.timeoutScale < 1 ? ` with its timeout scaled by ${jobs.applications.toLocaleString('en-US')} ÷ ${cityApplications.toLocaleString('en-US')} (see "Jobs over a city's data")` : ''),
    ),
    figure(
      'startDeliveryRateRatio',
      value(start, (s) => s.rateRatio),
      '',
      '≥ 0.9',
      atLeast(0.9),
      `start SMS per second ÷ the sender's configured rate (${sizes.startRatePerSecond} a second over its ${start?.senderInstances ?? 2} instances), from the start job's first invocation to the last SMS handed over, a campaign started over ${(start?.applications ?? sizes.startApplications).toLocaleString('en-US')} applications on the local runtime with the sender draining the queue alongside (see "The start over a city")`,
    ),
    figure('startLongestInvocationRatio', value(start, (s) => s.longestInvocationRatio), '', '≤ 0.5', atMost(0.5), 'the longest invocation ÷ its Lambda timeout over that start: the start job (900 s, real limit) and the sender (30 s)'),
    figure('startDeliveriesPerSecond', value(start, (s) => s.deliveriesPerSecond), '/s', '', undefined, 'the numerator of the ratio above'),
    figure('surveySubmitP99Ms', value(api, (a) => Math.round(a.surveyLoad.p99Ms)), 'ms', '', undefined, 'the 99th percentile of those submissions\' latencies (client side)'),
    figure('lambdaBundleMaxBytes', value(bundles, (b) => b.largest.bytes), 'B', '≤ 300,000', atMost(300_000), 'the largest minified ESM bundle of every route, job and the authorizer, built with `lib/app-function.ts`\'s esbuild options (the AWS SDK and Powertools external: they come from the vendor layer)'),
    figure('lambdaColdImportMsMax', value(bundles, (b) => Math.round(b.slowest.coldImportMs)), 'ms', '≤ 70', atMost(70), `the slowest bundle's \`import()\` in a fresh \`node\` (median of ${sizes.importRuns}), the AWS SDK and Powertools from the vendor layer laid out as in Lambda`),
    figure('lambdaColdImportCpuMs', value(bundles, (b) => Math.round(b.slowest.coldImportCpuMs)), 'ms', '', undefined, 'the CPU time of those imports of the slowest bundle (median): what other work on the machine inflates less than the wall time above'),
    figure('lambdaColdImportExternalsOnlyMs', value(bundles, (b) => (b.slowestApart ? Math.round(b.slowestApart.externalsOnlyMs) : null)), 'ms', '', undefined, 'a module that imports only the slowest bundle\'s external modules (AWS SDK, Powertools) from the vendor layer, as its start does: the part of its cold import outside our code'),
    figure('lambdaColdImportFromNodeModulesMs', value(bundles, (b) => (b.slowestApart ? Math.round(b.slowestApart.fromNodeModulesMs) : null)), 'ms', '', undefined, 'the slowest bundle importing the published packages from `node_modules` instead of the layer (as from the runtime\'s SDK and AWS\'s Powertools layer)'),
    figure('lambdaFirstUseSnsImportMs', value(bundles, (b) => (b.slowestApart ? Math.round(b.slowestApart.firstUse.snsMs) : null)), 'ms', '', undefined, 'after the slowest function\'s import, the same process importing the layer\'s SNS client, as a request\'s first use of it (it shares the start\'s code, decision 68)'),
    figure('lambdaFirstUseS3ImportMs', value(bundles, (b) => (b.slowestApart ? Math.round(b.slowestApart.firstUse.s3Ms) : null)), 'ms', '', undefined, 'the same with the S3 client, built apart with its own copy of the code it shares (decision 68)'),
    figure('lambdaColdImportSavedByLazySchemasMs', value(bundles, (b) => (b.slowestApart ? Math.round(b.slowestApart.steps.everyRouteSchemaMs - b.slowestApart.steps.coldImportMs) : null)), 'ms', '', undefined, 'the slowest function\'s cold import with every route\'s schemas and the department\'s built at start, minus as shipped (each schema on first use, decision 47), same run, interleaved'),
    figure('lambdaColdImportSavedBySourceMapMs', value(bundles, (b) => (b.slowestApart ? Math.round(b.slowestApart.steps.sourceMapsMs - b.slowestApart.steps.coldImportMs) : null)), 'ms', '', undefined, 'the same started with Node\'s source maps on (`--enable-source-maps`, every function before decision 63), minus as shipped (the map ships, `npm run stack` reads it)'),
    figure('lambdaColdImportSavedByUtf8Ms', value(bundles, (b) => (b.slowestApart ? Math.round(b.slowestApart.steps.asciiMs - b.slowestApart.steps.coldImportMs) : null)), 'ms', '', undefined, 'the same with our Kazakh and Russian texts escaped as `\\uXXXX` (esbuild\'s default charset), minus as shipped (UTF-8, decision 51)'),
    figure('lambdaColdImportSavedByGroupedLayerMs', value(bundles, (b) => (b.slowestApart ? Math.round(b.slowestApart.steps.perModuleLayerMs - b.slowestApart.steps.coldImportMs) : null)), 'ms', '', undefined, 'the same importing the vendor layer as before decision 68 (each vendor module its own entry of one code-split build, reached by package name), minus as shipped (the start modules in two groups, reached by path)'),
    figure('lambdaColdImportSavedByNoXraySdkMs', value(bundles, (b) => (b.slowestApart ? Math.round(b.slowestApart.steps.xraySdkMs - b.slowestApart.steps.coldImportMs) : null)), 'ms', '', undefined, 'the same started with the X-Ray SDK on (`-c xraySdk=true`, as every function was before decision 62), minus as shipped (Lambda\'s active tracing only)'),
    figure('lambdaColdImportOwnMs', value(bundles, (b) => (b.slowestApart ? Math.round(b.slowestApart.steps.coldImportMs - b.slowestApart.externalsOnlyMs) : null)), 'ms', '', undefined, 'the slowest function as shipped minus its externals alone, timed in turn: the part of its cold import that is our code (its bundle\'s parse, source map and module evaluation)'),
    figure('lambdaColdImportOwnCpuMs', value(bundles, (b) => (b.slowestApart?.steps.cpu ? Math.round(b.slowestApart.steps.cpu.coldImportMs - b.slowestApart.steps.cpu.externalsOnlyMs) : null)), 'ms', '', undefined, 'the same in CPU time'),
    figure('lambdaColdImportInstructionsM', value(bundles, (b) => (b.slowestApart && 'shippedM' in b.slowestApart.instructions ? Math.round(b.slowestApart.instructions.shippedM) : null)), 'M', '', undefined, 'millions of instructions a fresh `node` runs to import the slowest function as shipped (callgrind): what the load of the machine does not change; its externals alone and an empty module are in BENCHMARKS.md\'s bundle section'),
    figure('lambdaColdImportOwnInstructionsM', value(bundles, (b) => (b.slowestApart && 'shippedM' in b.slowestApart.instructions ? Math.round(b.slowestApart.instructions.shippedM - b.slowestApart.instructions.externalsOnlyM) : null)), 'M', '', undefined, 'the same minus its externals alone: our code\'s part, in instructions'),
    figure('vendorLayerBytes', value(bundles, (b) => b.layer.bytes), 'B', '', undefined, 'the vendor layer\'s minified modules and chunks, shared by every function (each loads only the modules it imports)'),
    figure('lambdaColdImportSelfContainedMs', value(bundles, (b) => (b.slowestApart ? Math.round(b.slowestApart.selfContained.coldImportMs) : null)), 'ms', '', undefined, 'the same function with the SDK and Powertools bundled in (code-split: clients used on first use stay out of the start)'),
    figure('lambdaSelfContainedStartBytes', value(bundles, (b) => (b.slowestApart ? b.slowestApart.selfContained.staticBytes : null)), 'B', '', undefined, 'what that self-contained function loads at start (entry chunk, its static chunks and the tracer\'s)'),
    figure('parentPageGzipBytes', value(web, (w) => w.gzipBytes), 'B', '≤ 60,000', atMost(60_000), 'JS + CSS that `web/dist/index.html` loads, gzip level 9'),
    figure('lighthouseMobilePerformance', value(lighthouse, (l) => l.score), '', '≥ 95', atLeast(95), 'Lighthouse 12 performance category, default mobile settings, lower of `/` and `/login` on the local runtime, Debian chromium'),
    figure('cabinetLighthouseMobilePerformance', value(lighthouse, (l) => cabinetPage(l)?.score ?? null), '', '≥ 95', atLeast(95), 'the same for `/cabinet` of the first demo parent (two children in the queue), logged in through the API, the session cookie sent as an extra header'),
    figure('cabinetCumulativeLayoutShift', value(lighthouse, (l) => {
      const cls = cabinetPage(l)?.cls;
      return cls === undefined ? null : Number(cls.toFixed(3));
    }), '', '≤ 0.1', atMost(0.1), 'Lighthouse\'s cumulative layout shift of that cabinet load (mobile, simulated slow 4G)'),
  ];
}
