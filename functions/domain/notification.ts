import { actionRules, type ActionKind, type TransitionPlan } from './application-lifecycle.ts';
import type { Application } from './application.ts';

export type NotificationChannel = 'cabinet' | 'sms' | 'email';
export type DeliveryStatus = 'delivered' | 'sent' | 'failed' | 'pending';

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
  readonly read: boolean;
}

function notification(application: Application, kind: Notification['kind'], at: string, params: Notification['params']): Notification {
  return {
    recipientIin: application.applicantIin,
    notificationId: `${at}#${application.applicationId}#${kind}`,
    tenantId: application.tenantId,
    applicationId: application.applicationId,
    kind,
    createdAt: at,
    params: { childName: application.childName, ...params },
    // The cabinet copy is written in the same transaction as the change, so it is delivered by
    // construction; SMS and e-mail follow once parents can subscribe to them.
    channels: { cabinet: 'delivered' },
    read: false,
  };
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
