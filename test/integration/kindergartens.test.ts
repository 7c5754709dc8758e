import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindergartenColumns } from '#domain/import-rows';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginParent, loginStaff, settle, startTestRuntime, type Client, type RouteInput } from '../support/runtime.ts';

let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(200);
  staff = await loginStaff(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

const district = () => runtime.seed!.data.tenant.districts[0]!.id;

/** A valid body for a kindergarten in Temirtau; `id` makes it distinct per test. */
type KindergartenBody = RouteInput<'POST /api/staff/kindergartens'>['body'];

function kindergartenBody(id: string, overrides: Partial<KindergartenBody> = {}): KindergartenBody & { kindergartenId: string } {
  return {
    kindergartenId: id,
    name: { kk: `«${id}» балабақшасы`, ru: `Детский сад «${id}»`, en: '' },
    ownership: 'state',
    languages: ['kk', 'ru'],
    district: district(),
    address: 'ул. Мира, 12',
    location: { lat: 50.0591, lon: 72.9613 },
    capacity: { nursery: 10, junior: 20, middle: 20, senior: 20, preschool: 15 },
    ...overrides,
  };
}

/** The item as stored, read past the API. */
async function stored(kindergartenId: string) {
  const { Item } = await dynamoDocumentClient().send(
    new GetCommand({ TableName: runtime.tableNames.kindergartens, Key: { tenantId: 'temirtau', kindergartenId }, ConsistentRead: true }),
  );
  return Item;
}

/** DynamoDB requests one API call cost (the authorizer's reads of the session and the staff account included). */
function dynamoRequests(answer: { headers: Headers }): number {
  const counts = JSON.parse(answer.headers.get('x-kezek-dynamodb-requests') ?? '{}') as Record<string, number>;
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

async function create(id: string, overrides: Record<string, unknown> = {}) {
  const answer = await staff.call('POST /api/staff/kindergartens', { body: kindergartenBody(id, overrides) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.kindergarten as { kindergartenId: string; version: number };
}

/** An edit body from a created kindergarten: everything but the id, at the revision read. */
function editBody(id: string, version: number, overrides: Partial<KindergartenBody> = {}) {
  const { kindergartenId: _id, ...fields } = kindergartenBody(id, overrides);
  return { ...fields, version };
}

describe('adding a kindergarten', () => {
  it('should create it with no places taken and list it, in one tenant read and one conditional put', async () => {
    // Act
    const answer = await staff.call('POST /api/staff/kindergartens', { body: kindergartenBody('kg-new-1') });
    // Assess
    expect(answer.status).toBe(201);
    expect(answer.body.kindergarten).toMatchObject({
      kindergartenId: 'kg-new-1',
      name: { ru: 'Детский сад «kg-new-1»', en: 'Детский сад «kg-new-1»' },
      occupancy: { nursery: 0, junior: 0, middle: 0, senior: 0, preschool: 0 },
      version: 1,
    });
    // The session and staff account (authorizer), the tenant; the conditional put; the audit event (a creation learns its id from the put).
    expect(JSON.parse(answer.headers.get('x-kezek-dynamodb-requests')!)).toEqual({ GetItemCommand: 3, PutItemCommand: 2 });
    const list = await staff.call('GET /api/staff/kindergartens');
    const listed = list.body.kindergartens.find((k: { kindergartenId: string }) => k.kindergartenId === 'kg-new-1');
    expect(listed).toMatchObject({ languages: ['kk', 'ru'], district: district(), capacity: { junior: 20 } });
  });

  it('should make the id from the name when none is given', async () => {
    // Prepare
    const { kindergartenId: _none, ...body } = kindergartenBody('x', { name: { kk: '№77 «Көктем» балабақшасы', ru: 'Детский сад №77 «Көктем»', en: '' } });
    // Act
    const answer = await staff.call('POST /api/staff/kindergartens', { body });
    // Assess
    expect(answer.status).toBe(201);
    expect(answer.body.kindergarten.kindergartenId).toBe('detskiy-sad-77-koktem');
    expect(await stored('detskiy-sad-77-koktem')).toMatchObject({ tenantId: 'temirtau', version: 1 });
  });

  it('should refuse an id that exists with a localized 409 and leave the kindergarten as it was', async () => {
    // Prepare
    await create('kg-dup');
    const before = await stored('kg-dup');
    // Act
    const answer = await staff.call('POST /api/staff/kindergartens', { body: kindergartenBody('kg-dup', { name: { kk: 'Басқа', ru: 'Другой', en: 'Other' } }) }, { language: 'kk' });
    // Assess
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'kindergarten_exists', message: expect.stringContaining('идентификаторы бар балабақша бар') });
    expect(await stored('kg-dup')).toEqual(before);
  });

  it('should refuse bad bodies with an error at each field and write nothing', async () => {
    // Prepare: each body breaks one rule
    const cases: [string, Record<string, unknown>, string][] = [
      ['kg-bad-unknown', { colour: 'green' }, ''],
      ['kg-bad-lat', { location: { lat: 10.5, lon: 72.96 } }, 'location.lat'],
      ['kg-bad-lon', { location: { lat: 50.05, lon: 'east' } }, 'location.lon'],
      ['kg-bad-language', { languages: [] }, 'languages'],
      ['kg-bad-capacity', { capacity: { nursery: -1, junior: 20, middle: 20, senior: 20, preschool: 15 } }, 'capacity.nursery'],
      ['kg-bad-fraction', { capacity: { nursery: 1, junior: 2.5, middle: 20, senior: 20, preschool: 15 } }, 'capacity.junior'],
      ['kg-bad-district', { district: 'atlantis' }, 'district'],
      ['kg-bad-name', { name: { kk: ' ', ru: 'Сад', en: '' } }, 'name.kk'],
      ['kg bad id', {}, 'kindergartenId'],
    ];
    for (const [id, overrides, path] of cases) {
      // Act
      const answer = await staff.call('POST /api/staff/kindergartens', { body: kindergartenBody(id, overrides) }, { language: 'ru' });
      // Assess
      expect(answer.status, id).toBe(400);
      expect(answer.body.error.code, id).toBe('validation_failed');
      expect(answer.body.error.fields.map((f: { path: string }) => f.path), id).toEqual([path === '' ? '(body)' : path]);
      expect(answer.body.error.fields[0].message, id).toMatch(/[а-яё]/i);
      expect(await stored(id), id).toBeUndefined();
    }
  });

  it('should say in Kazakh why a coordinate is refused', async () => {
    // Act: latitude and longitude swapped, the commonest slip (50.05 E is still in Kazakhstan; 72.96 N is not)
    const answer = await staff.call('POST /api/staff/kindergartens', { body: kindergartenBody('kg-swapped', { location: { lat: 72.96, lon: 50.05 } }) }, { language: 'kk' });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([{ path: 'location.lat', message: 'Координата Қазақстаннан тыс.' }]);
    expect(await stored('kg-swapped')).toBeUndefined();
  });
});

describe('editing a kindergarten', () => {
  it('should store new capacity, languages and coordinates in one tenant read and one conditional update', async () => {
    // Prepare
    const { version } = await create('kg-edit');
    const body = editBody('kg-edit', version, {
      languages: ['ru'],
      location: { lat: 50.07, lon: 72.99 },
      capacity: { nursery: 5, junior: 25, middle: 20, senior: 20, preschool: 0 },
    });
    // Act
    const answer = await staff.call('PUT /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: 'kg-edit' }, body });
    // Assess
    expect(answer.status).toBe(200);
    expect(dynamoRequests(answer)).toBe(5);
    // The conditional update and, after it, the audit event's put.
    expect(JSON.parse(answer.headers.get('x-kezek-dynamodb-requests')!)).toEqual({ GetItemCommand: 3, UpdateItemCommand: 1, PutItemCommand: 1 });
    expect(await stored('kg-edit')).toMatchObject({
      languages: ['ru'],
      location: { lat: 50.07, lon: 72.99 },
      capacity: { nursery: 5, junior: 25, preschool: 0 },
      occupancy: { nursery: 0 },
      version: version + 1,
    });
    const form = await staff.call('GET /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: 'kg-edit' } });
    expect(form.body.kindergarten.version).toBe(version + 1);
    expect(form.body.districts.map((d: { id: string }) => d.id)).toContain(district());
    // The form gets ids and names only (no map outlines); the new-kindergarten form the same list
    expect(Object.keys(form.body.districts[0]!).sort()).toEqual(['id', 'name']);
    expect((await staff.call('GET /api/staff/districts')).body.districts).toEqual(form.body.districts);
  });

  it('should edit a seeded kindergarten that has no revision yet', async () => {
    // Prepare: the demo data is written without revisions
    const seeded = runtime.seed!.data.kindergartens[1]!;
    const form = await staff.call('GET /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: seeded.kindergartenId } });
    expect(form.body.kindergarten.version).toBe(0);
    const { kindergartenId: _id, occupancy: _taken, version, ...fields } = form.body.kindergarten;
    // Act
    const answer = await staff.call('PUT /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: seeded.kindergartenId }, body: { ...fields, address: 'пр. Республики, 1', version } });
    // Assess
    expect(answer.status).toBe(200);
    expect(await stored(seeded.kindergartenId)).toMatchObject({ address: 'пр. Республики, 1', version: 1, occupancy: form.body.kindergarten.occupancy });
  });

  it('should refuse an edit made on a stale page with a localized 409 and keep the newer one', async () => {
    // Prepare: two pages read revision 1; the first saves
    const { version } = await create('kg-stale');
    expect((await staff.call('PUT /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: 'kg-stale' }, body: editBody('kg-stale', version, { address: 'first' }) })).status).toBe(200);
    // Act
    const answer = await staff.call('PUT /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: 'kg-stale' }, body: editBody('kg-stale', version, { address: 'second' }) }, { language: 'en' });
    // Assess
    expect(answer.status).toBe(409);
    expect(answer.body.error).toEqual({ code: 'kindergarten_changed', message: 'Someone else changed the kindergarten meanwhile. Reload the page and make your changes again.' });
    expect(await stored('kg-stale')).toMatchObject({ address: 'first', version: version + 1 });
  });

  it('should refuse fewer places than are taken, at the age group, and change nothing', async () => {
    // Prepare: a referral takes a place in the new kindergarten
    const { version } = await create('kg-taken');
    const child = runtime.seed!.data.applications.find((a) => a.status === 'queued')!;
    const referred = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: child.applicationId }, body: { kindergartenId: 'kg-taken' } });
    expect(referred.status).toBe(200);
    const taken = (await stored('kg-taken'))!.occupancy as Record<string, number>;
    const group = Object.keys(taken).find((g) => taken[g] === 1)!;
    const before = await stored('kg-taken');
    const capacity = { ...kindergartenBody('kg-taken').capacity, [group]: 0 };
    // Act
    const answer = await staff.call('PUT /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: 'kg-taken' }, body: editBody('kg-taken', version, { capacity }) }, { language: 'ru' });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([
      { path: `capacity.${group}`, message: 'Мест не может быть меньше, чем уже занято (зачисленные дети и выданные направления).' },
    ]);
    expect(await stored('kg-taken')).toEqual(before);
    await settle(runtime);
  });

  it('should refuse an import file that gives fewer places than are taken, at its line and column, and change nothing', async () => {
    // Prepare: 'kg-taken' has a place taken (the test above); a file that sets its groups to 0
    const before = await stored('kg-taken');
    const taken = before!.occupancy as Record<string, number>;
    const group = Object.keys(taken).find((g) => taken[g] === 1)!;
    const csv = [
      kindergartenColumns.join(','),
      ['kg-taken', 'Балабақша', 'Детский сад', 'Kindergarten', 'state', 'kk;ru', district(), 'ул. Мира', '50.06', '72.96', ...Array(5).fill('0')].join(','),
    ].join('\r\n');
    // Act
    const checked = await staff.call('POST /api/staff/imports/{kind}/check', { params: { kind: 'kindergartens' }, body: { csv } }, { language: 'ru' });
    const imported = await staff.call('POST /api/staff/imports/{kind}/rows', { params: { kind: 'kindergartens' }, body: { csv, firstLine: 2 } }, { language: 'ru' });
    // Assess
    for (const answer of [checked, imported]) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('import_rejected');
      expect(JSON.stringify(answer.body.error)).toContain(`capacity_${group}`);
      expect(JSON.stringify(answer.body.error)).toContain('Мест не может быть меньше, чем уже занято');
    }
    expect(await stored('kg-taken')).toEqual(before);
  });

  it('should never leave fewer places than taken when a referral races an edit', async () => {
    // Prepare: one place in every group; a queued child about to be referred there
    const { version } = await create('kg-race', { capacity: { nursery: 1, junior: 1, middle: 1, senior: 1, preschool: 1 } });
    const child = runtime.seed!.data.applications.filter((a) => a.status === 'queued').at(-1)!;
    const none = { nursery: 0, junior: 0, middle: 0, senior: 0, preschool: 0 };
    // Act: the referral and an edit to no places at all, at once
    const [referral, edit] = await Promise.all([
      staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: child.applicationId }, body: { kindergartenId: 'kg-race' } }),
      staff.call('PUT /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: 'kg-race' }, body: editBody('kg-race', version, { capacity: none }) }),
    ]);
    // Assess: exactly one won, and the places taken fit the places stored
    if (referral.status === 200) {
      expect(edit.status).toBe(400);
      expect(edit.body.error.fields[0].path).toMatch(/^capacity\./);
    } else {
      expect(referral.body.error.code).toBe('no_free_place');
      expect(edit.status).toBe(200);
    }
    const after = (await stored('kg-race'))!;
    for (const group of Object.keys(none)) expect(after.occupancy[group]).toBeLessThanOrEqual(after.capacity[group]);
    await settle(runtime);
  });

  it('should answer 404 for a kindergarten the tenant does not have', async () => {
    // Act
    const answer = await staff.call('PUT /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: 'kg-nowhere' }, body: editBody('kg-nowhere', 0) });
    // Assess
    expect(answer.status).toBe(404);
    expect(await stored('kg-nowhere')).toBeUndefined();
  });
});

describe('who may manage kindergartens', () => {
  it('should refuse a parent with 403 on every kindergarten route', async () => {
    // Prepare
    const parent = await loginParent(runtime, runtime.seed!.data.demoParents[0]!);
    // Act
    const answers = await Promise.all([
      parent.call('POST /api/staff/kindergartens', { body: kindergartenBody('kg-parent') }),
      parent.call('PUT /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: 'kg-new-1' }, body: editBody('kg-new-1', 1) }),
      parent.call('GET /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: 'kg-new-1' } }),
      parent.call('GET /api/staff/districts'),
    ]);
    // Assess
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    expect(await stored('kg-parent')).toBeUndefined();
    expect(await stored('kg-new-1')).toMatchObject({ version: 1 });
  });
});
