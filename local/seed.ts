import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableKey } from '#functions/tables';
import { parentAccountId, staffAccountId } from '#domain/accounts';
import { putAll } from '#adapters/dynamodb/batch-write';
import { activeChildConstraint, indexKeysOf, queueKeysOf, searchKeysOf } from '#adapters/dynamodb/application-store';
import type { Application, Kindergarten } from '#domain/application';
import { ageGroups } from '#domain/application';
import { defaultPolicy } from '#domain/policy';
import { positionsOf } from '#domain/queue-order';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { cohortPlaceChances, type PlaceChanceEstimate } from '#domain/place-chance';
import { departmentInput, invitationExpiry, type Department } from '#domain/department';
import { DynamoDepartmentStore } from '#adapters/dynamodb/department-store';
import { invitationTokenHash, onboardDepartment } from '#use-cases/departments';
import { setStaffPassword, startStaffEnrolment } from '#use-cases/staff-enrolment';
import { DynamoStaffStore } from '#adapters/dynamodb/staff-store';
import { totpCodeAt, totpStep } from '#use-cases/second-factor';
import { demoTenantId, generateDemoData, type DemoData } from './demo-data.ts';

/** Bump when the demo data's shape changes, so old local databases are not mistaken for current ones. */
export const demoSeedVersion = 8;

/**
 * Stored form of the demo queue: index keys (queue or status) and positions as the write path
 * would leave them; with `places`, the chance of a place too, as the positions job computes it.
 */
export function storedApplications(applications: readonly Application[], places?: { kindergartens: readonly Kindergarten[]; on: string }): Record<string, unknown>[] {
  const cohorts = new Map<string, Application[]>();
  for (const application of applications) {
    if (application.status !== 'queued') continue;
    const { queuePartition } = queueKeysOf(application);
    cohorts.set(queuePartition, [...(cohorts.get(queuePartition) ?? []), application]);
  }
  const positions = new Map<string, number>();
  for (const cohort of cohorts.values()) {
    for (const [id, position] of positionsOf(cohort, defaultPolicy.queueRatio)) positions.set(id, position);
  }
  const chances = new Map<string, PlaceChanceEstimate[]>();
  if (places) {
    const byId = new Map(places.kindergartens.map((k) => [k.kindergartenId, k]));
    for (const cohort of cohorts.values()) {
      const ordered = [...cohort].sort((a, b) => positions.get(a.applicationId)! - positions.get(b.applicationId)!);
      for (const [id, estimates] of cohortPlaceChances(ordered, byId, places.on)) chances.set(id, estimates);
    }
  }
  return applications.map((application) => ({
    ...application,
    history: [{ at: application.registeredAt, actor: { role: 'staff', id: 'demo-seed' }, action: 'register', to: application.status }],
    ...indexKeysOf(application),
    ...searchKeysOf(application),
    ...(application.status === 'queued' && { position: positions.get(application.applicationId) }),
    ...(chances.has(application.applicationId) && { placeChances: chances.get(application.applicationId) }),
  }));
}

/** Places taken: most groups nearly full, a few free places here and there, as in a real city. */
export function withOccupancy(kindergartens: readonly Kindergarten[]): Kindergarten[] {
  return kindergartens.map((kindergarten, index) => ({
    ...kindergarten,
    occupancy: Object.fromEntries(
      ageGroups.map((group, g) => [group, Math.max(0, kindergarten.capacity[group] - ((index + g) % 4))]),
    ) as Kindergarten['occupancy'],
  }));
}

/** The one-active-application guards of the demo queue. */
export function activeChildGuards(applications: readonly Application[]): Record<string, unknown>[] {
  return applications
    .filter((a) => a.status === 'queued' || a.status === 'referred' || a.status === 'stopped')
    .map((a) => ({ constraintId: activeChildConstraint(a.tenantId, a.childIin), applicationId: a.applicationId }));
}

/** The demo department as an operator would describe it in `department.json` (see `docs/department.example.json`). */
export function demoDepartment(data: Pick<DemoData, 'tenant' | 'staff'>): Department {
  return departmentInput().parse({
    tenantId: data.tenant.tenantId,
    name: data.tenant.name,
    districts: data.tenant.districts,
    contacts: {
      phone: '+77213000000',
      email: 'info@temirtau.kezek.kz',
      address: { kk: 'Теміртау, Республика даңғылы, 1', ru: 'Темиртау, проспект Республики, 1', en: '1 Respubliki Avenue, Temirtau' },
    },
    languages: ['kk', 'ru', 'en'],
    policy: data.tenant.policy ?? {},
    // The demo's site answers on both names `npm start` may be opened with.
    hosts: ['localhost', '127.0.0.1'],
    admin: { login: data.staff.login, displayName: data.staff.displayName },
  });
}

/**
 * The demo department is onboarded the way an operator onboards one (`npm run department`), and
 * its administrator sets the demo password with the one-time link and enrols an authenticator, as
 * a real one does (the secret is in the accounts table: `npm run staff-code` shows its current code).
 */
