import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { functionBuildOptions, functionShims, vendorModulePath, vendorStartGroups } from '../../lib/vendor-layer.ts';
import { lambdaHandlers } from '../../bench/lambda-bundles.ts';
import { authorizer, routes } from '../../functions/http/routes.ts';
import { grantsOf } from '../../functions/http/audit-actions.ts';
import { jobs } from '../../functions/jobs/jobs.ts';
import { consumers } from '../../functions/jobs/consumers.ts';
import { lazy } from '../../functions/domain/lazy.ts';

const handlersDir = join(import.meta.dirname, '..', '..', 'functions', 'handlers');

/**
 * What a function loads before its first line runs: the modules of the vendor layer its bundle
 * imports statically. The SDK clients other than DynamoDB (S3, SNS, SQS, SES, Scheduler, Lambda) are used
 * by few requests and cost tens of milliseconds each to load, so they are `await import`ed where
 * used (DECISIONS.md 51). A static import of one inside a module that is itself imported on first
 * use still lands at the top of the bundle, since a function is one file: the e-mail adapter did.
 * The tracer is not among them: the X-Ray SDK is loaded only when a deployment asks (decision 62).
 * The start modules are the layer's two groups, Powertools and DynamoDB (decision 68).
 */
const loadedAtEveryStart = [vendorModulePath('@aws-lambda-powertools/logger'), vendorModulePath('@aws-sdk/client-dynamodb')];

/** Every route's, job's, consumer's and the authorizer's handler, bundled as the CDK does (once for the file). */
const bundled = lazy(() =>
  build({
    entryPoints: Object.fromEntries(lambdaHandlers().map((handler) => [handler, join(handlersDir, `${handler}.ts`)])),
    ...functionBuildOptions,
    outdir: '/kezek-function-starts',
    write: false,
    metafile: true,
    logLevel: 'error',
  }),
);

describe('the functions as bundled', () => {
  it('should load no AWS SDK client but DynamoDB, and not the tracer, at start, in any function', async () => {
    // Prepare
    expect(lambdaHandlers().length).toBeGreaterThan(60);

    // Act
    const { metafile } = await bundled();

    // Assess
    expect(loadedAtEveryStart).toEqual(['/opt/kezek-vendor/powertools.mjs', '/opt/kezek-vendor/dynamodb.mjs']);
    expect(Object.keys(vendorStartGroups).sort()).toEqual(['dynamodb', 'powertools']);
    const beyond = Object.entries(metafile.outputs).flatMap(([file, output]) =>
      output.imports
        .filter((i) => i.external && i.kind === 'import-statement' && !i.path.startsWith('node:') && i.path !== 'module' && !loadedAtEveryStart.includes(i.path))
        .map((i) => `${file}: ${i.path}`),
    );
    expect(beyond).toEqual([]);
    // …and no bundle carries SDK, Smithy or Powertools code of its own (a vendor import the layer does not list would be bundled in)
    const vendorCode = Object.entries(metafile.outputs).flatMap(([file, output]) =>
      Object.keys(output.inputs)
        .filter((input) => /node_modules\/(@aws-sdk|@smithy|@aws-lambda-powertools|@aws-crypto)\//.test(input))
        .map((input) => `${file}: ${input}`),
    );
    expect(vendorCode).toEqual([]);
    // …nor loads a built-in that a shim stands for (decision 69)
    const shimmed = Object.entries(metafile.outputs).flatMap(([file, output]) =>
      output.imports.filter((i) => Object.keys(functionShims).includes(i.path)).map((i) => `${file}: ${i.path}`),
    );
    expect(shimmed).toEqual([]);
    // …and the shim stands in only for the library whose use of the module test/unit/vendor-shims.test.ts checks
    const importers = [...new Set(Object.entries(metafile.inputs).filter(([, input]) => input.imports.some((i) => i.original === 'node:stream/web')).map(([file]) => file))];
    expect(importers).toEqual(['node_modules/@middy/core/index.js']);
  }, 120_000);

  it('should hold its own route and no other in each route\'s function, but the two that read the whole table (decision 65)', async () => {
    // Prepare: a route is in a bundle when its summary is (each route's own sentence; paths repeat across methods)
    const wholeTable = ['me', 'openapi'];
    expect(new Set(routes.map((route) => route.summary)).size).toBe(routes.length);

    // Act
    const { outputFiles } = await bundled();
    const routesIn = (handler: string) => {
      const text = outputFiles.find((file) => file.path.endsWith(`/${handler}.js`))!.text;
      return routes.filter((route) => text.includes(route.summary)).map((route) => route.handler);
    };

    // Assess
    for (const route of routes.filter((candidate) => !wholeTable.includes(candidate.handler))) {
      expect(routesIn(route.handler), route.handler).toEqual([route.handler]);
    }
    for (const handler of wholeTable) expect(routesIn(handler)).toHaveLength(routes.length);
    // …and a job's function holds none
    expect(routesIn('job-recompute-positions')).toEqual([]);
  }, 120_000);

  it('should start with the stores and the DynamoDB client exactly in the functions granted a table (decision 66)', async () => {
    // Prepare: each function's tables, as its route (with the audit table of an audited route), job, consumer or the authorizer grants them
    const grantedTables = new Map<string, number>([
      ...routes.map((route) => [route.handler, Object.keys(grantsOf(route).tables ?? {}).length] as const),
      ...jobs.map((job) => [job.handler, Object.keys(job.grants.tables ?? {}).length] as const),
      ...consumers.map((consumer) => [consumer.handler, Object.keys(consumer.grants.tables ?? {}).length] as const),
      [authorizer.handler, Object.keys(authorizer.grants.tables).length],
    ]);

    // Act
    const { metafile } = await bundled();
    const startsWithDynamo = (handler: string) =>
      Object.entries(metafile.outputs)
        .find(([file]) => file.endsWith(`/${handler}.js`))![1]
        .imports.some((i) => i.kind === 'import-statement' && i.path === vendorModulePath('@aws-sdk/client-dynamodb'));

    // Assess
    const withoutTables = [...grantedTables].filter(([, count]) => count === 0).map(([handler]) => handler);
    expect(withoutTables.sort()).toEqual(['health', 'me', 'openapi']);
    for (const [handler, count] of grantedTables) expect(startsWithDynamo(handler), handler).toBe(count > 0);
  }, 120_000);
});
