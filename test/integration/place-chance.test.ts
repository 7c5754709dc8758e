import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '#domain/iin';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginParent, loginStaff, settle, startTestRuntime, type Client } from '../support/runtime.ts';

/**
 * Issue 16 item 6: the chance of a place depends on the child's rank among the children of the
 * cohort who chose the kindergarten and on the places of the age group there; the positions job
 * computes it and the cabinet reads it with the application.
 */
let runtime: LocalRuntime;
let staff: Client;
let parent: Client;
const kindergartenId = 'chance-small';
const applicantIin = makeIin('1990-04-04', 'female', 4242);
const phone = '+77015550199';

type Estimate = { kindergartenId: string; rank: number; among: number; free: number; freeing: number; chance: string; certainty: string };
type CabinetEntry = { applicationId: string; status: string; position?: number; placeChances?: Estimate[] };

async function cabinet(): Promise<{ entries: CabinetEntry[]; headers: Headers }> {
  const answer = await parent.call('GET /api/cabinet/applications');
  expect(answer.status).toBe(200);
  return { entries: answer.body.applications, headers: answer.headers };
}

/** Rank → what the child is told at the small kindergarten, `rank:chance:certainty`, sorted by rank. */
const told = (entries: readonly CabinetEntry[]) =>
  entries
    .filter((a) => a.status === 'queued')
    .map((a) => a.placeChances!.find((e) => e.kindergartenId === kindergartenId)!)
    .sort((a, b) => a.rank - b.rank)
    .map((e) => `${e.rank}/${e.among}:${e.free}+${e.freeing}:${e.chance}:${e.certainty}`);

beforeAll(async () => {
  runtime = await startTestRuntime(300);
  staff = await loginStaff(runtime);
  // A new kindergarten with 2 places in every age group, none taken: 2 free now, and the move-up
  // of the 2 children placed now leaves nothing more in the next group.
  const created = await staff.call('POST /api/staff/kindergartens', {
    body: {
      kindergartenId,
      name: { kk: '«Шағын» балабақшасы', ru: 'Детский сад «Маленький»', en: '' },
      ownership: 'state',
      languages: ['kk', 'ru'],
      district: runtime.seed!.data.tenant.districts[0]!.id,
      address: 'ул. Мира, 12',
      location: { lat: 50.0591, lon: 72.9613 },
      capacity: { nursery: 2, junior: 2, middle: 2, senior: 2, preschool: 2 },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  // Seven children of one cohort, all choosing it, registered behind the whole seeded queue.
  const year = runtime.clock.now().getUTCFullYear() - 3;
  for (let i = 1; i <= 7; i++) {
    const registered = await staff.call('POST /api/staff/applications', {
      body: {
        childIin: makeIin(`${year}-0${i}-1${i}`, i % 2 ? 'male' : 'female', 600 + i),
        childName: `Бала ${i}`,
        applicantIin,
        applicantPhone: phone,
        applicantName: 'Ана Тест',
        priority: 'none',
        kindergartenIds: [kindergartenId],
        language: 'kk',
      },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  }
  await settle(runtime);
  parent = await loginParent(runtime, { iin: applicantIin, phone });
});

afterAll(async () => {
  await runtime?.stop();
});

describe('the chance of a place', () => {
  it('should tell a child far down the queue of a kindergarten that it is not high', async () => {
    // Act
    const { entries } = await cabinet();
    // Assess: 7 chose it, 2 places: ranks 1–2 high, 3–4 medium, 5–7 low; firm only at 1 (well inside) and 7 (beyond 3 × 2)
    expect(entries).toHaveLength(7);
    for (const entry of entries) expect(entry.position).toBeGreaterThan(7);
    expect(told(entries)).toEqual([
      '1/7:2+0:high:firm',
      '2/7:2+0:high:rough',
      '3/7:2+0:medium:rough',
      '4/7:2+0:medium:rough',
      '5/7:2+0:low:rough',
      '6/7:2+0:low:rough',
      '7/7:2+0:low:firm',
    ]);
  });

  it('should read the chance with the application: one Query and one BatchGet (plus the session read)', async () => {
    // Act
    const { headers } = await cabinet();
    // Assess
    expect(JSON.parse(headers.get('x-kezek-dynamodb-requests')!)).toEqual({ GetItemCommand: 1, QueryCommand: 1, BatchGetItemCommand: 1 });
  });

  it("should show each child's chance at the kindergarten in the survey's list", async () => {
    // Act
    const answer = await parent.call('GET /api/cabinet/survey');
    // Assess
    expect(answer.status).toBe(200);
    const small = answer.body.kindergartens.find((k: { kindergartenId: string }) => k.kindergartenId === kindergartenId);
    expect(small!.estimates.map((e: Estimate) => `${e.rank}:${e.chance}`).sort()).toEqual(['1:high', '2:high', '3:medium', '4:medium', '5:low', '6:low', '7:low']);
    expect(small).not.toHaveProperty('chance');
  });

  it('should move the chances up when a child ahead leaves the queue', async () => {
    // Prepare
    const { entries } = await cabinet();
    const first = entries.find((a) => a.placeChances!.some((e) => e.kindergartenId === kindergartenId && e.rank === 1))!;
    // Act
    const withdrawn = await parent.call('POST /api/cabinet/applications/{applicationId}/withdrawal', { params: { applicationId: first.applicationId } });
    await settle(runtime);
    // Assess
    expect(withdrawn.status).toBe(200);
    const after = await cabinet();
    expect(after.entries.find((a) => a.applicationId === first.applicationId)).not.toHaveProperty('placeChances');
    expect(told(after.entries)).toEqual([
      '1/6:2+0:high:firm',
      '2/6:2+0:high:rough',
      '3/6:2+0:medium:rough',
      '4/6:2+0:medium:rough',
      '5/6:2+0:low:rough',
      '6/6:2+0:low:rough',
    ]);
  });
});
