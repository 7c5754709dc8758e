import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSurveyVersionForTests, surveyDefinition, type SurveyDefinition } from '#domain/survey-definition';
import type { LocalRuntime } from '../../local/runtime.ts';
import { aggregated, loginParent, loginStaff, parentsAwaitingConfirmation, settle, startTestRuntime, type Client, type RouteInput } from '../support/runtime.ts';

/**
 * Survey versions are real (issue 15 item 3): a test-only version with a 7th question of an
 * existing kind runs through settings, the campaign that records it, the submission, the
 * dashboard, the answers export and "View survey", and a campaign keeps its questions after the
 * department chooses another version.
 */
const released = surveyDefinition('kezek-2026-2')!;
const sevenQuestions: SurveyDefinition = {
  version: 'kezek-test-7',
  questions: [
    ...released.questions,
    {
      id: 'transport',
      kind: 'single',
      title: { kk: 'Балаңызды балабақшаға қалай апарасыз?', ru: 'Как вы будете добираться до детского сада?', en: 'How will you get to the kindergarten?' },
      options: [
        { id: 'walk', label: { kk: 'Жаяу', ru: 'Пешком', en: 'On foot' } },
        { id: 'bus', label: { kk: 'Автобуспен', ru: 'На автобусе', en: 'By bus' } },
        { id: 'car', label: { kk: 'Көлікпен', ru: 'На машине', en: 'By car' } },
      ],
    },
  ],
};
// Before the runtime serves its first request: the route schemas are built from the versions on first use.
addSurveyVersionForTests(sevenQuestions);

let runtime: LocalRuntime;
let staff: Client;
let parent: Client;
let parentIin: string;
let campaignId: string;
let kindergartenId: string;

const sixAnswers = (kindergarten: string) => ({
  kindergartens: [kindergarten],
  ownership: { choice: 'state', reasons: ['quality'] },
  language: { choice: 'kk' },
  fee: { choice: 'up-to-20000' },
  activities: { options: ['chess'] },
  digital: { options: ['android'] },
});

/** The settings as read are looser than a save (categories as plain strings): a save sends back what was read. */
type SettingsBody = RouteInput<'PUT /api/staff/settings'>['body'];

async function chooseVersion(surveyVersion: string): Promise<void> {
  const read = await staff.call('GET /api/staff/settings');
  const { version, policy, contacts, languages } = read.body.settings;
  const saved = await staff.call('PUT /api/staff/settings', { body: { version, policy: policy as SettingsBody['policy'], surveyVersion, contacts, languages } });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

beforeAll(async () => {
  runtime = await startTestRuntime(200);
  staff = await loginStaff(runtime);
  // Prepare: the department chooses the 7-question version, then creates and starts a campaign
  await chooseVersion('kezek-test-7');
  const now = runtime.clock.now();
  const created = await staff.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 30 * 86_400_000).toISOString() } });
  campaignId = created.body.campaign.campaignId;
  expect((await staff.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId } })).status).toBe(202);
  await settle(runtime);
  // A parent with an application waiting for confirmation
  const [waiting] = await parentsAwaitingConfirmation(runtime, 1);
  parent = waiting!.client;
  parentIin = waiting!.iin;
  kindergartenId = runtime.seed!.data.kindergartens[0]!.kindergartenId;
});

afterAll(async () => {
  await runtime?.stop();
});

