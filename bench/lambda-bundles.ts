import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { authorizer, routes } from '#http/routes';
import { jobTargetEnvVar } from '#adapters/scheduler/job-target';
import { jobs } from '#functions/jobs/jobs';
import { consumers } from '#functions/jobs/consumers';
import { tables } from '#functions/tables';
import { repositoryRoot } from '../local/runtime.ts';
import { median } from './stats.ts';
import { buildVendorLayer, functionBuildOptions, functionShims, functionSourceMap, layerLinks, layerShims, vendorModulePath, vendorModules } from '../lib/vendor-layer.ts';
import { functionEnvironment } from '../lib/app-function.ts';

export interface BundleMeasurement {
  readonly handler: string;
  readonly bytes: number;
  readonly coldImportMs: number;
  /** The same imports' CPU time (user + system of the process during the `import()`): what a busy machine inflates least. */
  readonly coldImportCpuMs: number;
}

/** Medians of the same imports' CPU time (see `BundleMeasurement.coldImportCpuMs`). */
export interface StepsCpu {
  readonly coldImportMs: number;
  readonly externalsOnlyMs: number;
  readonly everyRouteSchemaMs: number;
  readonly sourceMapsMs: number;
  readonly asciiMs: number;
  readonly xraySdkMs: number;
  readonly perModuleLayerMs: number;
}

export interface BundlesMeasurement {
  readonly bundles: readonly BundleMeasurement[];
  readonly largest: BundleMeasurement;
  readonly slowest: BundleMeasurement;
  /** The heaviest inputs of the largest bundle (bytes in the output), from esbuild's metafile. */
  readonly heaviestModules: readonly { readonly module: string; readonly bytes: number }[];
  readonly importRuns: number;
  /**
   * The slowest few after the first pass, timed again in turn (median of `runs` each), and then the slowest
   * until it is one of them: the maximum of 61 medians of 3 on a shared machine is mostly the unluckiest function.
   */
  readonly recheck: { readonly handlers: readonly string[]; readonly runs: number };
  /** Handlers that did not bundle or import (e.g. a route whose handler file is missing). */
  readonly failed: readonly { readonly handler: string; readonly reason: string }[];
  /** The vendor layer every function imports the AWS SDK and Powertools from (`lib/vendor-layer.ts`). */
  readonly layer: { readonly bytes: number; readonly files: number };
  /** Milliseconds a fixed CPU loop took in a fresh `node` just before and just after the last timing of the slowest: how fast the machine was then. */
  readonly yardstick: { readonly beforeMs: number; readonly afterMs: number };
  /** The slowest bundle taken apart: what its external packages alone cost, and the same function with them bundled in. */
  readonly slowestApart: {
    readonly handler: string;
    /**
     * Median import of a module that only imports the slowest bundle's external packages (as its static imports do), from
     * the vendor layer, timed in turn with the steps' variants below (so `steps.coldImportMs` minus this is our code's part).
     */
    readonly externalsOnlyMs: number;
    /** The same bundle importing the packages as published, from the repository's `node_modules` (the runtime's SDK and AWS's Powertools layer are such packages). */
    readonly fromNodeModulesMs: number;
    /**
     * After the function's import, in the same fresh process: milliseconds to import the layer's SNS client and its S3
     * client, as a request's first use of them does (SNS shares the start's code; S3 is built apart, decision 68).
     */
    readonly firstUse: { readonly snsMs: number; readonly s3Ms: number };
    readonly externals: readonly string[];
    /**
     * Instructions (millions) a fresh `node` executes to import the bundle as shipped, its externals alone and an empty module,
     * counted by `valgrind --tool=callgrind`: unlike the times, the machine's load does not change them. Null without valgrind.
     */
    readonly instructions: { readonly shippedM: number; readonly externalsOnlyM: number; readonly emptyM: number; readonly perModuleLayerM: number } | { readonly unavailable: string };
    /** The same handler with the AWS SDK and Powertools bundled in, code-split so clients loaded on first use stay out of the start. */
    readonly selfContained: { readonly staticBytes: number; readonly allBytes: number; readonly coldImportMs: number };
    /**
     * What each step of decision 47 saves on this function: its cold import with the step undone, measured in the same
     * run (median of as many fresh processes), and the bundle as shipped (`coldImportMs`, median of as many again).
     */
    readonly steps: {
      readonly coldImportMs: number;
      /** Every route's schemas and the department's built at start (as before they became lazy factories). */
      readonly everyRouteSchemaMs: number;
      /** The bundle as shipped, started with Node's source maps on (`--enable-source-maps`, every function before decision 63), and its map's size. */
      readonly sourceMapsMs: number;
      readonly mapBytes: number;
      /** The bundle as shipped, started with the X-Ray SDK on (`-c xraySdk=true`, as every function was before decision 62). */
      readonly xraySdkMs: number;
      /**
       * The vendor layer as before decision 68: each vendor module its own entry of one code-split build (DynamoDB's client in
       * 13 chunks), reached through a package of the layer's `node_modules` by its name.
       */
      readonly perModuleLayerMs: number;
      /** Non-ASCII text escaped as `\uXXXX` (esbuild's default charset, as before decision 51), and the bundle's size then and now. */
      readonly asciiMs: number;
      readonly bundleBytes: number;
      readonly asciiBundleBytes: number;
      /** The same imports' CPU time, medians. */
      readonly cpu: StepsCpu;
    };
  } | null;
}

