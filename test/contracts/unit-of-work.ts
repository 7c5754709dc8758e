import { describe, expect, it } from 'vitest';
import { ageGroups, type Application, type Kindergarten } from '#domain/application';
import { planTransition } from '#domain/application-lifecycle';
import { ConcurrentChangeError, NoFreePlaceError } from '#domain/errors';
import { notificationForTransition } from '#domain/notification';
import type { Dependencies } from '#ports/dependencies';
import { applyTransitions } from '#use-cases/unit-of-work';

/**
 * What any adapter of the unit of work and of the stores' write intents must do, in domain
 * terms: several stores' intents land together or not at all, a refusal names the intent that
 * refused it, and hooks run only after a commit. Run against DynamoDB in
 * `test/integration/port-contracts.test.ts`; a second adapter runs the same suite.
 */
export interface UnitOfWorkWorld {
  readonly deps: Pick<Dependencies, 'applications' | 'kindergartens' | 'notifications' | 'campaigns' | 'surveys' | 'unitOfWork'>;
  /** A queued application no other test touches, as stored. */
  readonly queuedApplication: () => Promise<Application>;
  /** A new kindergarten of the application's tenant with `places` in every age group and none taken. */
  readonly kindergarten: (tenantId: string, places: number) => Promise<Kindergarten>;
  /** A campaign of the tenant (draft), for its counters. */
  readonly campaign: (tenantId: string) => Promise<string>;
  readonly now: () => Date;
}

const every = (places: number) => Object.fromEntries(ageGroups.map((group) => [group, places]));

