import { outboundChannels, type DeliveryStatus, type NoticeKind } from '#domain/notification';
import type { Dependencies } from '#ports/dependencies';
import { deliveryViews } from './application-views.ts';

/** How many notices the list shows at most (newest first): the ones someone should call about now. */
export const unreachableListLimit = 200;

/** A parent a notice reached on no channel, as the staff who call them back see it. */
export interface UnreachableParent {
  readonly notificationId: string;
  readonly kind: NoticeKind;
  readonly createdAt: string;
  readonly unreachableAt: string;
  /** The application the notice was about, or the one its delivery named (a campaign notice). */
  readonly applicationId: string;
  readonly campaignId?: string;
  readonly childName?: string;
  /** The parent's name and phones in full, to call them (the route is for the roles that call parents back; every view is audited). */
  readonly parentName: string;
  readonly phone: string;
  readonly secondPhone?: string;
  readonly channels: Readonly<Record<string, DeliveryStatus>>;
  /** Per channel: when its delivery last moved (when it failed) and why, in the provider's words. */
  readonly deliveries: Readonly<Record<string, { readonly at?: string; readonly reason?: string }>>;
}

/**
 * The department's parents whom a notice reached on no channel (every SMS, the second phone's
 * included, and every e-mail failed), newest first, optionally of one campaign: someone calls them.
 */
export async function unreachableParents(deps: Pick<Dependencies, 'notifications' | 'accounts'>, tenantId: string, filter: { readonly campaignId?: string | undefined }): Promise<UnreachableParent[]> {
  const notices = (await deps.notifications.unreachable(tenantId, unreachableListLimit)).filter((n) => filter.campaignId === undefined || n.params.campaignId === filter.campaignId);
  const accounts = new Map((await deps.accounts.getParents(notices.map((n) => n.recipientIin))).map((a) => [a.iin, a]));
  return notices.map((notice) => {
    const account = accounts.get(notice.recipientIin);
    const viaDelivery = outboundChannels.map((c) => notice.deliveries?.[c]?.applicationId).find((id) => id !== undefined);
    return {
      notificationId: notice.notificationId,
      kind: notice.kind,
      createdAt: notice.createdAt,
      unreachableAt: notice.unreachableAt ?? notice.createdAt,
      applicationId: notice.applicationId !== '-' ? notice.applicationId : (viaDelivery ?? '-'),
      ...(typeof notice.params.campaignId === 'string' && { campaignId: notice.params.campaignId }),
      ...(typeof notice.params.childName === 'string' && { childName: notice.params.childName }),
      parentName: account?.displayName ?? '',
      phone: account?.phone ?? '',
      ...(account?.secondPhone && { secondPhone: account.secondPhone }),
      channels: Object.fromEntries(outboundChannels.flatMap((c) => { const status = notice.channels[c]; return status ? [[c, status] as const] : []; })),
      deliveries: deliveryViews(notice, outboundChannels),
    };
  });
}
