import { actionRules, type ActionKind, type TransitionPlan } from './application-lifecycle.ts';
import type { Application } from './application.ts';
import type { SmsKind } from './sms.ts';

/** `sms2`: the same SMS tried once on the parent's second phone after the first phone failed. */
export type NotificationChannel = 'cabinet' | 'sms' | 'sms2' | 'email';
/**
 * A channel's delivery (decision 53, the outbox): `queued` when the notice is written (in the same
 * transaction or batch), `sending` once a sender has claimed it, `sent` once the provider took it,
 * then `delivered` or `failed` by the provider's receipt. `pending` is the status of older notices.
 */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'pending';
/** The channels that leave the cabinet, each delivered through the outbox. */
export type OutboundChannel = 'sms' | 'sms2' | 'email';
export const outboundChannels: readonly OutboundChannel[] = ['sms', 'sms2', 'email'];
/** The SMS channels: the first phone, and the second one a failed first SMS is tried on. */
export const isSmsChannel = (channel: OutboundChannel): channel is 'sms' | 'sms2' => channel === 'sms' || channel === 'sms2';

/**
 * The record of one channel's delivery beside its status: who claimed it and when (a claim older
 * than the sender's limit is taken over: the claimer died), the provider's message id, the times.
 */
export interface DeliveryRecord {
  readonly queuedAt?: string;
  readonly claim?: string;
  readonly claimedAt?: string;
  readonly attempts?: number;
  readonly messageId?: string;
  readonly sentAt?: string;
  readonly deliveredAt?: string;
  readonly failedAt?: string;
  /** Why it failed, in the provider's words (never the phone number). */
  readonly reason?: string;
  /** The application the delivery's message named (a campaign notice names none itself): a retry on another channel names it again. */
  readonly applicationId?: string;
}

/** What a notice tells about: a transition, a registration, a campaign's start or reminder, a new phone. One closed list: every text table keyed by it is exhaustive. */
export type NoticeKind = ActionKind | 'registered' | 'campaign_started' | 'campaign_reminder' | 'phone_changed';
export const noticeKinds: readonly NoticeKind[] = [...(Object.keys(actionRules) as ActionKind[]), 'registered', 'campaign_started', 'campaign_reminder', 'phone_changed'];

/**
 * A notice to a parent. It stores a kind and parameters, not text: the cabinet renders it in
 * the language the parent reads at that moment (kk / ru / en).
 */
export interface Notification {
  readonly recipientIin: string;
  /** `<ISO time>#<applicationId>#<action>`: unique per transition, sorted by time. */
  readonly notificationId: string;
  readonly tenantId: string;
  readonly applicationId: string;
  readonly kind: NoticeKind;
  readonly createdAt: string;
  readonly params: Readonly<Record<string, string | number | readonly string[]>>;
  readonly channels: Readonly<Partial<Record<NotificationChannel, DeliveryStatus>>>;
  /** Each outbound channel's delivery record (written with the notice, so later updates set its fields). */
  readonly deliveries?: Readonly<Partial<Record<OutboundChannel, DeliveryRecord>>>;
  /** When every channel that leaves the cabinet had failed: the parent is on the department's list to call. */
  readonly unreachableAt?: string;
  /** The sparse index of notices that need attention (decision 55): see `outboxMark` and `unreachableMark`. */
  readonly attentionKey?: string;
  readonly attentionAt?: string;
  readonly read: boolean;
}

/** The notices that reach the phone too, and the SMS each becomes; the others stay in the cabinet. */
export const smsKindOfNotice: Readonly<Partial<Record<Notification['kind'], SmsKind>>> = {
  campaign_started: 'campaign_started',
  campaign_reminder: 'campaign_reminder',
  stop_cleanup: 'stop_cleanup',
  refer: 'referral_issued',
  expire_referral: 'referral_expired',
  restore_after_referral: 'restored_after_referral',
};

export const hasSms = (notice: Pick<Notification, 'kind'>): boolean => smsKindOfNotice[notice.kind] !== undefined;

/**
 * The channels and delivery records a new notice is written with: the cabinet copy is delivered
 * by construction (same transaction as the change); an SMS is `queued` in the same write — the
 * outbox — and a sender takes it from there (decision 53).
 */
export function channelsOfNewNotice(kind: Notification['kind'], at: string): Pick<Notification, 'channels'> & Partial<Pick<Notification, 'deliveries'>> {
  if (!hasSms({ kind })) return { channels: { cabinet: 'delivered' } };
  return { channels: { cabinet: 'delivered', sms: 'queued' }, deliveries: { sms: { queuedAt: at, attempts: 0 } } };
}

/**
 * A new notice with its e-mail `queued` beside its SMS (decision 59), when it reaches the phone and
 * the parent has a verified address: written in the same write as the notice and its SMS (the
 * outbox), naming the same application as the SMS delivery. Unchanged otherwise.
 */
