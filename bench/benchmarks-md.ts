import type { CloseMeasurement } from './close.ts';
import { closeGroupSize } from '#use-cases/campaign-jobs';
import type { BundlesMeasurement } from './lambda-bundles.ts';
import type { LighthouseMeasurement } from './lighthouse.ts';
import type { LocalApiMeasurement } from './local-api.ts';
import { figuresTable, markdownNumber as n, type Figure } from './report.ts';
import type { WebSizeMeasurement } from './web-size.ts';
import { cityApplications, type JobsMeasurement } from './jobs.ts';
import type { StartMeasurement } from './start.ts';
import { handOverShare } from '#ports/scheduler';

export interface BenchDetails {
  readonly date: string;
  readonly command: string;
  readonly seconds: number;
  readonly machine: { cores: number; cpu: string; memoryGiB: number; node: string; java?: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  readonly failures: Record<string, string>;
  readonly web: WebSizeMeasurement | null;
  readonly bundles: BundlesMeasurement | null;
  readonly api: LocalApiMeasurement | null;
  readonly lighthouse: LighthouseMeasurement | null;
  readonly close: CloseMeasurement | null;
  readonly jobs?: JobsMeasurement | null;
  readonly start?: StartMeasurement | null;
  /** Per part, when its measurement was taken (a part kept from an earlier run keeps its date). */
  readonly measuredAt?: Readonly<Record<string, string | undefined>>;
}

function startSection(start: StartMeasurement, measuredAt: string | undefined): string[] {
  const n = (value: number) => value.toLocaleString('en-US');
  return [
    '## The start over a city',
    '',
    `${measuredAt ? `Measured ${measuredAt.slice(0, 10)}. ` : ''}A campaign started over the demo tenant of **${n(start.applications)} applications** (${n(start.inScope)} in scope, ${n(start.parents)} parents)`,
    'at 10:00 in Kazakhstan on the local runtime. The start job ran under its real limit, each invocation through the local job runner;',
    `the sender drained the delivery queue alongside it, as the SQS event source does: ${start.senderInstances} instances (its reserved concurrency), batches of 10,`,
    `each instance paced to its share of **${start.ratePerSecond} SMS a second**. SNS's SMS rate is an account quota; the rate here is scaled down so that`,
    'the figure measures our pipeline (outbox, queue, claims, records) keeping up with a rate, not this machine\'s two cores.',
    '',
    `${n(start.sent)} start SMS went out in ${start.seconds} s from the start job's first invocation to the last SMS: ${start.deliveriesPerSecond} a second, ${start.rateRatio} of the rate.`,
    '',
    '| Function | Invocations | Longest | Limit | Longest ÷ limit |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| campaign-start | ${start.startInvocations} | ${(start.startLongestMs / 1000).toFixed(1)} s | ${(start.startLimitMs / 1000).toFixed(0)} s | ${(start.startLongestMs / start.startLimitMs).toFixed(3)} |`,
    `| sms-sender | ${n(start.senderInvocations)} | ${(start.senderLongestMs / 1000).toFixed(1)} s | ${(start.senderLimitMs / 1000).toFixed(0)} s | ${(start.senderLongestMs / start.senderLimitMs).toFixed(3)} |`,
    '',
    ...(start.failedInvocations > 0 ? [`**Failed invocations: ${start.failedInvocations}** (timed out or failed, then retried).`, ''] : []),
    'The same start killed at random points in the start job and the sender is a test: `test/integration/start-crash.test.ts`.',
    '',
  ];
}

function jobsSection(jobs: JobsMeasurement, measuredAt: string | undefined): string[] {
  const scaled = jobs.timeoutScale < 1;
  return [
    "## Jobs over a city's data",
    '',
    `${measuredAt ? `Measured ${measuredAt.slice(0, 10)}. ` : ''}A campaign previewed and started over the demo tenant of **${n(jobs.applications)} applications** (${n(jobs.inScope)} in scope), `,
    jobs.answered === undefined
      ? `and closed with nobody confirming (${n(jobs.stopped)} stopped),`
      : `every other parent answering the survey (${n(jobs.answered)}; their answers exported, ${n(jobs.exportedRows ?? 0)} rows, in ${jobs.seconds.export ?? 0} s) and the rest stopped at the close (${n(jobs.stopped)}),`,
    `every job run by the local job runner with its grants and its timeout; a job hands over to a`,
    `continuation once ${Math.round(handOverShare * 100)} % of its invocation's time is gone (decision 42). Start ${jobs.seconds.start} s; close and positions ${jobs.seconds.close} s (with the`,
    `reminders that fell due when the clock jumped to the end, which are not in the figure); seeding the tenant ${jobs.seconds.seed} s.`,
    '',
    '| job | invocations | longest | its limit | longest ÷ limit | all invocations |',
    '|---|---|---|---|---|---|',
    ...jobs.kinds.map((k) => `| ${k.kind} | ${k.invocations} | ${(k.longestMs / 1000).toFixed(1)} s | ${(k.limitMs / 1000).toFixed(1)} s | ${k.ratio.toFixed(2)} | ${(k.totalMs / 1000).toFixed(1)} s |`),
    '',
    ...(scaled
      ? [
          `**Size.** Not measured at ${n(cityApplications)}: at this run's rates (seeding ${n(jobs.applications)} in ${jobs.seconds.seed} s, the start and the close`,
          `${jobs.seconds.start + jobs.seconds.close} s) that size would take about ${Math.round(((jobs.seconds.seed + jobs.seconds.start + jobs.seconds.close) * cityApplications) / jobs.applications / 60)} minutes on this machine. It was measured at ${n(jobs.applications)} with every job's Lambda timeout multiplied by ${n(jobs.applications)} ÷`,
          `${n(cityApplications)} = ${jobs.timeoutScale.toFixed(4)} (\`KEZEK_BENCH_JOB_APPLICATIONS\`, the local runner's \`jobTimeoutScale\`). The jobs' work grows linearly`,
          'with the applications they cover (a page of the queue or the pending index at a time; the positions job reads one cohort at',
          'a time), so a job meets its scaled limit as it would meet the real one at a city\'s size. How the ratio scales: an',
          `invocation hands over at ${handOverShare} of its limit, so the longest is ${handOverShare} of it plus the chunk in flight (a page of 250 queue`,
          'entries for the start, the groups in flight for the close, 500 positions for the recompute). That chunk does not grow with',
          'the city, so against the real 900 s and 300 s it is a far smaller share than against these scaled limits: the ratio',
          'measured here is an upper bound for 300,000. One thing grows with a cohort and is not chunked: the positions job reads its',
          'whole cohort (the sparse queue index) in every invocation, before its first write.',
          '',
        ]
      : []),
    ...(jobs.failedInvocations > 0 ? [`**Failed invocations: ${jobs.failedInvocations}** (timed out or failed, then retried).`, ''] : []),
  ];
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function closeSection(close: CloseMeasurement): string[] {
  const full = close.breakdown.at(-1);
  const lines = [
    '## Campaign close against raw writes',
    '',
    `\`runCampaignClose\` stopped ${n(close.stopped)} pending applications in ${close.closeSeconds.toFixed(1)} s ` +
      `(${n(Math.round(close.closePerSecond))}/s); the same DynamoDB Local took ${n(close.rawUpdates)} single conditional ` +
      `\`UpdateItem\`s at ${n(Math.round(close.rawPerSecond))}/s (concurrency ${close.concurrency} both): ratio **${close.ratio.toFixed(2)}**.`,
    '',
    `The close stops ${closeGroupSize} applications per transaction: each application conditional on its status and version (with its`,
    'history, leaving the queue and pending indexes), one close notice per parent (upserted), and one `ADD` to the campaign\'s',
    '`stopped` counter for the group; when a confirmation wins the race and cancels a group, its applications go one by one.',
    'For comparison, one application per transaction, grown one item at a time (as the close ran before grouping), each on',
    'fresh applications:',
    '',
    '| transaction | per second | ÷ raw |',
    '|---|---|---|',
    ...close.breakdown.map((b) => `| ${b.transaction} | ${n(Math.round(b.perSecond))} | ${(b.perSecond / close.rawPerSecond).toFixed(2)} |`),
    '',
  ];
  if (close.ratio < 0.8 && full) {
    lines.push(
      `**Gap.** The close ran at ${close.ratio.toFixed(2)} of the raw rate, against a transaction of ${(full.perSecond / close.rawPerSecond).toFixed(2)} for one application`,
      'alone. Grouping already shares the notice and counter items; what is left per application is its own conditional',
      'update and three index moves, which the raw update does not make. Check the load average above first: a load above',
      'the core count lowers the close more than the raw writes.',
      '',
    );
  }
  return lines;
}

function bundlesSection(bundles: BundlesMeasurement): string[] {
  const top = [...bundles.bundles].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
  const slow = [...bundles.bundles].sort((a, b) => b.coldImportMs - a.coldImportMs).slice(0, 5);
  return [
    '## Lambda bundles',
    '',
    `${bundles.bundles.length} functions bundled. Largest and slowest to import (median of ${bundles.importRuns} fresh \`node\` processes; the slowest of that pass`,
    `timed again, ${bundles.recheck.runs} times each in turn, until the slowest is one of them, and at last the slowest 8 timed together, interleaved, each round`,
    `in another order, so that a slow spell of the machine touches each alike, again while one left out stands above them: ${bundles.recheck.handlers.length} timed again here, their last medians shown).`,
    `The machine's speed at the time: a fixed loop in a fresh \`node\` (3 × 10⁸ additions) took ${bundles.yardstick.beforeMs.toFixed(0)} ms before that last timing and ${bundles.yardstick.afterMs.toFixed(0)} ms after it`,
    '(the same work each time: a slower loop is a slower machine, and the imports slow down with it).',
    '',
    '| function | minified | cold import | its CPU time |',
    '|---|---|---|---|',
    ...[...new Map([...top, ...slow].map((b) => [b.handler, b])).values()].map((b) => `| ${b.handler} | ${kb(b.bytes)} | ${b.coldImportMs.toFixed(0)} ms | ${b.coldImportCpuMs.toFixed(0)} ms |`),
    '',
    `Heaviest modules in \`${bundles.largest.handler}\` (esbuild metafile): ` + bundles.heaviestModules.map((m) => `${m.module} ${kb(m.bytes)}`).join(', ') + '.',
    '',
    'Each function\'s bundle is our code and its libraries (zod, middy, csv-parse); the AWS SDK v3 and Powertools come from',
    `the vendor layer (\`lib/vendor-layer.ts\`: ${bundles.layer.files} minified ESM files, ${kb(bundles.layer.bytes)} in all, shared by every function). The cold`,
    'import is a fresh `node` importing the function, bundled as the CDK bundles it but with the layer\'s folder here for Lambda\'s `/opt`,',
    'outside the repository so nothing else resolves, in the environment the CDK gives a function (`AWS_EXECUTION_ENV` set; the X-Ray SDK',
    'off and no `--enable-source-maps`, as deployed by default).',
    ...(bundles.slowestApart ? vendorComparison(bundles) : []),
    ...(bundles.slowestApart ? coldImportSteps(bundles.slowestApart) : []),
    ...(bundles.failed.length > 0 ? ['', `Not bundled: ${bundles.failed.map((f) => `\`${f.handler}\` (${f.reason})`).join(', ')}.`] : []),
    '',
    ...(bundles.largest.bytes > 300_000
      ? [
          `**Gap (size).** ${bundles.bundles.filter((b) => b.bytes > 300_000).length} of ${bundles.bundles.length} bundles are over 300,000 B. zod's namespace import`,
          '(`import * as z`, checked by `test/unit/zod-imports.test.ts`) already keeps its locales out of every function.',
          'What is left is zod\'s classic API (every function imports the route table, and with it every request schema).',
          '',
          '**Plan.** Request schemas on `zod/mini`, and each handler importing its own route entry rather than the whole',
          'table and its schemas.',
          '',
        ]
      : []),
    ...(bundles.slowest.coldImportMs > 100 ? coldImportGap(bundles) : []),
  ];
}

