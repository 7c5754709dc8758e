import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '#domain/iin';
import { applicationColumns } from '#domain/import-rows';
import { currentSurvey } from '#domain/survey-definition';
import type { LocalRuntime } from '../../local/runtime.ts';
import { recountSlices, storedAnswersAndSlices } from '../support/aggregates.ts';
import { loginParent, loginStaff, parentsAwaitingConfirmation, settle, startTestRuntime, type Client } from '../support/runtime.ts';

let runtime: LocalRuntime;
let campaignId: string;
let startsAt: string;
let parent: Client;
let parentIin: string;
let kindergartens: string[];
/** The Kazakhstan date of the parent's first confirmation. */
let confirmedOn: string;

const answers = (chosen: string[]) => ({
  kindergartens: chosen,
  ownership: { choice: 'state', reasons: ['quality'] },
  language: { choice: 'kk' },
  fee: { choice: 'up-to-20000' },
  activities: { options: ['chess', 'drawing'], other: 'Домбыра' },
  digital: { options: ['android', 'cashless'] },
});

beforeAll(async () => {
  runtime = await startTestRuntime(400);
  const staff = await loginStaff(runtime);
  const now = runtime.clock.now();
  const created = await staff.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 30 * 86_400_000).toISOString() } });
  campaignId = created.body.campaign.campaignId;
  startsAt = created.body.campaign.startsAt;
  await staff.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId } });
  await settle(runtime);
  // A parent with an application waiting for confirmation
  const [waiting] = await parentsAwaitingConfirmation(runtime, 1);
  parent = waiting!.client;
  parentIin = waiting!.iin;
  kindergartens = runtime.seed!.data.kindergartens.map((k) => k.kindergartenId);
});

afterAll(async () => {
  await runtime?.stop();
});

async function stored() {
  const { answers: answerItems, slices } = await storedAnswersAndSlices(runtime, 'temirtau', campaignId);
  return { answers: answerItems, slices, counters: slices.all ?? {} };
}

