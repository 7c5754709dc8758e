/**
 * Every DynamoDB table of kezek, declared once as plain data. The CDK data stack
 * (`lib/data-stack.ts`) and the local runtime's `CreateTable` inputs
 * (`functions/adapters/dynamodb/table-input.ts`) are both derived from this list.
 */

export type KeyType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** `ALL` unless a narrower projection is enough for the index's queries. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableDefinition {
  /** Logical name: CDK construct id and, prefixed, the local table name. */
  readonly name: string;
  /** Environment variable that carries the physical table name into a function. */
  readonly envVar: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry, if items expire. */
  readonly ttlAttribute?: string;
  readonly purpose: string;
}

const tenants = {
  name: 'Tenants',
  envVar: 'TENANTS_TABLE',
  partitionKey: { name: 'tenantId', type: 'S' },
  indexes: [],
  purpose: 'One item per education department: names in kk/ru/en, policy, demo-seed marker.',
} as const satisfies TableDefinition;

const kindergartens = {
  name: 'Kindergartens',
  envVar: 'KINDERGARTENS_TABLE',
  partitionKey: { name: 'tenantId', type: 'S' },
  sortKey: { name: 'kindergartenId', type: 'S' },
  indexes: [],
  purpose: 'Kindergartens of a tenant (a few hundred at most per tenant, read by tenant).',
} as const satisfies TableDefinition;

const applications = {
  name: 'Applications',
  envVar: 'APPLICATIONS_TABLE',
  // The id alone spreads a city's 50,000 applications over partitions; tenant-wide reads go
  // through indexes, never through a scan.
  partitionKey: { name: 'applicationId', type: 'S' },
  indexes: [
    {
      // The cabinet: all applications of one applicant in one Query.
      indexName: 'byApplicant',
      partitionKey: { name: 'applicantIin', type: 'S' },
      sortKey: { name: 'registeredAt', type: 'S' },
      projection: 'ALL',
    },
  ],
  purpose: 'Applications (заявления): child, applicant, status, validity, chosen kindergartens.',
} as const satisfies TableDefinition;

const accounts = {
  name: 'Accounts',
  envVar: 'ACCOUNTS_TABLE',
  // `parent#<iin>` or `staff#<tenantId>#<login>`: login looks an account up by key.
  partitionKey: { name: 'accountId', type: 'S' },
  indexes: [],
  purpose: 'Parents (by IIN, with phone for one-time codes) and staff (tenant-scoped, hashed password).',
} as const satisfies TableDefinition;

const auth = {
  name: 'Auth',
  envVar: 'AUTH_TABLE',
  // `session#<sha256 of token>` or `otp#<iin>`; the token itself is never stored.
  partitionKey: { name: 'authId', type: 'S' },
  indexes: [],
  ttlAttribute: 'expiresAtEpoch',
  purpose: 'Sessions and one-time login codes; DynamoDB TTL removes expired ones.',
} as const satisfies TableDefinition;

/** All tables, keyed by the name used in the route table's grants. */
export const tables = { tenants, kindergartens, applications, accounts, auth } as const;

export type TableKey = keyof typeof tables;

export const tableList: readonly TableDefinition[] = Object.values(tables);
