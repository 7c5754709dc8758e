import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../local/runtime.ts';
import { benchmarksMarkdown, type BenchDetails } from './benchmarks-md.ts';
import { benchFigures, type BenchSizes, type Measured } from './figures.ts';
import { measureSitePages } from './lighthouse.ts';
import { startBenchRuntime } from './local-api.ts';

/**
 * `npm run bench:lighthouse`: only the Lighthouse part of `npm run bench` (home, parent login and
 * the logged-in cabinet, on the same demo tenant of 5,200 applications with a campaign running).
 * It replaces that part's figures and details in `bench/results.json`, recomputes every figure
 * from the stored details and rewrites `BENCHMARKS.md`; the other parts' figures stay as measured.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const resultsPath = join(repositoryRoot, 'bench', 'results.json');
const started = Date.now();
const log = (line: string) => console.log(`[bench:lighthouse ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line.trimStart()}`);

if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (apt-get install chromium)`);
if (!existsSync(join(repositoryRoot, 'web', 'dist', 'index.html'))) throw new Error('web/dist is not built (npm run build:web)');
const previous = JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, unknown> & { details: BenchDetails & Measured & { sizes: BenchSizes & { demoApplications: number }; targets: Record<string, unknown> } };
const { details } = previous;

const { runtime } = await startBenchRuntime(details.sizes.demoApplications);
log(`local runtime at ${runtime.url}, ${details.sizes.demoApplications} demo applications seeded, a campaign running`);
let lighthouse;
try {
  lighthouse = await measureSitePages(runtime, chromiumPath, log);
} finally {
  await runtime.stop();
}

const { lighthouse: _failed, ...failures } = details.failures;
const measured: Measured = { web: details.web, bundles: details.bundles, api: details.api, lighthouse, close: details.close, counters: details.counters ?? null, jobs: details.jobs ?? null, start: details.start ?? null };
// Results written before the counters part had no size for it: the bench's default.
const figures = benchFigures(measured, { ...details.sizes, countersConcurrency: details.sizes.countersConcurrency ?? 200, jobApplications: details.sizes.jobApplications ?? 0, startApplications: details.sizes.startApplications ?? 0, startRatePerSecond: details.sizes.startRatePerSecond ?? 0 });
const updated = {
  ...previous,
  ...Object.fromEntries(figures.map((f) => [f.key, f.value])),
  details: { ...details, failures, targets: Object.fromEntries(figures.filter((f) => f.target).map((f) => [f.key, { target: f.target, met: f.met }])), lighthouse },
};
writeFileSync(resultsPath, `${JSON.stringify(updated, null, 2)}\n`);
writeFileSync(join(repositoryRoot, 'BENCHMARKS.md'), benchmarksMarkdown(figures, updated.details));
for (const f of figures.filter((f) => /lighthouse|layout/i.test(f.key))) log(`${f.key.padEnd(36)} ${String(f.value).padStart(8)} target ${f.target}: ${f.met ? 'met' : 'NOT MET'}`);
process.exit(0);
