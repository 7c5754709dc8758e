import type { Context } from 'aws-lambda';
import { jobFor } from '#functions/jobs/jobs';
import type { LocalScheduler } from '#adapters/local/local-scheduler';
import type { JobTask } from '#ports/scheduler';
import { withGrants } from './grants.ts';
import { lambdaContext } from './server.ts';

type JobHandler = (task: JobTask, context: Context) => Promise<void>;

/** Runs a job through the same handler module its Lambda function is built from. */
export async function runJob(task: JobTask): Promise<void> {
  const job = jobFor(task.kind);
  const module = (await import(`../functions/handlers/${job.handler}.ts`)) as { handler: JobHandler };
  // The job's own Lambda timeout (15 minutes for those that grow with the queue), not a request's 10 s.
  await withGrants(job.handler, job.grants, () => module.handler(task, lambdaContext(job.handler, job.timeoutSeconds ?? 10)));
}

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
