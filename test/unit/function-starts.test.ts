import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { functionBuildOptions } from '../../lib/vendor-layer.ts';
import { lambdaHandlers } from '../../bench/lambda-bundles.ts';

const handlersDir = join(import.meta.dirname, '..', '..', 'functions', 'handlers');

/**
 * What a function loads before its first line runs: the external modules its bundle imports
 * statically. The SDK clients other than DynamoDB (S3, SNS, SQS, SES, Scheduler, Lambda) are used
 * by few requests and cost tens of milliseconds each to load, so they are `await import`ed where
 * used (DECISIONS.md 51). A static import of one inside a module that is itself imported on first
 * use still lands at the top of the bundle, since a function is one file: the e-mail adapter did.
 * The tracer is not among them: the X-Ray SDK is loaded only when a deployment asks (decision 62).
 */
const loadedAtEveryStart = [
  '@aws-lambda-powertools/logger',
  '@aws-lambda-powertools/logger/middleware',
  '@aws-lambda-powertools/metrics',
  '@aws-lambda-powertools/metrics/middleware',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
];

describe('the functions as bundled', () => {
  it('should load no AWS SDK client but DynamoDB, and not the tracer, at start, in any function', async () => {
    // Prepare: every route's, job's, consumer's and the authorizer's handler, bundled as the CDK does
    const handlers = lambdaHandlers();
    expect(handlers.length).toBeGreaterThan(60);

    // Act
    const { metafile } = await build({
      entryPoints: Object.fromEntries(handlers.map((handler) => [handler, join(handlersDir, `${handler}.ts`)])),
      ...functionBuildOptions,
      external: [...functionBuildOptions.external],
      outdir: '/kezek-function-starts',
      write: false,
      metafile: true,
      logLevel: 'error',
    });

    // Assess
    const beyond = Object.entries(metafile.outputs).flatMap(([file, output]) =>
      output.imports
        .filter((i) => i.external && i.kind === 'import-statement' && i.path.startsWith('@aws') && !loadedAtEveryStart.includes(i.path))
        .map((i) => `${file}: ${i.path}`),
    );
    expect(beyond).toEqual([]);
  }, 120_000);
});