/** The slowest function's import taken apart: its externals alone, the same externals as published packages, and the function self-contained. */
function vendorComparison(bundles: BundlesMeasurement): string[] {
  const apart = bundles.slowestApart!;
  return [
    '',
    `The slowest, \`${apart.handler}\` (${bundles.slowest.coldImportMs.toFixed(0)} ms), taken apart: its external modules alone (${apart.externals.map((e) => `\`${e}\``).join(', ')})`,
    `import from the layer in ${apart.externalsOnlyMs.toFixed(0)} ms (timed in turn with the steps below). The same bundle importing the`,
    `packages as published, from \`node_modules\` (as from the Lambda runtime\'s SDK and AWS\'s Powertools layer), takes ${apart.fromNodeModulesMs.toFixed(0)} ms:`,
    'the published packages are CommonJS builds of whole clients, every command included, and the layer keeps only what we import.',
    `Bundled whole instead (SDK and Powertools inside, code-split) it imports in ${apart.selfContained.coldImportMs.toFixed(0)} ms but loads ${kb(apart.selfContained.staticBytes)} at start`,
    `(${kb(apart.selfContained.allBytes)} in all) in every function, over the 300 kB target.`,
  ];
}

/** What each step of decisions 47 and 48 saves on the slowest function: the step undone, timed in the same run. */
function coldImportSteps(apart: NonNullable<BundlesMeasurement['slowestApart']>): string[] {
  const { steps } = apart;
  const { cpu } = steps;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const saved = (value: number, shipped: number) => `${value - shipped >= 0 ? '' : '−'}${Math.abs(value - shipped).toFixed(0)} ms`;
  return [
    '',
    `What each step of decisions 47 and 48 saves, on \`${apart.handler}\` in this run: each variant bundled the same way, all imported in turn with`,
    `its externals alone, median of as many fresh processes (wall time, and the process's CPU time, which other work on the machine inflates less).`,
    `Our code is the shipped bundle minus its externals alone: ${ms(Math.max(0, steps.coldImportMs - apart.externalsOnlyMs))} (CPU ${ms(Math.max(0, cpu.coldImportMs - cpu.externalsOnlyMs))}).`,
    'shippedM' in apart.instructions
      ? `In instructions, which the machine's load does not change (\`valgrind --tool=callgrind\`, a fresh \`node\` each): as shipped ${apart.instructions.shippedM.toFixed(0)} M, its externals alone ${apart.instructions.externalsOnlyM.toFixed(0)} M, an empty module ${apart.instructions.emptyM.toFixed(0)} M: our code ${(apart.instructions.shippedM - apart.instructions.externalsOnlyM).toFixed(0)} M. With the layer as before decision 68, ${apart.instructions.perModuleLayerM.toFixed(0)} M.`
      : `Instructions not counted: ${apart.instructions.unavailable}.`,
    '',
    '| variant | bundle | source map | cold import | CPU | the step saves (CPU) |',
    '|---|---|---|---|---|---|',
    `| as shipped | ${kb(steps.bundleBytes)} | ${kb(steps.mapBytes)} | ${ms(steps.coldImportMs)} | ${ms(cpu.coldImportMs)} | |`,
    `| its externals alone | | | ${ms(apart.externalsOnlyMs)} | ${ms(cpu.externalsOnlyMs)} | |`,
    `| every route's schemas and the department's built at start (before decision 47) | | | ${ms(steps.everyRouteSchemaMs)} | ${ms(cpu.everyRouteSchemaMs)} | ${saved(steps.everyRouteSchemaMs, steps.coldImportMs)} (${saved(cpu.everyRouteSchemaMs, cpu.coldImportMs)}) |`,
    `| Node's source maps on (\`--enable-source-maps\`; every function before decision 63) | | | ${ms(steps.sourceMapsMs)} | ${ms(cpu.sourceMapsMs)} | ${saved(steps.sourceMapsMs, steps.coldImportMs)} (${saved(cpu.sourceMapsMs, cpu.coldImportMs)}) |`,
    `| our Kazakh and Russian texts escaped as \`\\uXXXX\` (esbuild's default, before the charset change) | ${kb(steps.asciiBundleBytes)} | | ${ms(steps.asciiMs)} | ${ms(cpu.asciiMs)} | ${saved(steps.asciiMs, steps.coldImportMs)} (${saved(cpu.asciiMs, cpu.coldImportMs)}) |`,
    `| the X-Ray SDK in the function (\`-c xraySdk=true\`; every function before decision 62) | | | ${ms(steps.xraySdkMs)} | ${ms(cpu.xraySdkMs)} | ${saved(steps.xraySdkMs, steps.coldImportMs)} (${saved(cpu.xraySdkMs, cpu.coldImportMs)}) |`,
    `| the layer one module per package, code-split together, reached by package name (before decision 68) | | | ${ms(steps.perModuleLayerMs)} | ${ms(cpu.perModuleLayerMs)} | ${saved(steps.perModuleLayerMs, steps.coldImportMs)} (${saved(cpu.perModuleLayerMs, cpu.coldImportMs)}) |`,
  ];
}

