import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { JobTask, Scheduler } from '#ports/scheduler';
import { refusal } from './refusal.ts';

/**
 * What any adapter of the scheduler must do, in the port's terms: a job runs once, when its time
 * comes and not before (a time past runs at once, as does an enqueued job); scheduling under a
 * name already taken keeps the first job; a name or a task EventBridge Scheduler would not take
 * is refused as it refuses it (`ValidationException`), and an enqueued task larger than an
 * asynchronous invocation carries as Lambda refuses it, and such a job never runs. The world
 * runs what is due at a given time; `test/integration/port-contracts.test.ts` runs it on the local
 * scheduler.
 */
export interface SchedulerWorld {
  /** A schedule name no other test uses (valid for EventBridge Scheduler). */
  readonly name: () => string;
  /** The scheduler's present. */
  readonly now: () => Date;
  /** Runs every job due by `at` (the adapter's time moved there if need be); the tasks that ran. */
  readonly runDue: (at: Date) => Promise<readonly JobTask[]>;
}

const minutes = (from: Date, count: number) => new Date(from.getTime() + count * 60_000);

export function schedulerContract(name: string, scheduler: () => Scheduler, world: () => SchedulerWorld): void {
  describe(`${name}: Scheduler`, () => {
    let exports = 0;
    const task = (): JobTask => ({ kind: 'export', tenantId: 't-contract', exportId: `x-${process.pid}-${++exports}` });
    const mine = (ran: readonly JobTask[], ...tasks: JobTask[]) => ran.filter((r) => tasks.some((t) => isDeepStrictEqual(r, t)));

    it('should run a job once when its time comes and not before, and keep the first of two jobs under one name', async () => {
      // Prepare
      const start = world().now();
      const name = world().name();
      const [first, second] = [task(), task()];
      await scheduler().scheduleOnce({ name, at: minutes(start, 60).toISOString(), task: first });
      await scheduler().scheduleOnce({ name, at: minutes(start, 120).toISOString(), task: second });
      // Act
      const early = await world().runDue(minutes(start, 59));
      const due = await world().runDue(minutes(start, 60));
      const after = await world().runDue(minutes(start, 180));
      // Assess
      expect(mine(early, first, second)).toEqual([]);
      expect(mine(due, first, second)).toEqual([first]);
      expect(mine(after, first, second)).toEqual([]);
    });

    it('should run an enqueued job, and one scheduled in the past, at once', async () => {
      // Prepare
      const [enqueued, late] = [task(), task()];
      // Act
      await scheduler().enqueue({ name: world().name(), task: enqueued });
      await scheduler().scheduleOnce({ name: world().name(), at: minutes(world().now(), -24 * 60).toISOString(), task: late });
      const ran = await world().runDue(world().now());
      // Assess
      expect(mine(ran, enqueued, late)).toHaveLength(2);
    });

    it('should refuse a name or a task EventBridge Scheduler would not take, and an enqueued task over an asynchronous invocation’s size, and never run them', async () => {
      // Prepare: names too long, with a character outside the pattern, empty; tasks over 256 KB and over 1 MB
      const at = world().now().toISOString();
      const valid = task();
      const big: JobTask = { kind: 'recompute-positions', tenantId: 't-contract', birthYears: Array.from({ length: 60_000 }, () => 2022), changes: [] };
      const huge: JobTask = { kind: 'recompute-positions', tenantId: 't-contract', birthYears: Array.from({ length: 250_000 }, () => 2022), changes: [] };
      // Act
      const refusals = [
        await refusal(scheduler().scheduleOnce({ name: 'n'.repeat(65), at, task: valid })),
        await refusal(scheduler().scheduleOnce({ name: `referral#${exports}`, at, task: valid })),
        await refusal(scheduler().scheduleOnce({ name: '', at, task: valid })),
        await refusal(scheduler().scheduleOnce({ name: world().name(), at, task: big })),
      ];
      const tooLarge = await refusal(scheduler().enqueue({ name: world().name(), task: huge }));
      const ran = await world().runDue(minutes(world().now(), 1));
      // Assess
      expect(refusals.map((error) => (error as Error | undefined)?.name)).toEqual(['ValidationException', 'ValidationException', 'ValidationException', 'ValidationException']);
      expect((tooLarge as Error | undefined)?.name).toBe('RequestTooLargeException');
      expect(mine(ran, valid, big, huge)).toEqual([]);
    });
  });
}
