import type { Application, Tenant } from '#domain/application';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import type { Language } from '#domain/language';
import { deliveryBackoffSeconds, outboxShards, fallbackOf, hasSms, isClaimable, isSmsChannel, isUnreachable, outboundChannels, smsKindOfNotice, withEmailDelivery, type Notification, type OutboundChannel } from '#domain/notification';
import { emailText, mailboxAddress, verifiedEmail, type EmailText } from '#domain/email';
import { permanentMailErrors } from '#ports/mailer';
import { messageLanguage } from '#domain/contacts';
import { policyOf } from '#domain/policy';
import { firstName, siteAddress, smsDate, smsSendableAt, smsText, type SmsHours, type SmsKind } from '#domain/sms';
import { randomUUID } from 'node:crypto';
import type { Dependencies } from '#ports/dependencies';
import { outboxSweep, type DeliveryMessage } from '#ports/delivery-queue';
import { unlimitedBudget, type JobBudget, type JobTask } from '#ports/scheduler';
import type { NoticeKey, ParentAccount } from '#ports/stores';
import { forEachLimited } from '#functions/concurrency';
import { scheduleNames } from './schedule-names.ts';

export { hasSms };

/** A notice with the application that names its parent (a campaign notice: any of theirs in scope). */
export interface NoticeForSms {
  readonly notice: Notification;
  readonly application: Pick<Application, 'applicationId' | 'tenantId' | 'applicantIin' | 'childName' | 'language'>;
}

type SmsDeps = Pick<Dependencies, 'accounts' | 'notifier' | 'notifications' | 'kindergartens' | 'siteUrl'>;
export type { SmsDeps };

const localDate = (iso: string | number | readonly string[] | undefined) => (typeof iso === 'string' && iso ? smsDate(kazakhstanDate(new Date(iso))) : '');

/** What a notice says on any channel: the kind of its text and the values the text names (the kindergarten in the parent's language). */
async function wordingOf(deps: Pick<SmsDeps, 'kindergartens'>, { notice, application }: NoticeForSms, language: Language): Promise<{ kind: SmsKind; values: { child?: string; kindergarten?: string; date?: string } }> {
  const kind = smsKindOfNotice[notice.kind]!;
  const p = notice.params;
  const child = typeof p.childNames === 'string' ? p.childNames : firstName(String(p.childName ?? application.childName));
  switch (kind) {
    case 'campaign_started':
    case 'campaign_reminder':
      return { kind, values: { date: localDate(p.endsAt) } };
    case 'referral_issued': {
      const kindergarten = await deps.kindergartens.get(application.tenantId, String(p.kindergartenId));
      return { kind, values: { child, kindergarten: kindergarten?.name[language] ?? String(p.kindergartenId), date: localDate(p.expiresAt) } };
    }
    case 'referral_expired':
      return { kind, values: { child, date: localDate(p.autoRestoreAt) } };
    case 'stop_cleanup':
    case 'restored_after_referral':
      return { kind, values: { child } };
  }
}

/**
 * The e-mail copy of a notice (decision 59): the same kinds and names as its SMS, in the parent's
 * one language, with a subject and the site's full link.
 */
async function emailOf(deps: Pick<SmsDeps, 'kindergartens'>, notice: NoticeForSms, language: Language, link: string): Promise<EmailText> {
  const { kind, values } = await wordingOf(deps, notice, language);
  return emailText(kind, language, { link, ...values });
}

async function textOf(deps: Pick<SmsDeps, 'kindergartens'>, notice: NoticeForSms, language: Language, site: string): Promise<string> {
  const { kind, values } = await wordingOf(deps, notice, language);
  return smsText(kind, language, { site, ...values });
}

/**
 * The tenant's SMS hours and the site its SMS name: `SITE_URL` when the deployment sets one
 * (locally, the local server), else the department's first host name. Read here, not through
 * `application-actions`, which imports this module.
 */