describe('the survey', () => {
  it('should show the questions, the kindergartens with their load, and no answer yet', async () => {
    const survey = await parent.call('GET /api/cabinet/survey');
    expect(survey.status).toBe(200);
    expect(survey.body.campaign!.campaignId).toBe(campaignId);
    expect(survey.body.definition.questions.map((q: { id: string }) => q.id)).toEqual(['kindergartens', 'ownership', 'language', 'fee', 'activities', 'digital']);
    expect(survey.body.kindergartens.length).toBe(kindergartens.length);
    expect(survey.body.answer).toBeNull();
  });

  it('should refuse a submission before the campaign starts, naming its start in Kazakhstan time, and write nothing', async () => {
    // Prepare: the dev clock two hours before the start of the campaign (which is already the tenant's active one)
    const before = await stored();
    runtime.clock.set(new Date(Date.parse(startsAt) - 2 * 3_600_000));
    const early = await loginParent(runtime, runtime.seed!.data.parents.find((p) => p.iin === parentIin)!);
    const start = new Date(Date.parse(startsAt) + 5 * 3_600_000); // UTC+5
    const pad = (n: number) => String(n).padStart(2, '0');
    const expectedStart = `${pad(start.getUTCDate())}.${pad(start.getUTCMonth() + 1)}.${start.getUTCFullYear()}, ${pad(start.getUTCHours())}:${pad(start.getUTCMinutes())}`;
    try {
      // Act
      const answer = await early.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: answers([kindergartens[0]!]) } }, { language: 'ru' });
      // Assess
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('campaign_not_started');
      expect(answer.body.error.message).toBe(`Кампания подтверждения ещё не началась. Начало: ${expectedStart} (время Казахстана).`);
      expect(await stored()).toEqual(before);
    } finally {
      runtime.clock.set(new Date());
    }
  });

  it('should refuse a parent with no queued application during the campaign, count nothing and write nothing', async () => {
    // Prepare: a parent whose every application is out of the queue (referred, enrolled, stopped or withdrawn)
    const seeded = runtime.seed!.data;
    const idle = seeded.parents.find((p) => {
      const own = seeded.applications.filter((a) => a.applicantIin === p.iin);
      return own.length > 0 && own.every((a) => a.status !== 'queued');
    });
    expect(idle).toBeDefined();
    const client = await loginParent(runtime, idle!);
    const before = await stored();
    // Act
    const answer = await client.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: answers([kindergartens[0]!]) } }, { language: 'en' });
    // Assess
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toBe('The survey confirms applications in the queue, and you have none in the queue. Your answers were not saved.');
    expect(await stored()).toEqual(before);
  });

  it('should confirm, answer and count in one write and two reads', async () => {
    // Prepare: today in Kazakhstan (UTC+5), the day the confirmation extends from
    confirmedOn = new Date(runtime.clock.now().getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
    // Act
    const answer = await parent.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: answers([kindergartens[0]!, kindergartens[1]!]) } });
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ replaced: false });
    expect(answer.body.confirmed).toBeGreaterThan(0);
    // The authorizer's session read, then the handler: one Query, one BatchGet, one transaction
    expect(JSON.parse(answer.headers.get('x-kezek-dynamodb-requests')!)).toEqual({ GetItemCommand: 1, QueryCommand: 1, BatchGetItemCommand: 1, TransactWriteItemsCommand: 1 });
    const cabinet = await parent.call('GET /api/cabinet/applications');
    expect(cabinet.body.applications.every((a: { confirmationNeeded: boolean }) => !a.confirmationNeeded)).toBe(true);
    const { answers: answerItems, counters, slices } = await stored();
    expect(answerItems).toHaveLength(1);
    expect(slices).toEqual(recountSlices(answerItems));
    expect(counters[`kindergartens#${kindergartens[0]}`]).toBe(1);
    const view = await parent.call('GET /api/cabinet/survey');
    expect(view.body.answer!.answers).toEqual(answers([kindergartens[0]!, kindergartens[1]!]));
    expect(view.body.kindergartens.find((k: { kindergartenId: string }) => k.kindergartenId === kindergartens[0])!.load.chosen).toBe(1);
  });

  it('should move the counters from the old kindergartens to the new ones on a re-submission, and extend nothing twice', async () => {
    // Prepare
    const before = await parent.call('GET /api/cabinet/applications');
    // Act
    const again = await parent.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: answers([kindergartens[2]!]) } });
    // Assess
    expect(again.body).toMatchObject({ replaced: true, confirmed: 0 });
    const { answers: answerItems, counters, slices } = await stored();
    expect(answerItems).toHaveLength(1);
    expect(slices).toEqual(recountSlices(answerItems));
    expect(counters[`kindergartens#${kindergartens[0]}`]).toBeUndefined();
    expect(counters[`kindergartens#${kindergartens[2]}`]).toBe(1);
    expect(counters['answers#total']).toBe(1);
    const after = await parent.call('GET /api/cabinet/applications');
    expect(after.body.applications.map((a: { validUntil: string }) => a.validUntil)).toEqual(before.body.applications.map((a: { validUntil: string }) => a.validUntil));
  });

  it('should answer with the date the confirmation gave, not a later validity one of the applications had anyway', async () => {
    // Prepare: a parent imported with two queued applications, one valid until 2031 already, the other until a year from today
    const staff = await loginStaff(runtime);
    const kindergarten = runtime.seed!.data.kindergartens.find((k) => k.languages.includes('ru'))!.kindergartenId;
    const applicant = { iin: makeIin('1990-03-03', 'female', 4321), phone: '+77015550101' };
    const row = (external: string, childIin: string, validUntil: string) =>
      [external, childIin, 'Тест Бала', applicant.iin, applicant.phone, 'Тест Ата-ана', '2024-01-10', 'none', kindergarten, 'ru', validUntil].join(',');
    const csv = [applicationColumns.join(','), row('VU-1', makeIin('2022-05-10', 'female', 4401), '2031-01-01'), row('VU-2', makeIin('2023-02-11', 'male', 4402), '')].join('\n');
    expect((await staff.call('POST /api/staff/imports/{kind}/rows', { params: { kind: 'applications' }, body: { csv, firstLine: 2 } })).body).toEqual({ kind: 'applications', written: 2 });
    const today = new Date(runtime.clock.now().getTime() + 5 * 3_600_000).toISOString().slice(0, 10); // Kazakhstan date
    const yearFromToday = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    const client = await loginParent(runtime, applicant);
    // Act
    const answer = await client.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: answers([kindergarten]) } });
    const again = await client.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: answers([kindergarten]) } });
    // Assess: both confirmed, the reply names the year's extension (also on a re-submission); the 2031 validity is kept
    expect(answer.body).toEqual({ confirmed: 2, validUntil: yearFromToday, replaced: false });
    expect(again.body).toEqual({ confirmed: 0, validUntil: yearFromToday, replaced: true });
    const cabinet = await client.call('GET /api/cabinet/applications');
    expect(cabinet.body.applications.map((a: { validUntil: string }) => a.validUntil).sort()).toEqual([yearFromToday, '2031-01-01'].sort());
  });

  const bad: [string, unknown, string][] = [
    ['missing answers', { version: currentSurvey().version, answers: {} }, 'answers.kindergartens'],
    ['4 kindergartens', { version: currentSurvey().version, answers: answers(['kg-001', 'kg-002', 'kg-003', 'kg-004']) }, 'answers.kindergartens'],
    ['duplicate kindergartens', { version: currentSurvey().version, answers: answers(['kg-001', 'kg-001']) }, 'answers.kindergartens'],
    ["a foreign tenant's kindergarten", { version: currentSurvey().version, answers: answers(['kg-999']) }, 'answers.kindergartens.0'],
    ['an unknown option', { version: currentSurvey().version, answers: { ...answers(['kg-001']), fee: { choice: 'free' } } }, 'answers.fee.choice'],
    ['a long other text', { version: currentSurvey().version, answers: { ...answers(['kg-001']), activities: { options: [], other: 'x'.repeat(201) } } }, 'answers.activities.other'],
    ['extra fields', { version: currentSurvey().version, answers: { ...answers(['kg-001']), mood: 'happy' } }, 'answers'],
    ['wrong types', { version: currentSurvey().version, answers: { ...answers(['kg-001']), digital: { options: 'android' } } }, 'answers.digital.options'],
    ['an old version', { version: 'kezek-1999-1', answers: answers(['kg-001']) }, 'version'],
  ];

  it.each(bad)('should refuse %s with 400, field errors in the language asked for, and write nothing', async (_name, body, path) => {
    // Prepare
    const before = await stored();
    // Act
    const answer = await parent.request('POST', '/api/cabinet/survey', { body, language: 'kk' });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe('Енгізілген деректерді тексеріңіз.');
    expect(answer.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    expect(await stored()).toEqual(before);
  });

  it('should refuse a submission after the end with a pointer to restoring', async () => {
    runtime.clock.advance(31 * 86_400_000);
    const late = await loginParent(runtime, runtime.seed!.data.parents.find((p) => p.iin === parentIin)!);
    const answer = await late.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: answers([kindergartens[0]!]) } }, { language: 'ru' });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toContain('Вернуть в очередь');
    runtime.clock.set(new Date());
  });

  it('should still show the answer and the date it extended the applications to once the campaign has closed', async () => {
    // Prepare: the parent's answer (sent above: the third kindergarten), the date it gave, then the campaign's end and its close
    const yearFromToday = `${Number(confirmedOn.slice(0, 4)) + 1}${confirmedOn.slice(4)}`;
    const endsAt = (await parent.call('GET /api/cabinet/survey')).body.campaign!.endsAt as string;
    runtime.clock.set(new Date(Date.parse(endsAt) + 1000));
    await settle(runtime);
    const staff = await loginStaff(runtime);
    expect((await staff.call('GET /api/staff/campaigns/{campaignId}', { params: { campaignId } })).body.campaign.status).toBe('closed');
    const late = await loginParent(runtime, runtime.seed!.data.parents.find((p) => p.iin === parentIin)!);
    // Act
    const view = await late.call('GET /api/cabinet/survey');
    // Assess: no running campaign, the answer of the closed one with its date
    expect(view.status).toBe(200);
    expect(view.body.campaign).toBeNull();
    expect(view.body.answer).toEqual({ answers: answers([kindergartens[2]!]), submittedAt: expect.any(String), validUntil: yearFromToday, campaignId, closed: true });
  });

  it('should show no answer and no campaign to a parent who never answered, once the campaign has closed', async () => {
    // Prepare: a parent of the seed who sent no answer (the campaign closed in the test above)
    const other = runtime.seed!.data.parents.find((p) => p.iin !== parentIin)!;
    const client = await loginParent(runtime, other);
    // Act
    const view = await client.call('GET /api/cabinet/survey');
    // Assess
    expect(view.status).toBe(200);
    expect(view.body.campaign).toBeNull();
    expect(view.body.answer).toBeNull();
  });
});