/**
 * Outside the repository, so that nothing resolves from its `node_modules` by accident: the vendor
 * layer is built into `<outRoot>/opt` (Lambda's `/opt`), which the bundles import its modules from
 * by path, and the functions sit apart in `<outRoot>/task` (Lambda's `/var/task`).
 */
const outRoot = join(tmpdir(), 'kezek-bench-lambda');
const layerRoot = join(outRoot, 'opt');
const functionsRoot = join(outRoot, 'task');
/** The layer as it was before decision 68, with functions below it that find its packages by name (`perModuleLayerMs`). */
const perModuleRoot = join(outRoot, 'opt-per-module');
/** Inside the repository: the same bundles importing the published packages from its `node_modules`. */
const publishedRoot = join(repositoryRoot, 'node_modules', '.cache', 'kezek-bench', 'lambda');
/** How the bundles reached the SDK and Powertools before decision 68: by package name, left external. */
const byPackageName = { alias: { ...functionShims }, external: ['@aws-sdk/*', '@aws-lambda-powertools/*'] };

/**
 * The vendor layer as it was before decision 68, for the step that decision took: every vendor module its own entry of
 * one code-split build, and for each package a `package.json` and a module re-exporting it, in `<dir>/nodejs/node_modules`.
 */
async function buildPerModuleLayer(dir: string): Promise<void> {
  const modulesDir = join(dir, 'nodejs', 'node_modules');
  rmSync(dir, { recursive: true, force: true });
  const sources = join(dir, 'sources');
  mkdirSync(sources, { recursive: true });
  const fileName = (specifier: string) => specifier.replace(/^@/, '').replace(/\//g, '__');
  const entryPoints: Record<string, string> = {};
  for (const [specifier, names] of Object.entries(vendorModules)) {
    entryPoints[fileName(specifier)] = join(sources, `${fileName(specifier)}.mjs`);
    writeFileSync(entryPoints[fileName(specifier)]!, `export { ${names.join(', ')} } from ${JSON.stringify(specifier)};\n`);
  }
  await build({
    entryPoints,
    ...functionBuildOptions,
    alias: { ...layerShims },
    external: [],
    outdir: join(modulesDir, 'kezek-vendor'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    nodePaths: [join(repositoryRoot, 'node_modules')],
    logLevel: 'error',
  });
  const packages = new Map<string, string[]>();
  for (const specifier of Object.keys(vendorModules)) {
    const parts = specifier.split('/');
    const [name, subpath] = [parts.slice(0, 2).join('/'), parts.slice(2).join('/')];
    packages.set(name, [...(packages.get(name) ?? []), subpath]);
    mkdirSync(join(modulesDir, name), { recursive: true });
    const depth = name.split('/').map(() => '..').join('/');
    writeFileSync(join(modulesDir, name, `${subpath || 'index'}.mjs`), `export * from ${JSON.stringify(`./${depth}/kezek-vendor/${fileName(specifier)}.mjs`)};\n`);
  }
  for (const [name, subpaths] of packages) {
    const exports = Object.fromEntries(subpaths.map((subpath) => [subpath ? `./${subpath}` : '.', `./${subpath || 'index'}.mjs`]));
    writeFileSync(join(modulesDir, name, 'package.json'), JSON.stringify({ name, private: true, type: 'module', exports }));
  }
}

/** What the CDK sets on a function (names only need to exist: nothing is called at import). */
function stubEnvironment(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    // As the CDK starts every function (the X-Ray SDK off, as deployed by default: decision 62).
    ...functionEnvironment({ xraySdk: false }),
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    ANNOUNCEMENTS_TOPIC_ARN: 'arn:aws:sns:eu-central-1:000000000000:bench',
    SCHEDULE_GROUP_NAME: 'bench',
    SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/bench',
    SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-central-1:000000000000:bench',
    ...Object.fromEntries(Object.values(tables).map((table) => [table.envVar, `bench-${table.name}`])),
    ...Object.fromEntries(jobs.map((job) => [jobTargetEnvVar(job.kind), `arn:aws:lambda:eu-central-1:000000000000:function:${job.handler}`])),
  };
}

/** Every Lambda function's handler: the routes, the jobs and the authorizer. */
export function lambdaHandlers(): string[] {
  return [...new Set([...routes.map((route) => route.handler), ...jobs.map((job) => job.handler), ...consumers.map((consumer) => consumer.handler), authorizer.handler])].sort();
}

/** esbuild with the options `lib/app-function.ts` gives `NodejsFunction` (ESM, node22, minified; the SDK v3 and Powertools from the vendor layer, by path). */
async function bundle(handler: string): Promise<{ file: string; bytes: number; metafile: Metafile }> {
  const dir = join(functionsRoot, handler);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.mjs');
  const result = await build({
    entryPoints: [join(repositoryRoot, 'functions', 'handlers', `${handler}.ts`)],
    ...functionBuildOptions,
    // As in AWS, with the layer's folder here for Lambda's /opt.
    ...layerLinks(layerRoot),
    outfile: file,
    ...functionSourceMap,
    metafile: true,
    logLevel: 'silent',
  });
  return { file, bytes: statSync(file).size, metafile: result.metafile };
}

/** Milliseconds to import the module in a fresh Node process (the module's own time, not Node's start), and the process's CPU time meanwhile. */
function coldImport(file: string, environment: Record<string, string> = {}): { ms: number; cpuMs: number } {
  const script =
    `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); ` +
    'const ms = performance.now() - t; const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ ms, cpuMs: (u.user + u.system) / 1000 }));';
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...stubEnvironment(), ...environment }, cwd: repositoryRoot, encoding: 'utf8' });
  return JSON.parse(out) as { ms: number; cpuMs: number };
}

