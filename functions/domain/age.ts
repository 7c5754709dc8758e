import type { AgeGroup } from './application.ts';

/**
 * A child's age in full years, from `YYYY-MM-DD` calendar dates (no times, no time zones).
 *
 * Born on 29 February: in a year without 29 February the child completes the year on
 * **1 March**, the day after 28 February (the practice in Kazakhstan: a year is complete once the
 * day that would be its anniversary has passed). So such a child is never counted older than it is.
 */

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

type YearMonthDay = readonly [year: number, month: number, day: number];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseDate(date: string): YearMonthDay {
  const match = isoDate.exec(date);
  const parts = match ? ([Number(match[1]), Number(match[2]), Number(match[3])] as const) : undefined;
  if (!parts || parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > daysInMonth(parts[0], parts[1])) {
    throw new RangeError(`not a YYYY-MM-DD calendar date: ${date}`);
  }
  return parts;
}

function format([year, month, day]: YearMonthDay): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function anniversaryParts(birth: YearMonthDay, year: number): YearMonthDay {
  const [, month, day] = birth;
  return month === 2 && day === 29 && !isLeapYear(year) ? [year, 3, 1] : [year, month, day];
}

/** The date in `year` on which a child born on `birthDate` completes a year of age (29 Feb → 1 Mar in common years). */
export function anniversaryOf(birthDate: string, year: number): string {
  return format(anniversaryParts(parseDate(birthDate), year));
}

/** Full years of age on `on`; throws `RangeError` if `on` is before `birthDate`. */
export function ageInFullYears(birthDate: string, on: string): number {
  const birth = parseDate(birthDate);
  const day = parseDate(on);
  if (on < birthDate) throw new RangeError(`${on} is before the birth date ${birthDate}`);
  const [, month, dayOfMonth] = anniversaryParts(birth, day[0]);
  const beforeAnniversary = day[1] < month || (day[1] === month && day[2] < dayOfMonth);
  return day[0] - birth[0] - (beforeAnniversary ? 1 : 0);
}

/** The birth-year cohort a child's application is queued in (SPEC rule 11): the birth year. */
export function birthYearCohort(birthDate: string): number {
  return parseDate(birthDate)[0];
}

/**
 * Whether the child is at least `fullYears` old on 31 December of `year` (SPEC rule 3, tenant
 * policy default: 2 full years). Every child born in year B completes k years within year B + k
 * (29 February births on 1 March), so this is a comparison of years; false for a child not yet born.
 */
export function reachesAgeByYearEnd(birthDate: string, fullYears: number, year: number): boolean {
  if (!Number.isInteger(fullYears) || fullYears < 0) throw new RangeError(`full years must be an integer >= 0, got ${fullYears}`);
  return birthYearCohort(birthDate) + fullYears <= year;
}

/** The kindergarten age group on `on` by full years: under 2 nursery, 2 junior, 3 middle, 4 senior, 5 and over preschool. */
export function ageGroupOn(birthDate: string, on: string): AgeGroup {
  const age = ageInFullYears(birthDate, on);
  if (age < 2) return 'nursery';
  if (age === 2) return 'junior';
  if (age === 3) return 'middle';
  if (age === 4) return 'senior';
  return 'preschool';
}
