import { counterDeltas, slicesOf, type AnswerDimensions } from './survey-answers.ts';

/**
 * Aggregation off the request path (decision 54): a survey submission writes only the parent's
 * own items; a stream consumer reads each change of an answer item (its image before and after)
 * and moves the shared counters by the difference, exactly once per change. Pure: what the
 * consumer computes from the changes; the adapters read the stream and write the counters.
 */

/** An answer item as the counters see it, as stored with the answer by the submission. */
export interface CountedRevision {
  readonly revision: number;
  /** Its counter keys (`counterKeys` of its version's definition). */
  readonly keys: readonly string[];
  readonly dimensions: AnswerDimensions;
  /** Applications this revision confirmed in the campaign (the campaign's `confirmed` counter). */
  readonly confirms: number;
  /** The day (in Kazakhstan) of those confirmations, for the per-day counter. */
  readonly confirmedOn?: string;
}

/** One change of one answer item, as a stream record carries it. */
export interface AnswerChange {
  /** `<tenantId>#<campaignId>`: the answer's partition. */
  readonly campaignKey: string;
  readonly tenantId: string;
  readonly campaignId: string;
  readonly applicantIin: string;
  /** The stream's sequence number of the change (increasing per item): what "applied already" is measured by. */
  readonly sequence: string;
  readonly before?: CountedRevision;
  readonly after?: CountedRevision;
}

/** One answer's identity across changes (a map key). */
export const appliedKey = (answer: { readonly campaignKey: string; readonly applicantIin: string }): string => `${answer.campaignKey}\u0000${answer.applicantIin}`;

/** Stream sequence numbers are decimal strings of up to 40 digits: compared as numbers. */
export const sequenceWidth = 40;
export const paddedSequence = (sequence: string): string => sequence.padStart(sequenceWidth, '0');
export const isAfter = (sequence: string, applied: string | undefined): boolean => applied === undefined || paddedSequence(sequence) > paddedSequence(applied);

/**
 * How every slice's counters move for one change: the counts of `before` taken out of its slices,
 * those of `after` put into its slices, only the keys that differ kept (a removal takes the
 * answer out; a change that moved nothing counted moves nothing).
 */
export function changeSliceDeltas(change: Pick<AnswerChange, 'before' | 'after'>): Map<string, Map<string, number>> {
  const before = change.before ? new Set(slicesOf(change.before.dimensions)) : new Set<string>();
  const after = change.after ? new Set(slicesOf(change.after.dimensions)) : new Set<string>();
  const moves = new Map<string, Map<string, number>>();
  for (const slice of new Set([...before, ...after])) {
    const deltas = counterDeltas(before.has(slice) ? change.before!.keys : [], after.has(slice) ? change.after!.keys : []);
    if (deltas.size > 0) moves.set(slice, deltas);
  }
  return moves;
}

/** The confirmations a change adds: those of a new revision (a change that kept the revision confirmed nothing new). */
export function changeConfirms(change: Pick<AnswerChange, 'before' | 'after'>): { count: number; day: string } | undefined {
  const { before, after } = change;
  if (!after || after.confirms <= 0 || !after.confirmedOn) return undefined;
  if (before && before.revision === after.revision) return undefined;
  return { count: after.confirms, day: after.confirmedOn };
}

/** The combined moves of several changes: per campaign key, per slice, per counter; and per campaign and day, the confirmations. */
export interface AggregateMoves {
  readonly slices: Map<string, Map<string, Map<string, number>>>;
  readonly confirmed: { readonly tenantId: string; readonly campaignId: string; readonly day: string; readonly delta: number }[];
}

/** Adds up the moves of `changes`, so a batch of answers becomes one update per slice touched (no counter at zero kept). */
export function combineChanges(changes: readonly AnswerChange[]): AggregateMoves {
  const slices = new Map<string, Map<string, Map<string, number>>>();
  const confirmed = new Map<string, { tenantId: string; campaignId: string; day: string; delta: number }>();
  for (const change of changes) {
    const campaign = slices.get(change.campaignKey) ?? new Map<string, Map<string, number>>();
    slices.set(change.campaignKey, campaign);
    for (const [slice, deltas] of changeSliceDeltas(change)) {
      const counters = campaign.get(slice) ?? new Map<string, number>();
      campaign.set(slice, counters);
      for (const [key, delta] of deltas) counters.set(key, (counters.get(key) ?? 0) + delta);
    }
    const confirms = changeConfirms(change);
    if (confirms) {
      const id = JSON.stringify([change.tenantId, change.campaignId, confirms.day]);
      const sum = confirmed.get(id) ?? { tenantId: change.tenantId, campaignId: change.campaignId, day: confirms.day, delta: 0 };
      sum.delta += confirms.count;
      confirmed.set(id, sum);
    }
  }
  for (const [campaignKey, campaign] of slices) {
    for (const [slice, counters] of campaign) {
      for (const [key, delta] of counters) if (delta === 0) counters.delete(key);
      if (counters.size === 0) campaign.delete(slice);
    }
    if (campaign.size === 0) slices.delete(campaignKey);
  }
  return { slices, confirmed: [...confirmed.values()] };
}

/** What a group of changes costs in one unit of work: one marker per answer, one item per slice moved, one per campaign counter. */
export function groupCost(changes: readonly AnswerChange[]): number {
  const moves = combineChanges(changes);
  const answers = new Set(changes.map(appliedKey));
  const slices = [...moves.slices.values()].reduce((sum, campaign) => sum + campaign.size, 0);
  return answers.size + slices + moves.confirmed.length;
}

/**
 * Splits changes, in their order, into groups that each fit `budget` items (a DynamoDB
 * transaction takes 100). A group's cost grows by at most 1 + 2 + 2 × cohorts + 1 per answer, so
 * a batch of 100 answers of one campaign becomes a few groups.
 */
export function groupChanges(changes: readonly AnswerChange[], budget: number): AnswerChange[][] {
  const groups: AnswerChange[][] = [];
  let current: AnswerChange[] = [];
  for (const change of changes) {
    const candidate = [...current, change];
    if (current.length > 0 && groupCost(candidate) > budget) {
      groups.push(current);
      current = [change];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