/** Milliseconds to import `module` in a fresh process that has already imported `file` (a function's first use of a client it loads on demand). */
function firstUseMs(file: string, module: string): number {
  const script =
    `await import(${JSON.stringify(pathToFileURL(file).href)}); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(module).href)}); ` +
    'process.stdout.write(String(performance.now() - t));';
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: stubEnvironment(), cwd: repositoryRoot, encoding: 'utf8' }));
}

/** Milliseconds a fresh `node` takes for 3 × 10⁸ additions: the same work every time, so it reads the machine's speed at the moment. */
function cpuLoopMs(): number {
  const out = execFileSync(process.execPath, ['-e', 'const t = performance.now(); let s = 0; for (let i = 0; i < 3e8; i++) s += i; process.stdout.write(String(performance.now() - t + s * 0))'], { encoding: 'utf8' });
  return Number(out);
}

function coldImportMs(file: string): number {
  return coldImport(file).ms;
}

/** Millions of instructions a fresh `node` runs to import the module (callgrind's total; the same on a busy or a quiet machine, within about 1 %). */
function importInstructionsM(file: string): number {
  const result = spawnSync(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath, '--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(file).href)});`],
    { env: stubEnvironment(), cwd: repositoryRoot, encoding: 'utf8' },
  );
  const refs = /I\s+refs:\s+([\d,]+)/.exec(result.stderr ?? '');
  if (result.status !== 0 || !refs) throw new Error(`valgrind: ${result.error?.message ?? result.stderr?.slice(-300)}`);
  return Number(refs[1]!.replace(/,/g, '')) / 1e6;
}