async function smsSettingsOf(deps: Pick<Dependencies, 'tenants'> & Partial<Pick<Dependencies, 'siteUrl'>>, tenantId: string): Promise<{ hours: SmsHours; site: string; link: string }> {
  const tenant = (await deps.tenants.get(tenantId)) as (Tenant & { hosts?: readonly string[] }) | undefined;
  const host = tenant?.hosts?.[0];
  return {
    hours: policyOf(tenant?.policy).smsHours,
    site: deps.siteUrl ? siteAddress(deps.siteUrl) : (host ?? ''),
    // An e-mail carries the full link (a mail client makes it clickable).
    link: deps.siteUrl ? deps.siteUrl.replace(/\/+$/, '') : host ? `https://${host}` : '',
  };
}

/**
 * Notices with their e-mail queued beside the SMS for the parents with a verified address (one
 * BatchGet per 100 parents, only for notices that reach the phone): called before the notices
 * are written, so the e-mail delivery is in the same write as the SMS (decision 59).
 */
export async function withEmailDeliveries(deps: Partial<Pick<Dependencies, 'accounts'>>, notices: readonly Notification[]): Promise<Notification[]> {
  const iins = notices.filter((notice) => hasSms(notice)).map((notice) => notice.recipientIin);
  if (iins.length === 0 || !deps.accounts) return [...notices];
  const accounts = new Map((await deps.accounts.getParents(iins)).map((account) => [account.iin, account]));
  return notices.map((notice) => withEmailDelivery(notice, verifiedEmail(accounts.get(notice.recipientIin))));
}

const noticeSmsJobName = (task: Extract<JobTask, { kind: 'notice-sms' }>, at: Date) => scheduleNames.noticeSms(task.applicationId, task.notificationId, at.toISOString());

const smsDelivery = ({ notice, application }: { notice: Pick<Notification, 'notificationId'>; application: Pick<Application, 'applicationId'> }, channel: OutboundChannel = 'sms'): DeliveryMessage => ({
  applicationId: application.applicationId,
  notificationId: notice.notificationId,
  channel,
});

/**
 * The SMS copies of notices a job wrote (each notice written with its SMS `queued`: the outbox):
 * enqueued for the sender at once inside the tenant's SMS hours, else each held as a `notice-sms`
 * job for the next morning (nobody is woken at night by a close at 23:59). Enqueuing a delivery
 * twice is harmless (the sender claims it), so a re-run of a page enqueues its notices again.
 */
export async function deliverNoticeSms(deps: Pick<Dependencies, 'deliveries' | 'scheduler' | 'tenants'>, tenantId: string, items: readonly NoticeForSms[], now: Date): Promise<void> {
  // E-mail has no quiet hours (a mail waits in the mailbox, it wakes nobody): enqueued at once, day or night.
  const withEmail = items.filter((item) => item.notice.channels.email === 'queued');
  if (withEmail.length > 0) await deps.deliveries.enqueue(withEmail.map((item) => smsDelivery(item, 'email')));
  const withSms = items.filter((item) => item.notice.channels.sms === 'queued');
  if (withSms.length === 0) return;
  const settings = await smsSettingsOf(deps, tenantId);
  const at = smsSendableAt(now, settings.hours);
  if (at.getTime() <= now.getTime()) return deps.deliveries.enqueue(withSms.map((item) => smsDelivery(item)));
  await forEachLimited(withSms, 8, async ({ notice, application }) => {
    const task = { kind: 'notice-sms', applicationId: application.applicationId, notificationId: notice.notificationId } as const;
    await deps.scheduler.scheduleOnce({ name: noticeSmsJobName(task, at), at: at.toISOString(), task });
  });
}

/**
 * The SMS copy of a notice a request wrote (queued with it): a `notice-sms` job enqueues it, at
 * once inside the tenant's SMS hours, else the next morning.
 */
