import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '#domain/audit';
import { ConcurrentChangeError } from '#domain/errors';
import type { Notification } from '#domain/notification';
import type { AuditTrail } from '#ports/audit';
import type { NotificationStore } from '#ports/stores';
import type { UnitOfWork } from '#ports/unit-of-work';
import { refusal } from './refusal.ts';

/**
 * What any adapter of the audit trail must do, in domain terms: events are only ever added (one
 * is never written over); a tenant's events are listed newest first, by person, record, action and
 * time, never another tenant's, in pages whose cursor the caller only passes back; a staff
 * request's event commits together with the first change the request commits, and not at all
 * when that change is refused or when the request commits none. Each test uses its own tenant,
 * so the suite runs on any adapter beside other tests; `test/integration/port-contracts.test.ts`
 * runs it on DynamoDB Local.
 */
export interface AuditWorld {
  /** A tenant id no other test uses. */
  readonly tenant: () => string;
  /** The unit of work of the same adapter, and a store whose intents it commits (a request's change). */
  readonly unitOfWork: () => UnitOfWork;
  readonly notifications: () => NotificationStore;
}

export function auditTrailContract(name: string, trail: () => AuditTrail, world: () => AuditWorld): void {
  describe(`${name}: AuditTrail`, () => {
    const event = (tenantId: string, minute: number, overrides: Partial<AuditEvent> = {}): AuditEvent => ({
      tenantId,
      eventId: `e-${minute}`,
      at: `2026-10-05T04:${String(minute).padStart(2, '0')}:00.000Z`,
      actor: { role: 'staff', accountId: 'staff#operator@kezek.test' },
      action: 'application.read',
      record: { type: 'application', id: 'app-1' },
      outcome: 'success',
      ...overrides,
    });
    const ids = (events: readonly AuditEvent[]) => events.map((e) => e.eventId);
    let notices = 0;
    /** A change a staff request commits: a new notice (refused when the same notice is written again). */
    const notice = (tenantId: string): Notification => ({
      recipientIin: `iin-${tenantId}`,
      notificationId: `2026-10-05T04:00:00.000Z#a-${++notices}#refer`,
      tenantId,
      applicationId: `a-${notices}`,
      kind: 'refer',
      createdAt: '2026-10-05T04:00:00.000Z',
      params: {},
      channels: { cabinet: 'delivered' },
      read: false,
    });
    const change = (n: Notification) => world().unitOfWork().commit([world().notifications().notice(n)]);

    it("should list a tenant's events newest first, by person, record, action and inclusive times, and never another tenant's", async () => {
      // Prepare
      const tenantId = world().tenant();
      const events = [
        event(tenantId, 1),
        event(tenantId, 2, { actor: { role: 'staff', accountId: 'staff#admin@kezek.test' }, action: 'application.enroll' }),
        event(tenantId, 3, { record: { type: 'kindergarten', id: 'k-1' }, action: 'kindergarten.update' }),
        event(tenantId, 4, { action: 'application.enroll', outcome: 'concurrent_change' }),
        event(tenantId, 5),
      ];
      for (const e of events) await trail().append(e);
      await trail().append(event(world().tenant(), 6));
      // Act
      const all = await trail().list(tenantId, {}, 10);
      const admin = await trail().list(tenantId, { accountId: 'staff#admin@kezek.test' }, 10);
      const kindergarten = await trail().list(tenantId, { record: { type: 'kindergarten', id: 'k-1' } }, 10);
      const application = await trail().list(tenantId, { record: { type: 'application', id: 'app-1' }, action: 'application.enroll' }, 10);
      const between = await trail().list(tenantId, { from: events[1]!.at, to: events[3]!.at }, 10);
      // Assess
      expect(all).toEqual({ events: [...events].reverse() });
      expect(ids(admin.events)).toEqual(['e-2']);
      expect(ids(kindergarten.events)).toEqual(['e-3']);
      expect(ids(application.events)).toEqual(['e-4', 'e-2']);
      expect(ids(between.events)).toEqual(['e-4', 'e-3', 'e-2']);
      expect((await trail().list(world().tenant(), {}, 10)).events).toEqual([]);
    });

    it('should page events newest first, each once, with a cursor only passed back', async () => {
      // Prepare
      const tenantId = world().tenant();
      for (let minute = 1; minute <= 5; minute++) await trail().append(event(tenantId, minute));
      // Act
      const pages: string[][] = [];
      let after: string | undefined;
      do {
        const page = await trail().list(tenantId, { accountId: 'staff#operator@kezek.test' }, 2, after);
        pages.push(ids(page.events));
        after = page.next;
      } while (after !== undefined && pages.length < 10);
      // Assess
      expect(pages.flat()).toEqual(['e-5', 'e-4', 'e-3', 'e-2', 'e-1']);
      expect(pages[0]).toEqual(['e-5', 'e-4']);
    });

    it('should never write an event over one already there', async () => {
      // Prepare
      const tenantId = world().tenant();
      await trail().append(event(tenantId, 1));
      // Act
      const again = await refusal(trail().append(event(tenantId, 1, { outcome: 'forbidden' })));
      // Assess
      expect(again).toBeInstanceOf(Error);
      expect((await trail().list(tenantId, {}, 10)).events).toEqual([event(tenantId, 1)]);
    });

    it("should commit a request's event with its first change, and not when the request commits none", async () => {
      // Prepare
      const tenantId = world().tenant();
      const first = notice(tenantId);
      // Act
      const changed = await trail().carried(() => event(tenantId, 1, { action: 'application.refer' }), async () => {
        await change(first);
        await change(notice(tenantId));
        return 'done';
      });
      const read = await trail().carried(() => event(tenantId, 2), async () => 'read only');
      // Assess: one event for the request that changed something, carried once
      expect(changed).toEqual({ value: 'done', carried: true });
      expect(read).toEqual({ value: 'read only', carried: false });
      expect(await trail().list(tenantId, {}, 10)).toEqual({ events: [event(tenantId, 1, { action: 'application.refer' })] });
      expect(await world().notifications().get(first.recipientIin, first.notificationId)).toMatchObject({ applicationId: first.applicationId });
    });

    it('should not commit the event when the change it rides on is refused', async () => {
      // Prepare: the notice exists already, so writing it again is refused
      const tenantId = world().tenant();
      const existing = notice(tenantId);
      await change(existing);
      // Act
      const refused = await refusal(trail().carried(() => event(tenantId, 1, { action: 'application.refer' }), () => change(existing)));
      // Assess: the store's refusal speaks, and nothing was audited (the caller appends the failure)
      expect(refused).toBeInstanceOf(ConcurrentChangeError);
      expect((await trail().list(tenantId, {}, 10)).events).toEqual([]);
    });
  });
}