async function onboardDemoDepartment(client: DynamoDBDocumentClient, names: Record<TableKey, string>, data: DemoData, now: Date): Promise<void> {
  const { Item: existing } = await client.send(new GetCommand({ TableName: names.tenants, Key: { tenantId: data.tenant.tenantId }, ConsistentRead: true }));
  if (existing?.onboardedAt) return enrolDemoStaffIfNeeded(client, names, data, now);
  if (existing) {
    // A data directory seeded before onboarding existed: its department and login are made anew.
    await client.send(new DeleteCommand({ TableName: names.tenants, Key: { tenantId: data.tenant.tenantId } }));
    await client.send(new DeleteCommand({ TableName: names.accounts, Key: { accountId: staffAccountId(data.staff.login) } }));
  }
  const deps = {
    departments: new DynamoDepartmentStore(client, (key) => names[key]),
    clock: () => now,
    notifier: { sendSms: async () => ({ messageId: 'seed' }), announce: async () => undefined },
  };
  const onboarded = await onboardDepartment(deps, demoDepartment(data), { operator: 'demo-seed', siteUrl: 'http://localhost' });
  const token = new URLSearchParams(new URL(onboarded.link).hash.slice(1)).get('token')!;
  await enrolWithLink(deps, token, data.staff.password, now);
}

/** Uses a one-time link as its holder does: asks for the second factor's secret and confirms it with its current code. */
async function enrolWithLink(deps: Parameters<typeof setStaffPassword>[0], token: string, password: string, now: Date): Promise<void> {
  const { secret } = await startStaffEnrolment(deps, token);
  await setStaffPassword(deps, token, password, totpCodeAt(secret, totpStep(now)));
}

/**
 * A data directory onboarded before staff had a second factor: its demo staff has none and could
 * not log in. It gets a new link (as the administrator's reset gives) and enrols through it.
 */
async function enrolDemoStaffIfNeeded(client: DynamoDBDocumentClient, names: Record<TableKey, string>, data: DemoData, now: Date): Promise<void> {
  const { Item: account } = await client.send(new GetCommand({ TableName: names.accounts, Key: { accountId: staffAccountId(data.staff.login) }, ConsistentRead: true }));
  if (!account || typeof account.totpSecret === 'string') return;
  const staff = new DynamoStaffStore(client, (key) => names[key]);
  const member = await staff.get(data.tenant.tenantId, data.staff.login);
  if (!member) return;
  const token = randomBytes(32).toString('base64url');
  const invitation = { tokenHash: invitationTokenHash(token), login: member.login, tenantId: member.tenantId, expiresAt: invitationExpiry(now).toISOString() };
  await staff.addInvitation(member, invitation, { at: now.toISOString(), action: 'second_factor_reset', by: 'operator:demo-seed' }, { clearSecondFactor: true });
  await enrolWithLink({ departments: new DynamoDepartmentStore(client, (key) => names[key]), clock: () => now }, token, data.staff.password, now);
}

export interface DemoSeedMarker {
  readonly version: number;
  /** The reference time the data was generated for; regenerating with it gives the same data. */
  readonly seededAt: string;
  readonly applicationCount: number;
}

export interface SeedResult {
  readonly data: DemoData;
  readonly seededNow: boolean;
  readonly marker: DemoSeedMarker;
}

async function readMarker(client: DynamoDBDocumentClient, tenantsTable: string, tenantId: string): Promise<DemoSeedMarker | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: tenantsTable, Key: { tenantId }, ConsistentRead: true }));
  const marker = Item?.demoSeed as DemoSeedMarker | undefined;
  return marker?.version === demoSeedVersion ? marker : undefined;
}

/**
 * Seeds the demo tenant once. The tenant item with its `demoSeed` marker is written last, so an
 * interrupted seed simply runs again (every other write is a put with a deterministic key).
 * On later starts nothing is written and the same data is regenerated from the marker, so the
 * printed demo logins always match the database.
 */
export async function seedDemoTenant(
  client: DynamoDBDocumentClient,
  names: Record<TableKey, string>,
  options: { now: Date; applicationCount?: number; log?: (line: string) => void },
): Promise<SeedResult> {
  const existing = await readMarker(client, names.tenants, demoTenantId);
  if (existing) {
    const data = generateDemoData({ now: new Date(existing.seededAt), applicationCount: existing.applicationCount });
    await enrolDemoStaffIfNeeded(client, names, data, options.now);
    return { data, seededNow: false, marker: existing };
  }
  const marker: DemoSeedMarker = {
    version: demoSeedVersion,
    seededAt: options.now.toISOString(),
    applicationCount: options.applicationCount ?? 5200,
  };
  const data = generateDemoData({ now: options.now, applicationCount: marker.applicationCount });
  const log = options.log ?? (() => undefined);
  const accounts = data.parents.map((parent) => ({ accountId: parentAccountId(parent.iin), kind: 'parent', ...parent }));
  await onboardDemoDepartment(client, names, data, options.now);
  const guards = activeChildGuards(data.applications);
  const total = data.kindergartens.length + accounts.length + data.applications.length + guards.length;
  let done = 0;
  let reported = 0;
  const progress = (delta: number) => {
    done += delta;
    if (done - reported >= 2000 || done === total) {
      reported = done;
      log(`  seeding demo data: ${done} / ${total} items`);
    }
  };
  const track = () => {
    let last = 0;
    return (written: number) => {
      progress(written - last);
      last = written;
    };
  };
  const kindergartens = withOccupancy(data.kindergartens);
  await putAll(client, names.kindergartens, kindergartens as unknown as Record<string, unknown>[], { onProgress: track() });
  await putAll(client, names.accounts, accounts, { onProgress: track() });
  await putAll(client, names.constraints, guards, { onProgress: track() });
  await putAll(client, names.applications, storedApplications(data.applications, { kindergartens, on: kazakhstanDate(options.now) }), { onProgress: track() });
  await client.send(new UpdateCommand({ TableName: names.tenants, Key: { tenantId: demoTenantId }, UpdateExpression: 'SET demoSeed = :marker', ExpressionAttributeValues: { ':marker': marker } }));
  return { data, seededNow: true, marker };
}
