import { DomainError } from './errors.ts';

/**
 * Abuse limits (fixed windows). A login code costs an SMS: codes are limited per IIN and per
 * client; staff passwords are limited per login and per client against guessing. `scale`
 * multiplies every maximum (1 in AWS; the local test runtime raises it so suites that log in
 * hundreds of parents from one address are not throttled, and the limit tests set it back to 1).
 */
export interface RateLimit {
  readonly id: string;
  readonly max: number;
  readonly windowSeconds: number;
}

export const loginCodeLimits = {
  perIin: [
    { id: 'code-iin-1m', max: 1, windowSeconds: 60 },
    { id: 'code-iin-1h', max: 5, windowSeconds: 3_600 },
  ],
  perClient: [{ id: 'code-client-1h', max: 30, windowSeconds: 3_600 }],
} as const satisfies Record<string, readonly RateLimit[]>;

export const staffLoginLimits = {
  perLogin: [{ id: 'staff-login-15m', max: 10, windowSeconds: 900 }],
  perClient: [{ id: 'staff-client-1h', max: 60, windowSeconds: 3_600 }],
} as const satisfies Record<string, readonly RateLimit[]>;

/** The counter a hit at `now` goes to: one per limit, subject and window; it expires with the window. */
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
