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

/**
 * The one source of each band's colour and size: the map's points and district fills, the
 * legend's swatches and the table's marks all take them from here (inline), so what the legend
 * shows is exactly what is drawn. Each band also differs in size on the map and every shape has a
 * dark outline, so the bands are told apart without colour vision too.
 */
export const bandStyle: Readonly<Record<LoadBand, { readonly fill: string; readonly radius: number }>> = {
  low: { fill: '#00703c', radius: 6 },
  medium: { fill: '#ffdd00', radius: 8 },
  high: { fill: '#b3261e', radius: 10 },
};

/** How strongly a district is shaded: enough to see an overloaded zone, light enough to see the points on it. */
export const districtFillOpacity = 0.35;

/** The outline of a district on the map and of its swatch in the legend. */
export const districtOutline = '#505a5f';

/** A district's fill as one CSS colour (the band's colour at the district opacity), for the legend's swatch. */
export function areaColour(band: LoadBand): string {
  const hex = bandStyle[band].fill;
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${districtFillOpacity})`;
}
