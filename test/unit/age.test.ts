import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageGroupOn, ageInFullYears, anniversaryOf, birthYearCohort, reachesAgeByYearEnd } from '#domain/age';

const isoOf = (d: Date) => d.toISOString().slice(0, 10);
const dates = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map(isoOf);
const birthDates = fc.oneof(dates('2015-01-01', '2030-12-31'), fc.constantFrom('2020-02-29', '2024-02-29', '2023-12-31', '2024-01-01'));
const dayBefore = (date: string) => isoOf(new Date(new Date(`${date}T00:00:00Z`).getTime() - 86_400_000));

describe('ageInFullYears', () => {
  it('should count a year only once its anniversary is reached', () => {
    expect(ageInFullYears('2022-06-15', '2024-06-14')).toBe(1);
    expect(ageInFullYears('2022-06-15', '2024-06-15')).toBe(2);
    expect(ageInFullYears('2022-06-15', '2022-06-15')).toBe(0);
  });

  it('should let a child born on 29 February complete the year on 1 March in a common year', () => {
    // Act + Assess: 2025 has no 29 February; 2028 has one
    expect(ageInFullYears('2024-02-29', '2025-02-28')).toBe(0);
    expect(ageInFullYears('2024-02-29', '2025-03-01')).toBe(1);
    expect(ageInFullYears('2024-02-29', '2028-02-28')).toBe(3);
    expect(ageInFullYears('2024-02-29', '2028-02-29')).toBe(4);
    expect(anniversaryOf('2024-02-29', 2025)).toBe('2025-03-01');
  });

  it('should refuse a day before the birth and malformed dates', () => {
    expect(() => ageInFullYears('2024-05-10', '2024-05-09')).toThrow(RangeError);
    expect(() => ageInFullYears('2023-02-29', '2025-01-01')).toThrow(RangeError);
    expect(() => ageInFullYears('2023-1-1', '2025-01-01')).toThrow(RangeError);
  });

  it('should never be negative from the birth date on', () => {
    fc.assert(
      fc.property(birthDates, fc.integer({ min: 0, max: 4000 }), (birth, days) => {
        // Prepare
        const on = isoOf(new Date(new Date(`${birth}T00:00:00Z`).getTime() + days * 86_400_000));
        // Act + Assess
        expect(ageInFullYears(birth, on)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('should grow by exactly one on each anniversary', () => {
    fc.assert(
      fc.property(birthDates, fc.integer({ min: 1, max: 10 }), (birth, years) => {
        // Prepare
        const anniversary = anniversaryOf(birth, birthYearCohort(birth) + years);
        // Act
        const [before, on] = [ageInFullYears(birth, dayBefore(anniversary)), ageInFullYears(birth, anniversary)];
        // Assess
        expect(on).toBe(years);
        expect(on - before).toBe(1);
      }),
    );
  });
});

describe('reachesAgeByYearEnd', () => {
  it('should put a child born on 31 December 2023 in scope of a 2025 campaign and one born on 1 January 2024 not', () => {
    expect(reachesAgeByYearEnd('2023-12-31', 2, 2025)).toBe(true);
    expect(reachesAgeByYearEnd('2024-01-01', 2, 2025)).toBe(false);
  });

  it('should agree with the age on 31 December', () => {
    fc.assert(
      fc.property(birthDates, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 6 }), (birth, yearsLater, fullYears) => {
        // Prepare
        const year = birthYearCohort(birth) + yearsLater;
        // Act + Assess
        expect(reachesAgeByYearEnd(birth, fullYears, year)).toBe(ageInFullYears(birth, `${year}-12-31`) >= fullYears);
      }),
    );
  });

  it('should be false for a child born after the year', () => {
    expect(reachesAgeByYearEnd('2026-03-01', 0, 2025)).toBe(false);
  });
});

describe('ageGroupOn', () => {
  it('should group by full years on the day', () => {
    // Prepare
    const birth = '2020-09-01';
    // Act + Assess
    expect(ageGroupOn(birth, '2022-08-31')).toBe('nursery');
    expect(ageGroupOn(birth, '2022-09-01')).toBe('junior');
    expect(ageGroupOn(birth, '2023-09-01')).toBe('middle');
    expect(ageGroupOn(birth, '2024-09-01')).toBe('senior');
    expect(ageGroupOn(birth, '2025-09-01')).toBe('preschool');
    expect(ageGroupOn(birth, '2027-09-01')).toBe('preschool');
  });
});

describe('birthYearCohort', () => {
  it('should be the birth year', () => {
    expect(birthYearCohort('2023-12-31')).toBe(2023);
  });
});
