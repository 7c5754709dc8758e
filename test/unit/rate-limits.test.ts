import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admitHit, loginCodeLimits, type RateLimit } from '#domain/rate-limits';

const minute = 60_000;
const hourAt = Date.UTC(2026, 11, 5, 11, 0, 0);

/** Offers hits at the given times (ms, ascending) and keeps the log as the store would. */
function replay(limits: readonly RateLimit[], times: readonly number[]) {
  let log: readonly number[] = [];
  const admitted: number[] = [];
  const refused: { at: number; retryAfterSeconds: number }[] = [];
  for (const at of times) {
    const decision = admitHit(limits, log, new Date(at));
    if (decision.admitted) {
      log = decision.hits;
      admitted.push(at);
    } else refused.push({ at, retryAfterSeconds: decision.retryAfterSeconds });
  }
  return { admitted, refused };
}

describe('sliding-window abuse limits', () => {
  it('should refuse a sixth code within any 60 minutes across a clock hour, and say when the next may go', () => {
    // Prepare: five codes a minute apart up to 11:00, then 11:01
    const times = [-4, -3, -2, -1, 0, 1].map((m) => hourAt + m * minute);
    // Act
    const { admitted, refused } = replay(loginCodeLimits.perIin, times);
    // Assess: the 10:56 code leaves the window at 11:56
    expect(admitted).toHaveLength(5);
    expect(refused).toEqual([{ at: hourAt + minute, retryAfterSeconds: 55 * 60 }]);
    expect(admitHit(loginCodeLimits.perIin, times.slice(0, 5), new Date(hourAt + 56 * minute)).admitted).toBe(true);
  });

  it('should never admit more than the maximum in any window, and refuse only when a window is full', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 * 3_600_000 }), { maxLength: 60 }), (offsets) => {
        // Prepare
        const limits = loginCodeLimits.perIin;
        const times = [...offsets].sort((a, b) => a - b).map((offset) => hourAt + offset);
        // Act
        const { admitted, refused } = replay(limits, times);
        // Assess: every window ending at an admitted hit holds at most `max` admitted hits …
        for (const limit of limits) {
          for (const end of admitted) {
            expect(admitted.filter((t) => t > end - limit.windowSeconds * 1000 && t <= end).length).toBeLessThanOrEqual(limit.max);
          }
        }
        // … and each refusal had a full window behind it, which frees up exactly when it says
        for (const { at, retryAfterSeconds } of refused) {
          // (A hit refused at some time leaves every later one at that time refused too: admitted ones at `at` came first.)
          const before = admitted.filter((t) => t <= at);
          const full = limits.some((limit) => before.filter((t) => t > at - limit.windowSeconds * 1000).length >= limit.max);
          expect(full).toBe(true);
          expect(admitHit(limits, before, new Date(at + retryAfterSeconds * 1000)).admitted).toBe(true);
        }
      }),
    );
  });

  it('should multiply every maximum by the scale', () => {
    const thirtyHalfAnHourAgo: number[] = Array(30).fill(hourAt - 30 * minute);
    expect(admitHit(loginCodeLimits.perClient, thirtyHalfAnHourAgo, new Date(hourAt)).admitted).toBe(false);
    expect(admitHit(loginCodeLimits.perClient, thirtyHalfAnHourAgo, new Date(hourAt), 2).admitted).toBe(true);
  });
});
