import { PutCommand } from '@aws-sdk/lib-dynamodb';
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

beforeAll(async () => {
  // Prepare: a city with 50,000 applications (only what the cabinet reads is written)
  runtime = await startLocalRuntime({ port: 0, data: 'memory', ...sharedEngine, seed: false, log: () => undefined });
  data = generateDemoData({ now: new Date(), applicationCount: 50_000 });
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

describe('the cabinet in a city of 50,000 applications', () => {
  it('should cost at most 3 DynamoDB requests per view, whatever the queue size', async () => {
    // Prepare
    const parent = data.demoParents[0]!;
    const parentClient = await loginParent(runtime, parent);
    // Act
    const answer = await parentClient.request('GET', '/api/cabinet/applications');
    // Assess: session (authorizer), applications by applicant, kindergarten names
    expect(answer.status).toBe(200);
    expect(answer.body.applications.length).toBe(data.applications.filter((a) => a.applicantIin === parent.iin).length);
    expect(answer.body.applications.some((a: { position?: number }) => a.position !== undefined)).toBe(true);
    const requests = JSON.parse(answer.headers.get('x-kezek-dynamodb-requests')!) as Record<string, number>;
    expect(Object.values(requests).reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(3);
    expect(requests).toEqual({ GetItemCommand: 1, QueryCommand: 1, BatchGetItemCommand: 1 });
  });
});
