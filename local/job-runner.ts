import type { Context } from 'aws-lambda';
import { jobFor, type JobDefinition } from '#functions/jobs/jobs';
import type { JobRunner, LocalScheduler } from '#adapters/local/local-scheduler';
import type { JobTask } from '#ports/scheduler';
import { withGrants } from './grants.ts';
import { scaledTimeoutMs, withinTimeout } from './lambda-timeout.ts';
import { lambdaContext } from './server.ts';

type JobHandler = (task: JobTask, context: Context) => Promise<void>;

export interface JobRunnerOptions {
  /** How a job's handler is loaded (default: its module in `functions/handlers/`, as its Lambda function is built). */
  readonly load?: (job: JobDefinition) => Promise<JobHandler>;
  /** The time limit of an invocation (default: the job table's `timeoutSeconds`, as the CDK sets it, times `timeoutScale`). */
  readonly timeoutMs?: (job: JobDefinition) => number;
  /** Multiplies every job's Lambda timeout (default 1; see `scaledTimeoutMs`). */
  readonly timeoutScale?: number;
  /**
   * The page size given to the jobs that page through the queue (`PagedTask`: the start, the close,
   * the positions) when their task names none: with `timeoutScale`, a small world hands over as a
   * city does under the real limits, without a page long enough to overrun the shorter limit.
   */
  readonly pageSize?: number;
}

const pagedKinds: ReadonlySet<JobTask['kind']> = new Set(['campaign-preview', 'campaign-start', 'campaign-close', 'recompute-positions', 'export']);

/** The task as the runner hands it over: with the runner's page size when it pages and names none. */
function withPageSize(task: JobTask, pageSize: number | undefined): JobTask {
  return pageSize !== undefined && pagedKinds.has(task.kind) && !('pageSize' in task && task.pageSize !== undefined) ? ({ ...task, pageSize } as JobTask) : task;
}

/** One invocation as the local runner saw it: how long it ran against its limit. */
export interface JobInvocation {
  readonly kind: JobDefinition['kind'];
  readonly ms: number;
  readonly limitMs: number;
  readonly outcome: 'completed' | 'failed';
}

const invocations: JobInvocation[] = [];

/** Every invocation the local job runners of this process made since the last reset (oldest first). */
export function jobInvocations(): readonly JobInvocation[] {
  return invocations;
}

export function resetJobInvocations(): void {
  invocations.length = 0;
}

/** Per job kind: invocations, the longest, and the longest ÷ its limit (what decision 42 keeps ≤ 0.5). */
export function longestInvocations(of: readonly JobInvocation[] = invocations): Map<JobDefinition['kind'], { count: number; longestMs: number; limitMs: number; ratio: number }> {
  const byKind = new Map<JobDefinition['kind'], { count: number; longestMs: number; limitMs: number; ratio: number }>();
  for (const invocation of of) {
    const seen = byKind.get(invocation.kind);
    const ratio = invocation.ms / invocation.limitMs;
    byKind.set(invocation.kind, {
      count: (seen?.count ?? 0) + 1,
      ...(seen && seen.ratio >= ratio ? { longestMs: seen.longestMs, limitMs: seen.limitMs, ratio: seen.ratio } : { longestMs: invocation.ms, limitMs: invocation.limitMs, ratio }),
    });
  }
  return byKind;
}

const loadHandler = async (job: JobDefinition): Promise<JobHandler> => ((await import(`../functions/handlers/${job.handler}.ts`)) as { handler: JobHandler }).handler;

/** Runs a job through the same handler its Lambda function runs, with its grants and within its timeout. */
export function jobRunner(options: JobRunnerOptions = {}): JobRunner {
  return async (task) => {
    const job = jobFor(task.kind);
    const handler = await (options.load ?? loadHandler)(job);
    const timeoutMs = options.timeoutMs?.(job) ?? scaledTimeoutMs(job.timeoutSeconds, options.timeoutScale);
    const started = performance.now();
    let outcome: JobInvocation['outcome'] = 'failed';
    try {
      await withGrants(job.handler, job.grants, () => withinTimeout(() => handler(withPageSize(task, options.pageSize), lambdaContext(job.handler, timeoutMs / 1000)), timeoutMs));
      outcome = 'completed';
    } finally {
      invocations.push({ kind: job.kind, ms: performance.now() - started, limitMs: timeoutMs, outcome });
    }
  };
}

export const runJob: JobRunner = jobRunner();

/**
 * Polls the local scheduler for due schedules, one pass at a time (a pass never overlaps the
 * previous one). Due schedules found at start-up are those that fell due while stopped.
 */
export function startSchedulePoller(
  scheduler: LocalScheduler,
  options: { intervalMs: number; log: (line: string) => void; run?: JobRunner; /** More work of the same pass after the schedules (the delivery queue); what it did, by name. */ after?: () => Promise<string[]> },
): { stop(): Promise<void>; poll(): Promise<string[]> } {
  let running: Promise<string[]> | undefined;
  const run = options.run ?? runJob;
  const pass = () => {
    running = scheduler.fireDue(run, options.log).then(async (names) => [...names, ...((await options.after?.()) ?? [])]).finally(() => {
      running = undefined;
    });
    return running;
  };
  // A test's explicit poll waits for a pass already under way, then makes one of its own, so it
  // sees every job enqueued before it was called.
  const poll = async (): Promise<string[]> => {
    await running?.catch(() => undefined);
    return running ?? pass();
  };
  const timer = setInterval(() => {
    if (!running) pass().catch((error: Error) => options.log(`[scheduler] poll failed: ${error.name}: ${error.message}`));
  }, options.intervalMs);
  return {
    poll,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
