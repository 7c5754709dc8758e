import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import { currentSurvey } from '#domain/survey-definition';
import type { LocalRuntime } from '../../local/runtime.ts';
import { recountSlices, storedAnswersAndSlices } from '../support/aggregates.ts';
import { aggregated, loginStaff, parentsAwaitingConfirmation, startCampaignNow, startTestRuntime, type Client } from '../support/runtime.ts';

let runtime: LocalRuntime;
let staff: Client;
let campaignId: string;
let parents: { client: Client; iin: string }[] = [];
let kindergartenIds: string[] = [];
/** Applications the accepted first submissions confirmed (those pending in the campaign are what its `confirmed` counts). */
let confirmedByParents = 0;

/** The i-th parent's answers: kindergartens across districts, options cycling. */
function answersOf(i: number) {
  const pick = (offset: number) => kindergartenIds[(i * 5 + offset) % kindergartenIds.length]!;
  return {
    kindergartens: i % 2 === 0 ? [pick(0)] : [pick(0), pick(9)],
    ownership: { choice: ['any', 'state', 'private'][i % 3]!, reasons: ['quality'] },
    language: { choice: i % 2 === 0 ? 'ru' : 'kk' },
    fee: { choice: 'up-to-20000' },
    activities: { options: i % 2 === 0 ? ['chess'] : ['football', 'drawing'] },
    digital: { options: i % 3 === 0 ? [] : ['android'] },
  };
}

async function submit(parent: { client: Client }, i: number) {
  const sent = await parent.client.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: answersOf(i) } });
  if (sent.status !== 200) throw new Error(`survey answered ${sent.status}`);
  return sent.body as { confirmed: number; replaced: boolean };
}

async function dashboard() {
  const answer = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId } });
  expect(answer.status).toBe(200);
  return answer.body as { answers: number; progress: { confirmed: number; inScope: number }; byDay: { confirmed: number }[]; kindergartens: { kindergartenId: string; chosen: number }[]; questions: { id: string; options: { id: string; count: number }[] }[] };
}

/** Every count the dashboard shows against the recount of the `all` slice from the answers themselves. */
function expectCountsEqual(view: Awaited<ReturnType<typeof dashboard>>, answers: readonly Record<string, unknown>[]) {
  const recount = recountSlices(answers).all ?? {};
  const count = (key: string) => recount[key] ?? 0;
  expect(view.answers).toBe(count('answers#total'));
  for (const k of view.kindergartens) expect(k.chosen, k.kindergartenId).toBe(count(`kindergartens#${k.kindergartenId}`));
  for (const q of view.questions) for (const o of q.options) expect(o.count, `${q.id}#${o.id}`).toBe(count(`${q.id}#${o.id}`));
}

beforeAll(async () => {
  runtime = await startTestRuntime(300);
  staff = await loginStaff(runtime);
  campaignId = await startCampaignNow(runtime, staff);
  kindergartenIds = runtime.seed!.data.kindergartens.map((k) => k.kindergartenId);
  parents = await parentsAwaitingConfirmation(runtime, 8);
});

afterAll(async () => {
  await runtime?.stop();
});

describe('the aggregation off the request path (decision 54)', () => {
  it('should count each answer once, move re-submissions by their difference, and stay equal to a recount when every stream record is delivered again', async () => {
    // Arrange: eight parents answer, three change their minds (another first choice, other options)
    for (const [i, parent] of parents.entries()) confirmedByParents += (await submit(parent, i)).confirmed;
    for (const i of [1, 4, 6]) expect((await submit(parents[i]!, i + 21)).replaced).toBe(true);
    await aggregated(runtime);
    const first = await dashboard();
    const stored = await storedAnswersAndSlices(runtime, 'temirtau', campaignId);
    const pendingBefore = await dependencies().applications.countPending('temirtau', campaignId);
    // Act: the stream hands every record again (at least once), with new changes in between
    runtime.answerStream.redeliverAll();
    expect((await submit(parents[2]!, 40)).replaced).toBe(true);
    await aggregated(runtime);
    runtime.answerStream.redeliverAll();
    await aggregated(runtime);
    // Assess: before the redelivery, the counters equalled a recount of the answers
    expect(stored.answers).toHaveLength(8);
    expect(stored.slices).toEqual(recountSlices(stored.answers));
    expectCountsEqual(first, stored.answers);
    expect(first.answers).toBe(8);
    expect(first.progress.confirmed).toBeGreaterThan(0);
    expect(first.progress.confirmed).toBeLessThanOrEqual(confirmedByParents);
    expect(first.progress.inScope).toBe(first.progress.confirmed + pendingBefore);
    // ... and after it: the one new change counted, nothing twice
    const after = await storedAnswersAndSlices(runtime, 'temirtau', campaignId);
    const view = await dashboard();
    expect(after.answers).toHaveLength(8);
    expect(after.slices).toEqual(recountSlices(after.answers));
    expectCountsEqual(view, after.answers);
    expect(view.answers).toBe(8);
    expect(view.progress.confirmed).toBe(first.progress.confirmed);
    expect(view.progress.inScope).toBe(view.progress.confirmed + (await dependencies().applications.countPending('temirtau', campaignId)));
    expect(view.byDay.reduce((sum, day) => sum + day.confirmed, 0)).toBe(first.progress.confirmed);
    expect(runtime.answerStream.totals.failedInvocations).toBe(0);
  });

  it('should write no shared item in the submission: one transaction of the parent\'s own items', async () => {
    // Arrange: the consumer paused and caught up, so only the submission's transaction is seen
    const [parent] = await parentsAwaitingConfirmation(runtime, 1);
    runtime.answerStream.pause();
    await aggregated(runtime);
    const written: string[] = [];
    const stack = (await import('#adapters/dynamodb/client')).dynamoDocumentClient().middlewareStack;
    stack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') {
          for (const item of (args.input as { TransactItems: Record<string, { TableName: string }>[] }).TransactItems) written.push(Object.values(item)[0]!.TableName);
        }
        return next(args);
      },
      { step: 'initialize', name: 'answerAggregationTestTables' },
    );
    try {
      // Act
      await submit(parent!, 3);
    } finally {
      stack.remove('answerAggregationTestTables');
      runtime.answerStream.resume();
    }
    // Assess: answers, applications and notifications only; no aggregates, no campaign counters
    expect(new Set(written)).toEqual(new Set([runtime.tableNames.answers, runtime.tableNames.applications, runtime.tableNames.notifications]));
  });
});
