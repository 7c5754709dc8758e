import { appliedKey, combineChanges, groupChanges, isAfter, type AnswerChange } from '#domain/answer-aggregation';
import { ConcurrentChangeError } from '#domain/errors';
import type { Dependencies } from '#ports/dependencies';
import type { WriteIntent } from '#ports/unit-of-work';

/** Items one unit of work may hold (DynamoDB's transaction takes 100; a little room kept). */
export const aggregationBudget = 90;

/** Refusals (another delivery moved a marker meanwhile) re-read and tried again this often. */
const maxRefusals = 5;

export interface AggregationResult {
  /** Changes whose difference this call moved the counters by. */
  readonly applied: number;
  /** Changes applied before (a redelivery) and left alone. */
  readonly skipped: number;
  /** The index of the first change not applied when a group failed (the consumer reports it and the changes after it as failures). */
  readonly failedAt?: number;
  readonly error?: unknown;
}

/**
 * Moves the shared counters by the difference each answer change makes, exactly once
 * (decision 54): the changes in stream order, in groups that fit one unit of work; per group the
 * answers' markers are read, changes at or before an answer's marker are skipped (a redelivered
 * record), the rest are added up (one update per slice however many answers the group holds) and
 * committed with the markers moved on condition that they are still what was read. A group that
 * fails stops the call: the consumer hands the remaining changes back to the stream, in order.
 */
export async function aggregateAnswerChanges(deps: Pick<Dependencies, 'surveys' | 'campaigns' | 'unitOfWork'>, changes: readonly AnswerChange[]): Promise<AggregationResult> {
  let applied = 0;
  let skipped = 0;
  let index = 0;
  for (const group of groupChanges(changes, aggregationBudget)) {
    try {
      const result = await applyGroup(deps, group);
      applied += result.applied;
      skipped += result.skipped;
    } catch (error) {
      return { applied, skipped, failedAt: index, error };
    }
    index += group.length;
  }
  return { applied, skipped };
}

async function applyGroup(deps: Pick<Dependencies, 'surveys' | 'campaigns' | 'unitOfWork'>, group: readonly AnswerChange[]): Promise<{ applied: number; skipped: number }> {
  for (let refusals = 0; ; refusals++) {
    const applied = await deps.surveys.appliedSequences(group);
    // Per answer, the changes after its marker, in order (a batch may hold several of one answer).
    const fresh: AnswerChange[] = [];
    const last = new Map<string, AnswerChange>();
    for (const change of group) {
      const key = appliedKey(change);
      const before = last.get(key)?.sequence ?? applied.get(key);
      if (!isAfter(change.sequence, before)) continue;
      fresh.push(change);
      last.set(key, change);
    }
    if (fresh.length === 0) return { applied: 0, skipped: group.length };
    const moves = combineChanges(fresh);
    const intents: WriteIntent[] = [
      deps.surveys.aggregation({
        markers: [...last.entries()].map(([key, change]) => ({ campaignKey: change.campaignKey, applicantIin: change.applicantIin, sequence: change.sequence, ...(applied.has(key) && { applied: applied.get(key) }) })),
        slices: moves.slices,
        spreadBy: fresh[0]!.sequence,
      }),
      ...moves.confirmed.map((c) => deps.campaigns.counterMove({ tenantId: c.tenantId, campaignId: c.campaignId, field: 'confirmed', delta: c.delta }, fresh[0]!.sequence, c.day)),
    ];
    try {
      await deps.unitOfWork.commit(intents);
      return { applied: fresh.length, skipped: group.length - fresh.length };
    } catch (error) {
      // Another delivery of some of these changes moved a marker first: read again, skip what it applied.
      if (!(error instanceof ConcurrentChangeError) || refusals >= maxRefusals) throw error;
    }
  }
}
