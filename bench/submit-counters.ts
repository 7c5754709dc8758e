import { pathToFileURL } from 'node:url';
import type { MiddlewareStack } from '@smithy/types';
import { dependencies } from '#adapters/dependencies';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { currentSurvey } from '#domain/survey-definition';
import { forEachLimited } from '#functions/concurrency';
import type { LocalRuntime } from '../local/runtime.ts';
import { loginParent, type Client } from '../test/support/runtime.ts';
import { startBenchRuntime } from './local-api.ts';
import { variedAnswers } from './answers.ts';

export interface SubmitRun {
  readonly submissions: number;
  readonly ok: number;
  readonly tryAgain: number;
  /** Anything else (a 500 when a local Lambda or DynamoDB Local timed out on a loaded machine). */
  readonly failed: number;
  readonly seconds: number;
  /** Accepted submissions per second. */
  readonly perSecond: number;
  readonly transactions: number;
  readonly conflicts: number;
  /** Per table: how often one of its items was the contended one in a cancelled transaction. */
  readonly contendedOn: Record<string, number>;
}

export interface SubmitCountersMeasurement {
  readonly concurrency: number;
  /** The submissions with the aggregation (the stream consumer) running beside them. */
  readonly withCounters: SubmitRun;
  /** The same number of other parents' submissions with the consumer paused and no counter written. */
  readonly withoutCounters: SubmitRun;
  /** Seconds from a round's last submission with counters to the consumer having applied every change (the most of the rounds: the dashboard's lag at the end of a burst). */
  readonly aggregationCatchUpSeconds: number;
  /** Records the consumer was handed and its invocations that failed (and were handed again) during the run with counters. */
  readonly aggregation: { readonly handed: number; readonly failedInvocations: number };
  /** withCounters.perSecond ÷ withoutCounters.perSecond. */
  readonly ratio: number;
}

/** Polls the answers stream until the consumer has nothing left. */
async function catchUp(runtime: LocalRuntime): Promise<void> {
  for (let round = 0; round < 1000; round++) if ((await runtime.answerStream.poll()) === 0) return;
  throw new Error('the aggregation did not catch up');
}

/**
 * Bench-only: drops the counter writes (aggregate slices, campaign counter shards) from every
 * transaction before the conflict emulation sees it, so the same submissions can be timed without
 * them. Never part of the application: the counters would drift.
 */
function withoutCounterWrites(stack: MiddlewareStack<any, any>, tableNames: LocalRuntime['tableNames']): () => void {
  const name = 'kezekBenchWithoutCounters';
  stack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const input = args.input as { TransactItems: { Update?: { TableName: string; Key: Record<string, unknown> } }[] };
      const kept = input.TransactItems.filter(({ Update }) => !(Update && (Update.TableName === tableNames.aggregates || (Update.TableName === tableNames.campaigns && Update.Key.campaignId === 'counts'))));
      return next({ ...args, input: { ...input, TransactItems: kept } });
    },
    { step: 'initialize', name, priority: 'high' },
  );
  return () => stack.remove(name);
}

/** Rounds of each side, alternated (see `measureSubmitCounters`). */
const rounds = 4;

