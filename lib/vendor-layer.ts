import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Stack } from 'aws-cdk-lib';
import { Architecture, Code, LayerVersion, Runtime, type ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { buildSync, type BuildOptions, type Metafile } from 'esbuild';
import type { Construct } from 'constructs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every module of the AWS SDK v3 and of Powertools that our functions import, with the names they
 * take from it. They are left out of each function's bundle and come from one layer of ours
 * instead, pre-bundled: minified ESM exporting just these names (`vendorStartGroups` says which
 * modules are built together). Loaded that way they start in less than half the time of the same
 * packages from `node_modules` (BENCHMARKS.md), each function's bundle keeps only our code and its
 * own libraries, and what runs in AWS is built from the installed (`npm ci`: locked) versions the
 * tests ran, not the runtime's SDK of the day. `test/unit/vendor-layer.test.ts` checks that every
 * import of these scopes in `functions/` is listed here (a name missing from the layer fails to
 * link in AWS, or is `undefined` after an `await import`).
 */
export const vendorModules = {
  '@aws-sdk/client-dynamodb': ['DynamoDBClient', 'ConditionalCheckFailedException', 'TransactionCanceledException'],
  '@aws-sdk/lib-dynamodb': [
    'DynamoDBDocumentClient',
    'BatchGetCommand',
    'BatchWriteCommand',
    'DeleteCommand',
    'GetCommand',
    'PutCommand',
    'QueryCommand',
    'TransactWriteCommand',
    'UpdateCommand',
  ],
  '@aws-sdk/client-lambda': ['LambdaClient', 'InvokeCommand'],
  '@aws-sdk/client-s3': ['S3Client', 'GetObjectCommand', 'NoSuchKey', 'PutObjectCommand'],
  '@aws-sdk/s3-request-presigner': ['getSignedUrl'],
  '@aws-sdk/client-scheduler': ['SchedulerClient', 'ConflictException', 'CreateScheduleCommand'],
  '@aws-sdk/client-sesv2': ['SESv2Client', 'SendEmailCommand'],
  '@aws-sdk/client-sns': ['SNSClient', 'PublishCommand'],
  '@aws-sdk/client-sqs': ['SQSClient', 'SendMessageBatchCommand', 'ChangeMessageVisibilityCommand'],
  '@aws-lambda-powertools/logger': ['Logger'],
  '@aws-lambda-powertools/logger/middleware': ['injectLambdaContext'],
  '@aws-lambda-powertools/metrics': ['Metrics', 'MetricUnit'],
  '@aws-lambda-powertools/metrics/middleware': ['logMetrics'],
  '@aws-lambda-powertools/tracer': ['Tracer'],
  '@aws-lambda-powertools/tracer/middleware': ['captureLambdaHandler'],
} as const satisfies Record<string, readonly string[]>;

/**
 * The vendor modules a function imports statically, so that every cold start loads them, in groups:
 * each group is built into one module of the layer (decision 68). Node's ESM loader spends about
 * 2 M instructions on each module file it loads besides parsing it (resolving, reading, linking),
 * and with every vendor module its own entry of one code-split build, DynamoDB's client came in
 * 13 chunks, cut by the code it shares with S3, SNS and the rest in every combination; a table
 * function loaded 23 files of the layer. Now the SDK clients a request loads on first use (SNS,
 * SQS, SES, Scheduler, Lambda; S3 is built apart, see `vendorBuiltApart`) are entries of the same
 * build, each importing the `dynamodb` group: the code they share with it (Smithy, the SDK's core)
 * is then all in the chunks the start loads anyway, and a client's first use loads only its own
 * code (SNS: 12 M instructions, against 88 M with a copy of that code of its own).
 * `test/unit/vendor-layer.test.ts` checks that every static import is in a group and that every
 * grouped module is imported statically.
 */
export const vendorStartGroups = {
  powertools: ['@aws-lambda-powertools/logger', '@aws-lambda-powertools/logger/middleware', '@aws-lambda-powertools/metrics', '@aws-lambda-powertools/metrics/middleware'],
  dynamodb: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
} as const satisfies Record<string, readonly (keyof typeof vendorModules)[]>;

/**
 * The vendor modules built apart, with their own copy of the code they share with the rest: the
 * X-Ray tracer (Powertools' and the X-Ray SDK, decision 62), which would cut Powertools' start module
 * in two, and S3 with its presigner. Built with the others, S3's needs (its XML protocol, checksums,
 * streams) in the modules it shares with DynamoDB's client landed in the chunks every start loads:
 * 10–13 M instructions more at each start, for a client that only exports and imports use.
 */
export const vendorBuiltApart = [
  '@aws-lambda-powertools/tracer',
  '@aws-lambda-powertools/tracer/middleware',
  '@aws-sdk/client-s3',
  '@aws-sdk/s3-request-presigner',
] as const satisfies readonly (keyof typeof vendorModules)[];

type VendorModule = keyof typeof vendorModules;

const fileNameOf = (specifier: string) => specifier.replace(/^@/, '').replace(/\//g, '__');

/** The start group a module is built in, or undefined for a module loaded on demand. */
function startGroupOf(specifier: VendorModule): string | undefined {
  return Object.entries(vendorStartGroups).find(([, members]) => (members as readonly string[]).includes(specifier))?.[0];
}

/** Where Lambda mounts a function's layers (`/opt`, whatever the runtime or the function's own folder). */
export const lambdaLayerRoot = '/opt';

/**
 * The module of the vendor layer that provides `specifier`, as an absolute path below `root` (Lambda's
 * `/opt`, or the folder a test or the benchmark laid the layer out in): the group's module for a
 * module of `vendorStartGroups`, its own module for the others (in `apart/` for those built apart).
 */
export function vendorModulePath(specifier: VendorModule, root: string = lambdaLayerRoot): string {
  const group = startGroupOf(specifier);
  const apart = (vendorBuiltApart as readonly string[]).includes(specifier);
  return path.posix.join(root, 'kezek-vendor', group ? `${group}.mjs` : apart ? `apart/${fileNameOf(specifier)}.mjs` : `${fileNameOf(specifier)}.mjs`);
}

/**
 * Built-in modules a function's bundle takes from a file of ours instead (DECISIONS.md 69): what a
 * library imports from them only for a path kezek never takes, at a cost paid by every cold start.
 */
export const functionShims: Record<string, string> = {
  'node:stream/web': path.join(repoRoot, 'lib', 'vendor-shims', 'stream-web.mjs'),
};

/** The same for the vendor layer's own build. */
export const layerShims: Record<string, string> = {
  'node:process': path.join(repoRoot, 'lib', 'vendor-shims', 'process.mjs'),
};

/**
 * How a function's bundle reaches the vendor layer: each vendor module's specifier replaced by the
 * absolute path of the layer's module that provides it, and left out (decision 68). Node loads a
 * path as is, where a package name costs a search of `node_modules` folders, a `package.json` and
 * its `exports`; and the bundle cannot pick up another copy of the SDK by that name (the runtime
 * has its own). A vendor import missing from `vendorModules` is not left out: esbuild bundles it,
 * and `test/unit/function-starts.test.ts` fails on any SDK or Powertools code in a bundle. The
 * aliases also carry `functionShims`.
 */
export function layerLinks(root: string = lambdaLayerRoot): { alias: Record<string, string>; external: string[] } {
  return {
    alias: { ...Object.fromEntries((Object.keys(vendorModules) as VendorModule[]).map((specifier) => [specifier, vendorModulePath(specifier, root)])), ...functionShims },
    external: [path.posix.join(root, 'kezek-vendor', '*')],
  };
}

/** Lets an ESM bundle `require` Node built-ins that CommonJS dependencies still ask for. */
export const esmRequireBanner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * How every function is bundled, as esbuild options: `AppFunction` hands the same values to
 * `NodejsFunction`, and the benchmarks and the layer test bundle with them directly.
 */
export const functionBuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  mainFields: ['module', 'main'],
  banner: { js: esmRequireBanner },
  // Our texts (kk / ru) as UTF-8, not `\uXXXX` escapes: a Cyrillic letter is 2 bytes instead of 6,
  // and the API's messages alone were 61 kB of every bundle escaped, 33 kB as written (DECISIONS.md 48).
  charset: 'utf8',
  ...layerLinks(),
} as const satisfies BuildOptions;

/**
 * Source maps as every function ships them: mappings only (the sources' text, which decoding a
 * stack does not need, was two thirds of each map). Functions do not read them at start
 * (DECISIONS.md 63); `npm run stack` decodes a logged stack with the map from the function's code.
 */
export const functionSourceMap = { sourcemap: true, sourcesContent: false } as const satisfies BuildOptions;

/**
 * One esbuild build of the layer: each entry a module exporting the given names of the given specifiers, code-split; an
 * entry may first import another entry's source (`sharing`), so that the code they share lands in the chunks that one loads.
 */
function buildPart(sources: string, outdir: string, entries: Record<string, { readonly specifiers: readonly VendorModule[]; readonly sharing?: string }>): Metafile {
  const source = (entry: string) => path.join(sources, `${path.basename(outdir)}-${entry}.mjs`);
  const entryPoints: Record<string, string> = {};
  for (const [entry, { specifiers, sharing }] of Object.entries(entries)) {
    const prelude = sharing ? `import ${JSON.stringify(source(sharing))};\n` : '';
    // Just the names we use, so the rest of each client (its other commands) is left out.
    writeFileSync(source(entry), prelude + specifiers.map((specifier) => `export { ${vendorModules[specifier].join(', ')} } from ${JSON.stringify(specifier)};\n`).join(''));
    entryPoints[entry] = source(entry);
  }
  const result = buildSync({
    entryPoints,
    ...functionBuildOptions,
    // The layer is what the functions leave out: it takes the packages themselves, nothing external.
    alias: { ...layerShims },
    external: [],
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    // Resolve from the repository whatever the temporary entry files' folder.
    nodePaths: [path.join(repoRoot, 'node_modules')],
    metafile: true,
    logLevel: 'error',
  });
  // A name imported from a shim that lacks it is only a warning to esbuild (`import * as`, `require`): here it is an error.
  const undefinedImports = result.warnings.filter((warning) => warning.id === 'import-is-undefined' || /is not exported|will always be undefined/.test(warning.text));
  if (undefinedImports.length > 0) throw new Error(`vendor layer: ${undefinedImports.map((warning) => `${warning.location?.file}: ${warning.text}`).join('; ')}`);
  return result.metafile!;
}

/**
 * Builds the layer's content into `outDir` (which becomes `/opt` in Lambda): under `kezek-vendor/`,
 * one module per group of `vendorStartGroups` and one per SDK client loaded on first use, from one
 * build, and the modules of `vendorBuiltApart` from another, in `apart/`: at the paths
 * `vendorModulePath` gives the functions' bundles.
 */
export function buildVendorLayer(outDir: string): { metafile: Metafile; vendorDir: string } {
  const vendorDir = path.join(outDir, 'kezek-vendor');
  rmSync(vendorDir, { recursive: true, force: true });
  const sources = mkdtempSync(path.join(tmpdir(), 'kezek-vendor-src-'));
  try {
    const apart = vendorBuiltApart as readonly VendorModule[];
    const onFirstUse = (Object.keys(vendorModules) as VendorModule[]).filter((specifier) => !startGroupOf(specifier) && !apart.includes(specifier));
    const main = buildPart(sources, vendorDir, {
      ...Object.fromEntries(Object.entries(vendorStartGroups).map(([group, specifiers]) => [group, { specifiers }])),
      ...Object.fromEntries(onFirstUse.map((specifier) => [fileNameOf(specifier), { specifiers: [specifier], sharing: 'dynamodb' }])),
    });
    const other = buildPart(sources, path.join(vendorDir, 'apart'), Object.fromEntries(apart.map((specifier) => [fileNameOf(specifier), { specifiers: [specifier] }])));
    return { metafile: { inputs: { ...main.inputs, ...other.inputs }, outputs: { ...main.outputs, ...other.outputs } }, vendorDir };
  } finally {
    rmSync(sources, { recursive: true, force: true });
  }
}

/**
 * The vendor layer, one per stack. Built at synth by esbuild on this machine (no Docker); a synth
 * that skips bundling (`aws:cdk:bundling-stacks`) skips it too.
 */
export function vendorLayer(scope: Construct): ILayerVersion {
  const stack = Stack.of(scope);
  const id = 'VendorLayer';
  const existing = stack.node.tryFindChild(id) as ILayerVersion | undefined;
  if (existing) return existing;
  return new LayerVersion(stack, id, {
    description: 'kezek: AWS SDK v3 and Powertools modules, pre-bundled (lib/vendor-layer.ts)',
    compatibleRuntimes: [Runtime.NODEJS_22_X],
    compatibleArchitectures: [Architecture.ARM_64],
    // Hashed by what was built, so the layer changes exactly when its content does; a synth that
    // skips bundling gets a placeholder hash instead, never the real layer's.
    code: Code.fromAsset(path.join(repoRoot, 'lib'), {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never used: local bundling always succeeds, and synth must not need Docker.
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
        local: {
          tryBundle(outputDir: string) {
            buildVendorLayer(outputDir);
            return true;
          },
        },
      },
    }),
  });
}
