import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareStack } from '@smithy/types';
import type { Grants } from '#http/routes';
import type { CloudTableKey, TableKey } from '#functions/tables';
import type { Dependencies } from '#ports/dependencies';

/**
 * In AWS a function may touch only what its route or job entry grants (the CDK turns `grants` into
 * its IAM policy and environment). Locally every handler shares one process, one environment and
 * every client, so a missing grant would pass every test and fail only in AWS. The local runtime
 * therefore runs each invocation inside the grants of its function and refuses, as IAM would,
 * every DynamoDB table, schedule, SMS, e-mail, announcement, file or secret it was not granted.
 */
interface GrantScope {
  readonly functionName: string;
  readonly grants: Grants;
}

const scope = new AsyncLocalStorage<GrantScope>();

/** What AWS would answer a function without the permission (AccessDenied), named after the missing grant. */
export class MissingGrantError extends Error {
  override readonly name = 'MissingGrantError';
}

/** Runs one invocation of `functionName` with exactly `grants`. */
export function withGrants<T>(functionName: string, grants: Grants, invoke: () => Promise<T>): Promise<T> {
  return scope.run({ functionName, grants }, invoke);
}

/** As the CDK grants them (`lib/app-function.ts`): `scan` and `describe` are never granted. */
type Access = 'read' | 'write' | 'delete' | 'batchWrite' | 'scan' | 'describe';

function refuse(what: string): never {
  const current = scope.getStore()!;
  throw new MissingGrantError(`${current.functionName} has no grant to ${what}: add it to its entry's grants (it would be AccessDenied in AWS)`);
}

/** The tables a low-level DynamoDB command touches, and how. */
function tableAccesses(command: string, input: Record<string, any>): [string, Access][] {
  switch (command) {
    case 'GetItemCommand':
    case 'QueryCommand':
      return [[input.TableName, 'read']];
    case 'ScanCommand':
      return [[input.TableName, 'scan']];
    case 'DescribeTableCommand':
      return [[input.TableName, 'describe']];
    case 'PutItemCommand':
    case 'UpdateItemCommand':
      return [[input.TableName, 'write']];
    case 'DeleteItemCommand':
      return [[input.TableName, 'delete']];
    case 'BatchGetItemCommand':
      return Object.keys(input.RequestItems ?? {}).map((table) => [table, 'read']);
    case 'BatchWriteItemCommand':
      return Object.keys(input.RequestItems ?? {}).map((table) => [table, 'batchWrite']);
    case 'TransactGetItemsCommand':
      return (input.TransactItems ?? []).map((item: any) => [item.Get.TableName, 'read']);
    case 'TransactWriteItemsCommand':
      return (input.TransactItems ?? []).map((item: any) =>
        item.ConditionCheck
          ? [item.ConditionCheck.TableName, 'read']
          : item.Delete
            ? [item.Delete.TableName, 'delete']
            : [(item.Put ?? item.Update).TableName, 'write'],
      );
    default:
      return [[String(input.TableName ?? '?'), 'write']];
  }
}

/** Whether `grants` allow `access` to the cloud table `key`, as the function's IAM policy would. */
export function isGranted(grants: Grants, key: TableKey, access: Access): boolean {
  const table = grants.tables?.[key as CloudTableKey];
  switch (access) {
    case 'read':
      // `write` (the audit trail) adds items but reads none.
      return table === 'read' || table === 'readWrite';
    case 'write':
      return table === 'write' || table === 'readWrite';
    case 'delete':
      return table === 'readWrite' && (grants.deletes ?? []).includes(key as CloudTableKey);
    case 'batchWrite':
      return table === 'readWrite' && (grants.batchWrites ?? []).includes(key as CloudTableKey);
    case 'scan':
    case 'describe':
      return false;
  }
}

/**
 * Checks every DynamoDB request made inside a grant scope against the function's table grants
 * (the local scheduler's own table counts as the `scheduler` grant). Requests outside any scope
 * (seeding, the schedule poller, tests' own reads) pass.
 */
export function enforceTableGrants(stack: MiddlewareStack<any, any>, tableNames: Record<TableKey, string>): void {
  const keyOf = new Map(Object.entries(tableNames).map(([key, name]) => [name, key as TableKey]));
  stack.add(
    (next, context) => async (args) => {
      const current = scope.getStore();
      if (current) {
        for (const [table, access] of tableAccesses(context.commandName ?? '', args.input as Record<string, any>)) {
          const key = keyOf.get(table);
          const allowed = key === 'schedules' ? current.grants.scheduler === true : key !== undefined && isGranted(current.grants, key, access);
          if (!allowed) refuse(`${access} the ${key ?? table} table (${context.commandName})`);
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'kezekLocalGrantCheck' },
  );
}

type Checked = Pick<Dependencies, 'scheduler' | 'notifier' | 'files' | 'originSecrets' | 'deliveries' | 'mailer'>;

/** The local scheduler, notifier, mailer, delivery queue, file store and origin secret, refusing what the current function was not granted. */
export function grantChecked(deps: Checked): Checked {
  const check = (granted: (grants: Grants) => boolean, what: string) => {
    const current = scope.getStore();
    if (current && !granted(current.grants)) refuse(what);
  };
  const { scheduler, notifier, files, originSecrets, deliveries, mailer } = deps;
  return {
    scheduler: {
      async scheduleOnce(job) {
        check((g) => g.scheduler === true, 'create schedules');
        return scheduler.scheduleOnce(job);
      },
      async enqueue(job) {
        check((g) => (g.enqueues ?? []).includes(job.task.kind), `start ${job.task.kind} jobs`);
        return scheduler.enqueue(job);
      },
    },
    notifier: {
      async sendSms(message) {
        check((g) => g.sms === true, 'send SMS');
        return notifier.sendSms(message);
      },
      async announce(announcement) {
        check((g) => g.announce === true, 'publish announcements');
        return notifier.announce(announcement);
      },
    },
    mailer: {
      async send(message) {
        check((g) => g.mail === true, 'send e-mail');
        return mailer.send(message);
      },
    },
    deliveries: {
      async enqueue(messages) {
        check((g) => g.deliveries === 'enqueue' || g.deliveries === 'consume', 'send to the delivery queue');
        return deliveries.enqueue(messages);
      },
      async retryLater(receiptHandle, seconds) {
        check((g) => g.deliveries === 'consume', 'change the visibility of delivery messages');
        return deliveries.retryLater(receiptHandle, seconds);
      },
    },
    files: {
      async put(key, body, contentType) {
        check((g) => g.files === 'readWrite', 'write export files');
        return files.put(key, body, contentType);
      },
      async get(key) {
        // s3:GetObject, which `read` grants too (for signing links)
        check((g) => g.files !== undefined, 'read export files');
        return files.get(key);
      },
      async downloadUrl(key, fileName, expiresInSeconds) {
        check((g) => g.files !== undefined, 'sign download links');
        return files.downloadUrl(key, fileName, expiresInSeconds);
      },
    },
    originSecrets: {
      async current() {
        check((g) => g.viewerAddress === true, 'read the origin secret');
        return originSecrets.current();
      },
    },
  };
}
