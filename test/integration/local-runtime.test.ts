import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../local/runtime.ts';
import { ageGroupOn } from '#domain/age';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { loginParent, loginStaff, settle } from '../support/runtime.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'kezek-data-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Java processes whose command line names this path (not the `sh` watchdog around them). */
function javaProcessesFor(path: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `^java .*DynamoDBLocal.jar.*${path}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function countItems(endpoint: string, tableName: string): Promise<number> {
  // A scan is fine here: a test counting what the seed wrote, never a request path.
  const dynamo = new DynamoDBClient({ endpoint });
  let count = 0;
  let startKey: Record<string, any> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: startKey }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  dynamo.destroy();
  return count;
}

describe('the local runtime on a data directory', () => {
  it('should keep data across a restart and seed only once', async () => {
    // Prepare: first start seeds
    const first = await startLocalRuntime({ port: 0, data: dataDir, seed: { applicationCount: 150 }, log: () => undefined });
    const parent = first.seed!.data.demoParents[0]!;
    const countAfterFirst = await countItems(first.dynamoEndpoint, first.tableNames.applications);
    await first.stop();
    expect(javaProcessesFor(dataDir)).toEqual([]);

    // Act: second start on the same directory
    const second = await startLocalRuntime({ port: 0, data: dataDir, seed: { applicationCount: 150 }, log: () => undefined });
    try {
      const countAfterSecond = await countItems(second.dynamoEndpoint, second.tableNames.applications);
      const parentClient = await loginParent(second, parent);
      const cabinet = await parentClient.call('GET /api/cabinet/applications');

      // Assess
      expect(first.seed!.seededNow).toBe(true);
      expect(second.seed!.seededNow).toBe(false);
      expect(countAfterFirst).toBe(150);
      expect(countAfterSecond).toBe(150);
      expect(second.seed!.data.demoParents).toEqual(first.seed!.data.demoParents);
      expect(cabinet.status).toBe(200);
      expect(cabinet.body.applications.length).toBeGreaterThan(0);
    } finally {
      await second.stop();
    }
    expect(javaProcessesFor(dataDir)).toEqual([]);
  });

  it('should fire a referral expiry scheduled before a restart once it falls due', async () => {
    // Prepare: a referral issued in one run of the runtime
    const first = await startLocalRuntime({ port: 0, data: dataDir, seed: { applicationCount: 150 }, log: () => undefined });
    const queued = first.seed!.data.applications.find((a) => a.status === 'queued')!;
    const staff = await loginStaff(first);
    const kindergartens = (await staff.call('GET /api/staff/kindergartens')).body.kindergartens as { kindergartenId: string; languages: string[]; capacity: Record<string, number>; occupancy: Record<string, number> }[];
    const group = ageGroupOn(queued.birthDate, kazakhstanDate(new Date()));
    const target = kindergartens.find((k) => k.languages.includes(queued.language) && k.capacity[group]! > k.occupancy[group]!)!;
    const referred = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: queued.applicationId }, body: { kindergartenId: target.kindergartenId } });
    expect(referred.status, JSON.stringify(referred.body)).toBe(200);
    await first.stop();

    // Act: a new run, after the referral's expiry (time moved on while it was stopped)
    const second = await startLocalRuntime({ port: 0, data: dataDir, seed: { applicationCount: 150 }, log: () => undefined, schedulerIntervalMs: 100 });
    try {
      second.clock.set(new Date(Date.parse(referred.body.application.referral!.expiresAt) + 1000));
      // One session to look with, opened on the moved clock (a login per look only cost time)
      const staffAgain = await loginStaff(second);
      const deadline = Date.now() + 10_000;
      let status = '';
      while (status !== 'stopped' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await staffAgain.call('GET /api/staff/applications/{applicationId}', { params: { applicationId: queued.applicationId } })).body.application.status;
      }
      // Assess: the poller found the schedule in the table and ran it
      expect(status).toBe('stopped');
    } finally {
      await second.stop();
    }
  });

  it('should close a campaign that fell due while the runtime was stopped, 2 seconds after its end', async () => {
    // Prepare: a campaign ending 2 s from now, started, then the runtime stops
    const first = await startLocalRuntime({ port: 0, data: dataDir, seed: { applicationCount: 150 }, log: () => undefined, schedulerIntervalMs: 100 });
    const staff = await loginStaff(first);
    const now = new Date();
    const created = await staff.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 2000).toISOString() } });
    const campaignId = created.body.campaign.campaignId as string;
    const endsAt = Date.parse(created.body.campaign.endsAt);
    expect((await staff.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId } })).status).toBe(202);
    await settle(first);
    await first.stop();

    // Act: the end passes while nothing runs (half a second past it, however long the stop took); then the runtime starts again
    await new Promise((r) => setTimeout(r, Math.max(0, endsAt + 500 - Date.now())));
    const second = await startLocalRuntime({ port: 0, data: dataDir, seed: { applicationCount: 150 }, log: () => undefined, schedulerIntervalMs: 100 });
    try {
      let status = '';
      const staffAgain = await loginStaff(second);
      const deadline = Date.now() + 30_000;
      while (status !== 'closed' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await staffAgain.call('GET /api/staff/campaigns/{campaignId}', { params: { campaignId } })).body.campaign.status;
      }
      // Assess: closed by the schedule kept in the table
      expect(status).toBe('closed');
    } finally {
      await second.stop();
    }
  });

  it('should leave no java process behind when the Node process is killed outright', async () => {
    // Prepare: a Node process that starts DynamoDB Local on its own directory and waits
    const killedDir = mkdtempSync(join(tmpdir(), 'kezek-killed-'));
    const script = `import { startDynamoDbLocal } from './local/dynamodb-local.ts';
      await startDynamoDbLocal({ data: ${JSON.stringify(killedDir)} }); console.log('up'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('up') && resolve());
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      expect(javaProcessesFor(killedDir)).toHaveLength(1);

      // Act
      child.kill('SIGKILL');

      // Assess: the watchdog sees its stdin close and stops java
      const deadline = Date.now() + 10_000;
      while (javaProcessesFor(killedDir).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(javaProcessesFor(killedDir)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
    rmSync(killedDir, { recursive: true, force: true });
  });
});
