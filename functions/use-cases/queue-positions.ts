import type { PositionChange } from '#domain/application';
import { positionMoves, type QueueChange } from '#domain/queue-order';
import type { TenantPolicy } from '#domain/policy';
import type { Dependencies } from '#ports/dependencies';
import { unlimitedBudget, type JobBudget, type JobTask } from '#ports/scheduler';
import { policyOf } from '#domain/policy';
import type { PositionWrite } from '#ports/stores';
import { refreshPlaceChances } from './place-chances.ts';
import { scheduleNames, taskDigest } from './schedule-names.ts';

/** Positions written per chunk of the positions job (between two looks at its budget). */
export const positionChunkSize = 500;

/**
 * Recomputes the stored positions of one tenant's birth-year cohort after `changes`, writing only
 * the positions that moved, each with what explains the move (SPEC rule 11, "positions that
 * explain themselves"). Reads the cohort's queue through the sparse queue index only.
 */
export async function recomputePositions(
  deps: Pick<Dependencies, 'applications' | 'kindergartens'>,
  input: { tenantId: string; birthYear: number; changes: readonly QueueChange[]; at: string; policy: TenantPolicy; unexplainedAs?: 'stopped'; budget?: JobBudget; /** Positions per write chunk (default `positionChunkSize`). */ chunkSize?: number },
): Promise<{ queued: number; moved: number; positions: ReadonlyMap<string, PositionChange>; complete: boolean }> {
  const queued = await deps.applications.queueOf(input.tenantId, input.birthYear);
  const previous = new Map(queued.flatMap((a) => (a.position === undefined ? [] : [[a.applicationId, a.position] as const])));
  // An application without a stored position joined since the last computation (an import, a
  // crash between write and recompute): it counts as registered unless a change says otherwise.
  const named = new Set(input.changes.map((change) => change.applicationId));
  const newcomers: QueueChange[] = queued
    .filter((a) => a.position === undefined && !named.has(a.applicationId))
    .map((a) => ({ kind: 'joined', applicationId: a.applicationId, reason: 'registered' }));
  const moves = positionMoves(queued, previous, [...input.changes, ...newcomers], input.policy.queueRatio);
  const logs = new Map(queued.map((a) => [a.applicationId, a.positionLog ?? []]));
  const writes: PositionWrite[] = moves.map((move) => {
    const { reordered, ...explained } = move.reasons as Record<string, number>;
    const reasons = input.unexplainedAs && reordered ? { ...explained, [input.unexplainedAs]: (explained[input.unexplainedAs] ?? 0) + reordered } : (move.reasons as Record<string, number>);
    const change: PositionChange = { at: input.at, ...(move.from !== undefined && { from: move.from }), to: move.to, reasons };
    return {
      applicationId: move.applicationId,
      expected: move.from,
      change,
      log: [...(logs.get(move.applicationId) ?? []), change].slice(-input.policy.positionLogLength),
    };
  });
  // In chunks: once the budget says so the rest is left for a continuation, which reads the cohort
  // again and finds the positions written here already in place (only what still moves is written).
  const budget = input.budget ?? unlimitedBudget;
  let moved = 0;
  let complete = true;
  const chunkSize = input.chunkSize ?? positionChunkSize;
  for (let from = 0; from < writes.length; from += chunkSize) {
    if (from > 0 && budget.handOver()) {
      complete = false;
      break;
    }
    moved += await deps.applications.writePositions(writes.slice(from, from + chunkSize));
  }
  const positions = new Map(writes.map((w) => [w.applicationId, w.change]));
  // The chances follow the positions once they are all written (a continuation does it otherwise).
  if (complete) await refreshPlaceChances(deps, { tenantId: input.tenantId, queued, positions, at: input.at });
  return { queued: queued.length, moved, positions, complete };
}

/**
 * The job behind every position change: recompute the named cohorts with the changes that
 * explain the moves. Idempotent: run twice, the second run finds nothing to move. Resumable
 * (decision 42): once its budget says so it hands over to a continuation that starts again at the
 * first cohort not yet finished; the writes already made are not made again.
 */
export async function recomputeCohorts(
  deps: Pick<Dependencies, 'applications' | 'tenants' | 'scheduler' | 'kindergartens'>,
  task: Extract<JobTask, { kind: 'recompute-positions' }>,
  now: Date,
  options: { budget?: JobBudget } = {},
): Promise<{ queued: number; moved: number; handedOverTo?: number }> {
  const policy = policyOf((await deps.tenants.get(task.tenantId))?.policy);
  const budget = options.budget ?? unlimitedBudget;
  const { part, ...original } = task;
  const handOver = async (cohort: number) => {
    const n = (part?.n ?? 0) + 1;
    const origin = part?.origin ?? taskDigest(original);
    await deps.scheduler.enqueue({ name: scheduleNames.positionsPart(task.tenantId, origin, n), task: { ...original, part: { n, cohort, origin } } });
    return n;
  };
  let queued = 0;
  let moved = 0;
  for (let cohort = part?.cohort ?? 0; cohort < task.birthYears.length; cohort++) {
    const result = await recomputePositions(deps, {
      tenantId: task.tenantId,
      birthYear: task.birthYears[cohort]!,
      changes: task.changes,
      at: now.toISOString(),
      policy,
      ...(task.unexplainedAs && { unexplainedAs: task.unexplainedAs }),
      ...(task.pageSize !== undefined && { chunkSize: task.pageSize }),
      budget,
    });
    queued += result.queued;
    moved += result.moved;
    if (!result.complete) return { queued, moved, handedOverTo: await handOver(cohort) };
    if (cohort + 1 < task.birthYears.length && budget.handOver()) return { queued, moved, handedOverTo: await handOver(cohort + 1) };
  }
  return { queued, moved };
}

/** Asks for a cohort's positions to be brought up to date soon, with what explains the moves. */
export function requestPositions(
  deps: Pick<Dependencies, 'scheduler'>,
  input: { tenantId: string; birthYears: readonly number[]; changes: readonly QueueChange[]; at: string; reason: string; unexplainedAs?: 'stopped' },
): Promise<void> {
  return deps.scheduler.enqueue({
    name: scheduleNames.positions(input.tenantId, input.birthYears, input.reason, input.at),
    task: {
      kind: 'recompute-positions',
      tenantId: input.tenantId,
      birthYears: [...input.birthYears],
      changes: [...input.changes],
      ...(input.unexplainedAs && { unexplainedAs: input.unexplainedAs }),
    },
  });
}