/** Why the slowest import is over 100 ms (issue 19 asks for 70: change both when a quiet run meets it). */
function coldImportGap(bundles: BundlesMeasurement): string[] {
  return [
    `**Gap (cold import).** The slowest import, \`${bundles.slowest.handler}\`, took ${bundles.slowest.coldImportMs.toFixed(0)} ms (see the load average above:`,
    'a busy machine imports slower). Each route\'s schemas are already built on first use (decision 47); what is left of a',
    'start is mostly the AWS SDK and Powertools from the vendor layer (the externals-alone figure) and parsing our bundle.',
    'The SDK clients other than DynamoDB are imported on first use and are not part of any start (see docs/DECISIONS.md on the bundle charset).',
    '',
  ];
}

function apiSection(api: LocalApiMeasurement): string[] {
  const load = api.surveyLoad;
  return [
    '## Local runtime over HTTP',
    '',
    `Demo tenant of ${n(api.seededApplications)} applications, a running campaign. Cabinet view: ${JSON.stringify(api.cabinetView.byCommand)}.`,
    `Costliest survey submission: ${JSON.stringify(api.surveySubmit.byCommand)}.`,
    '',
    `Survey load: ${n(load.submissions)} parents, ${load.concurrency} at a time, ${load.seconds.toFixed(1)} s: ${load.perSecond.toFixed(1)} submissions/s, ` +
      `latency p50 ${load.p50Ms.toFixed(0)} ms, p99 ${load.p99Ms.toFixed(0)} ms, max ${load.maxMs.toFixed(0)} ms. Client, server and DynamoDB Local share the ` +
      'machine\'s cores; a submission writes only the parent\'s own items, and the aggregation moves the shared answer counters from the answers\' stream beside the load (see `submitWithCountersRatioC200`).',
    '',
  ];
}

