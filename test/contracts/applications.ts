import { describe, expect, it } from 'vitest';
import type { Application, PriorityCategory } from '#domain/application';
import { planTransition, type ApplicationAction } from '#domain/application-lifecycle';
import { ChildAlreadyQueuedError, ConcurrentChangeError, PhoneChangedMeanwhileError } from '#domain/errors';
import { notificationForPhoneChange, notificationForRegistration } from '#domain/notification';
import type { AccountStore, ApplicationStore, AuthStore, NotificationStore, StatusList, StatusPageKey } from '#ports/stores';
import type { UnitOfWork } from '#ports/unit-of-work';
import { refusal } from './refusal.ts';

/**
 * What any adapter of the application store must do, in domain terms: an application is
 * registered once per child and tenant, with its notice, or not at all; a transition lands only
 * over the version it was planned on and moves the application between its cohort's queue and
 * status lists; queue, status and pending lists page through every application once in their
 * order with cursors the caller only passes back; the help desk's search stays in its tenant; an
 * import can be run again; positions, chances and a parent's phone are written only while what
 * they were computed from still holds. Each test makes its own tenant and people, so the suite
 * runs on any adapter beside other tests; `test/integration/port-contracts.test.ts` runs it on
 * DynamoDB Local.
 */
export interface ApplicationWorld {
  /** A tenant id no other test uses. */
  readonly tenant: () => string;
  /** A 12-digit IIN no other test uses (applicants and children). */
  readonly iin: () => string;
  /** The unit of work that commits the store's transitions. */
  readonly unitOfWork: () => UnitOfWork;
  /** The notices a registration and a phone change write with the application. */
  readonly notifications: () => NotificationStore;
  /** The parents' accounts a phone change writes. */
  readonly accounts: () => AccountStore;
  /** The sign-in store whose pending login code a phone change removes. */
  readonly auth: () => AuthStore;
}

const staff = { role: 'staff', id: 'contract' } as const;

