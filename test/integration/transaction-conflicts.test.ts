import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import { parentAccountId } from '#domain/accounts';
import { counterShardOf } from '#domain/counter-shards';
import { currentSurvey } from '#domain/survey-definition';
import { openSession } from '#use-cases/sessions';
import type { LocalRuntime } from '../../local/runtime.ts';
import { recountSlices, storedAnswersAndSlices } from '../support/aggregates.ts';
import { loginStaff, startCampaignNow, startTestRuntime } from '../support/runtime.ts';
import { callAs } from '../support/worlds.ts';

/**
 * DynamoDB cancels transactions that overlap on an item; DynamoDB Local does not, so the local
 * runtime emulates it (local/transaction-conflicts.ts). Survey submissions used to add to the same
 * aggregate counters in their transactions, so a crowd of them at once was where AWS would cancel;
 * now a submission writes only the parent's own items and the aggregation moves the counters from
 * the answers' stream (decision 54), its own transactions in the same emulation. What still
 * overlaps (one parent's items written twice at once) must be retried and answered 409 "try
 * again" when the retries run out, never 500.
 */
let runtime: LocalRuntime;
let campaignId: string;
let applicants: string[];

const crowd = 150;

beforeAll(async () => {
  // No sender: the start's SMS stay queued (nothing here is about SMS; outbox.test.ts sends them)
  runtime = await startTestRuntime(900, { smsSender: false });
  const staff = await loginStaff(runtime);
  campaignId = await startCampaignNow(runtime, staff);
  const pending = new Set<string>();
  let next: string | undefined;
  do {
    const page = await dependencies().applications.pendingPage('temirtau', campaignId, next, 1_000);
    for (const a of page.applications) pending.add(a.applicantIin);
    next = page.next;
  } while (next);
  applicants = [...pending];
}, 300_000);

afterAll(async () => {
  await runtime?.stop();
});

/** A session cookie opened the way the login route opens one (the SMS step is not what is tested here). */
async function sessionCookie(iin: string): Promise<string> {
  const { token } = await openSession(dependencies().auth, { role: 'parent', accountId: parentAccountId(iin), displayName: 'Parent', iin }, runtime.clock.now());
  return `kezek_session=${token}`;
}

function submit(cookie: string, i: number, language = 'en') {
  const kindergartens = runtime.seed!.data.kindergartens;
  const answers = {
    kindergartens: [kindergartens[i % kindergartens.length]!.kindergartenId],
    ownership: { choice: ['any', 'state', 'private'][i % 3]!, reasons: [] },
    language: { choice: i % 2 ? 'kk' : 'ru' },
    fee: { choice: ['up-to-10000', 'up-to-20000', 'up-to-50000'][i % 3]! },
    activities: { options: i % 4 ? ['chess'] : [] },
    digital: { options: i % 3 ? ['android'] : ['ios'] },
  };
  return callAs(runtime.url, { name: 'parent', cookie }, 'POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers } }, { language }).then((answer) => ({ status: answer.status, body: answer.body }));
}

describe(`${crowd} survey submissions at once, with DynamoDB's transaction conflicts emulated`, () => {
  it('should accept every one (no item shared between parents), and keep the counters equal to a recount once the aggregation caught up', async () => {
    // Prepare
    expect(applicants.length).toBeGreaterThanOrEqual(crowd + 2);
    const cookies = await Promise.all(applicants.slice(0, crowd).map(sessionCookie));
    runtime.transactionConflicts!.resetTotals();
    // Act: all at once
    const answers = await Promise.all(cookies.map((cookie, i) => submit(cookie, i)));
    // Assess
    const statuses = answers.map((a) => a.status);
    const { transactions, conflicts } = runtime.transactionConflicts!.totals;
    const ok = statuses.filter((s) => s === 200).length;
    const tryAgain = statuses.filter((s) => s === 409).length;
    console.info(`[conflicts] ${crowd} submissions: 200×${ok}, 409×${tryAgain} (${((100 * tryAgain) / crowd).toFixed(1)} %); ${transactions} transactions sent, ${conflicts} cancelled for TransactionConflict`);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(transactions).toBeGreaterThanOrEqual(crowd);
    const { answers: stored, slices } = await storedAnswersAndSlices(runtime, 'temirtau', campaignId);
    expect(stored).toHaveLength(crowd);
    expect(slices).toEqual(recountSlices(stored));
  }, 300_000);

  it('should answer 409 with the localized "try again" when the parent\'s items stay contended through every retry, and write nothing', async () => {
    // Prepare: one submission commits, then every transaction on its items (the answer, the
    // applications) is refused for a minute; the same parent then changes the answer
    const [first] = await Promise.all(applicants.slice(crowd, crowd + 1).map(sessionCookie));
    runtime.transactionConflicts!.configure({ windowMs: 60_000 });
    try {
      expect((await submit(first!, 1)).status).toBe(200);
      const before = await storedAnswersAndSlices(runtime, 'temirtau', campaignId);
      // Act
      const refused = await submit(first!, 2, 'ru');
      // Assess
      expect(refused.status).toBe(409);
      expect(refused.body.error).toEqual({ code: 'try_again', message: 'Сейчас одновременно вносится много изменений, поэтому ничего не сохранено. Повторите через несколько секунд.' });
      expect(await storedAnswersAndSlices(runtime, 'temirtau', campaignId)).toEqual(before);
    } finally {
      runtime.transactionConflicts!.configure({ windowMs: 5 });
    }
  }, 60_000);

  it('should accept another parent while the first parent\'s items stay contended, and the aggregation catch up on other counter shards', async () => {
    // Prepare: one submission commits and its items (and the counter shard the aggregation moved
    // for it) stay contended for a minute; another parent shares no item with it, and the
    // aggregation's retry moves its counters to another shard
    const firstIin = applicants[crowd + 1]!;
    const secondIin = applicants.slice(crowd + 2).find((iin) => counterShardOf(iin) !== counterShardOf(firstIin))!;
    const [first, second] = await Promise.all([firstIin, secondIin].map(sessionCookie));
    runtime.transactionConflicts!.configure({ windowMs: 60_000 });
    try {
      expect((await submit(first!, 3)).status).toBe(200);
      // Act
      const accepted = await submit(second!, 4);
      // Assess: with the counters in the submission's transaction this was 409 try_again
      expect(accepted.status).toBe(200);
      const { answers: stored, slices } = await storedAnswersAndSlices(runtime, 'temirtau', campaignId);
      expect(slices).toEqual(recountSlices(stored));
    } finally {
      runtime.transactionConflicts!.configure({ windowMs: 5 });
    }
  }, 60_000);
});
