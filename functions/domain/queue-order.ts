import type { PriorityCategory } from './application.ts';
import type { QueueRatio } from './policy.ts';

/**
 * The queue order for referrals and the positions parents see (SPEC rule 11, tenant policy).
 *
 * Within one tenant and birth-year cohort (the caller groups entries; this module orders one group):
 * 1. every `extraordinary` application first;
 * 2. then the other priority categories (anything but `none` and `extraordinary`) and the general
 *    queue (`none`) interleaved by the tenant's ratio, default 1 : 3: one priority, then three
 *    general, repeating; when one sub-queue runs out, the other continues alone.
 * Each sub-queue is ordered by `registeredAt` (as an instant, so `…Z` and `…+05:00` compare
 * correctly), then by `applicationId`. A position is the 1-based index in that order: how many
 * referrals come before yours, plus one.
 */

export interface QueueEntry {
  readonly applicationId: string;
  readonly priority: PriorityCategory;
  /** ISO date-time; kept through stops and restores. */
  readonly registeredAt: string;
}

/** The tenant-policy default: one priority referral, then three general ones. */
export type { QueueRatio };
export const defaultQueueRatio: QueueRatio = { priority: 1, general: 3 };

function checkRatio(ratio: QueueRatio): void {
  const { priority, general } = ratio;
  if (!Number.isInteger(priority) || !Number.isInteger(general) || priority < 0 || general < 0 || priority + general === 0) {
    throw new RangeError(`queue ratio must be two integers >= 0, not both 0; got ${priority} : ${general}`);
  }
}

interface Keyed<T> {
  readonly entry: T;
  readonly at: number;
}

// Code-unit comparison, not localeCompare: the order must not depend on the server's locale.
function byRegistration<T extends QueueEntry>(a: Keyed<T>, b: Keyed<T>): number {
  if (a.at !== b.at) return a.at - b.at;
  const [x, y] = [a.entry.applicationId, b.entry.applicationId];
  return x < y ? -1 : x > y ? 1 : 0;
}

function interleave<T>(priority: readonly T[], general: readonly T[], ratio: QueueRatio, out: T[]): void {
  let p = 0;
  let g = 0;
  while (p < priority.length && g < general.length) {
    for (let i = 0; i < ratio.priority && p < priority.length; i++) out.push(priority[p++] as T);
    for (let i = 0; i < ratio.general && g < general.length; i++) out.push(general[g++] as T);
  }
  while (p < priority.length) out.push(priority[p++] as T);
  while (g < general.length) out.push(general[g++] as T);
}

/**
 * The cohort's entries in queue order (see the module comment). O(n log n). Throws `RangeError`
 * for a duplicate application id, an unreadable `registeredAt` or an invalid ratio.
 */
export function orderQueue<T extends QueueEntry>(entries: readonly T[], ratio: QueueRatio = defaultQueueRatio): T[] {
  checkRatio(ratio);
  const ids = new Set<string>();
  const keyed = entries.map((entry) => {
    if (ids.has(entry.applicationId)) throw new RangeError(`application ${entry.applicationId} is listed twice`);
    ids.add(entry.applicationId);
    const at = Date.parse(entry.registeredAt);
    if (Number.isNaN(at)) throw new RangeError(`application ${entry.applicationId} has an unreadable registeredAt`);
    return { entry, at };
  });
  keyed.sort(byRegistration);
  const extraordinary: T[] = [];
  const priority: T[] = [];
  const general: T[] = [];
  for (const { entry } of keyed) {
    (entry.priority === 'extraordinary' ? extraordinary : entry.priority === 'none' ? general : priority).push(entry);
  }
  interleave(priority, general, ratio, extraordinary);
  return extraordinary;
}

/** Each application's 1-based position; the map iterates in queue order. */
export function positionsOf(entries: readonly QueueEntry[], ratio: QueueRatio = defaultQueueRatio): Map<string, number> {
  return new Map(orderQueue(entries, ratio).map((entry, index) => [entry.applicationId, index + 1]));
}

export type LeaveReason = 'referred' | 'enrolled' | 'stopped' | 'withdrawn';
export type JoinReason = 'registered' | 'restored' | 'priority_changed';

/** Why positions moved: what happened to the cohort since the last computation. */
export type QueueChange =
  | { readonly kind: 'left'; readonly applicationId: string; readonly reason: LeaveReason; readonly previousPosition: number }
  | { readonly kind: 'joined'; readonly applicationId: string; readonly reason: JoinReason };

