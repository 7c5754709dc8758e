import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import type { Application } from '#domain/application';
import type { LocalRuntime } from '../../local/runtime.ts';
import { backfillSearchKeys } from '../../local/search-keys-backfill.ts';
import { loginStaff, startTestRuntime, type Client } from '../support/runtime.ts';

/** Applications stored before the name index existed get their keys from the operator's backfill (issue 17 item 6). */
let runtime: LocalRuntime;
let staff: Client;
let legacy: Application[];

beforeAll(async () => {
  runtime = await startTestRuntime(80);
  staff = await loginStaff(runtime);
  // Prepare: three applications as a deployment before the help desk stored them, without name keys
  legacy = runtime.seed!.data.applications.filter((a) => a.status === 'queued').slice(0, 3);
  for (const application of legacy) {
    await dynamoDocumentClient().send(new UpdateCommand({ TableName: runtime.tableNames.applications, Key: { applicationId: application.applicationId }, UpdateExpression: 'REMOVE nameKey, nameSort' }));
  }
});

afterAll(async () => {
  await runtime?.stop();
});

const foundByName = async (application: Application) => {
  const answer = await staff.call('GET /api/staff/applications', { query: { q: application.childName } });
  expect(answer.status).toBe(200);
  return (answer.body.entries as { applicationId: string }[]).some((a) => a.applicationId === application.applicationId);
};

describe('the search keys backfill', () => {
  it('should make applications without name keys findable by name, and change nothing when run again', async () => {
    // Assess the start: not found by name (found by IIN all the same)
    for (const application of legacy) expect(await foundByName(application)).toBe(false);

    // Act
    const first = await backfillSearchKeys(dynamoDocumentClient(), runtime.tableNames.applications, { pageSize: 25 });
    const again = await backfillSearchKeys(dynamoDocumentClient(), runtime.tableNames.applications, { pageSize: 25 });

    // Assess
    expect(first).toEqual({ scanned: 80, updated: 3 });
    expect(again).toEqual({ scanned: 80, updated: 0 });
    for (const application of legacy) expect(await foundByName(application)).toBe(true);
  });

  it('should run from the command line against the local runtime and say what it did', async () => {
    // Prepare: one more without keys
    const application = runtime.seed!.data.applications.filter((a) => a.status === 'queued')[5]!;
    await dynamoDocumentClient().send(new UpdateCommand({ TableName: runtime.tableNames.applications, Key: { applicationId: application.applicationId }, UpdateExpression: 'REMOVE nameKey, nameSort' }));
    // Act
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'local/backfill-cli.ts', 'search-keys', '--endpoint', runtime.dynamoEndpoint, '--prefix', runtime.tablePrefix]);
    // Assess
    expect(stdout).toContain(`done: 80 applications scanned in ${runtime.tableNames.applications}, name keys added to 1`);
    expect(await foundByName(application)).toBe(true);
  });
});
