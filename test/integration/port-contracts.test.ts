import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { createTableInput } from '#adapters/dynamodb/table-input';
import { LocalScheduler } from '#adapters/local/local-scheduler';
import { ageGroups, type Application, type Kindergarten } from '#domain/application';
import { emptyCounts } from '#domain/campaign';
import { tables } from '#functions/tables';
import type { JobTask } from '#ports/scheduler';
import { LocalClock } from '../../local/clock.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { applicationStoreContract } from '../contracts/applications.ts';
import { auditTrailContract } from '../contracts/audit.ts';
import { accountStoreContract, authStoreContract, type SignInWorld } from '../contracts/auth.ts';
import { departmentStoreContract, staffStoreContract, tenantStoreContract, type DepartmentWorld } from '../contracts/departments.ts';
import { schedulerContract } from '../contracts/scheduler.ts';
import { campaignStoreContract, exportStoreContract, kindergartenStoreContract, notificationStoreContract, type StoreWorld } from '../contracts/stores.ts';
import { surveyStoreContract } from '../contracts/surveys.ts';
import { unitOfWorkContract } from '../contracts/unit-of-work.ts';
import { startTestRuntime } from '../support/runtime.ts';

/**
 * The port contracts (test/contracts) run against the DynamoDB adapters on DynamoDB Local, and the
 * scheduler's against the local scheduler (the file store's and the delivery queue's run in
 * `test/unit/local-adapter-contracts.test.ts`, the mailer's in `test/unit/local-mailer.test.ts`).
 */
let runtime: LocalRuntime;
let taken = 0;
let made = 0;

beforeAll(async () => {
  runtime = await startTestRuntime(120);
});

afterAll(async () => {
  // The scheduler contract's own table (below) is no table of the runtime's: dropped here.
  if (schedulerTable) await dynamoDocumentClient().send(new DeleteTableCommand({ TableName: await schedulerTable }));
  await runtime?.stop();
});

unitOfWorkContract('DynamoDB', () => ({
  deps: dependencies(),
  now: () => runtime.clock.now(),
  queuedApplication: async () => {
    const queued = runtime.seed!.data.applications.filter((a) => a.status === 'queued');
    const next = queued[taken++];
    if (!next) throw new Error('the seed has no more queued applications');
    return (await dependencies().applications.get(next.applicationId)) as Application;
  },
  kindergarten: async (tenantId, places) => {
    const template = runtime.seed!.data.kindergartens[0]!;
    const { tenantId: _tenant, kindergartenId: _id, occupancy: _occupancy, version: _version, ...fields } = template as typeof template & { version?: number };
    const created = await dependencies().kindergartens.create(tenantId, `k-contract-${++made}`, { ...fields, capacity: Object.fromEntries(ageGroups.map((group) => [group, places])) as typeof fields.capacity });
    if (!created) throw new Error('kindergarten id taken');
    return created;
  },
  campaign: async (tenantId) => {
    const campaignId = `c-contract-${++made}`;
    const at = runtime.clock.now().toISOString();
    await dependencies().campaigns.create({ tenantId, campaignId, year: 2026, startsAt: at, endsAt: at, status: 'draft', createdAt: at, counts: { ...emptyCounts } });
    return campaignId;
  },
}));

let tenants = 0;
const storeWorld = (): StoreWorld => ({
  tenant: () => `t-contract-${process.pid}-${++tenants}`,
  kindergartenFields: () => {
    const { tenantId: _tenant, kindergartenId: _id, occupancy: _occupancy, version: _version, ...fields } = runtime.seed!.data.kindergartens[0]! as Kindergarten & { version?: number };
    return fields;
  },
  unitOfWork: () => dependencies().unitOfWork,
});

campaignStoreContract('DynamoDB', () => dependencies().campaigns, storeWorld);
kindergartenStoreContract('DynamoDB', () => dependencies().kindergartens, storeWorld);
exportStoreContract('DynamoDB', () => dependencies().exports, storeWorld);
notificationStoreContract('DynamoDB', () => dependencies().notifications, storeWorld);

let keys = 0;
/** Test IINs: 12 digits beginning 99 (no real person's date), unique per process and call. */
const signInWorld = (): SignInWorld => ({
  iin: () => `99${String(process.pid % 10_000).padStart(4, '0')}${String(++keys).padStart(6, '0')}`,
  key: () => `contract-${process.pid}-${++keys}`,
});

authStoreContract('DynamoDB', () => dependencies().auth, signInWorld);
accountStoreContract('DynamoDB', () => dependencies().accounts, signInWorld);

applicationStoreContract('DynamoDB', () => dependencies().applications, () => ({
  tenant: () => `t-contract-${process.pid}-${++tenants}`,
  iin: signInWorld().iin,
  unitOfWork: () => dependencies().unitOfWork,
  notifications: () => dependencies().notifications,
  accounts: () => dependencies().accounts,
  auth: () => dependencies().auth,
}));

const departmentWorld = (): DepartmentWorld => ({
  tenant: () => `t-contract-${process.pid}-${++tenants}`,
  key: signInWorld().key,
  departments: () => dependencies().departments,
  accounts: () => dependencies().accounts,
});

departmentStoreContract('DynamoDB', () => dependencies().departments, departmentWorld);
tenantStoreContract('DynamoDB', () => dependencies().tenants, departmentWorld);
staffStoreContract('DynamoDB', () => dependencies().staff, departmentWorld);

surveyStoreContract('DynamoDB', () => dependencies().surveys, () => ({
  ...storeWorld(),
  iin: signInWorld().iin,
  campaigns: () => dependencies().campaigns,
  kindergartens: () => dependencies().kindergartens,
}));

auditTrailContract('DynamoDB', () => dependencies().audit, () => ({
  tenant: storeWorld().tenant,
  unitOfWork: () => dependencies().unitOfWork,
  notifications: () => dependencies().notifications,
}));

/**
 * The local scheduler on a schedules table of its own (the runtime's poller never sees these
 * jobs), with a clock of its own that `runDue` moves to the time asked.
 */
const schedulerClock = new LocalClock();
let schedulerTable: Promise<string> | undefined;
let localScheduler: LocalScheduler | undefined;
const scheduler = async () => {
  schedulerTable ??= (async () => {
    const name = `${runtime.tablePrefix}-contract-schedules-${process.pid}`;
    await dynamoDocumentClient().send(new CreateTableCommand(createTableInput(tables.schedules, name)));
    return name;
  })();
  localScheduler ??= new LocalScheduler(dynamoDocumentClient(), await schedulerTable, schedulerClock.now);
  return localScheduler;
};
let schedules = 0;
schedulerContract(
  'LocalScheduler',
  () => ({
    scheduleOnce: async (job) => (await scheduler()).scheduleOnce(job),
    enqueue: async (job) => (await scheduler()).enqueue(job),
  }),
  () => ({
    name: () => `contract-${process.pid}-${++schedules}`,
    now: schedulerClock.now,
    runDue: async (at) => {
      schedulerClock.set(at);
      const ran: JobTask[] = [];
      await (await scheduler()).fireDue(async (task) => {
        ran.push(task);
      });
      return ran;
    },
  }),
);