export function unitOfWorkContract(name: string, world: () => UnitOfWorkWorld): void {
  describe(`${name}: the unit of work`, () => {
    const referral = async (places: number) => {
      const { deps, now } = world();
      const application = await world().queuedApplication();
      const kindergarten = await world().kindergarten(application.tenantId, places);
      const at = now().toISOString();
      const plan = planTransition(application, { kind: 'refer', kindergartenId: kindergarten.kindergartenId, expiresAt: new Date(now().getTime() + 7 * 86_400_000).toISOString() }, { role: 'staff', id: 'contract' }, at);
      const notice = notificationForTransition(application, plan);
      return { deps, application, kindergarten, plan, notice };
    };

    it('should commit a transition, the place it takes, its notice and a campaign counter together', async () => {
      // Prepare
      const { deps, application, kindergarten, plan, notice } = await referral(2);
      const campaignId = await world().campaign(application.tenantId);
      // Act
      const [updated] = await applyTransitions(deps, { changes: [{ application, plan }], notices: [notice], counter: { tenantId: application.tenantId, campaignId, field: 'restored', delta: 1 } });
      // Assess: each store shows its part
      const stored = await deps.applications.get(application.applicationId);
      expect(stored?.status).toBe('referred');
      expect(stored?.version).toBe((application.version ?? 0) + 1);
      expect(updated?.status).toBe('referred');
      const group = plan.place!.ageGroup;
      expect((await deps.kindergartens.get(kindergarten.tenantId, kindergarten.kindergartenId))!.occupancy![group]).toBe(1);
      expect(await deps.notifications.get(notice.recipientIin, notice.notificationId)).toMatchObject({ kind: 'refer', applicationId: application.applicationId });
      expect((await deps.campaigns.get(application.tenantId, campaignId))?.counts.restored).toBe(1);
    });

    it('should refuse everything with NoFreePlaceError when the place is gone', async () => {
      // Prepare: a kindergarten with no place in any group
      const { deps, application, kindergarten, plan, notice } = await referral(0);
      // Act
      const attempt = applyTransitions(deps, { changes: [{ application, plan }], notices: [notice] });
      // Assess: the place's refusal speaks, and nothing of the others landed
      await expect(attempt).rejects.toBeInstanceOf(NoFreePlaceError);
      const unchanged = await deps.applications.get(application.applicationId);
      expect(unchanged?.status).toBe('queued');
      expect(unchanged?.version).toBe(application.version);
      expect(await deps.notifications.get(notice.recipientIin, notice.notificationId)).toBeUndefined();
      expect((await deps.kindergartens.get(kindergarten.tenantId, kindergarten.kindergartenId))?.occupancy).toEqual(every(0));
    });

    it('should refuse a transition planned on an older version with ConcurrentChangeError and leave the place free', async () => {
      // Prepare: the application changes after the plan was made
      const { deps, application, kindergarten, plan, notice } = await referral(1);
      await applyTransitions(deps, { changes: [{ application, plan: planTransition(application, { kind: 'change_kindergartens', kindergartenIds: [kindergarten.kindergartenId] }, { role: 'staff', id: 'contract' }, world().now().toISOString()) }] });
      // Act
      const attempt = applyTransitions(deps, { changes: [{ application, plan }], notices: [notice] });
      // Assess
      await expect(attempt).rejects.toBeInstanceOf(ConcurrentChangeError);
      expect((await deps.kindergartens.get(kindergarten.tenantId, kindergarten.kindergartenId))!.occupancy![plan.place!.ageGroup]).toBe(0);
      expect(await deps.notifications.get(notice.recipientIin, notice.notificationId)).toBeUndefined();
    });

    it('should run the intents’ hooks after a commit and never after a refusal', async () => {
      // Prepare
      const { deps, application, kindergarten, plan } = await referral(1);
      const ran: string[] = [];
      const hooked = (label: string) => deps.applications.transitions([{ application, plan }]).map((intent) => ({ ...intent, afterCommit: () => ran.push(label) }));
      // Act: the first commit takes the only place; the same change again is refused
      await deps.unitOfWork.commit([...hooked('first'), deps.kindergartens.placeMove(kindergarten.tenantId, plan.place!)]);
      await expect(deps.unitOfWork.commit([...hooked('second'), deps.kindergartens.placeMove(kindergarten.tenantId, plan.place!)])).rejects.toBeInstanceOf(NoFreePlaceError);
      // Assess
      expect(ran).toEqual(['first']);
    });

    it('should commit nothing, and not fail, for no intents', async () => {
      await expect(world().deps.unitOfWork.commit([])).resolves.toBeUndefined();
    });
  });

  describe(`${name}: places and shared notices as parts of a unit of work`, () => {
    it('should never take more places than there are, nor give back more than were taken', async () => {
      // Prepare
      const { deps } = world();
      const application = await world().queuedApplication();
      const kindergarten = await world().kindergarten(application.tenantId, 1);
      const move = (delta: 1 | -1) => deps.unitOfWork.commit([deps.kindergartens.placeMove(kindergarten.tenantId, { kindergartenId: kindergarten.kindergartenId, ageGroup: 'junior', delta })]);
      // Act + Assess
      await expect(move(-1)).rejects.toBeInstanceOf(NoFreePlaceError);
      await move(1);
      await expect(move(1)).rejects.toBeInstanceOf(NoFreePlaceError);
      await move(-1);
      expect((await deps.kindergartens.get(kindergarten.tenantId, kindergarten.kindergartenId))!.occupancy!.junior).toBe(0);
    });

    it('should grow one shared notice with each write naming more applications, and a repeated write changes nothing', async () => {
      // Prepare
      const { deps } = world();
      const application = await world().queuedApplication();
      const plan = planTransition(application, { kind: 'stop_cleanup', campaignId: 'c-contract' }, { role: 'system', id: 'contract' }, world().now().toISOString());
      const notification = { ...notificationForTransition(application, plan), notificationId: `${world().now().toISOString()}#c-contract#stop_cleanup`, applicationId: '-' };
      const write = (ids: string[]) => deps.unitOfWork.commit([deps.notifications.sharedNotice({ notification, applicationIds: ids })]);
      // Act
      await write(['a-1']);
      await write(['a-2', 'a-3']);
      await write(['a-2']);
      // Assess
      const stored = (await deps.notifications.get(notification.recipientIin, notification.notificationId)) as unknown as { applicationIds: Set<string> };
      expect([...stored.applicationIds].sort()).toEqual(['a-1', 'a-2', 'a-3']);
    });
  });
}
