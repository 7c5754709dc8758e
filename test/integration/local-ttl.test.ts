import { DescribeTimeToLiveCommand, DynamoDBClient, GetItemCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '#functions/tables';
import { sessionCookieName } from '#http/routes';
import { sessionIdOf } from '#use-cases/sessions';
import { ensureTables } from '../../local/tables.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginStaff, startTestRuntime } from '../support/runtime.ts';

/**
 * The local runtime's tables have no TTL (decision 70): DynamoDB Local deletes an expired item within
 * seconds by this machine's clock, while the runtime runs on a dev clock that tests set months back.
 */
let runtime: LocalRuntime;
let raw: DynamoDBClient;

beforeAll(async () => {
  runtime = await startTestRuntime(50);
  raw = new DynamoDBClient({ endpoint: runtime.dynamoEndpoint });
});

afterAll(async () => {
  runtime.clock.set(new Date());
  raw?.destroy();
  await runtime?.stop();
});

describe('the local tables and the dev clock', () => {
  it('should start with TTL off on every table that has it in AWS, so that an item the dev clock holds live stays', async () => {
    // Prepare: the tables AWS expires items of (sessions and codes, exports); DynamoDB Local, with TTL on, deleted an item
    // whose TTL was behind the machine's clock about 1 s after it was written (three tries of a probe, decision 70)
    const withTtl = Object.entries(tables).filter(([, definition]) => 'ttlAttribute' in definition).map(([key]) => key as keyof typeof tables);
    expect(withTtl.sort()).toEqual(['auth', 'exports']);
    // Act
    const statuses = await Promise.all(withTtl.map(async (key) => (await raw.send(new DescribeTimeToLiveCommand({ TableName: runtime.tableNames[key] }))).TimeToLiveDescription?.TimeToLiveStatus));
    // Assess
    expect(statuses).toEqual(['DISABLED', 'DISABLED']);
  });

  it('should keep a staff session opened on a dev clock half a year back', async () => {
    // Prepare: the dev clock 200 days back; the session's TTL is 8 hours after that, long behind the machine's clock
    runtime.clock.set(new Date(Date.now() - 200 * 86_400_000));
    const staff = await loginStaff(runtime);
    const sessionItem = () =>
      raw.send(new GetItemCommand({ TableName: runtime.tableNames.auth, Key: { authId: { S: `session#${sessionIdOf(staff.cookies.get(sessionCookieName)!)}` } }, ConsistentRead: true }));
    // Act
    const answer = await staff.call('GET /api/staff/kindergartens');
    // Assess: the application holds it live, and it is there, with a TTL long behind the machine's clock
    expect(answer.status).toBe(200);
    expect(Number((await sessionItem()).Item?.expiresAtEpoch?.N)).toBeLessThan(Date.now() / 1000 - 100 * 86_400);
  });

  it('should turn TTL off on a table of an older data directory that has it on', async () => {
    // Prepare: the auth table as a data directory from before decision 70 left it
    const tableName = runtime.tableNames.auth;
    await raw.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: tables.auth.ttlAttribute, Enabled: true } }));
    expect((await raw.send(new DescribeTimeToLiveCommand({ TableName: tableName }))).TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
    // Act
    const created = await ensureTables(raw, runtime.tableNames);
    // Assess
    expect(created).toEqual([]);
    expect((await raw.send(new DescribeTimeToLiveCommand({ TableName: tableName }))).TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
    expect((await raw.send(new DescribeTimeToLiveCommand({ TableName: runtime.tableNames.exports }))).TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
  });
});
