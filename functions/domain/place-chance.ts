/**
 * An honest chance of a place (issue 16 item 6; not wired yet): from the child's position among the
 * children of their age group who chose a kindergarten, against that age group's places there.
 * Pure: no clock, no storage. The words are deliberately coarse; a child beyond the places is never "high".
 */
export type PlaceChance = 'high' | 'medium' | 'low';

/** The chances from best to worst (for comparing them). */
export const placeChances: readonly PlaceChance[] = ['high', 'medium', 'low'];

/**
 * @param position 1-based position of the child among those of the age group who chose the kindergarten
 * @param places the places of that age group in the kindergarten (0 or more)
 * @returns `high` within the places, `medium` within twice the places, `low` beyond (and always with no places)
 */
export function placeChance(position: number, places: number): PlaceChance {
  if (!Number.isInteger(position) || position < 1) throw new RangeError(`position must be a whole number from 1, got ${position}`);
  if (!Number.isInteger(places) || places < 0) throw new RangeError(`places must be a whole number from 0, got ${places}`);
  if (position <= places) return 'high';
  if (position <= 2 * places) return 'medium';
  return 'low';
}
