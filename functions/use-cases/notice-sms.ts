import type { Application, Tenant } from '#domain/application';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import type { Language } from '#domain/language';
import type { Notification } from '#domain/notification';
import { policyOf } from '#domain/policy';
import { firstName, siteAddress, smsDate, smsSendableAt, smsText, type SmsHours, type SmsKind } from '#domain/sms';
import type { Dependencies } from '#ports/dependencies';
import type { JobTask } from '#ports/scheduler';
import type { ParentAccount } from '#ports/stores';
import { forEachLimited } from '#functions/concurrency';
import { scheduleNames } from './schedule-names.ts';

/** The notices that reach the phone too, and the SMS each becomes; the others stay in the cabinet. */
const smsKindOfNotice: Partial<Record<Notification['kind'], SmsKind>> = {
  campaign_started: 'campaign_started',
  campaign_reminder: 'campaign_reminder',
  stop_cleanup: 'stop_cleanup',
  refer: 'referral_issued',
  expire_referral: 'referral_expired',
  restore_after_referral: 'restored_after_referral',
};

export const hasSms = (notice: Pick<Notification, 'kind'>): boolean => smsKindOfNotice[notice.kind] !== undefined;

/** A notice with the application that names its parent (a campaign notice: any of theirs in scope). */
export interface NoticeForSms {
  readonly notice: Notification;
  readonly application: Pick<Application, 'applicationId' | 'tenantId' | 'applicantIin' | 'childName' | 'language'>;
}

type SmsDeps = Pick<Dependencies, 'accounts' | 'notifier' | 'notifications' | 'kindergartens' | 'siteUrl'>;

const localDate = (iso: string | number | readonly string[] | undefined) => (typeof iso === 'string' && iso ? smsDate(kazakhstanDate(new Date(iso))) : '');

async function textOf(deps: Pick<SmsDeps, 'kindergartens'>, { notice, application }: NoticeForSms, language: Language, site: string): Promise<string> {
  const kind = smsKindOfNotice[notice.kind]!;
  const p = notice.params;
  const child = typeof p.childNames === 'string' ? p.childNames : firstName(String(p.childName ?? application.childName));
  switch (kind) {
    case 'campaign_started':
    case 'campaign_reminder':
      return smsText(kind, language, { site, date: localDate(p.endsAt) });
    case 'referral_issued': {
      const kindergarten = await deps.kindergartens.get(application.tenantId, String(p.kindergartenId));
      return smsText(kind, language, { site, child, kindergarten: kindergarten?.name[language] ?? String(p.kindergartenId), date: localDate(p.expiresAt) });
    }
    case 'referral_expired':
      return smsText(kind, language, { site, child, date: localDate(p.autoRestoreAt) });
    case 'stop_cleanup':
    case 'restored_after_referral':
      return smsText(kind, language, { site, child });
  }
}

/**
 * Sends the SMS copies now, to the phone of each parent's cabinet, in the language the parent
 * chose or else their application's; each notice records `sent` or `failed`. A parent without a
 * cabinet has no phone on file: their notice keeps no SMS status.
 */
async function sendNow(deps: SmsDeps, items: readonly NoticeForSms[], site: string): Promise<void> {
  const accounts = new Map<string, ParentAccount>((await deps.accounts.getParents([...new Set(items.map((i) => i.notice.recipientIin))])).map((a) => [a.iin, a]));
  await forEachLimited(items, 8, async (item) => {
    const account = accounts.get(item.notice.recipientIin);
    if (!account) return;
    try {
      await deps.notifier.sendSms({ phone: account.phone, text: await textOf(deps, item, account.language ?? item.application.language, site) });
      await deps.notifications.setChannelStatus(item.notice, 'sms', 'sent');
    } catch {
      // A failed SMS must not stop the others; the notice says it failed, the cabinet copy stands.
      await deps.notifications.setChannelStatus(item.notice, 'sms', 'failed');
    }
  });
}

