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
  /** A preview's request id is a UUID: with a campaign id the name is a digest. */
  campaignPreview: (campaignId: string, requestId: string) => scheduleName('campaign-preview', campaignId, requestId),
  campaignReminder: (campaignId: string, daysBefore: number) => scheduleName('campaign-reminder', campaignId, daysBefore),
  campaignClose: (campaignId: string) => scheduleName('campaign-close', campaignId),
  /** An SMS copy held for the SMS hours: the notice's id holds `#` and `:`, so the name is a digest. */
  noticeSms: (applicationId: string, notificationId: string, at: string) => scheduleName('notice-sms', applicationId, notificationId, epochSeconds(at)),
  export: (exportId: string) => scheduleName('export', exportId),
  /** One sweep of the outbox per slot (its start time): scheduling the next one twice keeps one. */
  outboxSweep: (at: string) => scheduleName('outbox-sweep', epochSeconds(at)),
  positions: (tenantId: string, birthYears: readonly number[], reason: string, at: string) => scheduleName('positions', tenantId, birthYears.join('_'), reason, Date.parse(at)),
  /** The n-th continuation of a job that handed over (decision 42): a new name for each, so none is taken for one already run. */
  campaignStartPart: (campaignId: string, n: number) => scheduleName('campaign-start', campaignId, `p${n}`),
  campaignClosePart: (campaignId: string, mode: 'close' | 'cancel', n: number) => scheduleName(mode === 'close' ? 'campaign-close' : 'campaign-cancel', campaignId, `p${n}`),
  campaignPreviewPart: (campaignId: string, requestId: string, n: number) => scheduleName('campaign-preview', campaignId, requestId, `p${n}`),
  campaignReminderPart: (campaignId: string, daysBefore: number, n: number) => scheduleName('campaign-reminder', campaignId, daysBefore, `p${n}`),
  exportPart: (exportId: string, n: number) => scheduleName('export', exportId, `p${n}`),
  /** `origin` is a digest of the original task (so two recomputes' continuations stay apart). */
  outboxSweepPart: (startedAt: string, n: number) => scheduleName('outbox-sweep', epochSeconds(startedAt), `p${n}`),
  positionsPart: (tenantId: string, origin: string, n: number) => scheduleName('positions', tenantId, origin, `p${n}`),
} as const;

/** A short deterministic digest of a task (JSON), for names and continuations that must tell tasks apart. */
export function taskDigest(task: unknown): string {
  return createHash('sha256').update(JSON.stringify(task)).digest('base64url').slice(0, 16);
}
