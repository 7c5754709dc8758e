import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageGroupOn } from '#domain/age';
import { applicationStatuses, type Application, type ApplicationStatus, type PriorityCategory } from '#domain/application';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { getAll } from '#adapters/dynamodb/batch-get';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.ts';
import { queueCsv } from '../support/csv.ts';
import { loginParent, loginStaff, settle, startTestRuntime, type Client } from '../support/runtime.ts';

let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(600);
  staff = await loginStaff(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

const data = () => runtime.seed!.data;
const birthYearOf = (application: { birthDate: string }) => Number(application.birthDate.slice(0, 4));

interface Entry {
  applicationId: string;
  status: ApplicationStatus;
  position?: number;
  registeredAt: string;
  childIin: string;
}

/**
 * The independent recount: every seeded application read by its key from the table itself (no
 * index involved), so the lists can be checked against what is actually stored now.
 */
async function storedApplications(): Promise<Application[]> {
  const keys = data().applications.map((a) => ({ applicationId: a.applicationId }));
  return (await getAll(dynamoDocumentClient(), runtime.tableNames.applications, keys)) as unknown as Application[];
}

type Filter = { priority?: PriorityCategory; kindergartenId?: string };

function recount(applications: readonly Application[], status: ApplicationStatus, birthYear: number, filter: Filter = {}): Application[] {
  return applications.filter(
    (a) =>
      a.status === status &&
      birthYearOf(a) === birthYear &&
      (filter.priority === undefined || a.priority === filter.priority) &&
      (filter.kindergartenId === undefined || a.preferredKindergartenIds.includes(filter.kindergartenId)),
  );
}

/** Every page of a list through the API, following `nextAfter` / `nextCursor`. */
async function wholeList(status: ApplicationStatus, birthYear: number, filter: Filter = {}, limit = 7) {
  const entries: Entry[] = [];
  const totals = new Set<number>();
  const bodies: string[] = [];
  let paging: { after?: number; cursor?: string } = {};
  for (let page = 0; page < 100; page++) {
    const query = { birthYear, status, limit, ...filter };
    const answer = await staff.call('GET /api/staff/queue', { query: { ...query, ...paging } });
    expect(answer.status, JSON.stringify([query, paging, answer.body])).toBe(200);
    bodies.push(JSON.stringify(answer.body));
    entries.push(...(answer.body.entries as Entry[]));
    totals.add(answer.body.total);
    if (answer.body.nextAfter !== undefined) paging = { after: answer.body.nextAfter };
    else if (answer.body.nextCursor !== undefined) paging = { cursor: answer.body.nextCursor };
    else break;
  }
  return { entries, totals: [...totals], bodies };
}

const cohorts = () => [...new Set(data().applications.map(birthYearOf))].sort();

describe('the staff queue browser', () => {
  it('should list every status of every cohort exactly as the recount of the stored applications says, in order, paged', async () => {
    // Prepare
    const stored = await storedApplications();
    const checked: string[] = [];

    for (const birthYear of cohorts()) {
      for (const status of applicationStatuses) {
        // Act
        const { entries, totals } = await wholeList(status, birthYear);
        // Assess: the same applications, none twice, in the list's order, the total on every page
        const expected = recount(stored, status, birthYear);
        expect(entries.map((e) => e.applicationId).sort(), `${status} ${birthYear}`).toEqual(expected.map((a) => a.applicationId).sort());
        expect(new Set(entries.map((e) => e.applicationId)).size).toBe(entries.length);
        expect(totals).toEqual([expected.length]);
        expect(entries.every((e) => e.status === status)).toBe(true);
        const order = entries.map((e) => (status === 'queued' ? e.position! : e.registeredAt));
        expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        if (expected.length > 0) checked.push(`${status} ${birthYear}: ${expected.length}`);
      }
    }
    // The seed has every status in several cohorts, so the loop above compared real lists.
    for (const status of applicationStatuses) expect(checked.filter((line) => line.startsWith(status)).length, status).toBeGreaterThan(1);
  });

  it('should narrow a list by priority and by preferred kindergarten exactly as the recount does', async () => {
    // Prepare: for stopped and queued, the cohort with the most applications of a priority other than none, and the cohort
    // whose most chosen kindergarten is chosen most. The demo data follows the clock, so which cohorts these are moves from
    // day to day, and they need not be one: on 7 December 2026 the one stopped application with a priority was alone in its
    // cohort, while a kindergarten was chosen three times in another.
    const stored = await storedApplications();
    const withPriority = (status: ApplicationStatus, year: number) => recount(stored, status, year).filter((a) => a.priority !== 'none').length;
    // (Counted once each: a test that computes for seconds between two requests outlives the server's keep-alive, and
    // its next request meets a closed socket.)
    const mostCommon = <T extends string>(values: T[]) => {
      const counts = new Map<T, number>();
      for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    };
    const mostChosen = (status: ApplicationStatus, year: number) => mostCommon(recount(stored, status, year).flatMap((a) => a.preferredKindergartenIds));
    const choosing = (status: ApplicationStatus, year: number) => {
      const list = recount(stored, status, year);
      if (list.length === 0) return 0;
      const kindergartenId = mostChosen(status, year);
      return list.filter((a) => a.preferredKindergartenIds.includes(kindergartenId)).length;
    };
    const largest = (by: (year: number) => number) => {
      const measured = cohorts().map((year) => [year, by(year)] as const);
      return measured.sort((a, b) => b[1] - a[1])[0]![0];
    };

    for (const status of ['stopped', 'queued'] as const) {
      const priorityYear = largest((year) => withPriority(status, year));
      const priority = mostCommon(recount(stored, status, priorityYear).map((a) => a.priority).filter((p) => p !== 'none'));
      const kindergartenYear = largest((year) => choosing(status, year));
      const kindergartenId = mostChosen(status, kindergartenYear);
      const cases = [
        [priorityYear, { priority }],
        [kindergartenYear, { kindergartenId }],
        [priorityYear, { priority, kindergartenId: mostChosen(status, priorityYear) }],
        [kindergartenYear, { priority, kindergartenId }],
        [kindergartenYear, { priority: 'orphan' as const, kindergartenId }],
      ] as const;
      for (const [birthYear, filter] of cases) {
        // Act
        const { entries, totals } = await wholeList(status, birthYear, filter, 2);
        // Assess
        const expected = recount(stored, status, birthYear, filter);
        expect(entries.map((e) => e.applicationId).sort(), JSON.stringify({ status, birthYear, filter })).toEqual(expected.map((a) => a.applicationId).sort());
        expect(totals).toEqual([expected.length]);
      }
      expect(recount(stored, status, priorityYear, { priority }).length).toBeGreaterThan(0);
      expect(recount(stored, status, kindergartenYear, { kindergartenId }).length).toBeGreaterThan(1);
    }
  });

  it('should move an application between the lists when staff refer, enroll and withdraw it', async () => {
    // Prepare: two queued applications of one cohort and a kindergarten with a free place for the first
    const stored = await storedApplications();
    const birthYear = cohorts().find((year) => recount(stored, 'queued', year).length > 2)!;
    const [first, second] = recount(stored, 'queued', birthYear);
    const group = ageGroupOn(first!.birthDate, kazakhstanDate(runtime.clock.now()));
    const kindergartens = (await staff.call('GET /api/staff/kindergartens')).body.kindergartens as {
      kindergartenId: string;
      capacity: Record<string, number>;
      occupancy?: Record<string, number>;
    }[];
    const withPlace = kindergartens.find((k) => (k.capacity[group] ?? 0) - (k.occupancy?.[group] ?? 0) > 0)!;
    const ids = async (status: ApplicationStatus) => (await wholeList(status, birthYear, {}, 200)).entries.map((e) => e.applicationId);

    // Act: a referral
    expect((await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: first!.applicationId }, body: { kindergartenId: withPlace.kindergartenId } })).status).toBe(200);
    // Assess: out of the queue, in the referred list
    expect(await ids('queued')).not.toContain(first!.applicationId);
    expect(await ids('referred')).toContain(first!.applicationId);

    // Act: the enrollment and a withdrawal
    expect((await staff.call('POST /api/staff/applications/{applicationId}/enrollment', { params: { applicationId: first!.applicationId } })).status).toBe(200);
    expect((await staff.call('POST /api/staff/applications/{applicationId}/withdrawal', { params: { applicationId: second!.applicationId }, body: {} })).status).toBe(200);
    await settle(runtime);

    // Assess: each in exactly its new list, and every list still equals the recount
    expect(await ids('referred')).not.toContain(first!.applicationId);
    expect(await ids('enrolled')).toContain(first!.applicationId);
    expect(await ids('withdrawn')).toContain(second!.applicationId);
    expect(await ids('queued')).not.toContain(second!.applicationId);
    const after = await storedApplications();
    for (const status of applicationStatuses) expect((await ids(status)).sort(), status).toEqual(recount(after, status, birthYear).map((a) => a.applicationId).sort());
  });

  it('should move a stopped application back to the queue list when its parent restores it', async () => {
    // Prepare: a demo parent's application stopped by a campaign
    const stopped = data().applications.find((a) => a.status === 'stopped' && a.stopReason === 'cleanup' && data().demoParents.some((p) => p.iin === a.applicantIin))!;
    const parent = await loginParent(runtime, data().demoParents.find((p) => p.iin === stopped.applicantIin)!);
    const birthYear = birthYearOf(stopped);
    expect((await wholeList('stopped', birthYear, {}, 200)).entries.map((e) => e.applicationId)).toContain(stopped.applicationId);

    // Act
    expect((await parent.call('POST /api/cabinet/applications/{applicationId}/restore', { params: { applicationId: stopped.applicationId } })).status).toBe(200);
    await settle(runtime);

    // Assess: in the queue with a position, no longer in the stop-list
    expect((await wholeList('stopped', birthYear, {}, 200)).entries.map((e) => e.applicationId)).not.toContain(stopped.applicationId);
    const queued = (await wholeList('queued', birthYear, {}, 200)).entries.find((e) => e.applicationId === stopped.applicationId);
    expect(queued?.position).toBeGreaterThan(0);
  });

  it('should mask the IIN in every entry of every list', async () => {
    // Prepare
    const bodies: string[] = [];
    const entries: Entry[] = [];

    // Act
    for (const birthYear of cohorts()) {
      for (const status of applicationStatuses) {
        const list = await wholeList(status, birthYear, {}, 200);
        bodies.push(...list.bodies);
        entries.push(...list.entries);
      }
    }

    // Assess: no 12 digits in a row anywhere, each IIN shows only its last two digits
    expect(entries.length).toBe(data().applications.length);
    expect(bodies.filter((body) => /\d{12}/.test(body))).toEqual([]);
    expect(entries.every((e) => /^•{10}\d{2}$/.test(e.childIin))).toBe(true);
  });

  it('should cost one session read and one Query for a queue page, and two Queries (page and count) for any other list', async () => {
    // Prepare
    const stored = await storedApplications();
    const birthYear = cohorts().find((year) => recount(stored, 'stopped', year).length > 3)!;
    const kindergartenId = data().kindergartens[0]!.kindergartenId;
    const requestsOf = async (query: string) => {
      const answer = await staff.request('GET', `/api/staff/queue?birthYear=${birthYear}&${query}`);
      expect(answer.status).toBe(200);
      return JSON.parse(answer.headers.get('x-kezek-dynamodb-requests')!) as Record<string, number>;
    };
    const firstPage = await staff.call('GET /api/staff/queue', { query: { birthYear, status: 'stopped', limit: '2' } });

    // Act
    const measured = {
      queued: await requestsOf('status=queued'),
      queuedFiltered: await requestsOf(`status=queued&priority=large_family&kindergartenId=${kindergartenId}`),
      stopped: await requestsOf('status=stopped&limit=2'),
      stoppedNextPage: await requestsOf(`status=stopped&limit=2&cursor=${firstPage.body.nextCursor}`),
      stoppedFiltered: await requestsOf(`status=stopped&priority=none&kindergartenId=${kindergartenId}`),
    };

    // Assess
    expect(firstPage.body.nextCursor).toMatch(/^[\w-]+$/);
    expect(measured).toEqual({
      // The authorizer's two reads (session, staff account), the queue's own queries, and the
      // audit event of the view (the queue shows personal data).
      queued: { GetItemCommand: 2, QueryCommand: 1, PutItemCommand: 1 },
      queuedFiltered: { GetItemCommand: 2, QueryCommand: 1, PutItemCommand: 1 },
      stopped: { GetItemCommand: 2, QueryCommand: 2, PutItemCommand: 1 },
      stoppedNextPage: { GetItemCommand: 2, QueryCommand: 2, PutItemCommand: 1 },
      stoppedFiltered: { GetItemCommand: 2, QueryCommand: 2, PutItemCommand: 1 },
    });
  });

  it('should refuse a parent with 403', async () => {
    // Prepare
    const parent = await loginParent(runtime, data().demoParents[0]!);
    // Act
    const answer = await parent.call('GET /api/staff/queue', { query: { birthYear: cohorts()[0], status: 'stopped' } }, { language: 'en' });
    // Assess
    expect(answer.status).toBe(403);
    expect(answer.body.entries).toBeUndefined();
  });

  it('should refuse a damaged cursor, paging that does not fit the status and unknown filters, with field errors in Russian', async () => {
    // Prepare
    const year = cohorts()[0];
    const forged = Buffer.from(JSON.stringify({ registeredAt: 'x', applicationId: 'a' })).toString('base64url');
    const queries = {
      cursor: `status=stopped&cursor=${forged}`,
      after: 'status=stopped&after=10',
      priority: 'priority=vip',
      status: 'status=archived',
      limit: 'limit=500',
    };

    // Act
    const answers = Object.fromEntries(
      await Promise.all(Object.entries(queries).map(async ([field, query]) => [field, await staff.request('GET', `/api/staff/queue?birthYear=${year}&${query}`, { language: 'ru' })] as const)),
    );

    // Assess
    for (const [field, answer] of Object.entries(answers)) {
      expect(answer.status, field).toBe(400);
      expect(answer.body.error.fields.map((f: { path: string }) => f.path), field).toEqual([`query.${field}`]);
    }
    expect(answers.cursor!.body.error.fields[0].message).toBe('Ссылка на страницу повреждена: откройте список с начала.');
    expect(answers.after!.body.error.fields[0].message).toBe('«after» листает только заявления в очереди, «cursor» — остальные статусы.');
  });

  it('should page one entry at a time through a list holding imported applications, whose ids have dots', async () => {
    // Prepare: five imported applications (ids `imp.temirtau.<external id>`), withdrawn so they sit in a cursor-paged list.
    // Runs last in this runtime: the other tests count only the seeded applications.
    const kindergartenIds = data().kindergartens.filter((k) => k.languages.includes('ru')).map((k) => k.kindergartenId);
    const csv = queueCsv(5, { birthYear: 2023, kindergartenIds, prefix: 'Ext_a-', serialBase: 7700 });
    const imported = await staff.call('POST /api/staff/imports/{kind}/rows', { params: { kind: 'applications' }, body: { csv, firstLine: 2 } });
    expect(imported.body).toEqual({ kind: 'applications', written: 5 });
    const ids = ['Ext_a-000001', 'Ext_a-000002', 'Ext_a-000003', 'Ext_a-000004', 'Ext_a-000005'].map((external) => `imp.temirtau.${external}`);
    for (const id of ids) expect((await staff.call('POST /api/staff/applications/{applicationId}/withdrawal', { params: { applicationId: id }, body: {} })).status, id).toBe(200);
    await settle(runtime);
    const seededWithdrawn = recount(await storedApplications(), 'withdrawn', 2023).map((a) => a.applicationId);

    // Act: a page of one, so every entry, each imported one among them, becomes the next page's cursor
    const { entries, totals } = await wholeList('withdrawn', 2023, {}, 1);

    // Assess
    expect(entries.map((e) => e.applicationId).sort()).toEqual([...seededWithdrawn, ...ids].sort());
    expect(totals).toEqual([seededWithdrawn.length + 5]);
  });
});