export async function holdNoticeSms(deps: Pick<Dependencies, 'scheduler' | 'tenants'>, item: { notice: Notification; application: Pick<Application, 'applicationId' | 'tenantId'> }, now: Date): Promise<void> {
  if (item.notice.channels.sms !== 'queued') return;
  const task = { kind: 'notice-sms', applicationId: item.application.applicationId, notificationId: item.notice.notificationId } as const;
  const at = smsSendableAt(now, (await smsSettingsOf(deps, item.application.tenantId)).hours);
  // An e-mail queued beside it goes at once, even at night (no quiet hours for e-mail): a job now enqueues it, the SMS waits for its own.
  if (item.notice.channels.email === 'queued' && at.getTime() > now.getTime()) await deps.scheduler.scheduleOnce({ name: noticeSmsJobName(task, now), at: now.toISOString(), task });
  // A schedule even when due now (it fires at once): creating schedules is a grant every caller has.
  await deps.scheduler.scheduleOnce({ name: noticeSmsJobName(task, at), at: at.toISOString(), task });
}

/**
 * The `notice-sms` job (idempotent): enqueues a held SMS copy for the sender unless it has left
 * the outbox already; run outside the SMS hours (a retry that slipped into the night), it holds
 * itself again.
 */
export async function sendHeldNoticeSms(
  deps: Pick<Dependencies, 'applications' | 'notifications' | 'deliveries' | 'scheduler' | 'tenants'>,
  task: Extract<JobTask, { kind: 'notice-sms' }>,
  now: Date,
): Promise<'enqueued' | 'held' | 'nothing to do'> {
  const application = await deps.applications.get(task.applicationId);
  if (!application) return 'nothing to do';
  const notice = await deps.notifications.get(application.applicantIin, task.notificationId);
  // The first phone's SMS, or the second phone's after the first failed (the same job holds either).
  const queued = outboundChannels.filter((channel) => notice?.channels[channel] === 'queued');
  if (!notice || queued.length === 0) return 'nothing to do';
  // The e-mail at once, day or night; the SMS only in the SMS hours.
  if (queued.includes('email')) await deps.deliveries.enqueue([smsDelivery({ notice, application }, 'email')]);
  const sms = queued.filter((channel) => isSmsChannel(channel));
  if (sms.length === 0) return 'enqueued';
  const at = smsSendableAt(now, (await smsSettingsOf(deps, application.tenantId)).hours);
  if (at.getTime() > now.getTime()) {
    await deps.scheduler.scheduleOnce({ name: noticeSmsJobName(task, at), at: at.toISOString(), task });
    return 'held';
  }
  await deps.deliveries.enqueue(sms.map((channel) => smsDelivery({ notice, application }, channel)));
  return 'enqueued';
}

/** What the sender did with one delivery message. */
export type SendOutcome =
  | { readonly outcome: 'sent'; readonly messageId: string }
  /** Already claimed by a live sender, sent, settled, or gone: nothing to send (no duplicate). */
  | { readonly outcome: 'skipped' }
  /** Outside the SMS hours (a retry slipped into the night): held as a `notice-sms` job for the morning. */
  | { readonly outcome: 'held' }
  /** The parent has no cabinet, so no phone: the SMS channel is removed, the cabinet copy stands. */
  | { readonly outcome: 'unreachable' }
  | { readonly outcome: 'failed'; readonly reason: string }
  /** The provider failed for now: the claim is released and the queue brings the message back after the backoff. */
  | { readonly outcome: 'retry'; readonly retryAfterSeconds: number };

export interface SendAttempt {
  /** The queue's receive count of this message (1 on the first receive). */
  readonly receiveCount: number;
  /** Receives before the queue gives up (its redrive policy): the last attempt records `failed`. */
  readonly maxReceives: number;
  /** A `sending` claim older than this is its dead sender's and is taken over (decision 53). */
  readonly claimTimeoutMs: number;
}

/** Errors the provider will answer the same way however often it is asked. */
const permanent = (error: unknown) => error instanceof Error && (error.name === 'InvalidParameterException' || error.name === 'InvalidParameterValueException');

/**
 * The sender (decision 53): one delivery from the queue, sent at most once. It claims the delivery
 * with a conditional write (`queued` → `sending`) before handing it to the provider, and records
 * `sent` with the provider's message id after; a delivery already claimed, sent or settled is
 * skipped. The one window for a duplicate is a crash between the provider taking the message and
 * the record of it: the claim then goes stale and the message, redelivered, is sent again.
 */