export function withEmailDelivery(notice: Notification, verifiedAddress: string | undefined, at: string = notice.createdAt): Notification {
  if (!verifiedAddress || !hasSms(notice) || notice.channels.email !== undefined) return notice;
  const applicationId = notice.deliveries?.sms?.applicationId;
  return withOutboxMark(
    { ...notice, channels: { ...notice.channels, email: 'queued' }, deliveries: { ...notice.deliveries, email: { queuedAt: at, attempts: 0, ...(applicationId && { applicationId }) } } },
    notice.attentionAt ?? at,
  );
}

/** Shards of the outbox mark: a campaign start marks tens of thousands of notices at once, spread over this many index partitions. */
export const outboxShards = 16;

/** The outbox mark's shard of a notice: a stable hash (FNV-1a) of its keys. */
export function outboxShard(recipientIin: string, notificationId: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${recipientIin}#${notificationId}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash % outboxShards;
}

/** The mark of a notice with a delivery `queued` since `at` (removed when a sender claims it): what the outbox sweeper finds. */
export function outboxMark(key: Pick<Notification, 'recipientIin' | 'notificationId'>, at: string): { attentionKey: string; attentionAt: string } {
  return { attentionKey: `outbox#${outboxShard(key.recipientIin, key.notificationId)}`, attentionAt: at };
}

/** The mark of a notice that reached its parent on no channel: the department's list to call. */
export const unreachableKey = (tenantId: string) => `unreachable#${tenantId}`;

/** A new notice with its outbox mark when one of its deliveries is `queued` (marked at `at`, default its creation). */
export function withOutboxMark<N extends Notification>(notice: N, at: string = notice.createdAt): N {
  const queued = Object.values(notice.channels).includes('queued');
  return queued ? { ...notice, ...outboxMark(notice, at) } : notice;
}

/**
 * Whether a sender may claim a channel's delivery now: it is `queued`, or `sending` under a claim
 * older than `staleBefore` (its sender died between the claim and its record; the one window in
 * which a message can go twice). A delivery `sent`, `delivered` or `failed` is never sent again.
 */
export function isClaimable(notice: Pick<Notification, 'channels' | 'deliveries'>, channel: OutboundChannel, staleBefore: string): boolean {
  const status = notice.channels[channel];
  if (status === 'queued') return true;
  const claimedAt = notice.deliveries?.[channel]?.claimedAt;
  return status === 'sending' && claimedAt !== undefined && claimedAt < staleBefore;
}

/**
 * The channel a failed delivery is tried on next: an SMS that failed on the first phone goes once
 * to the second phone, if the parent gave one; nothing else is tried again.
 */
export function fallbackOf(channel: OutboundChannel, contacts: { readonly secondPhone?: string | undefined }): OutboundChannel | undefined {
  return channel === 'sms' && contacts.secondPhone ? 'sms2' : undefined;
}

/**
 * Whether a notice reached the parent on no channel that leaves the cabinet: it had at least one,
 * and every one of them ended `failed` (none still queued, being sent, sent or delivered).
 */
export function isUnreachable(notice: Pick<Notification, 'channels'>): boolean {
  const outbound = outboundChannels.map((channel) => notice.channels[channel]).filter((status) => status !== undefined);
  return outbound.length > 0 && outbound.every((status) => status === 'failed');
}

/** Seconds before the next attempt of a delivery that failed `attempts` times: 30 s doubling, at most 15 min. */
export function deliveryBackoffSeconds(attempts: number): number {
  return Math.min(900, 30 * 2 ** Math.max(0, attempts - 1));
}

function notification(application: Application, kind: Notification['kind'], at: string, params: Notification['params']): Notification {
  return withOutboxMark({
    recipientIin: application.applicantIin,
    notificationId: `${at}#${application.applicationId}#${kind}`,
    tenantId: application.tenantId,
    applicationId: application.applicationId,
    kind,
    createdAt: at,
    params: { childName: application.childName, ...params },
    ...channelsOfNewNotice(kind, at),
    read: false,
  });
}

/** The parent's notice of a transition (SPEC rule 12: nothing happens without their knowledge). */
export function notificationForTransition(application: Application, plan: TransitionPlan): Notification {
  return notification(application, plan.action, plan.event.at, { ...(plan.event.details ?? {}), from: plan.from, to: plan.to });
}

export function notificationForRegistration(application: Application, at: string): Notification {
  return notification(application, 'registered', at, { registeredAt: application.registeredAt });
}

/** The parent's notice that staff changed the phone of their cabinet (the numbers stay out of it). */
export function notificationForPhoneChange(application: Application, at: string): Notification {
  return notification(application, 'phone_changed', at, {});
}
