import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeChance, placeChances } from '#domain/place-chance';

const positions = fc.integer({ min: 1, max: 100_000 });
const places = fc.integer({ min: 0, max: 10_000 });
/** 0 is the best chance. */
const rank = (chance: string) => placeChances.indexOf(chance as never);

describe('the chance of a place', () => {
  it('should name literal cases plainly', () => {
    // Prepare / Act / Assess: 20 places of the age group
    expect(placeChance(1, 20)).toBe('high');
    expect(placeChance(20, 20)).toBe('high');
    expect(placeChance(21, 20)).toBe('medium');
    expect(placeChance(40, 20)).toBe('medium');
    expect(placeChance(41, 20)).toBe('low');
    expect(placeChance(500, 20)).toBe('low');
    expect(placeChance(1, 0)).toBe('low');
  });

  it('should never lower the chance for a better position', () => {
    fc.assert(
      fc.property(positions, positions, places, (a, b, p) => {
        // Prepare
        const [better, worse] = a <= b ? [a, b] : [b, a];
        // Act / Assess
        expect(rank(placeChance(better, p))).toBeLessThanOrEqual(rank(placeChance(worse, p)));
      }),
    );
  });

  it('should never lower the chance for more places', () => {
    fc.assert(
      fc.property(positions, places, places, (position, a, b) => {
        // Prepare
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        // Act / Assess
        expect(rank(placeChance(position, more))).toBeLessThanOrEqual(rank(placeChance(position, fewer)));
      }),
    );
  });

  it('should never call the chance high for a child beyond the places', () => {
    fc.assert(
      fc.property(places, fc.integer({ min: 1, max: 100_000 }), (p, beyond) => {
        // Act / Assess
        expect(placeChance(p + beyond, p)).not.toBe('high');
      }),
    );
  });

  it('should call the chance low for a child beyond twice the places', () => {
    fc.assert(
      fc.property(places, fc.integer({ min: 1, max: 100_000 }), (p, beyond) => {
        // Act / Assess
        expect(placeChance(2 * p + beyond, p)).toBe('low');
      }),
    );
  });

  it('should refuse a position below 1 or a negative or fractional count', () => {
    // Act / Assess
    expect(() => placeChance(0, 10)).toThrow(RangeError);
    expect(() => placeChance(1.5, 10)).toThrow(RangeError);
    expect(() => placeChance(1, -1)).toThrow(RangeError);
  });
});
