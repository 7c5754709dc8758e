import { kazakhstanCalendar, type CalendarYear } from './calendar-kz.ts';

/**
 * A date fell in a year the calendar data does not cover. Thrown rather than guessed: a wrong
 * date on a child's automatic restore is worse than a loud error an operator fixes by adding the
 * year to `calendar-kz.ts`.
 */
export class CalendarYearMissingError extends Error {
  constructor(readonly year: number) {
    super(`the working-day calendar has no data for ${year}; add it to calendar-kz.ts`);
    this.name = 'CalendarYearMissingError';
  }
}

/** Working days of the 5-day week, from calendar data. Dates are `YYYY-MM-DD`. */
export interface WorkingCalendar {
  /** Whether `date` is a working day; throws `CalendarYearMissingError` for a year not in the data. */
  isWorkingDay(date: string): boolean;
  /**
   * The `n`-th working day after `date` (`date` itself is not counted, whatever it is), for an
   * integer `n >= 1`; e.g. the day an application stopped for an expired referral is restored.
   * Throws `CalendarYearMissingError` if the count reaches a year not in the data.
   */
  addWorkingDays(date: string, n: number): string;
  /** The years the data covers, ascending. */
  coveredYears(): readonly number[];
}

const dayMs = 86_400_000;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (UTC calendar arithmetic: no time zones, no daylight saving). */
function dayNumber(date: string): number {
  const match = isoDate.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const back = new Date(ms);
    // Rejects 2026-02-30 (Date.UTC rolls it over) and years below 100 (Date.UTC maps them to 19xx).
    if (back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day) return ms / dayMs;
  }
  throw new RangeError(`not a YYYY-MM-DD calendar date: ${date}`);
}

function isoOf(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

function yearOf(day: number): number {
  return new Date(day * dayMs).getUTCFullYear();
}

/** 1970-01-01 was a Thursday; 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

/** Rejects data that would silently give wrong answers: a typo here moves a child's restore date. */
function checkedDays(year: CalendarYear, days: readonly { date: string }[], weekend: boolean): number[] {
  return days.map(({ date }) => {
    const day = dayNumber(date);
    if (yearOf(day) !== year.year) throw new RangeError(`${date} is listed under ${year.year}`);
    if (isWeekend(day) !== weekend) throw new RangeError(`${date} is ${weekend ? 'not ' : ''}a weekend day`);
    return day;
  });
}

/**
 * Builds a working calendar from calendar data (default: `kazakhstanCalendar`). Checks the data
 * once, so a bad edit fails at start-up rather than on some child's date.
 */
export function workingCalendar(years: readonly CalendarYear[] = kazakhstanCalendar): WorkingCalendar {
  const covered = new Set<number>();
  const exceptions = new Set<number>();
  for (const year of years) {
    if (covered.has(year.year)) throw new RangeError(`calendar year ${year.year} is listed twice`);
    covered.add(year.year);
    const days = [...checkedDays(year, year.nonWorkingWeekdays, false), ...checkedDays(year, year.workingWeekendDays, true)];
    for (const day of days) {
      if (exceptions.has(day)) throw new RangeError(`${isoOf(day)} is listed twice`);
      exceptions.add(day);
    }
  }
  const coveredYears = [...covered].sort((a, b) => a - b);

  // One set of exceptions is enough: a listed weekday is off, a listed weekend day is on.
  const isWorking = (day: number): boolean => {
    const year = yearOf(day);
    if (!covered.has(year)) throw new CalendarYearMissingError(year);
    return isWeekend(day) === exceptions.has(day);
  };

  return {
    isWorkingDay: (date) => isWorking(dayNumber(date)),
    addWorkingDays(date, n) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days to add must be an integer >= 1, got ${n}`);
      let day = dayNumber(date);
      for (let counted = 0; counted < n; ) {
        day += 1;
        if (isWorking(day)) counted += 1;
      }
      return isoOf(day);
    },
    coveredYears: () => coveredYears,
  };
}
