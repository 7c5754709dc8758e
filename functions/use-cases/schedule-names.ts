import { createHash } from 'node:crypto';
import { scheduleNameMaxLength, scheduleNamePattern } from '#ports/scheduler';

/** The longest prefix that still leaves room for `-` and a whole SHA-256 digest (43 base64url characters). */
const maxPrefixLength = scheduleNameMaxLength - 1 - 43;

/**
 * A deterministic schedule name: `<prefix>-<part>-<part>…` when that is valid for EventBridge
 * Scheduler (readable in the console, and the same as before for names that always fitted);
 * otherwise `<prefix>-<SHA-256 of the parts>`, which is as deterministic, so scheduling twice
 * still keeps one schedule. The parts are hashed with a separator no id contains, so
 * (`a-b`, `c`) and (`a`, `b-c`) stay apart.
 */
export function scheduleName(prefix: string, ...parts: readonly (string | number)[]): string {
  if (prefix.length > maxPrefixLength || !scheduleNamePattern.test(prefix)) throw new Error(`schedule name prefix ${prefix} is too long or not allowed`);
  const plain = [prefix, ...parts].join('-');
  if (plain.length <= scheduleNameMaxLength && scheduleNamePattern.test(plain)) return plain;
  return `${prefix}-${createHash('sha256').update(parts.join('\u0000')).digest('base64url')}`;
}

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * Every schedule and enqueued job name the system creates, in one place (so one test can build
 * each from the longest ids the system makes and check it against Scheduler's limits).
 */
export const scheduleNames = {
  referralExpiry: (applicationId: string, issuedAt: string) => scheduleName('referral-expiry', applicationId, epochSeconds(issuedAt)),
  referralRestore: (applicationId: string, autoRestoreAt: string) => scheduleName('referral-restore', applicationId, epochSeconds(autoRestoreAt)),
  campaignStart: (campaignId: string) => scheduleName('campaign-start', campaignId),
  campaignCancel: (campaignId: string) => scheduleName('campaign-cancel', campaignId),
  campaignReminder: (campaignId: string, daysBefore: number) => scheduleName('campaign-reminder', campaignId, daysBefore),
  campaignClose: (campaignId: string) => scheduleName('campaign-close', campaignId),
  export: (exportId: string) => scheduleName('export', exportId),
  positions: (tenantId: string, birthYears: readonly number[], reason: string, at: string) => scheduleName('positions', tenantId, birthYears.join('_'), reason, Date.parse(at)),
} as const;