/** The instruction counts of `importInstructionsM` for the shipped bundle, its externals alone and an empty module, or why there are none. */
function instructionCounts(shipped: string, externalsOnly: string, perModuleLayer: string): NonNullable<BundlesMeasurement['slowestApart']>['instructions'] {
  if (spawnSync('valgrind', ['--version']).status !== 0) return { unavailable: 'valgrind is not installed (apt-get install valgrind)' };
  const empty = join(functionsRoot, 'empty.mjs');
  writeFileSync(empty, '\n');
  return { shippedM: importInstructionsM(shipped), externalsOnlyM: importInstructionsM(externalsOnly), emptyM: importInstructionsM(empty), perModuleLayerM: importInstructionsM(perModuleLayer) };
}

/** Medians of wall and CPU time over timings of one module. */
function medians(times: readonly { ms: number; cpuMs: number }[]): { ms: number; cpuMs: number } {
  return { ms: median(times.map((t) => t.ms)), cpuMs: median(times.map((t) => t.cpuMs)) };
}

function heaviest(metafile: Metafile, file: string): { module: string; bytes: number }[] {
  const output = Object.entries(metafile.outputs).find(([path]) => file.endsWith(path) || path.endsWith('index.mjs'))?.[1];
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    // Group node_modules by package; our own files stay by path.
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const key = match ? match[1]! : input;
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage].map(([module, bytes]) => ({ module, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 8);
}

/** The packages the bundle imports statically, left external (what its cold import loads from `node_modules` or a layer). */
function staticExternals(metafile: Metafile): string[] {
  const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith('.mjs'))![1];
  return [...new Set(output.imports.filter((i) => i.external && i.kind === 'import-statement' && !i.path.startsWith('node:') && i.path !== 'module').map((i) => i.path))].sort();
}

/**
 * The slowest function taken apart: a module importing only its external packages (the part no change of ours can
 * make faster while they stay external), and the same function bundled whole with code splitting.
 */