function webSection(web: WebSizeMeasurement, lighthouse: LighthouseMeasurement | null): string[] {
  return [
    '## Web',
    '',
    `First parent page: ${web.files.map((f) => `\`${f.file}\` ${kb(f.rawBytes)} (${kb(f.gzipBytes)} gzipped)`).join(', ')}; total ${kb(web.gzipBytes)} gzipped.`,
    ...(lighthouse
      ? [
          '',
          `Lighthouse (${lighthouse.chromium}, with a campaign running so the home page shows its banner${lighthouse.measuredAt ? `, measured ${lighthouse.measuredAt}` : ''}): ` +
            lighthouse.pages.map((p) => `\`${p.path}\`${p.loggedIn ? ' logged in' : ''} ${p.score} (LCP ${p.lcpMs.toFixed(0)} ms, TBT ${p.tbtMs.toFixed(0)} ms, CLS ${p.cls.toFixed(3)})`).join('; ') +
            '. The banner sits below the home page\'s own content: above the heading it arrived with its API answer and pushed the page down. ' +
            'The cabinet is that of the first demo parent, logged in through the API (`npm run bench:lighthouse` measures only this part and updates these figures); ' +
            'it keeps the space of what it loads (the banner, the notices, the cards) from the first paint, so nothing moves when the answers arrive.',
        ]
      : []),
    '',
  ];
}

