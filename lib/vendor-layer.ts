import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
 * instead, pre-bundled: each module one minified ESM file exporting just these names, their
 * shared code (Smithy, the X-Ray SDK) in common chunks. Loaded that way they start in less than
 * half the time of the same packages from `node_modules` (BENCHMARKS.md), each function's bundle
 * keeps only our code and its own libraries, and what runs in AWS is built from the installed
 * (`npm ci`: locked) versions the tests ran, not the runtime's SDK of the day.
 * `test/unit/vendor-layer.test.ts` checks that every import of these scopes in `functions/` is
 * listed here (a missing name fails to link in AWS, or is `undefined` after an `await import`).
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

/** Left out of every function's bundle: the scopes of `vendorModules`, which the vendor layer provides. */
export const lambdaExternalModules: readonly string[] = ['@aws-sdk/*', '@aws-lambda-powertools/*'];

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
  external: [...lambdaExternalModules],
} as const satisfies BuildOptions;

/**
 * Source maps as every function ships them: mappings only (the sources' text, which decoding a
 * stack does not need, was two thirds of each map). Functions do not read them at start
 * (DECISIONS.md 63); `npm run stack` decodes a logged stack with the map from the function's code.
 */
export const functionSourceMap = { sourcemap: true, sourcesContent: false } as const satisfies BuildOptions;

/** The package a module specifier belongs to (`@scope/name`) and its subpath (`middleware`, or '' for the main entry). */
function packageOf(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  return { name: parts.slice(0, 2).join('/'), subpath: parts.slice(2).join('/') };
}

const fileNameOf = (specifier: string) => specifier.replace(/^@/, '').replace(/\//g, '__');


/**
 * Builds the layer's content into `outDir` (which becomes `/opt` in Lambda): the bundled modules
 * under `nodejs/node_modules/kezek-vendor/`, and for each package a small `package.json` whose
 * `exports` point at them, so that `import '@aws-sdk/client-dynamodb'` resolves as usual.
 */
export function buildVendorLayer(outDir: string): { metafile: Metafile; modulesDir: string } {
  const modulesDir = path.join(outDir, 'nodejs', 'node_modules');
  rmSync(modulesDir, { recursive: true, force: true });
  const sources = mkdtempSync(path.join(tmpdir(), 'kezek-vendor-src-'));
  try {
    const entryPoints: Record<string, string> = {};
    for (const [specifier, names] of Object.entries(vendorModules)) {
      const source = path.join(sources, `${fileNameOf(specifier)}.mjs`);
      // Just the names we use, so the rest of each client (its other commands) is left out.
      writeFileSync(source, `export { ${names.join(', ')} } from ${JSON.stringify(specifier)};\n`);
      entryPoints[fileNameOf(specifier)] = source;
    }
    const result = buildSync({
      entryPoints,
      ...functionBuildOptions,
      // The layer is what the functions leave out: nothing is external to it.
      external: [],
      outdir: path.join(modulesDir, 'kezek-vendor'),
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      splitting: true,
      // Resolve from the repository whatever the temporary entry files' folder.
      nodePaths: [path.join(repoRoot, 'node_modules')],
      metafile: true,
      logLevel: 'error',
    });
    const packages = new Map<string, string[]>();
    for (const specifier of Object.keys(vendorModules)) {
      const { name, subpath } = packageOf(specifier);
      packages.set(name, [...(packages.get(name) ?? []), subpath]);
      const dir = path.join(modulesDir, name);
      mkdirSync(dir, { recursive: true });
      const relative = path.relative(dir, path.join(modulesDir, 'kezek-vendor', `${fileNameOf(specifier)}.mjs`));
      writeFileSync(path.join(dir, `${subpath || 'index'}.mjs`), `export * from ${JSON.stringify(`./${relative}`)};\n`);
    }
    for (const [name, subpaths] of packages) {
      const exports = Object.fromEntries(subpaths.map((subpath) => [subpath ? `./${subpath}` : '.', `./${subpath || 'index'}.mjs`]));
      writeFileSync(path.join(modulesDir, name, 'package.json'), `${JSON.stringify({ name, private: true, type: 'module', exports }, null, 2)}\n`);
    }
    return { metafile: result.metafile!, modulesDir };
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