async function takeApart(handler: string, metafile: Metafile, runs: number): Promise<NonNullable<BundlesMeasurement['slowestApart']>> {
  const externals = staticExternals(metafile);
  const floorFile = join(functionsRoot, `${handler}-externals-only.mjs`);
  writeFileSync(floorFile, externals.map((name) => `import ${JSON.stringify(name)};`).join('\n') + '\n');

  const published = join(publishedRoot, handler, 'index.mjs');
  rmSync(dirname(published), { recursive: true, force: true });
  await build({ entryPoints: [join(repositoryRoot, 'functions', 'handlers', `${handler}.ts`)], ...functionBuildOptions, ...byPackageName, outfile: published, logLevel: 'silent' });
  const fromNodeModulesMs = median(Array.from({ length: runs }, () => coldImportMs(published)));
  const shippedFile = join(functionsRoot, handler, 'index.mjs');
  const firstUse = {
    snsMs: median(Array.from({ length: runs }, () => firstUseMs(shippedFile, vendorModulePath('@aws-sdk/client-sns', layerRoot)))),
    s3Ms: median(Array.from({ length: runs }, () => firstUseMs(shippedFile, vendorModulePath('@aws-sdk/client-s3', layerRoot)))),
  };

  const dir = join(outRoot, `${handler}-self-contained`);
  const result = await build({
    entryPoints: { index: join(repositoryRoot, 'functions', 'handlers', `${handler}.ts`) },
    outdir: dir,
    ...functionBuildOptions,
    alias: { ...functionShims, ...layerShims },
    external: [],
    outExtension: { '.js': '.mjs' },
    splitting: true,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  // Each dynamic import's chunk has an entry point too: the function's own is the one named `index`.
  const entry = Object.keys(outputs).find((path) => path.endsWith('/index.mjs'))!;
  const loadedAtStart = new Set([entry]);
  for (const path of loadedAtStart) {
    for (const i of outputs[path]!.imports) if (!i.external && i.kind === 'import-statement') loadedAtStart.add(i.path);
  }
  const bytes = (paths: Iterable<string>) => [...paths].filter((path) => path.endsWith('.mjs')).reduce((sum, path) => sum + outputs[path]!.bytes, 0);
  const { externalsOnlyMs, perModuleLayerFile, ...steps } = await measureSteps(handler, floorFile, runs);
  return {
    handler,
    steps,
    instructions: instructionCounts(join(functionsRoot, handler, 'index.mjs'), floorFile, perModuleLayerFile),
    externalsOnlyMs,
    fromNodeModulesMs,
    firstUse,
    externals,
    selfContained: {
      staticBytes: bytes(loadedAtStart),
      allBytes: bytes(Object.keys(outputs)),
      coldImportMs: median(Array.from({ length: runs }, () => coldImportMs(resolve(entry)))),
    },
  };
}

/**
 * The slowest function with each step of decisions 47 and 48 undone, one at a time: every route's schemas
 * and the department's built at start (its entry touches every schema getter of the route table
 * and the department schema after importing the handler), the source map with the sources' text, and the texts
 * escaped as ASCII. Each next to the function as shipped and its externals alone, bundled and timed the same way,
 * in turn, so the differences are the steps' savings and the shipped minus the externals is our code's part.
 */
async function measureSteps(
  handler: string,
  externalsOnlyFile: string,
  runs: number,
): Promise<NonNullable<BundlesMeasurement['slowestApart']>['steps'] & { externalsOnlyMs: number; perModuleLayerFile: string }> {
  const entry = join(repositoryRoot, 'functions', 'handlers', `${handler}.ts`);
  const variant = async (name: string, options: Parameters<typeof build>[0]) => {
    const dir = join(functionsRoot, `${handler}-${name}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'index.mjs');
    await build({ ...functionBuildOptions, ...layerLinks(layerRoot), outfile: file, logLevel: 'silent', ...options });
    return file;
  };
  const shipped = await variant('shipped', { entryPoints: [entry], ...functionSourceMap });
  const everyRouteSchema = await variant('every-route-schema', {
    stdin: {
      contents: [
        `export * from ${JSON.stringify(entry)};`,
        "import { routes } from '#http/routes';",
        "import { departmentInput } from '#domain/department';",
        'for (const route of routes) for (const key of ["params", "query", "body", "response"]) void route[key];',
        'departmentInput();',
      ].join('\n'),
      resolveDir: repositoryRoot,
      sourcefile: `${handler}-every-route-schema.ts`,
      loader: 'ts',
    },
    ...functionSourceMap,
  });
  const ascii = await variant('ascii', { entryPoints: [entry], ...functionSourceMap, charset: 'ascii' });
  await buildPerModuleLayer(perModuleRoot);
  const perModuleLayer = join(perModuleRoot, 'nodejs', 'functions', handler, 'index.mjs');
  await build({ ...functionBuildOptions, ...byPackageName, entryPoints: [entry], ...functionSourceMap, outfile: perModuleLayer, logLevel: 'silent' });
  // Interleaved, so that a change in the machine's load touches each variant alike.
  type Timing = { ms: number; cpuMs: number };
  const times = { shipped: [] as Timing[], everyRouteSchema: [] as Timing[], sourceMaps: [] as Timing[], ascii: [] as Timing[], externalsOnly: [] as Timing[], xraySdk: [] as Timing[], perModuleLayer: [] as Timing[] };
  for (let run = 0; run < runs; run++) {
    times.shipped.push(coldImport(shipped));
    times.externalsOnly.push(coldImport(externalsOnlyFile));
    times.everyRouteSchema.push(coldImport(everyRouteSchema));
    times.sourceMaps.push(coldImport(shipped, { NODE_OPTIONS: '--enable-source-maps' }));
    times.ascii.push(coldImport(ascii));
    times.xraySdk.push(coldImport(shipped, functionEnvironment({ xraySdk: true })));
    times.perModuleLayer.push(coldImport(perModuleLayer));
  }
  const m = { shipped: medians(times.shipped), externalsOnly: medians(times.externalsOnly), everyRouteSchema: medians(times.everyRouteSchema), sourceMaps: medians(times.sourceMaps), ascii: medians(times.ascii), xraySdk: medians(times.xraySdk), perModuleLayer: medians(times.perModuleLayer) };
  return {
    coldImportMs: m.shipped.ms,
    externalsOnlyMs: m.externalsOnly.ms,
    everyRouteSchemaMs: m.everyRouteSchema.ms,
    sourceMapsMs: m.sourceMaps.ms,
    mapBytes: statSync(`${shipped}.map`).size,
    asciiMs: m.ascii.ms,
    bundleBytes: statSync(shipped).size,
    asciiBundleBytes: statSync(ascii).size,
    xraySdkMs: m.xraySdk.ms,
    perModuleLayerMs: m.perModuleLayer.ms,
    perModuleLayerFile: perModuleLayer,
    cpu: { coldImportMs: m.shipped.cpuMs, externalsOnlyMs: m.externalsOnly.cpuMs, everyRouteSchemaMs: m.everyRouteSchema.cpuMs, sourceMapsMs: m.sourceMaps.cpuMs, asciiMs: m.ascii.cpuMs, xraySdkMs: m.xraySdk.cpuMs, perModuleLayerMs: m.perModuleLayer.cpuMs },
  };
}

/** How many of the slowest are timed again after the first pass, and how many times each. */
const recheckCount = 5;
const recheckRuns = 9;
/** At most this many timed again in all (a machine that busy says more through its load average than through more runs). */
const recheckLimit = 15;
/** How many of the slowest are timed together at the end, interleaved (see `measureLambdaBundles`), and at most how many times. */
const finalistCount = 8;
const maxFinalPasses = 6;

/** Bundles every handler as the CDK does and times a fresh import of each (median of `runs`; the slowest few again, see `recheck`). */
export async function measureLambdaBundles(options: { runs: number; log: (line: string) => void; handlers?: readonly string[] }): Promise<BundlesMeasurement> {
  rmSync(outRoot, { recursive: true, force: true });
  const layerBuild = buildVendorLayer(layerRoot);
  const layerOutputs = Object.entries(layerBuild.metafile.outputs).filter(([path]) => path.endsWith('.mjs'));
  const layer = { bytes: layerOutputs.reduce((sum, [, output]) => sum + output.bytes, 0), files: layerOutputs.length };
  options.log(`    vendor layer: ${layer.files} files, ${layer.bytes} B`);
  const bundles: BundleMeasurement[] = [];
  const metafiles = new Map<string, { file: string; metafile: Metafile }>();
  const failed: { handler: string; reason: string }[] = [];
  for (const handler of options.handlers ?? lambdaHandlers()) {
    try {
      const { file, bytes, metafile } = await bundle(handler);
      metafiles.set(handler, { file, metafile });
      const { ms, cpuMs } = medians(Array.from({ length: options.runs }, () => coldImport(file)));
      bundles.push({ handler, bytes, coldImportMs: ms, coldImportCpuMs: cpuMs });
    } catch (error) {
      const reason = ((error as Error).message.split('\n').find((line) => line.includes('error:')) ?? (error as Error).message).slice(0, 200);
      failed.push({ handler, reason });
      options.log(`    ${handler}: FAILED ${reason}`);
    }
  }
  if (bundles.length === 0) throw new Error('no handler bundled');
  // The slowest few again, in turn; then, while the slowest is one not timed again (it was below them in the first
  // pass, and they came down), that one too, so that the figure is always a function timed this way.
  const runs = Math.max(options.runs, recheckRuns);
  const rechecked: string[] = [];
  const timeAgain = (handlers: readonly string[]) => {
    const again = new Map(handlers.map((handler) => [handler, [] as { ms: number; cpuMs: number }[]]));
    // Each round in another order (seeded, so a run can be repeated): in a fixed order the same function came last in
    // every round, and read 73 ms among others at 48–63 ms; timed on its own next to them a minute later, all read 41 ms.
    let seed = 19;
    const order = [...again.keys()];
    for (let run = 0; run < runs; run++) {
      for (let i = order.length - 1; i > 0; i--) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        const j = seed % (i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const handler of order) again.get(handler)!.push(coldImport(metafiles.get(handler)!.file));
    }
    for (const [handler, times] of again) {
      const index = bundles.findIndex((b) => b.handler === handler);
      const { ms, cpuMs } = medians(times);
      bundles[index] = { ...bundles[index]!, coldImportMs: ms, coldImportCpuMs: cpuMs };
      rechecked.push(handler);
      options.log(`    ${handler} timed again, ${runs} times: ${ms.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms)`);
    }
  };
  timeAgain([...bundles].sort((a, b) => b.coldImportMs - a.coldImportMs).slice(0, recheckCount).map((b) => b.handler));
  for (;;) {
    const top = bundles.reduce((a, b) => (b.coldImportMs > a.coldImportMs ? b : a));
    if (rechecked.includes(top.handler) || rechecked.length >= recheckLimit) break;
    timeAgain([top.handler]);
  }
  // Last, the slowest few as they now stand timed together, interleaved: this machine's speed moves by half within minutes
  // (a fixed loop took 2.0 s, then 3.5 s), so a function timed alone in a slow spell, or left at its first pass's median of 3
  // when the limit above was reached, would otherwise be the figure; interleaved, a spell touches each of them alike.
  // If one left out of them then stands above them all (its earlier figure taken in a slower spell than theirs), the
  // slowest few as they then stand are timed together again, until the slowest is one of a set just timed together.
  const yardstickBefore = cpuLoopMs();
  for (let pass = 1; ; pass++) {
    const finalists = [...bundles].sort((a, b) => b.coldImportMs - a.coldImportMs).slice(0, finalistCount).map((b) => b.handler);
    timeAgain(finalists);
    const top = bundles.reduce((a, b) => (b.coldImportMs > a.coldImportMs ? b : a));
    if (finalists.includes(top.handler)) break;
    if (pass === maxFinalPasses) {
      options.log(`    after ${pass} passes the slowest, ${top.handler}, is not one of the last set timed together`);
      break;
    }
    options.log(`    ${top.handler} now stands above the set just timed: the slowest ${finalistCount} together again`);
  }
  const yardstick = { beforeMs: yardstickBefore, afterMs: cpuLoopMs() };
  options.log(`    a fixed loop took ${yardstick.beforeMs.toFixed(0)} ms before the last timing and ${yardstick.afterMs.toFixed(0)} ms after it`);
  const recheck = { handlers: [...new Set(rechecked)], runs };
  const largest = bundles.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const slowest = bundles.reduce((a, b) => (b.coldImportMs > a.coldImportMs ? b : a));
  options.log(`    ${bundles.length} bundles; largest ${largest.handler} ${largest.bytes} B; slowest import ${slowest.handler} ${slowest.coldImportMs.toFixed(1)} ms`);
  const { file, metafile } = metafiles.get(largest.handler)!;
  const slowestApart = await takeApart(slowest.handler, metafiles.get(slowest.handler)!.metafile, Math.max(options.runs, recheckRuns)).catch((error: Error) => {
    options.log(`    taking ${slowest.handler} apart FAILED: ${error.message.split('\n')[0]}`);
    return null;
  });
  if (slowestApart) {
    options.log(`    ${slowest.handler}: externals alone ${slowestApart.externalsOnlyMs.toFixed(1)} ms; from node_modules ${slowestApart.fromNodeModulesMs.toFixed(1)} ms; self-contained ${slowestApart.selfContained.staticBytes} B at start, ${slowestApart.selfContained.coldImportMs.toFixed(1)} ms`);
  }
  return { bundles, largest, slowest, heaviestModules: heaviest(metafile, file), importRuns: options.runs, recheck, failed, layer, yardstick, slowestApart };
}