/** BENCHMARKS.md: every figure with its target, how and where it was measured, and what the gaps are. */
export function benchmarksMarkdown(figures: readonly Figure[], details: BenchDetails): string {
  const m = details.machine;
  const failures = Object.entries(details.failures);
  return [
    '# Benchmarks',
    '',
    `Written by \`${details.command}\` on ${details.date.slice(0, 10)} (${details.date}); the run took ${details.seconds} s.`,
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}${m.java ? `, ${m.java.split('\n')[0]}` : ''}; load average ` +
      `${m.loadAverageAtStart.join(' / ')} at the start and ${m.loadAverageAtEnd.join(' / ')} at the end (a load above the core count means other work shared the machine and the rates are low).`,
    'Rates are of DynamoDB Local in memory on this machine, not of AWS: read them as ratios and orders of magnitude.',
    'The numbers are in `bench/results.json`.',
    ...(details.measuredAt && new Set(Object.values(details.measuredAt).map((d) => d?.slice(0, 16))).size > 1
      ? ['', `Parts measured at different times (the others kept from an earlier run): ${Object.entries(details.measuredAt).map(([part, at]) => `${part} ${at ? at.slice(0, 16).replace('T', ' ') : 'never'}`).join(', ')}; the machine line is of the latest run.`]
      : []),
    '',
    figuresTable(figures),
    '',
    ...(failures.length > 0 ? ['## Not measured', '', ...failures.map(([name, reason]) => `- ${name}: ${reason}`), ''] : []),
    ...(details.start ? startSection(details.start, details.measuredAt?.start) : []),
    ...(details.jobs ? jobsSection(details.jobs, details.measuredAt?.jobs) : []),
    ...(details.close ? closeSection(details.close) : []),
    ...(details.bundles ? bundlesSection(details.bundles) : []),
    ...(details.api ? apiSection(details.api) : []),
    ...(details.web ? webSection(details.web, details.lighthouse) : []),
  ].join('\n');
}
