import type { StaffKindergarten } from '../api-types.ts';

export type AgeGroup = keyof StaffKindergarten['capacity'];

/** Free places in an age group: capacity less occupancy (none recorded counts as 0). */
export function freePlaces(kindergarten: StaffKindergarten, group: AgeGroup): number {
  return Math.max(0, (kindergarten.capacity[group] ?? 0) - (kindergarten.occupancy?.[group] ?? 0));
}

export function totalPlaces(kindergarten: StaffKindergarten): number {
  return Object.values(kindergarten.capacity).reduce((sum, places) => sum + places, 0);
}

export function totalFreePlaces(kindergarten: StaffKindergarten): number {
  return (Object.keys(kindergarten.capacity) as AgeGroup[]).reduce((sum, group) => sum + freePlaces(kindergarten, group), 0);
}

/** Today's date in Kazakhstan (UTC+5 all year), `YYYY-MM-DD`. */
export function kazakhstanToday(now = Date.now()): string {
  return new Date(now + 5 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The child's age group today, only to show staff the free places that matter; the server
 * decides whether a referral fits (the API could send this with the application instead).
 */
export function ageGroupToday(birthDate: string, today = kazakhstanToday()): AgeGroup {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (today.slice(5) < birthDate.slice(5) ? 1 : 0);
  if (years < 2) return 'nursery';
  if (years === 2) return 'junior';
  if (years === 3) return 'middle';
  if (years === 4) return 'senior';
  return 'preschool';
}