/**
 * The tenant's SMS hours and the site its SMS name: `SITE_URL` when the deployment sets one
 * (locally, the local server), else the department's first host name. Read here, not through
 * `application-actions`, which imports this module.
 */
async function smsSettingsOf(deps: Pick<Dependencies, 'tenants'> & Partial<Pick<Dependencies, 'siteUrl'>>, tenantId: string): Promise<{ hours: SmsHours; site: string }> {
  const tenant = (await deps.tenants.get(tenantId)) as (Tenant & { hosts?: readonly string[] }) | undefined;
  return { hours: policyOf(tenant?.policy).smsHours, site: deps.siteUrl ? siteAddress(deps.siteUrl) : (tenant?.hosts?.[0] ?? '') };
}

const noticeSmsJobName = (task: Extract<JobTask, { kind: 'notice-sms' }>, at: Date) => scheduleNames.noticeSms(task.applicationId, task.notificationId, at.toISOString());

/**
 * The SMS copies of notices just written: sent at once inside the tenant's SMS hours, else each
 * held as a `notice-sms` job for the next morning (nobody is woken at night by a close at 23:59).
 */
export async function deliverNoticeSms(deps: SmsDeps & Pick<Dependencies, 'scheduler' | 'tenants'>, tenantId: string, items: readonly NoticeForSms[], now: Date): Promise<void> {
  const withSms = items.filter((item) => hasSms(item.notice));
  if (withSms.length === 0) return;
  const settings = await smsSettingsOf(deps, tenantId);
  const at = smsSendableAt(now, settings.hours);
  if (at.getTime() <= now.getTime()) return sendNow(deps, withSms, settings.site);
  await forEachLimited(withSms, 8, async ({ notice, application }) => {
    const task = { kind: 'notice-sms', applicationId: application.applicationId, notificationId: notice.notificationId } as const;
    await deps.scheduler.scheduleOnce({ name: noticeSmsJobName(task, at), at: at.toISOString(), task });
  });
}

/**
 * The SMS copy of a notice a request or a job without the SMS grant wrote: a `notice-sms` job
 * sends it, at once inside the tenant's SMS hours, else the next morning.
 */
export async function holdNoticeSms(deps: Pick<Dependencies, 'scheduler' | 'tenants'>, item: { notice: Notification; application: Pick<Application, 'applicationId' | 'tenantId'> }, now: Date): Promise<void> {
  if (!hasSms(item.notice)) return;
  const task = { kind: 'notice-sms', applicationId: item.application.applicationId, notificationId: item.notice.notificationId } as const;
  const at = smsSendableAt(now, (await smsSettingsOf(deps, item.application.tenantId)).hours);
  // A schedule even when due now (it fires at once): creating schedules is a grant every caller has.
  await deps.scheduler.scheduleOnce({ name: noticeSmsJobName(task, at), at: at.toISOString(), task });
}

/**
 * The `notice-sms` job (idempotent): sends a held SMS copy unless the notice already records one;
 * run outside the SMS hours (a retry that slipped into the night), it holds itself again.
 */
export async function sendHeldNoticeSms(
  deps: SmsDeps & Pick<Dependencies, 'applications' | 'scheduler' | 'tenants'>,
  task: Extract<JobTask, { kind: 'notice-sms' }>,
  now: Date,
): Promise<'sent' | 'held' | 'nothing to do'> {
  const application = await deps.applications.get(task.applicationId);
  if (!application) return 'nothing to do';
  const notice = await deps.notifications.get(application.applicantIin, task.notificationId);
  if (!notice || notice.channels.sms === 'sent' || notice.channels.sms === 'failed') return 'nothing to do';
  const settings = await smsSettingsOf(deps, application.tenantId);
  const at = smsSendableAt(now, settings.hours);
  if (at.getTime() > now.getTime()) {
    await deps.scheduler.scheduleOnce({ name: noticeSmsJobName(task, at), at: at.toISOString(), task });
    return 'held';
  }
  await sendNow(deps, [{ notice, application }], settings.site);
  return 'sent';
}
