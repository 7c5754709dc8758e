import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '#domain/application';
import { makeIin } from '#domain/iin';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginStaff, startTestRuntime, type Client } from '../support/runtime.ts';

/**
 * The help desk (SPEC "What staff see"): staff find an application by the child's IIN, the start
 * of the child's name or the application number, on DynamoDB Local, through index lookups and
 * reads by key (request counts: no scan), IINs masked, each search audited without its text.
 */

let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(120);
  staff = await loginStaff(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

const applications = (): readonly Application[] => runtime.seed!.data.applications;

async function search(text: string, language = 'ru') {
  const answer = await staff.call('GET /api/staff/applications', { query: { q: text } }, { language });
  return { ...answer, requests: JSON.parse(answer.headers.get('x-kezek-dynamodb-requests') ?? '{}') as Record<string, number> };
}

/** The authorizer's two reads (session, staff account) and the search's audit event. */
const around = { GetItemCommand: 2, PutItemCommand: 1 };

describe('the help desk search', () => {
  it("should find a child's applications by the child's IIN with one Query of the IIN index and one BatchGet", async () => {
    // Prepare
    const wanted = applications()[3]!;

    // Act
    const found = await search(wanted.childIin);

    // Assess
    expect(found.status).toBe(200);
    expect(found.body.entries.map((e: { applicationId: string }) => e.applicationId)).toEqual(
      applications().filter((a) => a.childIin === wanted.childIin).map((a) => a.applicationId),
    );
    expect(found.body.entries[0]).toMatchObject({ applicationId: wanted.applicationId, childName: wanted.childName, childIin: `••••••••••${wanted.childIin.slice(10)}`, status: wanted.status });
    expect(found.requests).toEqual({ ...around, QueryCommand: 1, BatchGetItemCommand: 1 });
    expect(JSON.stringify(found.body)).not.toContain(wanted.childIin);
  });

  it("should find applications by the start of the child's name, in any case, with one Query of the name index and one BatchGet", async () => {
    // Prepare: the surname of one child, typed in capitals
    const wanted = applications()[7]!;
    const surname = wanted.childName.split(' ')[0]!;
    const expected = applications()
      .filter((a) => a.childName.toLowerCase().replace(/ё/g, 'е').startsWith(surname.toLowerCase().replace(/ё/g, 'е')))
      .map((a) => a.applicationId)
      .sort();

    // Act
    const found = await search(surname.toUpperCase());

    // Assess
    expect(found.status).toBe(200);
    expect(found.body.entries.map((e: { applicationId: string }) => e.applicationId).sort()).toEqual(expected.slice(0, 20));
    expect(found.body.entries.map((e: { applicationId: string }) => e.applicationId)).toContain(wanted.applicationId);
    expect(found.requests).toEqual({ ...around, QueryCommand: 1, BatchGetItemCommand: 1 });
  });

  it('should find an application by its number with one BatchGet and no Query', async () => {
    // Prepare
    const wanted = applications()[11]!;

    // Act
    const found = await search(wanted.applicationId);

    // Assess
    expect(found.body.entries.map((e: { applicationId: string }) => e.applicationId)).toEqual([wanted.applicationId]);
    expect(found.requests).toEqual({ ...around, BatchGetItemCommand: 1 });
  });

  it('should find an application registered just now by its child\'s name (the name keys are written with it)', async () => {
    // Prepare
    const parent = runtime.seed!.data.parents[0]!;
    const registered = await staff.call('POST /api/staff/applications', {
      body: {
        childIin: makeIin(`${runtime.clock.now().getUTCFullYear() - 2}-05-06`, 'female', 8123),
        childName: 'Жаңабекова Ләйлә',
        applicantIin: parent.iin,
        applicantPhone: parent.phone,
        applicantName: 'Тест Ата-ана',
        priority: 'none',
        kindergartenIds: [runtime.seed!.data.kindergartens[0]!.kindergartenId],
        language: 'kk',
      },
    });

    // Act
    const found = await search('жаңабекова л');

    // Assess
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(found.body.entries.map((e: { applicationId: string; childName: string }) => [e.applicationId, e.childName])).toEqual([[registered.body.application.applicationId, 'Жаңабекова Ләйлә']]);
  });

  it('should find nothing for texts that match no key', async () => {
    // Act
    const none = await search('zz');
    const unknownIin = await search('000000000000');

    // Assess
    expect(none.body.entries).toEqual([]);
    expect(unknownIin.body.entries).toEqual([]);
    expect(unknownIin.requests).toEqual({ ...around, QueryCommand: 1 });
  });

  it('should refuse a text too short, in the user\'s language', async () => {
    // Act
    const refused = await search('а', 'kk');

    // Assess
    expect([refused.status, refused.body.error.code]).toEqual([400, 'validation_failed']);
    expect(refused.body.error.fields).toEqual([
      { path: 'query.q', message: 'Баланың ЖСН-ін, аты-жөнін (кемінде 2 әріп) немесе өтініш нөмірін жазыңыз, 100 таңбаға дейін.' },
    ]);
  });

  it("should show the applicant's name and phone in full on the application page, the view audited", async () => {
    // Prepare
    const wanted = applications()[5]!;
    const parent = runtime.seed!.data.parents.find((p) => p.iin === wanted.applicantIin)!;

    // Act
    const page = await staff.call('GET /api/staff/applications/{applicationId}', { params: { applicationId: wanted.applicationId } });
    const trail = await staff.call('GET /api/staff/audit-events', { query: { recordType: 'application', recordId: wanted.applicationId } });

    // Assess
    expect(page.status).toBe(200);
    expect(page.body.applicant).toEqual({ name: parent.displayName, phone: parent.phone });
    expect(trail.body.events.map((e: { action: string; outcome: string }) => [e.action, e.outcome])).toEqual([['application.view', 'success']]);
  });

  it('should audit every search without its text', async () => {
    // Act
    const trail = await staff.call('GET /api/staff/audit-events', { query: { action: 'application.search' } });

    // Assess: the searches above (the refused one included), none naming a record
    expect(trail.body.events.length).toBe(7);
    expect(trail.body.events.every((e: { record?: unknown }) => e.record === undefined)).toBe(true);
    expect(trail.body.events.map((e: { outcome: string }) => e.outcome).sort()).toEqual(['success', 'success', 'success', 'success', 'success', 'success', 'validation_failed']);
  });
});
