import type { Actor, Application } from '#domain/application';
import { planTransition } from '#domain/application-lifecycle';
import { confirmedValidUntil } from '#domain/campaign';
import { addYears } from '#domain/kazakhstan-time';

/**
 * What a confirmation changes (SPEC rules 1 and 6): every queued application of the parent in the
 * tenant, except those already confirmed in this campaign (never extended twice), each extended to
 * today + the policy's years and never earlier than it was. Also the date the confirmation gave, to show.
 */
export function confirmationPlans(applications: readonly Application[], campaignId: string, today: string, extensionYears: number, actor: Actor, at: string) {
  const queued = applications.filter((a) => a.status === 'queued');
  const changes = queued
    .filter((a) => !(a.history ?? []).some((e) => e.action === 'confirm' && e.details?.campaignId === campaignId))
    .map((application) => ({
      application,
      plan: planTransition(application, { kind: 'confirm', campaignId, validUntil: confirmedValidUntil(application.validUntil, today, { extensionYears }) }, actor, at),
    }));
  // The date this campaign's confirmation gave: the earliest validity it set (now, or on an earlier
  // submission of the same campaign), not a later validity some application had anyway.
  const given = [
    ...changes.map((c) => c.plan.set.validUntil!),
    ...queued.flatMap((a) => (a.history ?? []).filter((e) => e.action === 'confirm' && e.details?.campaignId === campaignId && typeof e.details.validUntil === 'string').map((e) => e.details!.validUntil as string)),
  ];
  const validUntil = given.sort()[0] ?? addYears(today, extensionYears);
  return { changes, validUntil };
}
