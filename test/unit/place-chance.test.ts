import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageGroups, type AgeGroup } from '#domain/application';
import { chanceCertainty, cohortPlaceChances, nextIntake, placeChance, placeChances, placesForChild, sameEstimates, type KindergartenPlaces } from '#domain/place-chance';

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

describe('how sure the chance is', () => {
  it('should be firm well inside or far beyond the places and rough near them', () => {
    // Prepare / Act / Assess: 20 places
    expect(chanceCertainty(1, 20)).toBe('firm');
    expect(chanceCertainty(10, 20)).toBe('firm');
    expect(chanceCertainty(11, 20)).toBe('rough');
    expect(chanceCertainty(20, 20)).toBe('rough');
    expect(chanceCertainty(60, 20)).toBe('rough');
    expect(chanceCertainty(61, 20)).toBe('firm');
    expect(chanceCertainty(469, 20)).toBe('firm');
    expect(chanceCertainty(1, 0)).toBe('firm');
  });

  it('should never be firm about a high chance of a child in the second half of the places', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0.5, max: 1, noNaN: true }), (p, share) => {
        // Prepare
        const position = Math.max(1, Math.ceil(p * share));
        fc.pre(2 * position > p);
        // Act / Assess
        expect(chanceCertainty(position, p)).toBe('rough');
      }),
    );
  });
});

/** A kindergarten with the same number of places in every group, some taken. */
function kindergarten(capacity: Partial<Record<AgeGroup, number>>, occupancy?: Partial<Record<AgeGroup, number>>): KindergartenPlaces {
  return {
    capacity: Object.fromEntries(ageGroups.map((g) => [g, capacity[g] ?? 0])) as Record<AgeGroup, number>,
    ...(occupancy && { occupancy }),
  };
}

describe('the places a child could get', () => {
  it('should take the next intake as the coming 1 September', () => {
    // Act / Assess
    expect(nextIntake('2025-03-10')).toBe('2025-09-01');
    expect(nextIntake('2025-08-31')).toBe('2025-09-01');
    expect(nextIntake('2025-09-01')).toBe('2026-09-01');
    expect(nextIntake('2025-12-31')).toBe('2026-09-01');
  });

  it('should count the free places of the group now and those the move-up leaves in the next group', () => {
    // Prepare: a child of 2 on 10 March 2025 (junior), 3 on 1 September 2025 (middle)
    const k = kindergarten({ junior: 20, middle: 25 }, { junior: 18, middle: 25 });
    // Act
    const places = placesForChild(k, '2022-06-15', '2025-03-10');
    // Assess: 2 free in junior now; middle 25 − (18 + 2 moving up) = 5 for newcomers
    expect(places).toEqual({ ageGroup: 'middle', free: 2, freeing: 5 });
  });

  it('should count a group without an occupancy as full, as the referral does', () => {
    // Prepare
    const k = kindergarten({ junior: 20, middle: 25 });
    // Act
    const places = placesForChild(k, '2022-06-15', '2025-03-10');
    // Assess
    expect(places).toEqual({ ageGroup: 'middle', free: 0, freeing: 5 });
  });

  it('should count nothing freeing when the child stays in the same group until the intake', () => {
    // Prepare: born 2 September, so still 2 on 1 September 2025
    const k = kindergarten({ junior: 20, middle: 25 }, { junior: 17, middle: 25 });
    // Act
    const places = placesForChild(k, '2022-09-02', '2025-03-10');
    // Assess
    expect(places).toEqual({ ageGroup: 'junior', free: 3, freeing: 0 });
  });

  it('should never count negative places, nor more than the next group holds beyond those moving up', () => {
    const counts = fc.integer({ min: 0, max: 200 });
    fc.assert(
      fc.property(counts, counts, counts, counts, (capNow, capThen, takenNow, takenThen) => {
        // Prepare: junior now, middle at the intake
        const k = kindergarten({ junior: capNow, middle: capThen }, { junior: Math.min(takenNow, capNow), middle: Math.min(takenThen, capThen) });
        // Act
        const { free, freeing } = placesForChild(k, '2022-06-15', '2025-03-10');
        // Assess
        expect(free).toBeGreaterThanOrEqual(0);
        expect(freeing).toBeGreaterThanOrEqual(0);
        expect(free).toBeLessThanOrEqual(capNow);
        expect(free + freeing).toBeLessThanOrEqual(Math.max(capNow - Math.min(takenNow, capNow), capThen - Math.min(takenNow, capNow)));
      }),
    );
  });
});