/** `reordered`: the part of a move no listed change explains (a ratio change, or a slot of the interleave). */
export type MoveReason = LeaveReason | JoinReason | 'reordered';

export interface PositionMove {
  readonly applicationId: string;
  /** The stored position; `undefined` if the application had none. */
  readonly from: number | undefined;
  readonly to: number;
  readonly reasons: Readonly<Partial<Record<MoveReason, number>>>;
}

/** How many of the ascending `sorted` are below `limit` (binary search). */
function countBelow(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < limit) low = mid + 1;
    else high = mid;
  }
  return low;
}

function sortedGroups<R extends string>(items: readonly { reason: R; position: number }[]): [R, number[]][] {
  const groups = new Map<R, number[]>();
  for (const { reason, position } of items) {
    const group = groups.get(reason);
    if (group) group.push(position);
    else groups.set(reason, [position]);
  }
  return [...groups].map(([reason, positions]) => [reason, positions.sort((a, b) => a - b)]);
}

/**
 * Compares stored positions (`previous`, by application id) with the new order and returns a move
 * only for applications whose position changed (or that had none), in queue order, each with the
 * count of changes that explain it, by reason:
 * - applications that left from ahead of it (`previousPosition` < its previous position);
 * - applications that joined ahead of it (their new position < its new position); a joined
 *   application that already had a stored position (e.g. `priority_changed`) counts only if it
 *   crossed: it is ahead now and was not before (or the other way round);
 * - its own `joined` change, if any, with count 1 (for an application without a stored position
 *   this is the only reason; it has no move to explain).
 * A change ahead moves you by one place, so the listed changes explain a net move of
 * (crossings to ahead − crossings to behind); whatever of `to − from` they do not explain goes
 * under `reordered`: a ratio change, or the interleave handing you a freed slot (the next
 * priority application moves into the slot of a priority application that was referred).
 * So the reason counts of a move add up to at least `|from − to|`.
 */
export function positionMoves(
  entries: readonly QueueEntry[],
  previous: ReadonlyMap<string, number>,
  changes: readonly QueueChange[],
  ratio: QueueRatio = defaultQueueRatio,
): PositionMove[] {
  const positions = positionsOf(entries, ratio);
  const ownJoin = new Map<string, JoinReason>();
  const left: { reason: LeaveReason; position: number }[] = [];
  const joinedNew: { reason: JoinReason; position: number }[] = [];
  const joinedMoved: { applicationId: string; reason: JoinReason; from: number; to: number }[] = [];
  for (const change of changes) {
    if (change.kind === 'left') {
      left.push({ reason: change.reason, position: change.previousPosition });
      continue;
    }
    const to = positions.get(change.applicationId);
    if (to === undefined) continue;
    ownJoin.set(change.applicationId, change.reason);
    const from = previous.get(change.applicationId);
    if (from === undefined) joinedNew.push({ reason: change.reason, position: to });
    else joinedMoved.push({ applicationId: change.applicationId, reason: change.reason, from, to });
  }
  const leftGroups = sortedGroups(left);
  const joinedGroups = sortedGroups(joinedNew);

  const moves: PositionMove[] = [];
  for (const [applicationId, to] of positions) {
    const from = previous.get(applicationId);
    if (from === to) continue;
    const reasons: Partial<Record<MoveReason, number>> = {};
    const add = (reason: MoveReason, count: number) => {
      if (count > 0) reasons[reason] = (reasons[reason] ?? 0) + count;
    };
    const own = ownJoin.get(applicationId);
    if (own) add(own, 1);
    if (from !== undefined) {
      let explained = 0;
      for (const [reason, sorted] of leftGroups) {
        const count = countBelow(sorted, from);
        add(reason, count);
        explained -= count;
      }
      for (const [reason, sorted] of joinedGroups) {
        const count = countBelow(sorted, to);
        add(reason, count);
        explained += count;
      }
      for (const other of joinedMoved) {
        const [wasAhead, isAhead] = [other.from < from, other.to < to];
        if (other.applicationId === applicationId || wasAhead === isAhead) continue;
        add(other.reason, 1);
        explained += isAhead ? 1 : -1;
      }
      add('reordered', Math.abs(to - from - explained));
    }
    moves.push({ applicationId, from, to, reasons });
  }
  return moves;
}
