import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mondayOf } from '#domain/kazakhstan-time';

describe('mondayOf', () => {
  it('should give the Monday on or before a date, within the same week', () => {
    expect(mondayOf('2026-12-05')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (instant) => {
        const date = instant.toISOString().slice(0, 10);
        const monday = mondayOf(date);
        const days = (Date.parse(date) - Date.parse(monday)) / 86_400_000;
        expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(days).toBeGreaterThanOrEqual(0);
        expect(days).toBeLessThan(7);
      }),
    );
  });
});
