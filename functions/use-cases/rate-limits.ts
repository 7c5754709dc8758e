import { createHash } from 'node:crypto';
import { RateLimitedError, windowOf, type RateLimit } from '#domain/rate-limits';
import type { Dependencies } from '#ports/dependencies';

/** Subjects (an IIN, an address, a login) are stored hashed: the limit counters hold no personal data. */
const hashed = (subject: string) => createHash('sha256').update(subject).digest('base64url').slice(0, 22);

/**
 * Counts one request against every limit of every subject, refusing with the longest wait when
 * any window is full. Checked in order, so a request refused by its client limit does not use
 * up the IIN's allowance.
 */
export async function enforceLimits(
  deps: Pick<Dependencies, 'auth' | 'clock'>,
  checks: readonly { readonly limits: readonly RateLimit[]; readonly subject: string }[],
  scale: number,
): Promise<void> {
  const now = deps.clock();
  for (const { limits, subject } of checks) {
    for (const limit of limits) {
      const window = windowOf(limit, hashed(subject), now, scale);
      if (!(await deps.auth.hit(window.key, window.max, window.expiresAtEpoch))) throw new RateLimitedError(window.retryAfterSeconds);
    }
  }
}
