import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kazakhstanCalendar, type CalendarYear } from '#domain/calendar-kz';
import { CalendarYearMissingError, workingCalendar } from '#domain/working-days';

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => [0, 6].includes(weekdayOf(date));

// Start dates up to the end of October 2027 keep 40 working days inside the covered years.
const startDates = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-10-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const counts = fc.integer({ min: 1, max: 20 });

describe('Kazakhstan calendar data', () => {
  it('should cover 2025 and 2026 as official and 2027 as projected', () => {
    // Act
    const statuses = kazakhstanCalendar.map(({ year, status }) => [year, status]);
    // Assess
    expect(statuses).toEqual([
      [2025, 'official'],
      [2026, 'official'],
      [2027, 'projected'],
    ]);
  });

  it('should list every day in its own year, weekdays as days off and weekend days as working days', () => {
    for (const year of kazakhstanCalendar) {
      for (const { date } of year.nonWorkingWeekdays) {
        expect(date.slice(0, 4), date).toBe(String(year.year));
        expect(isWeekend(date), date).toBe(false);
      }
      for (const { date } of year.workingWeekendDays) {
        expect(date.slice(0, 4), date).toBe(String(year.year));
        expect(isWeekend(date), date).toBe(true);
      }
    }
  });

  it('should list no year and no day twice, and give every year a source and every day a reason', () => {
    // Prepare
    const years = kazakhstanCalendar.map((y) => y.year);
    const days = kazakhstanCalendar.flatMap((y) => [...y.nonWorkingWeekdays, ...y.workingWeekendDays]);
    // Assess
    expect(new Set(years).size).toBe(years.length);
    expect(new Set(days.map((d) => d.date)).size).toBe(days.length);
    expect(days.every((d) => d.reason.length > 0)).toBe(true);
    expect(kazakhstanCalendar.every((y) => y.sources.length > 0)).toBe(true);
  });
});

describe('workingCalendar', () => {
  const calendar = workingCalendar();

  it('should count weekends, holidays and transfers as days off', () => {
    expect(calendar.isWorkingDay('2026-03-20')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2026-03-21')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-03-23')).toBe(false); // Nauryz
    expect(calendar.isWorkingDay('2026-03-09')).toBe(false); // for Sun 8 Mar
    expect(calendar.isWorkingDay('2025-01-03')).toBe(false); // moved from Sun 5 Jan
  });

  it('should count Sunday 5 January 2025 as a working day', () => {
    // Act + Assess: 2 Jan is a holiday, 3 Jan the transferred day off, 4 Jan a Saturday
    expect(calendar.isWorkingDay('2025-01-05')).toBe(true);
    expect(calendar.addWorkingDays('2025-01-02', 1)).toBe('2025-01-05');
  });

  it('should count Monday 31 August 2026 as a working day (the holiday was cancelled)', () => {
    expect(calendar.isWorkingDay('2026-08-31')).toBe(true);
    expect(calendar.addWorkingDays('2026-08-28', 1)).toBe('2026-08-31');
  });

  it('should restore a referral expired on Friday 20 March 2026 on Wednesday 8 April', () => {
    // Prepare: Sat 21, Sun 22 weekend; Mon 23 – Wed 25 Nauryz; then Thu 26 (1), Fri 27 (2),
    // Mon 30 (3), Tue 31 (4), Wed 1 Apr (5), Thu 2 (6), Fri 3 (7), Mon 6 (8), Tue 7 (9), Wed 8 (10)
    const expired = '2026-03-20';
    // Act
    const restoreOn = calendar.addWorkingDays(expired, 10);
    // Assess
    expect(restoreOn).toBe('2026-04-08');
  });

  it('should skip the May holidays of 2026 when counting from Thursday 30 April', () => {
    // Prepare: Fri 1 May holiday, weekend; Mon 4 (1), Tue 5 (2), Wed 6 (3); Thu 7 holiday;
    // Fri 8 (4); weekend; Mon 11 for Sat 9 May; Tue 12 (5)
    const date = '2026-04-30';
    // Act + Assess
    expect(calendar.addWorkingDays(date, 1)).toBe('2026-05-04');
    expect(calendar.addWorkingDays(date, 4)).toBe('2026-05-08');
    expect(calendar.addWorkingDays(date, 5)).toBe('2026-05-12');
  });

  it('should cross into the next year', () => {
    // Prepare: Thu 31 Dec 2026 (1); Fri 1 Jan 2027 holiday; weekend; Mon 4 Jan for Sat 2 Jan; Tue 5 (2), Wed 6 (3)
    // Act + Assess
    expect(calendar.addWorkingDays('2026-12-30', 3)).toBe('2027-01-06');
  });

  it('should throw for a year missing from the data instead of guessing', () => {
    // Act + Assess
    expect(() => calendar.isWorkingDay('2028-01-03')).toThrow(CalendarYearMissingError);
    expect(() => calendar.addWorkingDays('2027-12-31', 1)).toThrow(expect.objectContaining({ year: 2028 }));
    expect(() => calendar.isWorkingDay('2024-12-31')).toThrow(CalendarYearMissingError);
  });

  it('should refuse malformed dates and counts', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('26-03-20')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-20', 0)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-20', 1.5)).toThrow(RangeError);
  });

  it('should refuse calendar data that lists a Saturday as a weekday off or a year twice', () => {
    // Prepare
    const base: CalendarYear = { year: 2030, status: 'projected', sources: ['test'], nonWorkingWeekdays: [], workingWeekendDays: [] };
    const saturdayOff = { ...base, nonWorkingWeekdays: [{ date: '2030-01-05', reason: 'typo' }] };
    // Act + Assess
    expect(() => workingCalendar([saturdayOff])).toThrow(RangeError);
    expect(() => workingCalendar([base, base])).toThrow(RangeError);
    expect(workingCalendar([base]).coveredYears()).toEqual([2030]);
  });

  it('should cover the years in the data', () => {
    expect(calendar.coveredYears()).toEqual([2025, 2026, 2027]);
  });

  it('should always land on a working day after the date', () => {
    fc.assert(
      fc.property(startDates, counts, (date, n) => {
        // Act
        const result = calendar.addWorkingDays(date, n);
        // Assess
        expect(calendar.isWorkingDay(result)).toBe(true);
        expect(result > date).toBe(true);
      }),
    );
  });

  it('should count exactly n working days in (date, result]', () => {
    fc.assert(
      fc.property(startDates, counts, (date, n) => {
        // Prepare
        const result = calendar.addWorkingDays(date, n);
        let working = 0;
        // Act: walk the days one by one, independently of addWorkingDays
        for (let day = new Date(`${date}T00:00:00Z`); ; ) {
          day = new Date(day.getTime() + 86_400_000);
          const iso = day.toISOString().slice(0, 10);
          if (calendar.isWorkingDay(iso)) working += 1;
          if (iso === result) break;
        }
        // Assess
        expect(working).toBe(n);
      }),
    );
  });

  it('should give the same day whether working days are added at once or in two steps', () => {
    fc.assert(
      fc.property(startDates, counts, counts, (date, a, b) => {
        expect(calendar.addWorkingDays(calendar.addWorkingDays(date, a), b)).toBe(calendar.addWorkingDays(date, a + b));
      }),
    );
  });

  it('should never give an earlier result for a later date', () => {
    fc.assert(
      fc.property(startDates, startDates, counts, (first, second, n) => {
        // Prepare
        const [early, late] = first <= second ? [first, second] : [second, first];
        // Act + Assess
        expect(calendar.addWorkingDays(early, n) <= calendar.addWorkingDays(late, n)).toBe(true);
      }),
    );
  });
});
