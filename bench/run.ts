import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../local/runtime.ts';
import { measureClose, type CloseMeasurement } from './close.ts';
import { measureLambdaBundles, type BundlesMeasurement } from './lambda-bundles.ts';
import { measureSitePages, type LighthouseMeasurement } from './lighthouse.ts';
import { measureLocalApi, type LocalApiMeasurement } from './local-api.ts';
import { benchFigures } from './figures.ts';
import { benchmarksMarkdown } from './benchmarks-md.ts';
import { measureParentPage, type WebSizeMeasurement } from './web-size.ts';
import { measureSubmitCounters, type SubmitCountersMeasurement } from './submit-counters.ts';
import { cityApplications, measureJobs, type JobsMeasurement } from './jobs.ts';
import { measureStart, startApplications, type StartMeasurement } from './start.ts';

/**
 * `npm run bench`: measures the issue's figures on this machine and writes `bench/results.json`
 * and `BENCHMARKS.md`. Each part that cannot run records `null` and why; none of them is a test.
 * Sizes can be lowered for a quick look (KEZEK_BENCH_PENDING, KEZEK_BENCH_SUBMISSIONS,
 * KEZEK_BENCH_JOB_APPLICATIONS); the published figures use the defaults unless BENCHMARKS.md says
 * otherwise. `KEZEK_BENCH_ONLY=jobs,close` (part names: web, bundles, api, close, counters, jobs, start)
 * measures only those parts and keeps the others' measurements from the previous
 * `bench/results.json` (BENCHMARKS.md names which part was measured when).
 */
const sizes = {
  pending: Number(process.env.KEZEK_BENCH_PENDING ?? 100_000),
  rawUpdates: Number(process.env.KEZEK_BENCH_RAW_UPDATES ?? 20_000),
  breakdownUpdates: 3_000,
  closeConcurrency: 8,
  demoApplications: 5_200,
  submissions: Number(process.env.KEZEK_BENCH_SUBMISSIONS ?? 1_000),
  submitConcurrency: 50,
  countersConcurrency: 200,
  importRuns: 3,
  jobApplications: Number(process.env.KEZEK_BENCH_JOB_APPLICATIONS ?? cityApplications),
  startApplications: Number(process.env.KEZEK_BENCH_START_APPLICATIONS ?? startApplications),
  /** The sender's rate in the start measurement: scaled down from SNS's so this machine keeps up with the start. */
  startRatePerSecond: Number(process.env.KEZEK_BENCH_START_RATE ?? 50),
};
const partNames = ['web', 'bundles', 'api', 'close', 'counters', 'jobs', 'start'] as const;
type PartName = (typeof partNames)[number];
const only = process.env.KEZEK_BENCH_ONLY ? new Set(process.env.KEZEK_BENCH_ONLY.split(',').map((p) => p.trim())) : undefined;
for (const name of only ?? []) if (!partNames.includes(name as PartName)) throw new Error(`KEZEK_BENCH_ONLY: no part ${name} (${partNames.join(', ')})`);
const resultsPath = join(repositoryRoot, 'bench', 'results.json');
/** The previous run's results: the parts not measured now keep their measurements from it. */
const previous = (only && existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : undefined) as { details?: Record<string, any> } | undefined;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const started = Date.now();
const log = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line.trimStart()}`);

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/** When this part's measurement was taken (now, or the earlier run it was kept from). */
const measuredAt: Partial<Record<PartName, string>> = {};

async function part<T>(name: string, measure: () => Promise<T>, key?: PartName): Promise<Outcome<T>> {
  if (key && only && !only.has(key)) {
    const kept = previous?.details?.[key] as T | null | undefined;
    measuredAt[key] = previous?.details?.measuredAt?.[key] ?? previous?.details?.date;
    log(`${name}: kept from ${measuredAt[key] ?? 'no earlier run'}`);
    return kept ? { ok: true, value: kept } : { ok: false, reason: previous?.details?.failures?.[key] ?? 'not measured in this run (KEZEK_BENCH_ONLY)' };
  }
  if (key) measuredAt[key] = new Date().toISOString();
  log(`${name} …`);
  const from = Date.now();
  try {
    const value = await measure();
    log(`${name} done in ${((Date.now() - from) / 1000).toFixed(0)} s`);
    return { ok: true, value };
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]!.slice(0, 300);
    log(`${name} FAILED: ${reason}`);
    return { ok: false, reason };
  }
}

function machine() {
  const lscpu = (() => {
    try {
      return /Model name:\s*(.+)/.exec(execFileSync('lscpu', { encoding: 'utf8' }))?.[1]?.trim();
    } catch {
      return undefined;
    }
  })();
  return {
    cores: cpus().length,
    cpu: lscpu ?? cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    // `java -version` writes to stderr.
    java: spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr?.split('\n')[0]?.trim() || undefined,
    loadAverageAtStart: loadavg().map((n) => Number(n.toFixed(2))),
  };
}

const facts = machine();
log(`machine: ${facts.cores} cores (${facts.cpu}), Node ${facts.node}, load average ${facts.loadAverageAtStart.join(' ')}`);

const distDir = join(repositoryRoot, 'web', 'dist');
const web = await part<WebSizeMeasurement>('parent page size (web/dist)', async () => {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error('web/dist is not built (npm run build:web)');
  return measureParentPage(distDir);
}, 'web');
const bundles = await part<BundlesMeasurement>('Lambda bundles and cold imports', () => measureLambdaBundles({ runs: sizes.importRuns, log }), 'bundles');

// Lighthouse runs against the runtime the API part started, before it stops.
const lighthouseRun: { outcome: Outcome<LighthouseMeasurement> } = { outcome: { ok: false, reason: 'the local runtime did not start' } };
const api = await part<LocalApiMeasurement>('local runtime: request counts and survey load', async () => {
  const { measurement, runtime } = await measureLocalApi({ applicationCount: sizes.demoApplications, submissions: sizes.submissions, concurrency: sizes.submitConcurrency, log });
  try {
    lighthouseRun.outcome = existsSync(chromiumPath)
      ? await part('Lighthouse (mobile) on the home and parent login pages and the logged-in cabinet', () => measureSitePages(runtime, chromiumPath, log))
      : { ok: false, reason: `no Chromium at ${chromiumPath} (apt-get install chromium)` };
  } finally {
    await runtime.stop();
  }
  return measurement;
}, 'api');
if (only && !only.has('api')) lighthouseRun.outcome = previous?.details?.lighthouse ? { ok: true, value: previous.details.lighthouse } : { ok: false, reason: previous?.details?.failures?.lighthouse ?? 'not measured in this run' };
const lighthouse = lighthouseRun.outcome;
const close = await part<CloseMeasurement>(`campaign close over ${sizes.pending.toLocaleString('en-US')} pending applications`, () =>
  measureClose({ pending: sizes.pending, rawUpdates: sizes.rawUpdates, breakdownUpdates: sizes.breakdownUpdates, concurrency: sizes.closeConcurrency, log }),
  'close',
);
const counters = await part<SubmitCountersMeasurement>(`survey submissions with and without counters, concurrency ${sizes.countersConcurrency}, transaction conflicts emulated`, () =>
  measureSubmitCounters({ applicationCount: sizes.demoApplications, submissions: sizes.submissions, concurrency: sizes.countersConcurrency, log }),
  'counters',
);
const startRun = await part<StartMeasurement>(`campaign start over ${sizes.startApplications.toLocaleString('en-US')} applications with the sender at ${sizes.startRatePerSecond} SMS a second`, () =>
  measureStart({ applications: sizes.startApplications, ratePerSecond: sizes.startRatePerSecond, log }),
  'start',
);
const jobsRun = await part<JobsMeasurement>(`jobs over a city's data: preview, start, answers export, close and positions of ${sizes.jobApplications.toLocaleString('en-US')} applications`, () => measureJobs({ applications: sizes.jobApplications, log }), 'jobs');

