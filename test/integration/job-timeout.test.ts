import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalScheduler } from '#adapters/local/local-scheduler';
import { jobs } from '#functions/jobs/jobs';
import { startDynamoDbLocal, type RunningDynamoDbLocal } from '../../local/dynamodb-local.ts';
import { budgetOf } from '#functions/jobs/job-handler';
import { jobInvocations, jobRunner, resetJobInvocations } from '../../local/job-runner.ts';
import { ensureTables, localTableNames } from '../../local/tables.ts';

/**
 * Lambda stops a job function at its timeout and counts the invocation as failed (then retries
 * it); the local job runner must do the same, or a job too slow for AWS passes every local test.
 */
let dynamo: RunningDynamoDbLocal;
let client: DynamoDBDocumentClient;
const tableNames = localTableNames('kezek-timeout');
const now = new Date('2026-03-13T06:00:00.000Z');

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ data: 'memory' });
  const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTables(raw, tableNames);
  client = DynamoDBDocumentClient.from(raw);
}, 120_000);

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

describe('job time limits', () => {
  it('should give every job kind its own Lambda timeout in the job table, at most Lambda’s 900 s', () => {
    expect(Object.fromEntries(jobs.map((job) => [job.kind, job.timeoutSeconds]))).toEqual({
      'referral-expiry': 10,
      'referral-restore': 10,
      'recompute-positions': 300,
      'campaign-start': 900,
      'campaign-preview': 900,
      'campaign-reminder': 900,
      'campaign-close': 900,
      export: 900,
      'notice-sms': 10,
      'outbox-sweep': 300,
    });
  });

  it('should fail a job that runs past its timeout as Lambda does, and leave it scheduled for a retry', async () => {
    // Prepare: a due schedule whose job never finishes, under a 50 ms limit
    const scheduler = new LocalScheduler(client, tableNames.schedules, () => now);
    await scheduler.scheduleOnce({ name: 'referral-expiry-slow', at: '2026-03-13T05:00:00.000Z', task: { kind: 'referral-expiry', applicationId: 'app-1', issuedAt: '2026-03-06T06:00:00.000Z' } });
    const slow = jobRunner({ load: async () => () => new Promise<void>(() => undefined), timeoutMs: () => 50 });
    const lines: string[] = [];
    // Act
    const completed = await scheduler.fireDue(slow, (line) => lines.push(line));
    // Assess: not completed; the failure recorded with Lambda's error; due again after the backoff
    expect(completed).toEqual([]);
    expect(lines).toEqual(['[scheduler] referral-expiry-slow failed (attempt 1): Sandbox.Timedout: Task timed out after 0.05 seconds']);
    const { Item } = await client.send(new GetCommand({ TableName: tableNames.schedules, Key: { scheduleName: 'referral-expiry-slow' } }));
    expect(Item).toMatchObject({ state: 'scheduled', attempts: 1, pending: 'pending', dueAt: '2026-03-13T06:00:02.000Z' });
  });

  it('should tell a job to hand over once 40 % of the time its invocation began with is gone, not before', () => {
    // Prepare: a context whose remaining time we move by hand (Lambda counts it down)
    let remaining = 900_000;
    const budget = budgetOf({ getRemainingTimeInMillis: () => remaining });
    // Act / Assess: 359 s gone, then 360 s (40 % of 900 s)
    remaining = 900_000 - 359_000;
    expect(budget.handOver()).toBe(false);
    remaining = 900_000 - 360_000;
    expect(budget.handOver()).toBe(true);
  });

  it('should scale a job’s timeout by the runner’s scale and record each invocation against it', async () => {
    // Prepare: the close's 900 s scaled by 1/100; a job that takes about 100 ms
    resetJobInvocations();
    const scaled = jobRunner({ load: async () => () => new Promise<void>((done) => setTimeout(done, 100)), timeoutScale: 1 / 100 });
    // Act
    await scaled({ kind: 'campaign-close', tenantId: 't', campaignId: 'c', mode: 'close' });
    // Assess: the limit is 9 s; the invocation recorded as completed with its duration
    expect(jobInvocations()).toHaveLength(1);
    expect(jobInvocations()[0]).toMatchObject({ kind: 'campaign-close', limitMs: 9_000, outcome: 'completed' });
    expect(jobInvocations()[0]!.ms).toBeGreaterThanOrEqual(90);
  });

  it('should let a job that finishes within its timeout complete', async () => {
    const scheduler = new LocalScheduler(client, tableNames.schedules, () => now);
    await scheduler.scheduleOnce({ name: 'referral-expiry-quick', at: '2026-03-13T05:00:00.000Z', task: { kind: 'referral-expiry', applicationId: 'app-2', issuedAt: '2026-03-06T06:00:00.000Z' } });
    const quick = jobRunner({ load: async () => async () => undefined, timeoutMs: () => 60_000 });
    expect(await scheduler.fireDue(quick)).toEqual(['referral-expiry-quick']);
  });

  it('should run a job again once the lease of a process that died while running it ran out, and give up after 5 attempts', async () => {
    // Prepare: a day before the other schedules here; a lease of 10 minutes; the first process claims the job and dies in it (its run never returns)
    let at = new Date('2026-03-12T06:00:00.000Z');
    const lease = () => 600_000;
    const dying = new LocalScheduler(client, tableNames.schedules, () => at, undefined, lease);
    await dying.scheduleOnce({ name: 'referral-expiry-orphan', at: '2026-03-12T05:00:00.000Z', task: { kind: 'referral-expiry', applicationId: 'app-3', issuedAt: '2026-03-06T06:00:00.000Z' } });
    let began!: () => void;
    const running = new Promise<void>((resolve) => (began = resolve));
    void dying.fireDue(async () => {
      began();
      await new Promise<void>(() => undefined);
    });
    await running;
    const { Item: leased } = await client.send(new GetCommand({ TableName: tableNames.schedules, Key: { scheduleName: 'referral-expiry-orphan' } }));
    expect(leased).toMatchObject({ state: 'running', attempts: 0, pending: 'pending', dueAt: '2026-03-12T06:10:00.000Z' });
    // Act 1: a second process polls one second before the lease ends, then one second after
    const next = new LocalScheduler(client, tableNames.schedules, () => at, undefined, lease);
    const runs: string[] = [];
    at = new Date('2026-03-12T06:09:59.000Z');
    expect(await next.fireDue(async (task) => void runs.push(task.kind))).toEqual([]);
    at = new Date('2026-03-12T06:10:01.000Z');
    const lines: string[] = [];
    const completed = await next.fireDue(async (task) => void runs.push(task.kind), (line) => lines.push(line));
    // Assess 1: not before the lease ended; after it, run once and completed, the lapse counted as an attempt
    expect(completed).toEqual(['referral-expiry-orphan']);
    expect(runs).toEqual(['referral-expiry']);
    expect(lines).toEqual(['[scheduler] referral-expiry-orphan lease ran out (attempt 1): its run never returned']);
    const { Item: done } = await client.send(new GetCommand({ TableName: tableNames.schedules, Key: { scheduleName: 'referral-expiry-orphan' } }));
    expect(done).toMatchObject({ state: 'completed', attempts: 1 });
    expect(done!.pending).toBeUndefined();

    // Act 2: a job whose every process dies in it, polled after each lease
    at = new Date('2026-03-12T07:00:00.000Z');
    await next.scheduleOnce({ name: 'referral-expiry-doomed', at: '2026-03-12T06:59:00.000Z', task: { kind: 'referral-expiry', applicationId: 'app-4', issuedAt: '2026-03-06T06:00:00.000Z' } });
    for (let attempt = 0; attempt < 6; attempt++) {
      const process = new LocalScheduler(client, tableNames.schedules, () => at, undefined, lease);
      let claimed!: () => void;
      const claim = new Promise<void>((resolve) => (claimed = resolve));
      const fired = process.fireDue(async () => {
        claimed();
        await new Promise<void>(() => undefined);
      });
      await Promise.race([claim, fired]);
      at = new Date(at.getTime() + 600_001);
    }
    // Assess 2: run 5 times (attempts 0 to 4), then marked failed and out of the due index
    const { Item: doomed } = await client.send(new GetCommand({ TableName: tableNames.schedules, Key: { scheduleName: 'referral-expiry-doomed' } }));
    expect(doomed).toMatchObject({ state: 'failed', attempts: 5 });
    expect(doomed!.pending).toBeUndefined();
  });
});
