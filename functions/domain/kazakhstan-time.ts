/**
 * Kazakhstan keeps one time zone, UTC+5, since 1 March 2024, with no daylight saving, so local
 * dates and day boundaries are plain offsets (no time-zone database needed).
 */
const offsetMs = 5 * 3_600_000;

/** The date in Kazakhstan (`YYYY-MM-DD`) at an instant. */
export function kazakhstanDate(instant: Date): string {
  return new Date(instant.getTime() + offsetMs).toISOString().slice(0, 10);
}

/** The time of day in Kazakhstan (`HH:MM`) at an instant. */
export function kazakhstanTime(instant: Date): string {
  return new Date(instant.getTime() + offsetMs).toISOString().slice(11, 16);
}

/** The instant a Kazakhstan calendar day starts (00:00 UTC+5), as ISO UTC. */
export function startOfKazakhstanDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - offsetMs).toISOString();
}

/** The last second of a Kazakhstan calendar day (23:59:59 UTC+5), as ISO UTC. */
export function endOfKazakhstanDay(date: string): string {
  return new Date(Date.parse(`${date}T23:59:59Z`) - offsetMs).toISOString();
}

/** `date` plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** The Monday of a calendar date's week (ISO weeks start on Monday), as YYYY-MM-DD. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}
