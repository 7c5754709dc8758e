/**
 * Load = applicants who chose a kindergarten (question 1) against its places, in three bands for
 * staff (docs/DECISIONS.md 17): up to 80 %, up to 150 %, above. Parents are no longer told this
 * as their chance: theirs depends on the child's own rank (`functions/domain/place-chance.ts`).
 */
export const loadBands = ['low', 'medium', 'high'] as const;
export type LoadBand = (typeof loadBands)[number];

/** chosen / capacity; no places and some demand is unbounded, no places and no demand is none. */
export function loadShare(chosen: number, capacity: number): number {
  if (capacity > 0) return chosen / capacity;
  return chosen > 0 ? Number.POSITIVE_INFINITY : 0;
}

export function loadBand(share: number): LoadBand {
  if (share <= 0.8) return 'low';
  if (share <= 1.5) return 'medium';
  return 'high';
}

/** The dot of each band (`.chance--*` in styles.css; the same colours as the parents' chance dots). */
export const chanceOfBand: Readonly<Record<LoadBand, 'good' | 'fair' | 'low'>> = { low: 'good', medium: 'fair', high: 'low' };

/**
 * Fill colours of the map and the legend, those of the parents' chance dots. Each band also differs in size on the map and every
 * shape has a dark outline, so the bands are told apart without colour vision too.
 */
export const bandStyle: Readonly<Record<LoadBand, { readonly fill: string; readonly radius: number }>> = {
  low: { fill: '#00703c', radius: 6 },
  medium: { fill: '#ffdd00', radius: 8 },
  high: { fill: '#b3261e', radius: 10 },
};