export async function sendDelivery(deps: SmsDeps & Pick<Dependencies, 'applications' | 'scheduler' | 'tenants' | 'deliveries' | 'mailer'>, message: DeliveryMessage, now: Date, attempt: SendAttempt): Promise<SendOutcome> {
  if (message.channel === 'email') return sendEmailDelivery(deps, message, now, attempt);
  if (!isSmsChannel(message.channel)) return { outcome: 'skipped' };
  const channel = message.channel;
  const application = await deps.applications.get(message.applicationId);
  if (!application) return { outcome: 'skipped' };
  const notice = await deps.notifications.get(application.applicantIin, message.notificationId);
  const staleBefore = new Date(now.getTime() - attempt.claimTimeoutMs).toISOString();
  if (!notice || !hasSms(notice) || !isClaimable(notice, channel, staleBefore)) return { outcome: 'skipped' };
  const settings = await smsSettingsOf(deps, application.tenantId);
  const at = smsSendableAt(now, settings.hours);
  if (at.getTime() > now.getTime()) {
    const task = { kind: 'notice-sms', applicationId: application.applicationId, notificationId: notice.notificationId } as const;
    await deps.scheduler.scheduleOnce({ name: noticeSmsJobName(task, at), at: at.toISOString(), task });
    return { outcome: 'held' };
  }
  const account = await deps.accounts.getParent(notice.recipientIin);
  if (!account) {
    await deps.notifications.dropQueuedChannel(notice, channel);
    return { outcome: 'unreachable' };
  }
  const failure = { applicationId: application.applicationId, tenantId: notice.tenantId, account, now };
  const phone = channel === 'sms2' ? account.secondPhone : account.phone;
  if (!phone) {
    // The parent removed the second phone after the first failed: nothing to try it on.
    const reason = 'no second phone on file';
    if (await deps.notifications.recordFailed(notice, channel, undefined, { at: now.toISOString(), reason })) await afterDeliveryFailed(deps, notice, channel, failure);
    return { outcome: 'failed', reason };
  }
  const text = await textOf(deps, { notice, application }, messageLanguage(account, application.language, 'ru'), settings.site);
  return handOver(deps, { notice, channel, staleBefore, failure, attempt, now }, () => deps.notifier.sendSms({ phone, text }), permanent);
}

/**
 * A delivery handed to its provider, whatever the channel: claimed with a conditional write
 * first, recorded `sent` after; a refusal for good (or the last receive) records `failed` and
 * what follows it, any other releases the claim for a retry after the backoff.
 */
async function handOver(
  deps: SmsDeps & Pick<Dependencies, 'deliveries'>,
  delivery: { readonly notice: Notification; readonly channel: OutboundChannel; readonly staleBefore: string; readonly failure: Parameters<typeof afterDeliveryFailed>[3]; readonly attempt: SendAttempt; readonly now: Date },
  send: () => Promise<{ readonly messageId: string }>,
  isPermanent: (error: unknown) => boolean,
): Promise<SendOutcome> {
  const { notice, channel, failure, attempt, now } = delivery;
  const claim = randomUUID();
  if (!(await deps.notifications.claimDelivery(notice, channel, { id: claim, at: now.toISOString(), staleBefore: delivery.staleBefore }))) return { outcome: 'skipped' };
  let messageId: string;
  try {
    ({ messageId } = await send());
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
    if (isPermanent(error) || attempt.receiveCount >= attempt.maxReceives) {
      if (await deps.notifications.recordFailed(notice, channel, claim, { at: now.toISOString(), reason })) await afterDeliveryFailed(deps, notice, channel, failure);
      return { outcome: 'failed', reason };
    }
    await deps.notifications.releaseClaim(notice, channel, claim);
    return { outcome: 'retry', retryAfterSeconds: deliveryBackoffSeconds(attempt.receiveCount) };
  }
  await deps.notifications.recordSent(notice, channel, claim, { messageId, at: now.toISOString(), applicationId: failure.applicationId });
  return { outcome: 'sent', messageId };
}