describe('a survey version with a 7th question', () => {
  it('should show the parent the seven questions of the campaign', async () => {
    const survey = await parent.call('GET /api/cabinet/survey', {}, { language: 'ru' });
    expect(survey.status).toBe(200);
    expect(survey.body.definition.version).toBe('kezek-test-7');
    expect(survey.body.definition.questions.map((q: { id: string }) => q.id)).toEqual(['kindergartens', 'ownership', 'language', 'fee', 'activities', 'digital', 'transport']);
    expect(survey.body.definition.questions[6]).toEqual({
      id: 'transport',
      kind: 'single',
      title: { kk: 'Балаңызды балабақшаға қалай апарасыз?', ru: 'Как вы будете добираться до детского сада?', en: 'How will you get to the kindergarten?' },
      options: [
        { id: 'walk', label: { kk: 'Жаяу', ru: 'Пешком', en: 'On foot' } },
        { id: 'bus', label: { kk: 'Автобуспен', ru: 'На автобусе', en: 'By bus' } },
        { id: 'car', label: { kk: 'Көлікпен', ru: 'На машине', en: 'By car' } },
      ],
    });
  });

  it('should refuse the six answers of the released version with 409 and write nothing', async () => {
    // Act: a page opened under the other version
    const sent = await parent.call('POST /api/cabinet/survey', { body: { version: 'kezek-2026-2', answers: sixAnswers(kindergartenId) } }, { language: 'en' });
    // Assess
    expect(sent.status).toBe(409);
    expect(sent.body.error).toMatchObject({ code: 'survey_version_changed', message: 'The survey’s questions have changed. Reload the page and fill in the survey again.' });
    const dashboard = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId } });
    expect(dashboard.body.answers).toBe(0);
  });

  it('should refuse seven answers without the 7th with a field error on it', async () => {
    const sent = await parent.call('POST /api/cabinet/survey', { body: { version: 'kezek-test-7', answers: sixAnswers(kindergartenId) } }, { language: 'en' });
    expect(sent.status).toBe(400);
    expect(sent.body.error.fields).toEqual([expect.objectContaining({ path: 'answers.transport' })]);
  });

  it('should take the seven answers and count the 7th on the dashboard and in both exports', async () => {
    // Act
    const sent = await parent.call('POST /api/cabinet/survey', { body: { version: 'kezek-test-7', answers: { ...sixAnswers(kindergartenId), transport: { choice: 'bus' } } } });
    // Assess
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    // The counters follow the answer through the stream (decision 54)
    await aggregated(runtime);
    const dashboard = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId } });
    expect(dashboard.body.answers).toBe(1);
    const transport = dashboard.body.questions.find((q: { id: string }) => q.id === 'transport');
    expect(transport!.options.map((o: { id: string; count: number }) => [o.id, o.count])).toEqual([
      ['walk', 0],
      ['bus', 1],
      ['car', 0],
    ]);
    const answers = await exported('answers', 'ru');
    const [header, row] = answers.split('\r\n').filter(Boolean).map((line) => line.replace(/^\uFEFF/, '').split(';'));
    expect(header!.at(-1)).toBe('Как вы будете добираться до детского сада?');
    expect(row!.at(-1)).toBe('На автобусе');
    const aggregates = await exported('aggregates', 'en');
    expect(aggregates).toContain('All,All,How will you get to the kindergarten?,By bus,1,,\r\n');
  });

  it('should keep the campaign’s seven questions after the department chooses the released version for the next one', async () => {
    // Act
    await chooseVersion('kezek-2026-2');
    // Assess: the running campaign, its dashboard, and after its close "View survey", still ask seven
    const survey = await parent.call('GET /api/cabinet/survey');
    expect(survey.body.definition.version).toBe('kezek-test-7');
    const dashboard = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId } });
    expect(dashboard.body.questions.map((q: { id: string }) => q.id)).toEqual(['ownership', 'language', 'fee', 'activities', 'digital', 'transport']);
    runtime.clock.set(new Date(Date.parse(survey.body.campaign!.endsAt) + 1000));
    await settle(runtime);
    const late = await loginParent(runtime, runtime.seed!.data.parents.find((p) => p.iin === parentIin)!);
    const view = await late.call('GET /api/cabinet/survey');
    expect(view.body.campaign).toBeNull();
    expect(view.body.definition.version).toBe('kezek-test-7');
    expect(view.body.answer!.answers.transport).toEqual({ choice: 'bus' });
  });

  it('should ask the next campaign the version the department chose', async () => {
    staff = await loginStaff(runtime); // a month later: a new session
    const now = runtime.clock.now();
    const created = await staff.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear() + 1, startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 30 * 86_400_000).toISOString() } });
    expect(created.status).toBe(201);
    const next = created.body.campaign.campaignId as string;
    const dashboard = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId: next } });
    expect(dashboard.body.questions.map((q: { id: string }) => q.id)).toEqual(['ownership', 'language', 'fee', 'activities', 'digital']);
  });
});

/** Runs an export to the end and gives the file's text. */
async function exported(kind: 'answers' | 'aggregates', language: 'ru' | 'en'): Promise<string> {
  const started = await staff.call('POST /api/staff/campaigns/{campaignId}/exports', { params: { campaignId }, body: { kind, language } });
  expect(started.status).toBe(202);
  await settle(runtime);
  const done = await staff.call('GET /api/staff/campaigns/{campaignId}/exports/{exportId}', { params: { campaignId, exportId: started.body.export.exportId } });
  const file = await fetch(`${runtime.url}${done.body.export.downloadUrl}`);
  return (await file.text()).replace(/^\uFEFF/, '');
}
