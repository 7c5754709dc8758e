import type { Application, Kindergarten } from '#domain/application';
import { actionsOpenTo, type ActionKind, type ParentAction, type StaffAction } from '#domain/application-lifecycle';
import { maskIin } from '#domain/iin';
import type { Notification, OutboundChannel } from '#domain/notification';

type KindergartenIndex = ReadonlyMap<string, Kindergarten>;

const keyOf = (tenantId: string, kindergartenId: string) => `${tenantId}/${kindergartenId}`;

/** The kindergartens an application names (choices and referral), to fetch in one BatchGet. */
export function kindergartenKeysOf(applications: readonly Application[]) {
  return applications.flatMap((a) =>
    [...a.preferredKindergartenIds, ...(a.referral ? [a.referral.kindergartenId] : [])].map((kindergartenId) => ({ tenantId: a.tenantId, kindergartenId })),
  );
}

export function indexKindergartens(kindergartens: readonly Kindergarten[]): KindergartenIndex {
  return new Map(kindergartens.map((k) => [keyOf(k.tenantId, k.kindergartenId), k]));
}

function kindergartenRef(index: KindergartenIndex, tenantId: string, kindergartenId: string) {
  const kindergarten = index.get(keyOf(tenantId, kindergartenId));
  // A kindergarten removed since keeps its id, so the parent still sees which one it was.
  return { kindergartenId, name: kindergarten?.name ?? { kk: kindergartenId, ru: kindergartenId, en: kindergartenId } };
}

/** Where a referral sends the parent: the kindergarten's address, when it is known. */
function addressOf(index: KindergartenIndex, tenantId: string, kindergartenId: string): { address?: string } {
  const address = index.get(keyOf(tenantId, kindergartenId))?.address;
  return address ? { address } : {};
}

/**
 * What the parent may do next, from the same rules the state machine enforces: each action named
 * as the cabinet offers it, or `null` where the cabinet has no button for it (the survey confirms;
 * the system's own). Exhaustive: a new action fails `tsc` here until someone decides.
 */
const parentActionOf = {
  restore_cleanup: 'restore',
  withdraw: 'withdraw',
  change_kindergartens: null,
  confirm: null,
  refer: null,
  enroll: null,
  expire_referral: null,
  restore_after_referral: null,
  stop_cleanup: null,
} as const satisfies Record<ActionKind, ParentAction | null>;
/** What staff may do next, from the same rules, as the console names it; `null` for the actions only the system or the parent takes. Exhaustive, as above. */
const staffActionOf = {
  refer: 'refer',
  enroll: 'enroll',
  withdraw: 'withdraw',
  change_kindergartens: 'change_kindergartens',
  restore_cleanup: 'restore',
  confirm: null,
  expire_referral: null,
  restore_after_referral: null,
  stop_cleanup: null,
} as const satisfies Record<ActionKind, StaffAction | null>;

function parentActionsOf(application: Application): ParentAction[] {
  return actionsOpenTo(application, 'parent').flatMap((kind) => parentActionOf[kind] ?? []);
}

function staffActionsOf(application: Application): StaffAction[] {
  return actionsOpenTo(application, 'staff').flatMap((kind) => staffActionOf[kind] ?? []);
}

function commonView(application: Application, index: KindergartenIndex) {
  return {
    applicationId: application.applicationId,
    tenantId: application.tenantId,
    childName: application.childName,
    birthDate: application.birthDate,
    registeredAt: application.registeredAt,
    status: application.status,
    ...(application.stopReason && { stopReason: application.stopReason }),
    validUntil: application.validUntil,
    priority: application.priority,
    language: application.language,
    kindergartens: application.preferredKindergartenIds.map((id) => kindergartenRef(index, application.tenantId, id)),
    ...(application.status === 'queued' && application.position !== undefined && { position: application.position }),
    positionLog: application.status === 'queued' ? [...(application.positionLog ?? [])] : [],
    ...(application.status === 'queued' && application.placeChances && { placeChances: application.placeChances.map((estimate) => ({ ...estimate })) }),
    ...(application.referral && {
      referral: {
        kindergarten: {
          ...kindergartenRef(index, application.tenantId, application.referral.kindergartenId),
          ...addressOf(index, application.tenantId, application.referral.kindergartenId),
        },
        issuedAt: application.referral.issuedAt,
        expiresAt: application.referral.expiresAt,
      },
    }),
    ...(application.autoRestoreAt && { autoRestoreAt: application.autoRestoreAt }),
    // Who acted is shown by role only: staff account ids are not the parent's business.
    history: (application.history ?? []).map(({ actor, ...event }) => ({ ...event, actor: { role: actor.role } })),
    confirmationNeeded: application.pendingCampaign !== undefined,
  };
}