/**
 * The sender's e-mail path (decision 59): the same claim, record and backoff as an SMS, through the
 * `Mailer`, to the parent's verified address as it is when sent (an address removed or changed
 * and not yet verified since: the e-mail channel is removed, the other channels stand). No quiet
 * hours: a mail wakes nobody.
 */
async function sendEmailDelivery(deps: SmsDeps & Pick<Dependencies, 'applications' | 'tenants' | 'deliveries' | 'mailer'>, message: DeliveryMessage, now: Date, attempt: SendAttempt): Promise<SendOutcome> {
  const channel = 'email';
  const application = await deps.applications.get(message.applicationId);
  if (!application) return { outcome: 'skipped' };
  const notice = await deps.notifications.get(application.applicantIin, message.notificationId);
  const staleBefore = new Date(now.getTime() - attempt.claimTimeoutMs).toISOString();
  if (!notice || !hasSms(notice) || !isClaimable(notice, channel, staleBefore)) return { outcome: 'skipped' };
  const account = await deps.accounts.getParent(notice.recipientIin);
  const address = verifiedEmail(account);
  if (!account || !address) {
    await deps.notifications.dropQueuedChannel(notice, channel);
    return { outcome: 'unreachable' };
  }
  const settings = await smsSettingsOf(deps, application.tenantId);
  const mail = await emailOf(deps, { notice, application }, messageLanguage(account, application.language, 'ru'), settings.link);
  const failure = { applicationId: application.applicationId, tenantId: notice.tenantId, account, now };
  return handOver(deps, { notice, channel, staleBefore, failure, attempt, now }, () => deps.mailer.send({ to: mailboxAddress(address) ?? address, ...mail }), (error) => error instanceof Error && permanentMailErrors.includes(error.name));
}

/**
 * What follows a delivery that ended `failed` (the provider refused it, or its receipt said so):
 * an SMS that failed on the first phone is tried once on the second (written `queued` on the same
 * notice with one conditional write, then enqueued: the same claim rules, so never twice); when
 * nothing is left to try and every channel failed, the notice is marked unreachable for the
 * department's list of parents to call.
 */
export async function afterDeliveryFailed(
  deps: Pick<Dependencies, 'notifications' | 'deliveries'>,
  key: NoticeKey,
  channel: OutboundChannel,
  context: { readonly applicationId: string; readonly tenantId: string; readonly account: Pick<ParentAccount, 'secondPhone'> | undefined; readonly now: Date },
): Promise<'fallback' | 'unreachable' | 'nothing'> {
  const at = context.now.toISOString();
  const next = fallbackOf(channel, context.account ?? {});
  if (next) {
    if (await deps.notifications.queueFallback(key, channel, next, { at, applicationId: context.applicationId })) {
      await deps.deliveries.enqueue([{ applicationId: context.applicationId, notificationId: key.notificationId, channel: next }]);
    }
    return 'fallback';
  }
  const notice = await deps.notifications.get(key.recipientIin, key.notificationId);
  if (notice && isUnreachable(notice) && (await deps.notifications.markUnreachable(key, { tenantId: context.tenantId, at }))) return 'unreachable';
  return 'nothing';
}

/**
 * A provider's delivery receipts (SNS SMS delivery-status logs in AWS; the local notifier's
 * simulated ones): each delivery found by its message id goes from `sent` to `delivered` or
 * `failed` with the time. A receipt for an unknown or already settled message changes nothing. A
 * failed one is followed up (`afterDeliveryFailed`): the second phone, or the list of parents to call.
 */
export async function recordReceipts(
  deps: Pick<Dependencies, 'notifications' | 'accounts' | 'deliveries'>,
  receipts: readonly { messageId: string; status: 'delivered' | 'failed'; at: string; reason?: string }[],
): Promise<number> {
  let updated = 0;
  for (const receipt of receipts) {
    const settled = await deps.notifications.recordReceipt(receipt);
    if (!settled) continue;
    updated++;
    if (receipt.status !== 'failed') continue;
    const notice = await deps.notifications.get(settled.recipientIin, settled.notificationId);
    if (!notice) continue;
    const applicationId = notice.deliveries?.[settled.channel]?.applicationId ?? notice.applicationId;
    const account = await deps.accounts.getParent(notice.recipientIin);
    await afterDeliveryFailed(deps, settled, settled.channel, { applicationId, tenantId: notice.tenantId, account, now: new Date(receipt.at) });
  }
  return updated;
}