/** Several runs as one: their submissions and seconds added up. */
function combined(runs: readonly SubmitRun[]): SubmitRun {
  const sum = (pick: (run: SubmitRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const contendedOn: Record<string, number> = {};
  for (const run of runs) for (const [table, count] of Object.entries(run.contendedOn)) contendedOn[table] = (contendedOn[table] ?? 0) + count;
  const seconds = sum((r) => r.seconds);
  const ok = sum((r) => r.ok);
  return { submissions: sum((r) => r.submissions), ok, tryAgain: sum((r) => r.tryAgain), failed: sum((r) => r.failed), seconds, perSecond: ok / seconds, transactions: sum((r) => r.transactions), conflicts: sum((r) => r.conflicts), contendedOn };
}

async function submitAll(runtime: LocalRuntime, clients: readonly Client[], offset: number, concurrency: number): Promise<SubmitRun> {
  runtime.transactionConflicts!.resetTotals();
  const statuses: number[] = [];
  const started = performance.now();
  await forEachLimited([...clients.entries()], concurrency, async ([i, client]) => {
    const answer = await client.request('POST', '/api/cabinet/survey', { body: { version: currentSurvey().version, answers: variedAnswers(runtime, offset + i) } });
    statuses.push(answer.status);
  });
  const seconds = (performance.now() - started) / 1000;
  const ok = statuses.filter((s) => s === 200).length;
  const tryAgain = statuses.filter((s) => s === 409).length;
  const contendedOn = Object.fromEntries(runtime.transactionConflicts!.contended.map(([table, count]) => [table.replace(/^.*?-/, ''), count]));
  return { submissions: clients.length, ok, tryAgain, failed: clients.length - ok - tryAgain, seconds, perSecond: ok / seconds, ...runtime.transactionConflicts!.totals, contendedOn };
}

/**
 * Survey submissions per second at `concurrency` with the transaction-conflict emulation on
 * (the runtime's default), varied answers: `submissions` parents with the counters (the
 * aggregation consuming the answers' stream beside them, its transactions in the same emulation)
 * and as many other parents of the same campaign with the consumer paused and any counter write
 * dropped, in alternating rounds. One runtime, so both sides see the same tables.
 */
export async function measureSubmitCounters(options: { applicationCount: number; submissions: number; concurrency: number; log: (line: string) => void }): Promise<SubmitCountersMeasurement> {
  // The same runtime as the survey load: the demo tenant seeded and a campaign started now.
  const { runtime } = await startBenchRuntime(options.applicationCount);
  const { campaignId } = runtime;
  try {
    if (!runtime.transactionConflicts) throw new Error('the transaction-conflict emulation is off');

    const pendingParents = new Set<string>();
    let next: string | undefined;
    do {
      const page = await dependencies().applications.pendingPage('temirtau', campaignId, next, 1000);
      for (const application of page.applications) pendingParents.add(application.applicantIin);
      next = page.next;
    } while (next && pendingParents.size < 2 * options.submissions);
    const parents = runtime.seed!.data.parents.filter((p) => pendingParents.has(p.iin)).slice(0, 2 * options.submissions);
    if (parents.length < 2 * options.submissions) throw new Error(`only ${parents.length} parents with pending applications`);
    const clients: Client[] = [];
    await forEachLimited(parents, 8, async (parent) => {
      clients.push(await loginParent(runtime, parent));
    });
    // Rounds in the order with, without, without, with, … (ABBA): the machine's drift and the
    // warm-up weigh on both sides alike. With counters, the aggregation consumes the answers'
    // stream in the background while the parents submit (decision 54); without, it is paused and
    // any counter write a transaction still carried is dropped.
    const withRuns: SubmitRun[] = [];
    const withoutRuns: SubmitRun[] = [];
    let aggregationCatchUpSeconds = 0;
    await catchUp(runtime);
    const handedBefore = runtime.answerStream.totals;
    const perRound = Math.ceil(options.submissions / rounds);
    const withClients = clients.slice(0, options.submissions);
    const withoutClients = clients.slice(options.submissions);
    for (let round = 0; round < rounds; round++) {
      const part = (list: readonly Client[]) => list.slice(round * perRound, (round + 1) * perRound);
      const runWith = async () => {
        withRuns.push(await submitAll(runtime, part(withClients), round * perRound, options.concurrency));
        const lastSubmission = performance.now();
        await catchUp(runtime);
        aggregationCatchUpSeconds = Math.max(aggregationCatchUpSeconds, (performance.now() - lastSubmission) / 1000);
      };
      const runWithout = async () => {
        runtime.answerStream.pause();
        const restore = withoutCounterWrites(dynamoDocumentClient().middlewareStack, runtime.tableNames);
        try {
          withoutRuns.push(await submitAll(runtime, part(withoutClients), options.submissions + round * perRound, options.concurrency));
        } finally {
          restore();
          runtime.answerStream.resume();
        }
        // Their changes are applied now, untimed: the next round with counters consumes its own only.
        await catchUp(runtime);
      };
      if (round % 2 === 0) {
        await runWith();
        await runWithout();
      } else {
        await runWithout();
        await runWith();
      }
    }
    const withCounters = combined(withRuns);
    const withoutCounters = combined(withoutRuns);
    const aggregation = { handed: runtime.answerStream.totals.handed - handedBefore.handed, failedInvocations: runtime.answerStream.totals.failedInvocations - handedBefore.failedInvocations };
    options.log(`    with counters (${rounds} rounds): ${withCounters.ok}/${withCounters.submissions} accepted, ${withCounters.tryAgain} × 409, ${withCounters.failed} failed, ${withCounters.perSecond.toFixed(1)}/s (rounds: ${withRuns.map((r) => r.perSecond.toFixed(1)).join(', ')}), ${withCounters.conflicts} of ${withCounters.transactions} transactions cancelled for TransactionConflict (contended items by table: ${JSON.stringify(withCounters.contendedOn)}); the aggregation caught up at most ${aggregationCatchUpSeconds.toFixed(2)} s after a round's last submission (${aggregation.handed} records, ${aggregation.failedInvocations} failed invocations)`);
    options.log(`    without counters: ${withoutCounters.ok}/${withoutCounters.submissions} accepted, ${withoutCounters.perSecond.toFixed(1)}/s (rounds: ${withoutRuns.map((r) => r.perSecond.toFixed(1)).join(', ')}), ${withoutCounters.conflicts} of ${withoutCounters.transactions} cancelled`);
    return { concurrency: options.concurrency, withCounters, withoutCounters, aggregationCatchUpSeconds, aggregation, ratio: withCounters.perSecond / withoutCounters.perSecond };
  } finally {
    await runtime.stop();
  }
}

// `node --import tsx bench/submit-counters.ts`: this part alone, for a quick look at low scale.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const measured = await measureSubmitCounters({
    applicationCount: Number(process.env.KEZEK_BENCH_DEMO_APPLICATIONS ?? 5_200),
    submissions: Number(process.env.KEZEK_BENCH_SUBMISSIONS ?? 1_000),
    concurrency: 200,
    log: console.log,
  });
  console.log(JSON.stringify(measured, null, 2));
}
