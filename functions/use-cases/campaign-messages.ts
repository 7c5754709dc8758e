import type { Application } from '#domain/application';
import type { TransitionPlan } from '#domain/application-lifecycle';
import type { Campaign } from '#domain/campaign';
import { channelsOfNewNotice, notificationForTransition, withOutboxMark, type Notification } from '#domain/notification';
import { firstName } from '#domain/sms';

/* The notices the campaign's jobs write: the start's and the reminders' (one per parent), the close's stop (one per parent for all their children it stops). */

/**
 * A campaign notice of one parent. `via` is the application that names them to the sender (kept
 * on the delivery, so the outbox sweeper can enqueue it again) and the time it is written (its
 * outbox mark: a reminder is written weeks after `createdAt`).
 */
export const campaignNotification = (campaign: Campaign, recipientIin: string, kind: 'campaign_started' | 'campaign_reminder', suffix: string, via: { applicationId: string; at: Date }): Notification => {
  const notice: Notification = {
  recipientIin,
  // Deterministic: a job run twice writes the same notice once (the put is conditional).
  notificationId: `${campaign.startsAt}#${campaign.campaignId}#${kind}${suffix}`,
  tenantId: campaign.tenantId,
  applicationId: '-',
  kind,
  createdAt: campaign.startsAt,
  params: { campaignId: campaign.campaignId, year: campaign.year, endsAt: campaign.endsAt },
  // Written with its SMS queued (the outbox): the sender takes it from the queue (decision 53).
  ...channelsOfNewNotice(kind, campaign.startsAt),
  read: false,
  };
  const sms = notice.deliveries?.sms;
  return withOutboxMark(sms ? { ...notice, deliveries: { sms: { ...sms, applicationId: via.applicationId } } } : notice, via.at.toISOString());
};

/** The applicants of some applications, each with one of their applications (it names them to the SMS job). */
export function byApplicant(applications: Iterable<Application>): Map<string, Application> {
  const first = new Map<string, Application>();
  for (const application of applications) if (!first.has(application.applicantIin)) first.set(application.applicantIin, application);
  return first;
}

export const withApplications = (notices: readonly Notification[], applicants: ReadonlyMap<string, Application>) =>
  notices.map((notice) => ({ notice, application: applicants.get(notice.recipientIin)! }));

/** The close's notice to one parent: one for the whole close, however many of their applications it stops (`mine`, each with its plan). */
export const stopNotice = (campaign: Campaign, mine: readonly { application: Application; plan: TransitionPlan }[]): Notification => ({
  ...notificationForTransition(mine[0]!.application, mine[0]!.plan),
  notificationId: `${campaign.endsAt}#${campaign.campaignId}#stop_cleanup`,
  applicationId: '-',
  createdAt: campaign.endsAt,
  // The SMS names the children by first name (no IIN, no surname on a phone's lock screen).
  params: { campaignId: campaign.campaignId, year: campaign.year, childNames: mine.map((c) => firstName(c.application.childName)).join(', ') },
});