/** An application as its parent sees it: no IINs (they know them), with what they may do next. */
export function parentView(application: Application, index: KindergartenIndex) {
  return { ...commonView(application, index), actions: parentActionsOf(application) };
}

/** An application as staff see it: IINs masked, kindergarten ids for editing. */
export function staffView(application: Application, index: KindergartenIndex) {
  return {
    ...commonView(application, index),
    childIin: maskIin(application.childIin),
    applicantIin: maskIin(application.applicantIin),
    preferredKindergartenIds: [...application.preferredKindergartenIds],
    actions: staffActionsOf(application),
  };
}

/** One application as staff see it, with its kindergartens' names (one BatchGet). */
export async function loadStaffView(deps: { kindergartens: { getMany: (keys: ReturnType<typeof kindergartenKeysOf>) => Promise<Kindergarten[]> } }, application: Application) {
  return staffView(application, indexKindergartens(await deps.kindergartens.getMany(kindergartenKeysOf([application]))));
}

/** One application as its parent sees it, with its kindergartens' names (one BatchGet). */
export async function loadParentView(deps: { kindergartens: { getMany: (keys: ReturnType<typeof kindergartenKeysOf>) => Promise<Kindergarten[]> } }, application: Application) {
  return parentView(application, indexKindergartens(await deps.kindergartens.getMany(kindergartenKeysOf([application]))));
}

/** How many of the parent's latest notices the staff application page reads (one Query). */
export const staffNoticeLimit = 20;

const outboundChannels: readonly OutboundChannel[] = ['sms', 'email'];

/**
 * The parent's latest notices in this department, as staff see them beside an application: what
 * was said, when, whether the parent read it, and how each channel that leaves the cabinet went
 * (queued, sending, sent, delivered, failed) with the time and, for a failure, the provider's
 * reason; never a phone number. Staff answering a call see whether the SMS reached the parent.
 */
export async function loadParentNotices(deps: { notifications: { latest(recipientIin: string, limit: number): Promise<Notification[]> } }, application: Application) {
  const notices = await deps.notifications.latest(application.applicantIin, staffNoticeLimit);
  return notices
    .filter((notice) => notice.tenantId === application.tenantId)
    .map((notice) => ({
      notificationId: notice.notificationId,
      kind: notice.kind,
      createdAt: notice.createdAt,
      applicationId: notice.applicationId,
      aboutThisApplication: notice.applicationId === application.applicationId || (Array.isArray(notice.params.applicationIds) && notice.params.applicationIds.includes(application.applicationId)),
      params: notice.params,
      channels: notice.channels as Record<string, string>,
      read: notice.read,
      deliveries: deliveryViews(notice),
    }));
}

/** Per channel that leaves the cabinet: when its delivery last moved, and why it failed (the provider's words). */
export function deliveryViews(notice: Pick<Notification, 'deliveries'>, channels: readonly OutboundChannel[] = outboundChannels): Partial<Record<OutboundChannel, { at?: string; reason?: string }>> {
  return Object.fromEntries(
    channels.flatMap((channel) => {
      const record = notice.deliveries?.[channel];
      if (!record) return [];
      const at = record.failedAt ?? record.deliveredAt ?? record.sentAt ?? record.claimedAt ?? record.queuedAt;
      return [[channel, { ...(at && { at }), ...(record.reason && { reason: record.reason }) }]];
    }),
  ) as Partial<Record<OutboundChannel, { at?: string; reason?: string }>>;
}