describe('the status index on a data directory from before it existed', () => {
  it('should be added on the next start, so the browser lists the stored stopped applications', async () => {
    // Prepare: a seeded data directory whose applications table lacks the index
    const dataDir = mkdtempSync(join(tmpdir(), 'kezek-status-index-'));
    try {
      const first = await startLocalRuntime({ port: 0, data: dataDir, seed: { applicationCount: 150 }, log: () => undefined });
      const dynamo = new DynamoDBClient({ endpoint: first.dynamoEndpoint });
      await dynamo.send(new UpdateTableCommand({ TableName: first.tableNames.applications, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byStatus' } }] }));
      const indexNames = async () => (await dynamo.send(new DescribeTableCommand({ TableName: first.tableNames.applications }))).Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName);
      await expect.poll(indexNames, { timeout: 30_000 }).not.toContain('byStatus');
      dynamo.destroy();
      await first.stop();

      // Act
      const second = await startLocalRuntime({ port: 0, data: dataDir, seed: { applicationCount: 150 }, log: () => undefined });
      try {
        const client = await loginStaff(second);
        const stopped = second.seed!.data.applications.filter((a) => a.status === 'stopped');
        const birthYear = birthYearOf(stopped[0]!);
        const answer = await client.call('GET /api/staff/queue', { query: { birthYear, status: 'stopped' } });

        // Assess
        expect(second.seed!.seededNow).toBe(false);
        expect(answer.status).toBe(200);
        expect(answer.body.entries.map((e: Entry) => e.applicationId).sort()).toEqual(stopped.filter((a) => birthYearOf(a) === birthYear).map((a) => a.applicationId).sort());
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Two starts of DynamoDB Local on files: slow when the machine is busy.
  }, 120_000);
});
