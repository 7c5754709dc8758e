import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteTables, exportTables, restoreTables } from '../../local/backup.ts';
import { ensureTables } from '../../local/tables.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginParent, loginStaff, startTestRuntime, type Client } from '../support/runtime.ts';

describe('the restore drill on the local runtime', () => {
  let runtime: LocalRuntime;
  let raw: DynamoDBClient;
  let parent: Client;
  let staff: Client;

  beforeAll(async () => {
    runtime = await startTestRuntime(120);
    raw = new DynamoDBClient({ endpoint: runtime.dynamoEndpoint });
    parent = await loginParent(runtime, runtime.seed!.data.demoParents[0]!);
    staff = await loginStaff(runtime);
  });
  afterAll(async () => {
    raw?.destroy();
    await runtime?.stop();
  });

  it('should answer the cabinet and the queue the same after export, loss of every table and restore', async () => {
    // Prepare: what a parent and staff see before the disaster.
    const cabinetBefore = await parent.call('GET /api/cabinet/applications');
    const birthYear = cabinetBefore.body.applications[0]!.birthDate.slice(0, 4);
    const queue = { query: { birthYear } };
    const queueBefore = await staff.call('GET /api/staff/queue', queue);
    expect(cabinetBefore.status).toBe(200);
    expect(queueBefore.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'kezek-backup-'));

    // Act: export, lose everything, restore.
    const manifest = await exportTables(raw, runtime.tableNames, dir, new Date('2026-12-06T05:00:00Z'));
    await deleteTables(raw, runtime.tableNames);
    const lost = await parent.call('GET /api/cabinet/applications');
    await ensureTables(raw, runtime.tableNames);
    const emptyCabinet = await parent.call('GET /api/cabinet/applications');
    const counts = await restoreTables(raw, runtime.tableNames, dir);
    const cabinetAfter = await parent.call('GET /api/cabinet/applications');
    const queueAfter = await staff.call('GET /api/staff/queue', queue);

    // Assess: the loss was real, the restore complete, and both views answer exactly as before.
    expect(lost.status).toBe(500);
    expect(emptyCabinet.status).toBe(401);
    expect(manifest.tables.applications?.itemCount).toBe(120);
    expect(counts.applications).toBe(120);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).format).toBe('DYNAMODB_JSON');
    expect(cabinetAfter.status).toBe(200);
    expect(cabinetAfter.body).toEqual(cabinetBefore.body);
    expect(queueBefore.body.entries.length).toBeGreaterThan(0);
    expect(queueAfter.body).toEqual(queueBefore.body);
  });

  it('should refuse to restore into tables that hold items', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kezek-backup-'));
    await exportTables(raw, runtime.tableNames, dir, new Date('2026-12-06T05:00:00Z'));
    await expect(restoreTables(raw, runtime.tableNames, dir)).rejects.toThrow(/is not empty: restore into empty tables only/);
  });
});

describe('undoing a bad change with restore --replace', () => {
  let runtime: LocalRuntime;
  let raw: DynamoDBClient;

  beforeAll(async () => {
    runtime = await startTestRuntime(60);
    raw = new DynamoDBClient({ endpoint: runtime.dynamoEndpoint });
  });
  afterAll(async () => {
    raw?.destroy();
    await runtime?.stop();
  });

  it('should bring back a withdrawn application and drop what was written after the backup', async () => {
    // Prepare: a backup, then a withdrawal the department wants undone.
    const parent = await loginParent(runtime, runtime.seed!.data.demoParents[0]!);
    const before = await parent.call('GET /api/cabinet/applications');
    const queued = before.body.applications.find((application: { status: string }) => application.status === 'queued');
    expect(queued).toBeDefined();
    const noticesBefore = await parent.call('GET /api/cabinet/notifications');
    const dir = mkdtempSync(join(tmpdir(), 'kezek-backup-'));
    await exportTables(raw, runtime.tableNames, dir, new Date('2026-12-06T05:00:00Z'));
    const withdrawn = await parent.call('POST /api/cabinet/applications/{applicationId}/withdrawal', { params: { applicationId: queued!.applicationId } });
    expect(withdrawn.status).toBe(200);
    const noticesWithdrawn = await parent.call('GET /api/cabinet/notifications');
    expect(noticesWithdrawn.body).not.toEqual(noticesBefore.body);

    // Act
    await restoreTables(raw, runtime.tableNames, dir, { replace: true });

    // Assess: the application is queued again and the withdrawal's notice is gone with it.
    const after = await parent.call('GET /api/cabinet/applications');
    expect(after.body).toEqual(before.body);
    const notices = await parent.call('GET /api/cabinet/notifications');
    expect(notices.body).toEqual(noticesBefore.body);
  });
});
