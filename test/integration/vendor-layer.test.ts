import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '#functions/tables';
import { secureSessionCookieName, sessionCookieName } from '#http/routes';
import { buildVendorLayer, functionBuildOptions, layerLinks, vendorModulePath } from '../../lib/vendor-layer.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginStaff, startTestRuntime } from '../support/runtime.ts';

/**
 * The functions as they run in AWS: bundled with the SDK and Powertools left out, importing the
 * vendor layer's modules by their paths (laid out here as Lambda's `/opt`), outside the
 * repository so nothing resolves from its `node_modules`, in a fresh Node process that believes
 * it is in Lambda (so the tracer and the X-Ray SDK load too, built apart in the layer, around a
 * DynamoDB client from its start modules), against DynamoDB Local.
 */

const execFileAsync = promisify(execFile);
let runtime: LocalRuntime;
let root: string;
let functionsDir: string;

async function bundleFunction(handler: string): Promise<void> {
  await build({
    entryPoints: [join(import.meta.dirname, '..', '..', 'functions', 'handlers', `${handler}.ts`)],
    ...functionBuildOptions,
    // The layer's modules by their paths where this test laid it out, as the bundles in AWS import them below /opt
    ...layerLinks(join(root, 'opt')),
    outfile: join(functionsDir, handler, 'index.mjs'),
    logLevel: 'error',
  });
}

beforeAll(async () => {
  runtime = await startTestRuntime(100);
  root = mkdtempSync(join(tmpdir(), 'kezek-layer-test-'));
  buildVendorLayer(join(root, 'opt'));
  // Apart from the layer, as a function's code sits in /var/task and its layers in /opt
  functionsDir = join(root, 'task');
  mkdirSync(functionsDir, { recursive: true });
  await Promise.all(['authorizer', 'staff-kindergartens'].map(bundleFunction));
});