const figures = benchFigures(
  {
    web: web.ok ? web.value : null,
    bundles: bundles.ok ? bundles.value : null,
    api: api.ok ? api.value : null,
    lighthouse: lighthouse.ok ? lighthouse.value : null,
    close: close.ok ? close.value : null,
    counters: counters.ok ? counters.value : null,
    jobs: jobsRun.ok ? jobsRun.value : null,
    start: startRun.ok ? startRun.value : null,
  },
  sizes,
);

const finishedAt = new Date();
const results = {
  ...Object.fromEntries(figures.map((f) => [f.key, f.value])),
  details: {
    date: finishedAt.toISOString(),
    command: only ? `KEZEK_BENCH_ONLY=${[...only].join(',')} npm run bench` : 'npm run bench',
    measuredAt,
    seconds: Math.round((finishedAt.getTime() - started) / 1000),
    machine: { ...facts, loadAverageAtEnd: loadavg().map((n) => Number(n.toFixed(2))) },
    sizes,
    targets: Object.fromEntries(figures.filter((f) => f.target).map((f) => [f.key, { target: f.target, met: f.met }])),
    failures: Object.fromEntries(
      Object.entries({ web, bundles, api, lighthouse, close, counters, jobs: jobsRun, start: startRun }).flatMap(([name, outcome]) => (outcome.ok ? [] : [[name, outcome.reason]])),
    ),
    web: web.ok ? web.value : null,
    bundles: bundles.ok ? bundles.value : null,
    api: api.ok ? api.value : null,
    lighthouse: lighthouse.ok ? lighthouse.value : null,
    close: close.ok ? close.value : null,
    counters: counters.ok ? counters.value : null,
    jobs: jobsRun.ok ? jobsRun.value : null,
    start: startRun.ok ? startRun.value : null,
  },
};
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(repositoryRoot, 'BENCHMARKS.md'), benchmarksMarkdown(figures, results.details));
log(`wrote bench/results.json and BENCHMARKS.md (${results.details.seconds} s)`);
for (const f of figures) log(`${f.key.padEnd(32)} ${String(f.value).padStart(10)} ${f.target ? `target ${f.target}: ${f.met === null ? 'not measured' : f.met ? 'met' : 'NOT MET'}` : ''}`);
// Handles of the SDK and DynamoDB Local's watchdog are gone; exit explicitly all the same.
process.exit(0);
