import type { Context } from 'aws-lambda';
import { jobFor, type JobDefinition } from '#functions/jobs/jobs';
import type { JobRunner, LocalScheduler } from '#adapters/local/local-scheduler';
import type { JobTask } from '#ports/scheduler';
import { withGrants } from './grants.ts';
import { withinTimeout } from './lambda-timeout.ts';
import { lambdaContext } from './server.ts';

type JobHandler = (task: JobTask, context: Context) => Promise<void>;

export interface JobRunnerOptions {
  /** How a job's handler is loaded (default: its module in `functions/handlers/`, as its Lambda function is built). */
  readonly load?: (job: JobDefinition) => Promise<JobHandler>;
  /** The time limit of an invocation (default: the job table's `timeoutSeconds`, as the CDK sets it). */
  readonly timeoutMs?: (job: JobDefinition) => number;
}

const loadHandler = async (job: JobDefinition): Promise<JobHandler> => ((await import(`../functions/handlers/${job.handler}.ts`)) as { handler: JobHandler }).handler;

/** Runs a job through the same handler its Lambda function runs, with its grants and within its timeout. */
export function jobRunner(options: JobRunnerOptions = {}): JobRunner {
  return async (task) => {
    const job = jobFor(task.kind);
    const handler = await (options.load ?? loadHandler)(job);
    const timeoutMs = options.timeoutMs?.(job) ?? job.timeoutSeconds * 1000;
    await withGrants(job.handler, job.grants, () => withinTimeout(() => handler(task, lambdaContext(job.handler, timeoutMs / 1000)), timeoutMs));
  };
}

export const runJob: JobRunner = jobRunner();

/**
 * Polls the local scheduler for due schedules, one pass at a time (a pass never overlaps the
 * previous one). Due schedules found at start-up are those that fell due while stopped.
 */
export function startSchedulePoller(scheduler: LocalScheduler, options: { intervalMs: number; log: (line: string) => void }): { stop(): Promise<void>; poll(): Promise<string[]> } {
  let running: Promise<string[]> | undefined;
  const pass = () => {
    running = scheduler.fireDue(runJob, options.log).finally(() => {
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
