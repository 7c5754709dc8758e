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
  /** Items are only ever added: a `readWrite` grant gives reads and `PutItem`, never updates or deletes. */
  readonly appendOnly?: boolean;
  /** Only the local runtime creates it (a stand-in for an AWS service); CDK skips it. */
  readonly localOnly?: boolean;
  /** A DynamoDB stream of its changes (images before and after) that a consumer reads (decision 54). */
  readonly stream?: 'NEW_AND_OLD_IMAGES';
  readonly purpose: string;
}

const tenants = {
  name: 'Tenants',
  envVar: 'TENANTS_TABLE',
  partitionKey: { name: 'tenantId', type: 'S' },
  indexes: [],
  // Also one item per site host name, `host#<name>` → `siteOf` (tenant ids have no `#`): the
  // web app finds its department by host with a read by key (see department-store.ts).
  purpose: 'One item per education department (names in kk/ru/en, districts, contacts, policy, demo-seed marker) and one per site host name.',
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
    {
      // Sparse: only queued applications carry `queuePartition` (`<tenantId>#<birth year>`), so a
      // cohort's queue is one Query and positions are recomputed without touching anything else.
      indexName: 'byQueue',
      partitionKey: { name: 'queuePartition', type: 'S' },
      sortKey: { name: 'queueSortKey', type: 'S' },
      projection: 'ALL',
    },
    {
      // Sparse: only applications still to be confirmed in a running campaign carry
      // `pendingCampaign` (`pending#<tenantId>#<campaignId>#<shard>`, 16 shards by application id,
      // so a city's marking and closing spread over partitions), so reminders and the close read
      // exactly them, shard after shard.
      indexName: 'byPendingCampaign',
      partitionKey: { name: 'pendingCampaign', type: 'S' },
      sortKey: { name: 'applicationId', type: 'S' },
      projection: 'ALL',
    },
    {
      // Sparse: every application that is not queued carries `statusPartition`
      // (`<tenantId>#<status>#<birth year>`), so the staff queue browser reads one cohort's
      // stopped (referred, …) applications in registration order, a page at a time. Queued ones
      // stay out: they are listed through `byQueue`, and their frequent position writes would
      // otherwise be written to this index too.
      indexName: 'byStatus',
      partitionKey: { name: 'statusPartition', type: 'S' },
      sortKey: { name: 'registeredAt', type: 'S' },
      projection: 'ALL',
    },
    {
      // The help desk: a child's applications by the child's IIN (every application carries it;
      // a child has a handful at most, across departments). Keys only: the few hits are read by key.
      indexName: 'byChildIin',
      partitionKey: { name: 'childIin', type: 'S' },
      sortKey: { name: 'registeredAt', type: 'S' },
      projection: 'KEYS_ONLY',
    },
    {
      // The help desk: by the child's name, from its start. `nameKey` is `<tenantId>#<first two
      // letters>` of the normalised name (functions/domain/application-search.ts), so a city's
      // names spread over hundreds of partitions; `nameSort` is `<normalised name>#<id>`, searched
      // with begins_with. Keys only, like byChildIin.
      indexName: 'byChildName',
      partitionKey: { name: 'nameKey', type: 'S' },
      sortKey: { name: 'nameSort', type: 'S' },
      projection: 'KEYS_ONLY',
    },
  ],
  purpose: 'Applications (заявления) with their append-only history and stored queue position.',
} as const satisfies TableDefinition;

