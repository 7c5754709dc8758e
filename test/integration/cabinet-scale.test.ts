import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { putAll } from '#adapters/dynamodb/batch-write';
import { parentAccountId } from '#domain/accounts';
import { generateDemoData, type DemoData } from '../../local/demo-data.ts';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.ts';
import { storedApplications, withOccupancy } from '../../local/seed.ts';
import { loginParent } from '../support/runtime.ts';
import { sharedDynamo } from '../support/shared-dynamodb.ts';

const shared = sharedDynamo();
const sharedEngine = shared ? { sharedDynamo: shared } : {};

let runtime: LocalRuntime;
let data: DemoData;

/**
 * 12,000 applications: enough that reading them whole (a Scan, 1 MB a page) takes about twice the
 * cabinet's 3 requests, which the test checks, so a view that scanned could not pass. A city's
 * 50,000 only took longer to write (40 s of the suite): `KEZEK_CABINET_APPLICATIONS=50000 npx
 * vitest run test/integration/cabinet-scale.test.ts` runs the same test there.
 */
const applicationCount = Number(process.env.KEZEK_CABINET_APPLICATIONS ?? 12_000);

beforeAll(async () => {
  // Prepare: a city's queue of `applicationCount` applications (only what the cabinet reads is written)
  runtime = await startLocalRuntime({ port: 0, data: 'memory', ...sharedEngine, seed: false, log: () => undefined });
  data = generateDemoData({ now: new Date(), applicationCount });
  const client = dynamoDocumentClient();
  await putAll(client, runtime.tableNames.kindergartens, withOccupancy(data.kindergartens) as unknown as Record<string, unknown>[]);
  await putAll(client, runtime.tableNames.applications, storedApplications(data.applications), { concurrency: 16 });
  for (const parent of data.demoParents) {
    await client.send(new PutCommand({ TableName: runtime.tableNames.accounts, Item: { accountId: parentAccountId(parent.iin), kind: 'parent', iin: parent.iin, phone: parent.phone, displayName: parent.displayName } }));
  }
  await client.send(new PutCommand({ TableName: runtime.tableNames.tenants, Item: data.tenant }));
}, 300_000);

afterAll(async () => {
  await runtime?.stop();
});

describe(`the cabinet in a city of ${applicationCount.toLocaleString('en-US')} applications`, () => {
  it('should cost at most 3 DynamoDB requests per view, whatever the queue size', async () => {
    // Prepare
    const parent = data.demoParents[0]!;
    const parentClient = await loginParent(runtime, parent);
    // Act
    const answer = await parentClient.call('GET /api/cabinet/applications');
    // Assess: session (authorizer), applications by applicant, kindergarten names
    expect(answer.status).toBe(200);
    expect(answer.body.applications.length).toBe(data.applications.filter((a) => a.applicantIin === parent.iin).length);
    expect(answer.body.applications.some((a: { position?: number }) => a.position !== undefined)).toBe(true);
    const requests = JSON.parse(answer.headers.get('x-kezek-dynamodb-requests')!) as Record<string, number>;
    expect(Object.values(requests).reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(3);
    expect(requests).toEqual({ GetItemCommand: 1, QueryCommand: 1, BatchGetItemCommand: 1 });
    // Assess: the queue is big enough to tell: reading it whole would take more than those 3 requests (1 MB pages)
    let scanPages = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamoDocumentClient().send(new ScanCommand({ TableName: runtime.tableNames.applications, Select: 'COUNT', ExclusiveStartKey: startKey }));
      scanPages++;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    expect(scanPages).toBeGreaterThan(3);
  });
});
