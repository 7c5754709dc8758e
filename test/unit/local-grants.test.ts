import { BatchWriteItemCommand, DeleteItemCommand, DynamoDBClient, ScanCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Grants } from '#http/routes';
import { tables, type TableKey } from '#functions/tables';
import type { Dependencies } from '#ports/dependencies';
import { enforceTableGrants, grantChecked, MissingGrantError, withGrants } from '../../local/grants.ts';

/** A client whose requests never leave the process: the grant check runs first, then this answers. */
function checkedClient(): DynamoDBClient {
  const client = new DynamoDBClient({ region: 'local', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  enforceTableGrants(
    client.middlewareStack,
    Object.fromEntries(Object.entries(tables).map(([key, definition]) => [key, `local-${definition.name}`])) as Record<TableKey, string>,
  );
  // Answers in place of DynamoDB, after the grant check ('initialize' runs before 'build').
  client.middlewareStack.add(() => async () => ({ output: { $metadata: {} } as never, response: {} }), { step: 'build', name: 'answerLocally' });
  return client;
}

const key = { authId: { S: 'session#1' } };

describe('local grants', () => {
  it('should refuse a delete on a readWrite table that deletes does not name', async () => {
    // Prepare
    const client = checkedClient();
    const grants: Grants = { tables: { auth: 'readWrite' } };

    // Act
    const deleting = withGrants('logout', grants, () => client.send(new DeleteItemCommand({ TableName: 'local-Auth', Key: key })));

    // Assess
    await expect(deleting).rejects.toThrow(MissingGrantError);
    await expect(deleting).rejects.toThrow('logout has no grant to delete the auth table (DeleteItemCommand)');
  });

  it('should allow the delete once deletes names the table, and still allow updates', async () => {
    // Prepare
    const client = checkedClient();
    const grants: Grants = { tables: { auth: 'readWrite' }, deletes: ['auth'] };

    // Act
    const deleted = withGrants('logout', grants, () => client.send(new DeleteItemCommand({ TableName: 'local-Auth', Key: key })));
    const updated = withGrants('logout', grants, () => client.send(new UpdateItemCommand({ TableName: 'local-Auth', Key: key, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { S: 'b' } } })));

    // Assess
    await expect(deleted).resolves.toBeDefined();
    await expect(updated).resolves.toBeDefined();
  });

  it('should refuse a Delete inside a transaction without a deletes grant', async () => {
    // Prepare
    const client = checkedClient();
    const grants: Grants = { tables: { constraints: 'readWrite', applications: 'readWrite' } };

    // Act
    const transaction = withGrants('staff-enroll', grants, () =>
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Update: { TableName: 'local-Applications', Key: { applicationId: { S: 'a' } }, UpdateExpression: 'SET s = :s', ExpressionAttributeValues: { ':s': { S: 'x' } } } },
            { Delete: { TableName: 'local-Constraints', Key: { constraintId: { S: 'c' } } } },
          ],
        }),
      ),
    );

    // Assess
    await expect(transaction).rejects.toThrow('staff-enroll has no grant to delete the constraints table (TransactWriteItemsCommand)');
  });

  it('should refuse a batch write without batchWrites, and a Scan even with readWrite', async () => {
    // Prepare
    const client = checkedClient();
    const grants: Grants = { tables: { accounts: 'readWrite' } };

    // Act
    const batch = withGrants('staff-import-rows', grants, () =>
      client.send(new BatchWriteItemCommand({ RequestItems: { 'local-Accounts': [{ PutRequest: { Item: { accountId: { S: 'p' } } } }] } })),
    );
    const scan = withGrants('staff-import-rows', { ...grants, batchWrites: ['accounts'] }, () => client.send(new ScanCommand({ TableName: 'local-Accounts' })));

    // Assess
    await expect(batch).rejects.toThrow('staff-import-rows has no grant to batchWrite the accounts table (BatchWriteItemCommand)');
    await expect(scan).rejects.toThrow('staff-import-rows has no grant to scan the accounts table (ScanCommand)');
  });

  it('should let a function enqueue only the job kinds its enqueues name', async () => {
    // Prepare
    const started: string[] = [];
    const deps = grantChecked({
      scheduler: { scheduleOnce: async () => undefined, enqueue: async (job) => void started.push(job.task.kind) },
      notifier: {} as Dependencies['notifier'],
      files: {} as Dependencies['files'],
      originSecrets: { current: async () => [] },
      deliveries: {} as Dependencies['deliveries'],
      mailer: {} as Dependencies['mailer'],
    });
    const grants: Grants = { scheduler: true, enqueues: ['export'] };

    // Act
    const exportJob = withGrants('staff-create-export', grants, () => deps.scheduler.enqueue({ name: 'e', task: { kind: 'export', tenantId: 't', exportId: 'x' } }));
    const positions = withGrants('staff-create-export', grants, () =>
      deps.scheduler.enqueue({ name: 'p', task: { kind: 'recompute-positions', tenantId: 't', birthYears: [2021], changes: [] } }),
    );

    // Assess
    await expect(exportJob).resolves.toBeUndefined();
    await expect(positions).rejects.toThrow('staff-create-export has no grant to start recompute-positions jobs');
    expect(started).toEqual(['export']);
  });

  it('should let only a function granted the delivery queue enqueue deliveries (the sender too: the second phone), and only the sender change their visibility', async () => {
    // Prepare
    const enqueued: string[] = [];
    const retried: string[] = [];
    const deps = grantChecked({
      scheduler: {} as Dependencies['scheduler'],
      notifier: {} as Dependencies['notifier'],
      files: {} as Dependencies['files'],
      originSecrets: { current: async () => [] },
      deliveries: { enqueue: async (messages) => void enqueued.push(...messages.map((m) => m.notificationId)), retryLater: async (handle) => void retried.push(handle) },
      mailer: {} as Dependencies['mailer'],
    });
    const message = { applicationId: 'a', notificationId: 'n', channel: 'sms' } as const;

    // Act
    const byJob = withGrants('job-campaign-start', { deliveries: 'enqueue' }, () => deps.deliveries.enqueue([message]));
    const byRoute = withGrants('staff-issue-referral', { scheduler: true }, () => deps.deliveries.enqueue([message]));
    const bySenderEnqueue = withGrants('sms-sender', { deliveries: 'consume' }, () => deps.deliveries.enqueue([message]));
    const bySenderRetry = withGrants('sms-sender', { deliveries: 'consume' }, () => deps.deliveries.retryLater('handle-1', 30));
    const byJobRetry = withGrants('job-campaign-start', { deliveries: 'enqueue' }, () => deps.deliveries.retryLater('handle-2', 30));

    // Assess
    await expect(byJob).resolves.toBeUndefined();
    await expect(byRoute).rejects.toThrow('staff-issue-referral has no grant to send to the delivery queue');
    await expect(bySenderEnqueue).resolves.toBeUndefined();
    await expect(bySenderRetry).resolves.toBeUndefined();
    await expect(byJobRetry).rejects.toThrow('job-campaign-start has no grant to change the visibility of delivery messages');
    expect(enqueued).toEqual(['n', 'n']);
    expect(retried).toEqual(['handle-1']);
  });
});