const accounts = {
  name: 'Accounts',
  envVar: 'ACCOUNTS_TABLE',
  // `parent#<iin>` or `staff#<tenantId>#<login>`: login looks an account up by key.
  partitionKey: { name: 'accountId', type: 'S' },
  indexes: [
    {
      // Sparse: only staff accounts carry `tenantId` (parents belong to no department), so a
      // department's staff list is one Query and no parent's IIN or phone is ever in this index.
      indexName: 'staffByTenant',
      partitionKey: { name: 'tenantId', type: 'S' },
      sortKey: { name: 'login', type: 'S' },
      projection: 'ALL',
    },
  ],
  purpose: "Parents (by IIN, with phone for one-time codes), staff (tenant-scoped, role, status, hashed password) and each department's count of active administrators (`admins#<tenantId>`).",
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

const notifications = {
  name: 'Notifications',
  envVar: 'NOTIFICATIONS_TABLE',
  partitionKey: { name: 'recipientIin', type: 'S' },
  // `<ISO time>#<id>`: a parent's notifications newest-last in one Query.
  sortKey: { name: 'notificationId', type: 'S' },
  indexes: [
    {
      // Sparse: only a delivery the provider took carries `providerMessageId` (SNS's `MessageId`),
      // so its delivery receipt finds the notice by key (decision 53). Keys only: the notice is then updated by key.
      indexName: 'byProviderMessage',
      partitionKey: { name: 'providerMessageId', type: 'S' },
      projection: 'KEYS_ONLY',
    },
    {
      // Sparse: the notices that need someone's attention (decision 55), one index for both kinds
      // because CloudFormation adds one index per table update. `outbox#<shard>`: a delivery
      // `queued` since `attentionAt` (the mark goes when a sender claims it), which the outbox
      // sweeper enqueues again when it waited too long; `unreachable#<tenantId>`: a notice every
      // channel of which failed, the department's list of parents to call, newest first.
      indexName: 'byAttention',
      partitionKey: { name: 'attentionKey', type: 'S' },
      sortKey: { name: 'attentionAt', type: 'S' },
      projection: 'ALL',
    },
  ],
  purpose: "A parent's notifications with the channels they went to, each channel's delivery status and record (the outbox of SMS and e-mail).",
} as const satisfies TableDefinition;

const constraints = {
  name: 'Constraints',
  envVar: 'CONSTRAINTS_TABLE',
  // `active-child#<tenantId>#<child IIN>` → applicationId: one active application per child per
  // tenant, enforced by a conditional put in the same transaction as the application.
  partitionKey: { name: 'constraintId', type: 'S' },
  indexes: [],
  purpose: 'Uniqueness guards written in the same transaction as the item they guard.',
} as const satisfies TableDefinition;

const campaigns = {
  name: 'Campaigns',
  envVar: 'CAMPAIGNS_TABLE',
  // `<tenantId>` + campaign id: the campaigns; `<tenantId>#<campaignId>#<shard>` + `counts`: a
  // campaign's counter shards (confirmed, stopped, restored, per day), one partition each.
  partitionKey: { name: 'tenantId', type: 'S' },
  sortKey: { name: 'campaignId', type: 'S' },
  indexes: [],
  purpose: 'Confirmation campaigns of a tenant (a handful a year) with their counters and close progress.',
} as const satisfies TableDefinition;

const answers = {
  name: 'Answers',
  envVar: 'ANSWERS_TABLE',
  // `<tenantId>#<campaignId>` + applicant IIN: one answer per applicant per campaign by key.
  partitionKey: { name: 'campaignKey', type: 'S' },
  sortKey: { name: 'applicantIin', type: 'S' },
  indexes: [],
  // Its changes feed the aggregation (`answer-aggregator`): each image carries its counter keys,
  // dimensions and confirmations, so the consumer moves the counters by the difference.
  stream: 'NEW_AND_OLD_IMAGES',
  purpose: 'Survey answers: one per applicant per campaign, replaced on re-submission; its stream feeds the aggregates.',
} as const satisfies TableDefinition;

const aggregates = {
  name: 'Aggregates',
  envVar: 'AGGREGATES_TABLE',
  // `<tenantId>#<campaignId>#<shard>` + a slice (`all`, `district#<id>`, `cohort#<year>`, both):
  // one item per slice and counter shard (the applicant's, see `counterShardOf`) with one numeric
  // attribute per counter (`<question>#<option>`, `kindergartens#<id>`, `answers#total`), moved
  // by the aggregation from the answers' stream; a dashboard filter reads the slice's 64 shards in
  // one BatchGet. Also `<tenantId>#<campaignId>#applied#<shard>` + applicant IIN: the stream
  // sequence last applied for that answer (exactly once, decision 54).
  partitionKey: { name: 'campaignKey', type: 'S' },
  sortKey: { name: 'counter', type: 'S' },
  indexes: [],
  purpose: 'Answer counters per slice (all, district, cohort), moved by the aggregation from the answers stream, and the sequence applied per answer.',
} as const satisfies TableDefinition;

const exportsTable = {
  name: 'Exports',
  envVar: 'EXPORTS_TABLE',
  partitionKey: { name: 'tenantId', type: 'S' },
  sortKey: { name: 'exportId', type: 'S' },
  indexes: [],
  ttlAttribute: 'expiresAtEpoch',
  purpose: 'CSV exports staff asked for: their progress and the file they produced (kept a week).',
} as const satisfies TableDefinition;

const audit = {
  name: 'Audit',
  envVar: 'AUDIT_TABLE',
  // The administrator reads a tenant's events newest first by time: `eventKey` is
  // `<ISO time>#<event id>`. No TTL: the trail is kept as long as the records it speaks of.
  partitionKey: { name: 'tenantId', type: 'S' },
  sortKey: { name: 'eventKey', type: 'S' },
  indexes: [
    {
      // What one staff member did: `actorKey` is `<tenantId>#<account id>`.
      indexName: 'byActor',
      partitionKey: { name: 'actorKey', type: 'S' },
      sortKey: { name: 'eventKey', type: 'S' },
      projection: 'ALL',
    },
    {
      // Sparse: only events about one record carry `recordKey` (`<tenantId>#<type>#<id>`).
      indexName: 'byRecord',
      partitionKey: { name: 'recordKey', type: 'S' },
      sortKey: { name: 'eventKey', type: 'S' },
      projection: 'ALL',
    },
  ],
  appendOnly: true,
  purpose: 'The audit trail: one append-only event per staff request that reads personal data or changes anything (no IIN or phone).',
} as const satisfies TableDefinition;

const schedules = {
  name: 'Schedules',
  envVar: 'SCHEDULES_TABLE',
  partitionKey: { name: 'scheduleName', type: 'S' },
  indexes: [
    {
      // Sparse: only schedules still to fire carry `pending`, so the poller reads only due work.
      indexName: 'byDue',
      partitionKey: { name: 'pending', type: 'S' },
      sortKey: { name: 'dueAt', type: 'S' },
      projection: 'ALL',
    },
  ],
  localOnly: true,
  purpose: 'The local scheduler adapter keeps its one-time schedules here (EventBridge Scheduler in AWS).',
} as const satisfies TableDefinition;

/** All tables, keyed by the name used in the route table's grants. */
export const tables = { tenants, kindergartens, applications, accounts, auth, notifications, constraints, campaigns, answers, aggregates, exports: exportsTable, audit, schedules } as const;

export type TableKey = keyof typeof tables;

export const tableList: readonly TableDefinition[] = Object.values(tables);

/** The tables deployed to AWS (everything but the local stand-ins). */
export type CloudTableKey = { [K in TableKey]: (typeof tables)[K] extends { localOnly: true } ? never : K }[TableKey];
export const cloudTableKeys = (Object.keys(tables) as TableKey[]).filter((key) => !('localOnly' in tables[key])) as CloudTableKey[];
export const cloudTableList: readonly TableDefinition[] = cloudTableKeys.map((key) => tables[key]);

type IndexesOf<K extends TableKey> = (typeof tables)[K]['indexes'][number];

/** A table's index by its name, never by its position in the list (a misspelt name fails `tsc`). */
export function indexNamed<K extends TableKey, N extends IndexesOf<K>['indexName']>(table: K, name: N): Extract<IndexesOf<K>, { indexName: N }> {
  const found = (tables[table].indexes as readonly IndexDefinition[]).find((index) => index.indexName === name);
  if (!found) throw new Error(`the ${table} table has no index ${name}`);
  return found as Extract<IndexesOf<K>, { indexName: N }>;
}