export { outboxSweep };

/**
 * The outbox sweeper (decision 55): finds, through the sparse outbox mark of the `byAttention`
 * index (never a scan), the deliveries still `queued` `waitedMinutes` after they were written and
 * enqueues them again; the sender's claim makes a second message for a delivery harmless. Only in
 * the tenant's SMS hours (at night the held ones wait for their `notice-sms` job). Chunked by
 * shard and page; once the budget runs low it hands over with the shard and the mark time it
 * reached (a page at that time is enqueued again: harmless).
 */
export async function sweepOutbox(
  deps: Pick<Dependencies, 'notifications' | 'deliveries' | 'tenants' | 'scheduler'>,
  task: Omit<Extract<JobTask, { kind: 'outbox-sweep' }>, 'kind'>,
  now: Date,
  budget: JobBudget = unlimitedBudget,
): Promise<{ enqueued: number; handedOverTo?: number }> {
  const before = new Date(now.getTime() - outboxSweep.waitedMinutes * 60_000).toISOString();
  const oldest = new Date(now.getTime() - outboxSweep.lookBackDays * 86_400_000).toISOString();
  const daytime = new Map<string, boolean>();
  const inSmsHours = async (tenantId: string) => {
    if (!daytime.has(tenantId)) daytime.set(tenantId, smsSendableAt(now, (await smsSettingsOf(deps, tenantId)).hours).getTime() <= now.getTime());
    return daytime.get(tenantId)!;
  };
  let part = task.part ?? { n: 0, startedAt: now.toISOString(), shard: 0 };
  let enqueued = 0;
  const handOver = async (next: NonNullable<typeof task.part>) => {
    await deps.scheduler.enqueue({ name: scheduleNames.outboxSweepPart(next.startedAt, next.n), task: { kind: 'outbox-sweep', part: next, ...(task.repeatMinutes && { repeatMinutes: task.repeatMinutes }) } });
    return { enqueued, handedOverTo: next.n };
  };
  while (part.shard < outboxShards) {
    let after: string | undefined;
    do {
      const page = await deps.notifications.waitingInOutbox(part.shard, { from: part.from ?? oldest, before }, outboxSweep.pageSize, after);
      const messages: DeliveryMessage[] = [];
      for (const notice of page.notices) {
        for (const channel of outboundChannels) {
          if (notice.channels[channel] !== 'queued') continue;
          // SMS only in the tenant's SMS hours; e-mail has none.
          if (isSmsChannel(channel) && !(await inSmsHours(notice.tenantId))) continue;
          const applicationId = notice.deliveries?.[channel]?.applicationId ?? (notice.applicationId !== '-' ? notice.applicationId : undefined);
          if (applicationId) messages.push({ applicationId, notificationId: notice.notificationId, channel });
        }
      }
      if (messages.length > 0) await deps.deliveries.enqueue(messages);
      enqueued += messages.length;
      after = page.next;
      const reached = page.notices.at(-1)?.attentionAt;
      if (after && reached && budget.handOver()) return handOver({ n: part.n + 1, startedAt: part.startedAt, shard: part.shard, from: reached });
    } while (after);
    part = { n: part.n, startedAt: part.startedAt, shard: part.shard + 1 };
    if (part.shard < outboxShards && budget.handOver()) return handOver({ ...part, n: part.n + 1 });
  }
  if (task.repeatMinutes) {
    const at = new Date(Date.parse(part.startedAt) + task.repeatMinutes * 60_000).toISOString();
    await deps.scheduler.scheduleOnce({ name: scheduleNames.outboxSweep(at), at, task: { kind: 'outbox-sweep', repeatMinutes: task.repeatMinutes } });
  }
  return { enqueued };
}