afterAll(async () => {
  await runtime?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Runs the authorizer, then the route's function with the context it returned, as API Gateway does. */
const invokeScript = `
const context = { functionName: 'kezek-test', awsRequestId: 'req-1', invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:kezek-test', memoryLimitInMB: '512', getRemainingTimeInMillis: () => 10000, callbackWaitsForEmptyEventLoop: false };
const [cookie, routeKey, path] = process.argv.slice(2);
const requestContext = { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' }, requestId: 'req-1', routeKey, stage: '$default', timeEpoch: Date.now() };
const { handler: authorize } = await import('./authorizer/index.mjs');
const { handler: route } = await import('./' + process.env.ROUTE_HANDLER + '/index.mjs');
const authorized = await authorize({ version: '2.0', type: 'REQUEST', routeKey, rawPath: path, rawQueryString: '', cookies: [cookie], headers: {}, identitySource: [cookie], requestContext }, context);
const answer = await route({ version: '2.0', routeKey, rawPath: path, rawQueryString: '', cookies: [cookie], headers: { 'accept-language': 'ru' }, requestContext: { ...requestContext, authorizer: { lambda: authorized.context } }, isBase64Encoded: false }, context);
process.stdout.write(JSON.stringify({ authorized, answer }));
`;

describe('the vendor layer', () => {
  it('should run a staff request through the authorizer and the route function in a Lambda-like process, answering as the local server does', async () => {
    // Prepare: a staff session, and what the local server (the same handlers on node_modules) answers
    const staff = await loginStaff(runtime);
    // In AWS cookies are Secure and the session cookie is `__Host-kezek_session`: the same token under that name
    const cookie = `${secureSessionCookieName}=${staff.cookies.get(sessionCookieName)}`;
    const local = await staff.call('GET /api/staff/kindergartens');
    const script = join(functionsDir, 'invoke.mjs');
    writeFileSync(script, invokeScript);
    // Act
    const { stdout } = await execFileAsync(process.execPath, [script, cookie, 'GET /api/staff/kindergartens', '/api/staff/kindergartens'], {
      cwd: functionsDir,
      env: {
        PATH: process.env.PATH ?? '',
        ROUTE_HANDLER: 'staff-kindergartens',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
        AWS_LAMBDA_FUNCTION_NAME: 'kezek-test',
        AWS_REGION: 'eu-central-1',
        COOKIE_SECURE: 'true',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        // No X-Ray daemon or trace header here: the X-Ray SDK would log that the segment is missing.
        AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
        POWERTOOLS_SERVICE_NAME: 'kezek',
        POWERTOOLS_METRICS_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        DYNAMODB_ENDPOINT: runtime.dynamoEndpoint,
        ...Object.fromEntries(Object.entries(tables).map(([key, definition]) => [definition.envVar, runtime.tableNames[key as keyof typeof tables]])),
      },
    });
    const { authorized, answer } = JSON.parse(stdout);
    // Assess
    expect(authorized).toMatchObject({ isAuthorized: true, context: { role: 'staff', tenantId: runtime.seed!.data.tenant.tenantId } });
    expect(answer.statusCode).toBe(200);
    expect(local.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual(local.body);
  });

  it('should answer a refusal in Kazakh from a bundle that holds its texts as UTF-8 rather than escapes', async () => {
    // Prepare: the route's function called without the authorizer's context, in Kazakh
    const script = join(functionsDir, 'refuse.mjs');
    writeFileSync(
      script,
      `const { handler } = await import('./staff-kindergartens/index.mjs');
const answer = await handler({ version: '2.0', routeKey: 'GET /api/staff/kindergartens', rawPath: '/api/staff/kindergartens', rawQueryString: '', headers: { 'accept-language': 'kk' }, requestContext: { http: { method: 'GET', path: '/api/staff/kindergartens', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' }, requestId: 'req-2', routeKey: 'GET /api/staff/kindergartens', stage: '$default', timeEpoch: Date.now() }, isBase64Encoded: false }, { functionName: 'kezek-test', awsRequestId: 'req-2', getRemainingTimeInMillis: () => 10000 });
process.stdout.write(JSON.stringify(answer));`,
    );
    // Act
    const { stdout } = await execFileAsync(process.execPath, [script], {
      cwd: functionsDir,
      env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-central-1', COOKIE_SECURE: 'true', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    });
    const answer = JSON.parse(stdout);
    // Assess: the text as written in functions/http/problems.ts, and written so in the bundle
    expect(answer.statusCode).toBe(401);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: 'unauthenticated', message: 'Жүйеге кіріңіз.' });
    const bundle = readFileSync(join(functionsDir, 'staff-kindergartens', 'index.mjs'), 'utf8');
    expect(bundle).toContain('Жүйеге кіріңіз.');
    expect(bundle).not.toContain('\\u0416');
  });

  it('should run SNS, sharing the start\'s code, and S3, built apart, beside DynamoDB from the start in one process', async () => {
    // Prepare: a server that records what the clients send, and the department's item in DynamoDB Local. SNS is an
    // entry of the start's build and uses its Smithy code; S3 carries a copy of its own (decision 68): all must work side by side.
    const received: { method?: string; url?: string; authorization?: string; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body });
        if (body.includes('Action=Publish')) {
          response.writeHead(200, { 'Content-Type': 'text/xml' }).end('<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>');
        } else {
          response.writeHead(200, { ETag: '"1"' }).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const layer = (specifier: Parameters<typeof vendorModulePath>[0]) => JSON.stringify(vendorModulePath(specifier, join(root, 'opt')));
    const script = join(functionsDir, 'both-builds.mjs');
    writeFileSync(
      script,
      `import { DynamoDBClient } from ${layer('@aws-sdk/client-dynamodb')};
import { DynamoDBDocumentClient, GetCommand } from ${layer('@aws-sdk/lib-dynamodb')};
const { S3Client, PutObjectCommand, GetObjectCommand } = await import(${layer('@aws-sdk/client-s3')});
const { getSignedUrl } = await import(${layer('@aws-sdk/s3-request-presigner')});
const { SNSClient, PublishCommand } = await import(${layer('@aws-sdk/client-sns')});
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT }));
const { Item } = await dynamo.send(new GetCommand({ TableName: process.env.TENANTS, Key: { tenantId: process.env.TENANT_ID } }));
const s3 = new S3Client({ endpoint: process.env.S3_ENDPOINT, forcePathStyle: true });
await s3.send(new PutObjectCommand({ Bucket: 'kezek-exports', Key: 'audit/a.csv', Body: 'when,who', ContentType: 'text/csv' }));
const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'kezek-exports', Key: 'audit/a.csv' }), { expiresIn: 300 });
const sns = new SNSClient({ endpoint: process.env.S3_ENDPOINT });
const { MessageId } = await sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-central-1:000000000000:kezek-test', Message: 'hello' }));
process.stdout.write(JSON.stringify({ tenantId: Item?.tenantId, url, messageId: MessageId }));`,
    );
    try {
      // Act
      const { stdout } = await execFileAsync(process.execPath, [script], {
        cwd: functionsDir,
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'eu-central-1',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          DYNAMODB_ENDPOINT: runtime.dynamoEndpoint,
          TENANTS: runtime.tableNames.tenants,
          TENANT_ID: runtime.seed!.data.tenant.tenantId,
          S3_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        },
      });
      const { tenantId, url, messageId } = JSON.parse(stdout) as { tenantId: string; url: string; messageId: string };
      // Assess
      expect(tenantId).toBe(runtime.seed!.data.tenant.tenantId);
      expect(received).toHaveLength(2);
      expect(messageId).toBe('m-1');
      expect(received[1]).toMatchObject({ method: 'POST', body: expect.stringContaining('Action=Publish') });
      expect(received[1]!.body).toContain('TopicArn=arn%3Aaws%3Asns%3Aeu-central-1%3A000000000000%3Akezek-test');
      expect(received[1]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/eu-central-1\/sns\/aws4_request/);
      expect(received[0]).toMatchObject({ method: 'PUT', url: expect.stringMatching(/^\/kezek-exports\/audit\/a\.csv(\?|$)/), body: 'when,who' });
      expect(received[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/eu-central-1\/s3\/aws4_request/);
      expect(url).toMatch(/\/kezek-exports\/audit\/a\.csv\?.*X-Amz-Expires=300.*X-Amz-Signature=[0-9a-f]{64}/);
    } finally {
      server.close();
    }
  });
});
