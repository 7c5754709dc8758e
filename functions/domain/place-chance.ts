import { ageGroupOn } from './age.ts';
import type { AgeGroup, ChanceCertainty, PlaceChance, PlaceChanceEstimate } from './application.ts';

/**
 * An honest chance of a place (issue 16 item 6): from the child's position among the children of
 * their birth-year cohort who chose a kindergarten, against the places of the child's age group
 * there (free now and expected to free up at the September move-up). Pure: no clock, no storage;
 * the day it is computed on comes in. The words are deliberately coarse; a child beyond the places
 * is never "high".
 */
export type { PlaceChance, ChanceCertainty, PlaceChanceEstimate };

/** The chances from best to worst (for comparing them). */
export const placeChances: readonly PlaceChance[] = ['high', 'medium', 'low'];

/**
 * @param position 1-based position of the child among those of the age group who chose the kindergarten
 * @param places the places of that age group in the kindergarten (0 or more)
 * @returns `high` within the places, `medium` within twice the places, `low` beyond (and always with no places)
 */
export function placeChance(position: number, places: number): PlaceChance {
  checkCounts(position, places);
  if (position <= places) return 'high';
  if (position <= 2 * places) return 'medium';
  return 'low';
}

/**
 * `firm` when the child is well inside the places (position at most half of them) or far beyond
 * them (more than three times them, or no places at all); `rough` in between, where a few children
 * with priority joining ahead or a few places more or less change the word.
 */
export function chanceCertainty(position: number, places: number): ChanceCertainty {
  checkCounts(position, places);
  if (places === 0 || 2 * position <= places || position > 3 * places) return 'firm';
  return 'rough';
}

function checkCounts(position: number, places: number): void {
  if (!Number.isInteger(position) || position < 1) throw new RangeError(`position must be a whole number from 1, got ${position}`);
  if (!Number.isInteger(places) || places < 0) throw new RangeError(`places must be a whole number from 0, got ${places}`);
}

/** What a kindergarten item tells about its places. */
export interface KindergartenPlaces {
  readonly capacity: Readonly<Record<AgeGroup, number>>;
  /** Places taken by group; a group without a count is taken as full (as the referral does). */
  readonly occupancy?: Readonly<Partial<Record<AgeGroup, number>>>;
}

/** The 1 September after `on` (`YYYY-MM-DD`), when the groups move up and the intake happens. */
export function nextIntake(on: string): string {
  const year = Number(on.slice(0, 4));
  return on < `${year}-09-01` ? `${year}-09-01` : `${year + 1}-09-01`;
}

/**
 * The places a child born on `birthDate` could get at a kindergarten within the year after `on`:
 * `free` places of the child's age group now, and `freeing`, the places of the group the child is
 * in at the next intake that the children moving up into it (the group below now, full once its
 * free places are given) leave for newcomers.
 */
export function placesForChild(kindergarten: KindergartenPlaces, birthDate: string, on: string): { ageGroup: AgeGroup; free: number; freeing: number } {
  const now = ageGroupOn(birthDate, on);
  const then = ageGroupOn(birthDate, nextIntake(on));
  const taken = kindergarten.occupancy?.[now] ?? kindergarten.capacity[now];
  const free = Math.max(0, kindergarten.capacity[now] - taken);
  const freeing = then === now ? 0 : Math.max(0, kindergarten.capacity[then] - taken - free);
  return { ageGroup: then, free, freeing };
}

/** A queued application as the estimate needs it. */
export interface QueuedChoice {
  readonly applicationId: string;
  readonly birthDate: string;
  readonly preferredKindergartenIds: readonly string[];
}

/**
 * The estimates of one cohort's queue, given in queue order (position 1 first), against the
 * kindergartens by id, on the day `on`. A kindergarten that is not known (removed) gets no estimate.
 */
export function cohortPlaceChances(queue: readonly QueuedChoice[], kindergartens: ReadonlyMap<string, KindergartenPlaces>, on: string): Map<string, PlaceChanceEstimate[]> {
  const among = new Map<string, number>();
  for (const application of queue) for (const id of new Set(application.preferredKindergartenIds)) among.set(id, (among.get(id) ?? 0) + 1);
  const seen = new Map<string, number>();
  const estimates = new Map<string, PlaceChanceEstimate[]>();
  for (const application of queue) {
    const mine: PlaceChanceEstimate[] = [];
    for (const kindergartenId of new Set(application.preferredKindergartenIds)) {
      const rank = (seen.get(kindergartenId) ?? 0) + 1;
      seen.set(kindergartenId, rank);
      const kindergarten = kindergartens.get(kindergartenId);
      if (!kindergarten) continue;
      const { ageGroup, free, freeing } = placesForChild(kindergarten, application.birthDate, on);
      const places = free + freeing;
      mine.push({ kindergartenId, rank, among: among.get(kindergartenId)!, ageGroup, free, freeing, chance: placeChance(rank, places), certainty: chanceCertainty(rank, places) });
    }
    estimates.set(application.applicationId, mine);
  }
  return estimates;
}

/** Whether two stored estimates say the same (so an unchanged one is not written again). */
export function sameEstimates(a: readonly PlaceChanceEstimate[] | undefined, b: readonly PlaceChanceEstimate[]): boolean {
  const fields = ['kindergartenId', 'rank', 'among', 'ageGroup', 'free', 'freeing', 'chance', 'certainty'] as const;
  return a !== undefined && a.length === b.length && a.every((estimate, i) => fields.every((field) => estimate[field] === b[i]![field]));
}
