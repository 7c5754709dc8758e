import { DomainError } from './errors.ts';

/**
 * Abuse limits. A login code costs an SMS: codes are limited per IIN and per client; checks of a
 * code, and staff passwords, are limited per IIN or login and per client against guessing. `scale` multiplies every
 * maximum (1 in AWS; the local test runtime raises it so suites that log in hundreds of parents
 * from one address are not throttled, and the limit tests set it back to 1).
 *
 * A subject's hits are counted one of two ways (`Counting`):
 * - `exact`, for one person's IIN or login: a sliding window, "at most `max` in any
 *   `windowSeconds`", from the times of the subject's recent hits kept in one log;
 * - `windowed`, for a client address that many people may share (a school's or an office's
 *   network at a campaign's start): fixed windows, one atomic counter per window. A log there
 *   would be one hot item that every request rewrites; the price is that up to twice the
 *   maximum can pass across a window's edge.
 */
export type Counting = 'exact' | 'windowed';
export interface RateLimit {
  readonly id: string;
  readonly max: number;
  readonly windowSeconds: number;
}

/** Each list holds the limits of one kind of subject, checked together for every hit of it. */
export const loginCodeLimits = {
  perIin: [
    { id: 'code-iin-1m', max: 1, windowSeconds: 60 },
    { id: 'code-iin-1h', max: 5, windowSeconds: 3_600 },
  ],
  perClient: [{ id: 'code-client-1h', max: 30, windowSeconds: 3_600 }],
} as const satisfies Record<string, readonly RateLimit[]>;

/**
 * Guessing a code: each code allows `loginCodeMaxAttempts` tries; these bound the tries on one IIN
 * across codes, and from one address across IINs (a parent may mistype; a script tries thousands).
 */
export const loginVerifyLimits = {
  perIin: [{ id: 'verify-iin-15m', max: 10, windowSeconds: 900 }],
  perClient: [{ id: 'verify-client-1h', max: 60, windowSeconds: 3_600 }],
} as const satisfies Record<string, readonly RateLimit[]>;

/**
 * Verification mails a parent's saves may send (each to an address they typed): enough for typos
 * and a lost mail, too few to make the site send mail to a stranger's inbox over and over.
 */
export const verificationMailLimits = {
  perIin: [
    { id: 'mail-iin-1h', max: 3, windowSeconds: 3_600 },
    { id: 'mail-iin-1d', max: 6, windowSeconds: 86_400 },
  ],
} as const satisfies Record<string, readonly RateLimit[]>;

export const staffLoginLimits = {
  perLogin: [{ id: 'staff-login-15m', max: 10, windowSeconds: 900 }],
  perClient: [{ id: 'staff-client-1h', max: 60, windowSeconds: 3_600 }],
} as const satisfies Record<string, readonly RateLimit[]>;

export type HitDecision =
  | { readonly admitted: true; readonly hits: readonly number[]; readonly expiresAtEpoch: number }
  | { readonly admitted: false; readonly retryAfterSeconds: number };

/**
 * Whether one more hit at `now` stays within every limit, given the subject's earlier hits (epoch
 * ms, any order). Admitted: the log to store (the hits still inside the longest window, and this
 * one) and when it may expire. Refused: how long until the oldest hit that fills a window leaves it.
 */
export function admitHit(limits: readonly RateLimit[], earlier: readonly number[], now: Date, scale = 1): HitDecision {
  const at = now.getTime();
  const longestMs = Math.max(...limits.map((limit) => limit.windowSeconds)) * 1000;
  const recent = earlier.filter((hit) => hit > at - longestMs && hit <= at).sort((a, b) => a - b);
  let waitMs = 0;
  for (const limit of limits) {
    const windowMs = limit.windowSeconds * 1000;
    const inWindow = recent.filter((hit) => hit > at - windowMs);
    const max = limit.max * scale;
    if (inWindow.length >= max) {
      // Room for one more once all but max − 1 of these have left the window.
      waitMs = Math.max(waitMs, inWindow[inWindow.length - max]! + windowMs - at);
    }
  }
  if (waitMs > 0) return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  return { admitted: true, hits: [...recent, at], expiresAtEpoch: Math.ceil((at + longestMs) / 1000) };
}

/** The counter a `windowed` hit at `now` goes to: one per limit, subject and window; it expires with the window. */
export function windowOf(limit: RateLimit, subject: string, now: Date, scale = 1) {
  const windowMs = limit.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return {
    key: `${limit.id}#${subject}#${start}`,
    max: limit.max * scale,
    expiresAtEpoch: Math.ceil((start + windowMs) / 1000),
    retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000)),
  };
}

/** Too many requests of one kind from one subject: try again after the window. */
export class RateLimitedError extends DomainError {
  readonly code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited');
  }
  override params() {
    return { minutes: String(Math.ceil(this.retryAfterSeconds / 60)) };
  }
}
