import { afterAll, beforeAll } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import { ageGroups, type Application, type Kindergarten } from '#domain/application';
import { emptyCounts } from '#domain/campaign';
import type { LocalRuntime } from '../../local/runtime.ts';
import { campaignStoreContract, exportStoreContract, kindergartenStoreContract, notificationStoreContract, type StoreWorld } from '../contracts/stores.ts';
import { accountStoreContract, authStoreContract, type SignInWorld } from '../contracts/auth.ts';
import { unitOfWorkContract } from '../contracts/unit-of-work.ts';
import { applicationStoreContract } from '../contracts/applications.ts';
import { surveyStoreContract } from '../contracts/surveys.ts';
import { auditTrailContract } from '../contracts/audit.ts';
import { departmentStoreContract, staffStoreContract, tenantStoreContract, type DepartmentWorld } from '../contracts/departments.ts';
import { startTestRuntime } from '../support/runtime.ts';

/** The port contracts (test/contracts) run against the DynamoDB adapters on DynamoDB Local. */
let runtime: LocalRuntime;
let taken = 0;
let made = 0;

beforeAll(async () => {
  runtime = await startTestRuntime(120);
});

afterAll(async () => {
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
  unitOfWork: () => dependencies().unitOfWork,
  campaigns: () => dependencies().campaigns,
  kindergartens: () => dependencies().kindergartens,
}));

auditTrailContract('DynamoDB', () => dependencies().audit, () => ({
  tenant: storeWorld().tenant,
  unitOfWork: () => dependencies().unitOfWork,
  notifications: () => dependencies().notifications,
}));
