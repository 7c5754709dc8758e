import { createHash } from 'node:crypto';
import { admitHit, RateLimitedError, windowOf, type Counting, type RateLimit } from '#domain/rate-limits';
import type { Dependencies } from '#ports/dependencies';

/** Subjects (an IIN, an address, a login) are stored hashed: the limit logs hold no personal data. */
const hashed = (subject: string) => createHash('sha256').update(subject).digest('base64url').slice(0, 22);

/** Rewrites after a concurrent hit on the same subject before giving up (each one means someone else was counted). */
const maxAttempts = 5;

/**
 * Counts one request against the limits of every subject, refusing with the wait when any is
 * full. Subjects are checked in order, so a request refused by its client's limit does not use up
 * the IIN's allowance. An `exact` subject's log is read, decided on, and written back only if
 * nobody wrote it meanwhile, so two requests racing for the last place cannot both get it; a
 * `windowed` subject's counters move by atomic, conditional additions.
 */
export async function enforceLimits(
  deps: Pick<Dependencies, 'auth' | 'clock'>,
  checks: readonly { readonly limits: readonly RateLimit[]; readonly subject: string; readonly counting: Counting }[],
  scale: number,
): Promise<void> {
  for (const { limits, subject, counting } of checks) {
    if (counting === 'windowed') {
      for (const limit of limits) {
        const window = windowOf(limit, hashed(subject), deps.clock(), scale);
        if (!(await deps.auth.hit(window.key, window.max, window.expiresAtEpoch))) throw new RateLimitedError(window.retryAfterSeconds);
      }
      continue;
    }
    const key = `${limits.map((limit) => limit.id).join('+')}#${hashed(subject)}`;
    for (let attempt = 1; ; attempt++) {
      const log = await deps.auth.hitLog(key);
      const decision = admitHit(limits, log.hits, deps.clock(), scale);
      if (!decision.admitted) throw new RateLimitedError(decision.retryAfterSeconds);
      if (await deps.auth.saveHitLog(key, decision.hits, log.version, decision.expiresAtEpoch)) break;
      // Under a flood on one subject, refuse rather than spin: the others were counted.
      if (attempt === maxAttempts) throw new RateLimitedError(1);
    }
  }
}