export function applicationStoreContract(name: string, store: () => ApplicationStore, world: () => ApplicationWorld): void {
  describe(`${name}: ApplicationStore`, () => {
    let made = 0;
    /** A queued application of a 2022 child in `tenantId`, as a registration makes it (not stored). */
    const draft = (tenantId: string, overrides: Partial<Application> = {}): Application => ({
      applicationId: `app-contract-${process.pid}-${++made}`,
      tenantId,
      applicantIin: world().iin(),
      childIin: world().iin(),
      childName: 'Сейтқали Айдана',
      birthDate: '2022-03-15',
      registeredAt: '2026-01-10T04:00:00.000Z',
      priority: 'none',
      preferredKindergartenIds: ['k-1'],
      language: 'kk',
      status: 'queued',
      validUntil: '2027-01-10',
      history: [{ at: '2026-01-10T04:00:00.000Z', actor: staff, action: 'register', to: 'queued' }],
      ...overrides,
    });
    /** A registration as the use case commits it: the store's intents and the parent's notice, in one unit of work. */
    const registered = (application: Application, at = application.registeredAt) =>
      world().unitOfWork().commit([...store().registration(application), world().notifications().notice(notificationForRegistration(application, at))]);
    const register = async (application: Application): Promise<Application> => {
      await registered(application);
      return (await store().get(application.applicationId))!;
    };
    const transition = (application: Application, action: ApplicationAction) =>
      world().unitOfWork().commit(store().transitions([{ application, plan: planTransition(application, action, staff, '2026-02-01T04:00:00.000Z') }]));
    const ids = (applications: readonly Application[]) => applications.map((a) => a.applicationId);
    /** Every page of a list, each cursor only passed back. */
    const allPages = async <C>(page: (after: C | undefined) => Promise<{ applications: Application[]; next?: C }>) => {
      const pages: string[][] = [];
      let after: C | undefined;
      do {
        const result = await page(after);
        pages.push(ids(result.applications));
        after = result.next;
      } while (after !== undefined && pages.length < 50);
      return pages;
    };

    it('should register an application at version 1 with its notice, and refuse a second one of the same child in the tenant with nothing written', async () => {
      // Prepare
      const tenantId = world().tenant();
      const first = draft(tenantId);
      const sameChild = draft(tenantId, { childIin: first.childIin });
      const sameId = draft(tenantId, { applicationId: first.applicationId });
      const elsewhere = draft(world().tenant(), { childIin: first.childIin });
      // Act
      const stored = await register(first);
      const twice = await refusal(registered(sameChild, '2026-01-11T04:00:00.000Z'));
      const taken = await refusal(registered(sameId, '2026-01-12T04:00:00.000Z'));
      // Assess
      expect(stored).toMatchObject({ applicationId: first.applicationId, tenantId, status: 'queued', childName: 'Сейтқали Айдана', version: 1 });
      expect(await world().notifications().latest(first.applicantIin, 10)).toMatchObject([{ kind: 'registered', applicationId: first.applicationId }]);
      expect(twice).toBeInstanceOf(ChildAlreadyQueuedError);
      expect(taken).toBeInstanceOf(ConcurrentChangeError);
      expect(await store().get(sameChild.applicationId)).toBeUndefined();
      expect(await world().notifications().latest(sameChild.applicantIin, 10)).toEqual([]);
      expect(await world().notifications().latest(sameId.applicantIin, 10)).toEqual([]);
      expect((await store().get(first.applicationId))?.childIin).toBe(first.childIin);
      // The same child may wait in another department's queue
      expect((await register(elsewhere)).status).toBe('queued');
    });

    it("should list an applicant's applications across tenants, oldest registration first, and nobody else's", async () => {
      // Prepare
      const applicantIin = world().iin();
      const later = draft(world().tenant(), { applicantIin, registeredAt: '2026-03-01T04:00:00.000Z' });
      const earlier = draft(world().tenant(), { applicantIin, registeredAt: '2025-09-01T04:00:00.000Z' });
      await register(later);
      await register(earlier);
      await register(draft(later.tenantId));
      // Act
      const listed = await store().listByApplicant(applicantIin);
      // Assess
      expect(ids(listed)).toEqual([earlier.applicationId, later.applicationId]);
      expect(await store().listByApplicant(world().iin())).toEqual([]);
      expect(await store().get('app-contract-none')).toBeUndefined();
    });

    it('should commit a transition only over the version it was planned on, and move the application from the queue to its status list', async () => {
      // Prepare
      const tenantId = world().tenant();
      const leaving = await register(draft(tenantId));
      const staying = await register(draft(tenantId, { registeredAt: '2026-01-11T04:00:00.000Z' }));
      // Act
      await transition(leaving, { kind: 'withdraw' });
      const stale = await refusal(transition(leaving, { kind: 'change_kindergartens', kindergartenIds: ['k-2'] }));
      // Assess: the stale plan is refused and changed nothing
      expect(stale).toBeInstanceOf(ConcurrentChangeError);
      const stored = await store().get(leaving.applicationId);
      expect(stored).toMatchObject({ status: 'withdrawn', version: 2, preferredKindergartenIds: ['k-1'] });
      expect(stored?.history?.map((event) => event.action)).toEqual(['register', 'withdraw']);
      expect(ids(await store().queueOf(tenantId, 2022))).toEqual([staying.applicationId]);
      const withdrawn: StatusList = { tenantId, status: 'withdrawn', birthYear: 2022, filter: {} };
      expect(ids((await store().statusPage(withdrawn, { limit: 10 })).applications)).toEqual([leaving.applicationId]);
      expect(await store().countStatus(withdrawn)).toBe(1);
      expect(await store().countStatus({ ...withdrawn, birthYear: 2021 })).toBe(0);
    });

    it('should free the child for a new application once a transition releases it', async () => {
      // Prepare
      const tenantId = world().tenant();
      const first = await register(draft(tenantId));
      const again = draft(tenantId, { childIin: first.childIin, applicantIin: first.applicantIin });
      // Act
      const before = await store().activeApplicationsOfChildren(tenantId, [first.childIin]);
      await transition(first, { kind: 'withdraw' });
      const between = await store().activeApplicationsOfChildren(tenantId, [first.childIin]);
      await register(again);
      // Assess
      expect(before).toEqual(new Map([[first.childIin, first.applicationId]]));
      expect(between).toEqual(new Map());
      expect(await store().activeApplicationsOfChildren(tenantId, [first.childIin, world().iin()])).toEqual(new Map([[first.childIin, again.applicationId]]));
    });

    it("should page a cohort's queue in registration order, each application once, and narrow the whole queue by priority and kindergarten", async () => {
      // Prepare: five 2022 children registered out of order, one 2021 child
      const tenantId = world().tenant();
      const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T04:00:00.000Z`;
      const e = await register(draft(tenantId, { registeredAt: at(15), priority: 'disability' }));
      const b = await register(draft(tenantId, { registeredAt: at(12), preferredKindergartenIds: ['k-2', 'k-1'] }));
      const d = await register(draft(tenantId, { registeredAt: at(14), priority: 'disability', preferredKindergartenIds: ['k-3'] }));
      const a = await register(draft(tenantId, { registeredAt: at(11) }));
      const c = await register(draft(tenantId, { registeredAt: at(13), preferredKindergartenIds: ['k-2'] }));
      await register(draft(tenantId, { birthDate: '2021-05-01', registeredAt: at(10) }));
      // Act
      const pages = await allPages<string>((after) => store().queuePage(tenantId, 2022, after, 2));
      // Assess
      expect(pages.flat()).toEqual(ids([a, b, c, d, e]));
      expect(pages[0]).toEqual(ids([a, b]));
      expect(ids(await store().queueOf(tenantId, 2022, { priority: 'disability' }))).toEqual(ids([d, e]));
      expect(ids(await store().queueOf(tenantId, 2022, { kindergartenId: 'k-2' }))).toEqual(ids([b, c]));
      expect(ids(await store().queueOf(tenantId, 2022, { priority: 'disability', kindergartenId: 'k-3' }))).toEqual(ids([d]));
      expect(await store().queuePage(tenantId, 2023, undefined, 2)).toEqual({ applications: [] });
    });

    it('should page and count a status list in registration order, narrowed by priority and kindergarten', async () => {
      // Prepare: five withdrawn 2022 applications, two of them with a priority
      const tenantId = world().tenant();
      const withdrawn = [];
      for (const [day, priority, kindergarten] of [
        [21, 'none', 'k-1'],
        [22, 'orphan', 'k-2'],
        [23, 'none', 'k-2'],
        [24, 'orphan', 'k-1'],
        [25, 'none', 'k-1'],
      ] as [number, PriorityCategory, string][]) {
        const application = await register(draft(tenantId, { registeredAt: `2026-01-${day}T04:00:00.000Z`, priority, preferredKindergartenIds: [kindergarten] }));
        await transition(application, { kind: 'withdraw' });
        withdrawn.push(application.applicationId);
      }
      const list: StatusList = { tenantId, status: 'withdrawn', birthYear: 2022, filter: {} };
      // Act
      const pages = await allPages<StatusPageKey>((after) => store().statusPage(list, { ...(after && { after }), limit: 2 }));
      const orphans = await allPages<StatusPageKey>((after) => store().statusPage({ ...list, filter: { priority: 'orphan' } }, { ...(after && { after }), limit: 1 }));
      // Assess
      expect(pages.flat()).toEqual(withdrawn);
      expect(pages[0]).toEqual(withdrawn.slice(0, 2));
      expect(orphans.flat()).toEqual([withdrawn[1], withdrawn[3]]);
      expect(await store().countStatus(list)).toBe(5);
      expect(await store().countStatus({ ...list, filter: { kindergartenId: 'k-2' } })).toBe(2);
      expect(await store().countStatus({ ...list, filter: { priority: 'orphan', kindergartenId: 'k-2' } })).toBe(1);
      expect(await store().countStatus({ ...list, status: 'enrolled' })).toBe(0);
    });

    it("should mark pending only what is still queued and unchanged, page a campaign's pending list once each, and clear one", async () => {
      // Prepare: three queued applications, a fourth changed since read, a fifth withdrawn
      const tenantId = world().tenant();
      const queued = [await register(draft(tenantId)), await register(draft(tenantId)), await register(draft(tenantId))];
      const changed = await register(draft(tenantId));
      await transition(changed, { kind: 'change_kindergartens', kindergartenIds: ['k-2'] });
      const gone = await register(draft(tenantId));
      await transition(gone, { kind: 'withdraw' });
      // Act
      const marked = await store().markPending(tenantId, 'c-1', [...queued, changed, gone]);
      const again = await store().markPending(tenantId, 'c-1', [queued[0]!]);
      const pages = await allPages<string>((after) => store().pendingPage(tenantId, 'c-1', after, 1));
      await store().clearPending(queued[0]!.applicationId, (await store().get(queued[0]!.applicationId))!.pendingCampaign!);
      // Assess
      expect(marked).toBe(3);
      expect(again).toBe(1);
      expect(pages.flat().sort()).toEqual(ids(queued).sort());
      expect(pages.every((page) => page.length <= 1)).toBe(true);
      expect(await store().countPending(tenantId, 'c-1')).toBe(2);
      expect(await store().countPending(tenantId, 'c-other')).toBe(0);
      expect((await store().get(queued[0]!.applicationId))?.pendingCampaign).toBeUndefined();
      expect((await store().get(changed.applicationId))?.pendingCampaign).toBeUndefined();
    });

    it("should find a tenant's applications by the child's IIN, the start of the name and the id, and never another tenant's", async () => {
      // Prepare: the same child in two tenants
      const tenantId = world().tenant();
      const child = await register(draft(tenantId, { childName: 'Ёлкина  Мария' }));
      const other = await register(draft(tenantId, { childName: 'Елубаев Арман' }));
      await register(draft(world().tenant(), { childIin: child.childIin, childName: 'Ёлкина Мария' }));
      // Act
      const byIin = await store().search(tenantId, { childIin: child.childIin }, 10);
      const byName = await store().search(tenantId, { namePrefix: 'елк' }, 10);
      const byStart = await store().search(tenantId, { namePrefix: 'ел' }, 10);
      const byId = await store().search(tenantId, { applicationIds: [other.applicationId, 'app-contract-none'] }, 10);
      const elsewhere = await store().search(world().tenant(), { childIin: child.childIin, applicationIds: [child.applicationId] }, 10);
      // Assess
      expect(ids(byIin)).toEqual([child.applicationId]);
      expect(ids(byName)).toEqual([child.applicationId]);
      expect(ids(byStart).sort()).toEqual(ids([child, other]).sort());
      expect(await store().search(tenantId, { namePrefix: 'ел' }, 1)).toHaveLength(1);
      expect(ids(byId)).toEqual([other.applicationId]);
      expect(elsewhere).toEqual([]);
    });

    it('should import applications with their notices so that running the import again changes nothing', async () => {
      // Prepare: imported applications carry no version yet
      const tenantId = world().tenant();
      const { version: _version, ...first } = draft(tenantId);
      const { version: _v, ...second } = draft(tenantId, { registeredAt: '2026-01-11T04:00:00.000Z' });
      const progress: number[] = [];
      // Act: as the import use case writes them, the notices through the notification store
      await store().importMany([first, second], (written) => progress.push(written));
      await world().notifications().putMany([first, second].map((application) => notificationForRegistration(application, '2026-01-20T04:00:00.000Z')));
      await store().importMany([first, second]);
      await world().notifications().putMany([first, second].map((application) => notificationForRegistration(application, '2026-01-20T04:00:00.000Z')));
      // Assess
      expect(await store().existingIds([first.applicationId, second.applicationId, 'app-contract-none'])).toEqual(new Set([first.applicationId, second.applicationId]));
      expect(ids(await store().queueOf(tenantId, 2022))).toEqual([first.applicationId, second.applicationId]);
      expect(await store().activeApplicationsOfChildren(tenantId, [first.childIin])).toEqual(new Map([[first.childIin, first.applicationId]]));
      expect(await world().notifications().latest(first.applicantIin, 10)).toHaveLength(1);
      expect(progress.at(-1)).toBe(2);
      // Act + Assess: an imported application's first transition gives it a version
      const imported = (await store().get(first.applicationId))!;
      expect(imported.version).toBeUndefined();
      await transition(imported, { kind: 'withdraw' });
      expect((await store().get(first.applicationId))?.version).toBe(1);
    });

    it('should write a position only over the one it was computed from, and positions and chances only while queued', async () => {
      // Prepare
      const tenantId = world().tenant();
      const waiting = await register(draft(tenantId));
      const left = await register(draft(tenantId));
      await transition(left, { kind: 'withdraw' });
      const move = (applicationId: string, expected: number | undefined, to: number) => ({
        applicationId,
        expected,
        change: { at: '2026-02-02T04:00:00.000Z', ...(expected !== undefined && { from: expected }), to, reasons: { registered: 1 } },
        log: [{ at: '2026-02-02T04:00:00.000Z', to, reasons: { registered: 1 } }],
      });
      const chances = (applicationId: string) => ({ applicationId, placeChances: [{ kindergartenId: 'k-1', rank: 1, among: 3, ageGroup: 'junior' as const, free: 2, freeing: 0, chance: 'high' as const, certainty: 'firm' as const }] });
      // Act
      const first = await store().writePositions([move(waiting.applicationId, undefined, 3), move(left.applicationId, undefined, 4)]);
      const stale = await store().writePositions([move(waiting.applicationId, undefined, 5), move(waiting.applicationId, 7, 5)]);
      const next = await store().writePositions([move(waiting.applicationId, 3, 2)]);
      const estimated = await store().writePlaceChances([chances(waiting.applicationId), chances(left.applicationId)]);
      // Assess
      expect([first, stale, next, estimated]).toEqual([1, 0, 1, 1]);
      expect(await store().get(waiting.applicationId)).toMatchObject({ position: 2, positionLog: [{ to: 2 }], placeChances: [{ kindergartenId: 'k-1', chance: 'high' }] });
      const withdrawn = await store().get(left.applicationId);
      expect(withdrawn?.position).toBeUndefined();
      expect(withdrawn?.placeChances).toBeUndefined();
    });

    it("should change a parent's phone with the application's history and notice only while the phone is still the one read (a unit of work of the account, application, notification and sign-in stores)", async () => {
      // Prepare
      const tenantId = world().tenant();
      const application = await register(draft(tenantId));
      await world().accounts().ensureParent({ kind: 'parent', iin: application.applicantIin, phone: '+77010000001', displayName: 'Айгүл' });
      const event = { at: '2026-02-03T04:00:00.000Z', actor: staff, action: 'change_applicant_phone', to: 'queued' } as const;
      const change = (to: string, at: string) =>
        world().unitOfWork().commit([
          world().accounts().phoneChange(application.applicantIin, { phone: '+77010000001', version: 0 }, to),
          store().historyEvent(application, { ...event, at }),
          world().notifications().notice(notificationForPhoneChange(application, at)),
          world().auth().loginCodeRemoval(application.applicantIin),
        ]);
      await world().auth().saveLoginCode({ iin: application.applicantIin, codeHash: 'hash-of-a-code-sent-to-the-old-phone', salt: 'salt', attempts: 0, expiresAt: '2099-01-01T00:00:00.000Z' });
      // Act
      await change('+77010000002', '2026-02-03T04:00:00.000Z');
      const stale = await refusal(change('+77010000003', '2026-02-04T04:00:00.000Z'));
      // Assess
      expect(stale).toBeInstanceOf(PhoneChangedMeanwhileError);
      expect(await world().auth().takeLoginCodeAttempt(application.applicantIin, 5, '2026-02-05T04:00:00.000Z')).toBeUndefined();
      expect((await store().get(application.applicationId))?.history?.map((e) => e.action)).toEqual(['register', 'change_applicant_phone']);
      expect(await world().accounts().getParent(application.applicantIin)).toMatchObject({ phone: '+77010000002', phoneVersion: 1 });
      expect((await world().notifications().latest(application.applicantIin, 10)).map((n) => n.kind)).toEqual(['phone_changed', 'registered']);
    });
  });
}