describe("a cohort's chances", () => {
  const on = '2025-03-10';
  /** 12 places for a child born in mid-2022: 2 free in junior now, 10 freeing in middle. */
  const places = new Map([
    ['k1', kindergarten({ junior: 20, middle: 30 }, { junior: 18, middle: 30 })],
    ['k2', kindergarten({ junior: 0, middle: 0 }, { junior: 0, middle: 0 })],
  ]);
  const child = (i: number, preferred: string[]) => ({ applicationId: `a${i}`, birthDate: '2022-06-15', preferredKindergartenIds: preferred });

  it('should rank a child among those who chose the same kindergarten only', () => {
    // Prepare: 600 children; every third chose k1 (200), the rest k2 (400), child 0 both (so 401 chose k2)
    const queue = Array.from({ length: 600 }, (_, i) => child(i, i === 0 ? ['k2', 'k1'] : i % 3 === 0 ? ['k1'] : ['k2']));
    // Act
    const chances = cohortPlaceChances(queue, places, on);
    // Assess
    expect(chances.get('a0')).toEqual([
      { kindergartenId: 'k2', rank: 1, among: 401, ageGroup: 'middle', free: 0, freeing: 0, chance: 'low', certainty: 'firm' },
      { kindergartenId: 'k1', rank: 1, among: 200, ageGroup: 'middle', free: 2, freeing: 10, chance: 'high', certainty: 'firm' },
    ]);
    // the 12th who chose k1 is position 34 in the queue (0, 3, 6, …, 33)
    expect(chances.get('a33')![0]).toMatchObject({ rank: 12, among: 200, chance: 'high', certainty: 'rough' });
    expect(chances.get('a36')![0]).toMatchObject({ rank: 13, chance: 'medium', certainty: 'rough' });
    expect(chances.get('a468')![0]).toMatchObject({ rank: 157, chance: 'low', certainty: 'firm' });
  });

  it('should never tell a child ranked beyond the places "high", whatever the queue', () => {
    fc.assert(
      fc.property(fc.array(fc.subarray(['k1', 'k2', 'k3'], { minLength: 1 }), { minLength: 1, maxLength: 300 }), (choices) => {
        // Prepare: k3 is unknown (removed)
        const queue = choices.map((preferred, i) => child(i, preferred));
        // Act
        const chances = cohortPlaceChances(queue, places, on);
        // Assess
        for (const application of queue) {
          const estimates = chances.get(application.applicationId)!;
          expect(estimates.map((e) => e.kindergartenId)).toEqual(application.preferredKindergartenIds.filter((id) => id !== 'k3'));
          for (const e of estimates) {
            expect(e.rank).toBeLessThanOrEqual(e.among);
            if (e.rank > e.free + e.freeing) expect(e.chance).not.toBe('high');
          }
        }
      }),
    );
  });

  it('should rank those who chose a kindergarten 1, 2, 3, … in queue order', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 300 }), (chose) => {
        // Prepare
        const queue = chose.map((k1, i) => child(i, k1 ? ['k1'] : ['k2']));
        // Act
        const chances = cohortPlaceChances(queue, places, on);
        // Assess
        const ranks = queue.filter((_, i) => chose[i]).map((a) => chances.get(a.applicationId)![0]!.rank);
        expect(ranks).toEqual(ranks.map((_, i) => i + 1));
      }),
    );
  });

  it('should see a stored estimate as the same whatever the order of its fields', () => {
    // Prepare
    const estimate = { kindergartenId: 'k1', rank: 3, among: 9, ageGroup: 'middle', free: 1, freeing: 2, chance: 'high', certainty: 'rough' } as const;
    const stored = { certainty: 'rough', chance: 'high', freeing: 2, free: 1, ageGroup: 'middle', among: 9, rank: 3, kindergartenId: 'k1' } as const;
    // Act / Assess
    expect(sameEstimates([stored], [estimate])).toBe(true);
    expect(sameEstimates([{ ...stored, rank: 4 }], [estimate])).toBe(false);
    expect(sameEstimates(undefined, [])).toBe(false);
  });
});
