import { describe, expect, it } from 'vitest';
import { ageGroups, type Kindergarten } from '#domain/application';
import { emptyCounts, type Campaign } from '#domain/campaign';
import { CampaignAlreadyActiveError } from '#domain/campaign';
import type { KindergartenFields } from '#domain/kindergarten-rules';
import { outboxShard, withOutboxMark, type Notification } from '#domain/notification';
import type { CampaignStore } from '#ports/campaigns';
import type { ExportRecord, ExportStore, KindergartenStore, NotificationStore } from '#ports/stores';
import type { UnitOfWork } from '#ports/unit-of-work';
import { ConcurrentChangeError } from '#domain/errors';
import { refusal } from './refusal.ts';

/**
 * What any adapter of these stores must do, in the ports' own terms (conditional writes, guards,
 * idempotence). Each suite takes the store and a fresh-id source, so it can run on any adapter
 * and beside other tests; `test/integration/port-contracts.test.ts` runs them on DynamoDB Local.
 */
export interface StoreWorld {
  /** A tenant id no other test uses. */
  readonly tenant: () => string;
  readonly kindergartenFields: () => KindergartenFields;
  /** The unit of work of the same adapter, which commits the stores' intents (counters, places). */
  readonly unitOfWork: () => UnitOfWork;
}

const every = (places: number) => Object.fromEntries(ageGroups.map((group) => [group, places])) as Kindergarten['capacity'];

export function campaignStoreContract(name: string, store: () => CampaignStore, world: () => StoreWorld): void {
  describe(`${name}: CampaignStore`, () => {
    const draft = (tenantId: string, campaignId: string): Campaign => ({
      tenantId,
      campaignId,
      year: 2026,
      startsAt: '2026-10-01T04:00:00.000Z',
      endsAt: '2026-11-01T04:00:00.000Z',
      status: 'draft',
      createdAt: '2026-09-20T04:00:00.000Z',
      counts: { ...emptyCounts },
    });
    const summary = { year: 2026, startsAt: '2026-10-01T04:00:00.000Z', endsAt: '2026-11-01T04:00:00.000Z', extensionYears: 1, surveyVersion: 'kezek-2026-2' };

    it('should let one campaign of a tenant be active at a time, and free the guard when it leaves', async () => {
      // Prepare
      const tenantId = world().tenant();
      await store().create(draft(tenantId, 'c-1'));
      await store().create(draft(tenantId, 'c-2'));
      // Act + Assess
      expect(await store().transition(tenantId, 'c-1', ['draft'], 'active', { guard: 'take', summary })).toBe(true);
      await expect(store().transition(tenantId, 'c-2', ['draft'], 'active', { guard: 'take', summary })).rejects.toBeInstanceOf(CampaignAlreadyActiveError);
      expect((await store().active(tenantId))?.campaignId).toBe('c-1');
      expect((await store().get(tenantId, 'c-2'))?.status).toBe('draft');
      expect(await store().transition(tenantId, 'c-1', ['active'], 'cancelled', { guard: 'release' })).toBe(true);
      expect(await store().active(tenantId)).toBeUndefined();
      expect(await store().transition(tenantId, 'c-2', ['draft'], 'active', { guard: 'take', summary })).toBe(true);
    });

    it("should write a draft's preview only for the request that holds it, and never once it has started", async () => {
      // Prepare
      const tenantId = world().tenant();
      await store().create(draft(tenantId, 'c-1'));
      const asked = { requestId: 'r-1', requestedAt: '2026-09-21T04:00:00.000Z', state: 'counting', read: 0, applications: 0, applicants: 0, byCohort: [] } as const;
      const counted = { ...asked, state: 'ready', read: 12, applications: 10, applicants: 8, byCohort: [{ birthYear: 2022, applications: 10 }], computedAt: '2026-09-21T04:01:00.000Z' } as const;
      // Act + Assess: asked; a job of another request refused; this request's job written
      expect(await store().setPreview(tenantId, 'c-1', asked)).toBe(true);
      expect(await store().setPreview(tenantId, 'c-1', { ...counted, requestId: 'r-0' }, 'r-0')).toBe(false);
      expect(await store().setPreview(tenantId, 'c-1', counted, 'r-1')).toBe(true);
      expect((await store().get(tenantId, 'c-1'))?.preview).toEqual(counted);
      // Act + Assess: started, nothing more is written, not even a new request
      expect(await store().transition(tenantId, 'c-1', ['draft'], 'active', { guard: 'take', summary })).toBe(true);
      expect(await store().setPreview(tenantId, 'c-1', { ...counted, read: 99 }, 'r-1')).toBe(false);
      expect(await store().setPreview(tenantId, 'c-1', { ...asked, requestId: 'r-2' })).toBe(false);
      expect((await store().get(tenantId, 'c-1'))?.preview).toEqual(counted);
    });

    it('should add up counter moves however they are spread, per day too, and write the scope without touching them', async () => {
      // Prepare
      const tenantId = world().tenant();
      await store().create(draft(tenantId, 'c-1'));
      const move = (field: 'confirmed' | 'restored', delta: number, spreadBy: string, day: string) => world().unitOfWork().commit([store().counterMove({ tenantId, campaignId: 'c-1', field, delta }, spreadBy, day)]);
      // Act: moves spread by different applicants, on two days, and the start's scope written between them
      await move('confirmed', 1, '990000000001', '2026-10-02');
      await move('confirmed', 1, '990000000002', '2026-10-02');
      await store().setScope(tenantId, 'c-1', { inScope: 40, applicants: 30 });
      await move('confirmed', 1, '990000000003', '2026-10-03');
      await move('restored', 2, '990000000004', '2026-10-03');
      await move('restored', -1, '990000000005', '2026-10-04');
      // Assess
      const campaign = await store().get(tenantId, 'c-1');
      expect(campaign?.counts).toEqual({ inScope: 40, applicants: 30, confirmed: 3, stopped: 0, restored: 1 });
      expect(campaign?.daily).toEqual({ 'daily#confirmed#2026-10-02': 2, 'daily#confirmed#2026-10-03': 1, 'daily#restored#2026-10-03': 2, 'daily#restored#2026-10-04': -1 });
      expect((await store().list(tenantId))[0]?.counts).toEqual({ inScope: 40, applicants: 30, confirmed: 3, stopped: 0, restored: 1 });
    });

    it('should refuse a move from a status the campaign is no longer in', async () => {
      const tenantId = world().tenant();
      await store().create(draft(tenantId, 'c-1'));
      expect(await store().transition(tenantId, 'c-1', ['draft'], 'cancelled')).toBe(true);
      expect(await store().transition(tenantId, 'c-1', ['draft'], 'active', { guard: 'take', summary })).toBe(false);
      expect((await store().get(tenantId, 'c-1'))?.status).toBe('cancelled');
    });

    it('should refuse a second campaign with the same id', async () => {
      const tenantId = world().tenant();
      await store().create(draft(tenantId, 'c-1'));
      await expect(store().create({ ...draft(tenantId, 'c-1'), year: 2027 })).rejects.toThrow();
      expect((await store().get(tenantId, 'c-1'))?.year).toBe(2026);
    });

    it('should set a field only its job writes once when asked to, and list the tenant’s campaigns newest first', async () => {
      const tenantId = world().tenant();
      await store().create(draft(tenantId, 'c-old'));
      await store().create({ ...draft(tenantId, 'c-new'), createdAt: '2026-09-21T04:00:00.000Z' });
      expect(await store().update(tenantId, 'c-new', { announcedAt: '2026-10-01T04:00:00.000Z' }, 'announcedAt')).toBe(true);
      expect(await store().update(tenantId, 'c-new', { announcedAt: '2026-10-02T04:00:00.000Z' }, 'announcedAt')).toBe(false);
      expect((await store().list(tenantId)).map((c) => c.campaignId)).toEqual(['c-new', 'c-old']);
    });
  });
}

export function kindergartenStoreContract(name: string, store: () => KindergartenStore, world: () => StoreWorld): void {
  describe(`${name}: KindergartenStore`, () => {
    it('should create a kindergarten once, with no place taken, at revision 1', async () => {
      const tenantId = world().tenant();
      const created = await store().create(tenantId, 'k-1', { ...world().kindergartenFields(), capacity: every(3) });
      expect(created).toMatchObject({ tenantId, kindergartenId: 'k-1', occupancy: every(0), version: 1 });
      expect(await store().create(tenantId, 'k-1', world().kindergartenFields())).toBeUndefined();
      expect((await store().listByTenant(tenantId)).map((k) => k.kindergartenId)).toEqual(['k-1']);
    });

    it('should update only over the version read, and hand back what stands when refused', async () => {
      const tenantId = world().tenant();
      const fields = { ...world().kindergartenFields(), capacity: every(3) };
      await store().create(tenantId, 'k-1', fields);
      const first = await store().update(tenantId, 'k-1', { ...fields, capacity: every(4) }, 1);
      expect(first).toMatchObject({ updated: { version: 2, capacity: every(4) } });
      const stale = await store().update(tenantId, 'k-1', { ...fields, capacity: every(5) }, 1);
      expect(stale).toMatchObject({ refused: { version: 2, capacity: every(4) } });
      expect(await store().update(tenantId, 'k-missing', fields, 1)).toEqual({ refused: undefined });
    });

    it('should create or update kindergartens from an import, keeping places taken and moving the revision of those it updates', async () => {
      // Prepare: one place taken in k-1's junior group
      const tenantId = world().tenant();
      const fields = world().kindergartenFields();
      await store().create(tenantId, 'k-1', { ...fields, capacity: every(3) });
      await world().unitOfWork().commit([store().placeMove(tenantId, { kindergartenId: 'k-1', ageGroup: 'junior', delta: 1 })]);
      // Act
      const tooFew = await refusal(store().upsertMany(tenantId, [{ ...fields, kindergartenId: 'k-1', capacity: every(0) }]));
      await store().upsertMany(tenantId, [
        { ...fields, kindergartenId: 'k-1', capacity: every(5) },
        { ...fields, kindergartenId: 'k-2', capacity: every(2) },
      ]);
      // Assess
      expect(tooFew).toBeInstanceOf(ConcurrentChangeError);
      expect(await store().get(tenantId, 'k-1')).toMatchObject({ capacity: every(5), occupancy: { ...every(0), junior: 1 }, version: 2 });
      expect(await store().get(tenantId, 'k-2')).toMatchObject({ capacity: every(2), occupancy: every(0), version: 1 });
      expect((await store().listByTenant(tenantId)).map((k) => k.kindergartenId).sort()).toEqual(['k-1', 'k-2']);
    });

    it('should read many by key and leave unknown keys out', async () => {
      const tenantId = world().tenant();
      await store().create(tenantId, 'k-1', world().kindergartenFields());
      const found = await store().getMany([{ tenantId, kindergartenId: 'k-1' }, { tenantId, kindergartenId: 'k-none' }]);
      expect(found.map((k) => k.kindergartenId)).toEqual(['k-1']);
    });
  });
}

export function exportStoreContract(name: string, store: () => ExportStore, world: () => StoreWorld): void {
  describe(`${name}: ExportStore`, () => {
    const record = (tenantId: string, exportId: string): ExportRecord => ({
      tenantId,
      exportId,
      campaignId: 'c-1',
      kind: 'answers',
      language: 'ru',
      status: 'running',
      createdAt: '2026-10-05T04:00:00.000Z',
      processed: 0,
      total: 10,
      expiresAtEpoch: 1_800_000_000,
    });

    it('should move a running export’s progress, finish it once, and then leave it alone', async () => {
      const tenantId = world().tenant();
      await store().create(record(tenantId, 'x-1'));
      await store().progress(tenantId, 'x-1', 4, 10);
      expect(await store().get(tenantId, 'x-1')).toMatchObject({ status: 'running', processed: 4, total: 10 });
      expect(await store().finish(tenantId, 'x-1', { status: 'done', rows: 10, fileKey: 'exports/x-1.csv', fileName: 'x-1.csv' })).toBe(true);
      expect(await store().finish(tenantId, 'x-1', { status: 'failed' })).toBe(false);
      await store().progress(tenantId, 'x-1', 1, 10);
      expect(await store().get(tenantId, 'x-1')).toMatchObject({ status: 'done', rows: 10, processed: 4 });
    });

    it('should refuse a second record with the same id', async () => {
      const tenantId = world().tenant();
      await store().create(record(tenantId, 'x-1'));
      await expect(store().create(record(tenantId, 'x-1'))).rejects.toThrow();
    });
  });
}

export function notificationStoreContract(name: string, store: () => NotificationStore, world: () => StoreWorld): void {
  describe(`${name}: NotificationStore`, () => {
    const notice = (recipientIin: string, at: string, applicationId = 'a-1'): Notification => ({
      recipientIin,
      notificationId: `${at}#${applicationId}#refer`,
      tenantId: 'contract',
      applicationId,
      kind: 'refer',
      createdAt: at,
      params: {},
      channels: { cabinet: 'delivered' },
      read: false,
    });
    // A recipient per test: the tenant source gives fresh strings.
    const recipient = () => `iin-${world().tenant()}`;

    it('should write each notice once however often it is put, and list the newest first', async () => {
      const iin = recipient();
      const first = notice(iin, '2026-10-01T04:00:00.000Z');
      const second = notice(iin, '2026-10-02T04:00:00.000Z');
      expect(await store().putOnce([first, second])).toHaveLength(2);
      expect(await store().putOnce([first])).toHaveLength(0);
      expect((await store().latest(iin, 10)).map((n) => n.notificationId)).toEqual([second.notificationId, first.notificationId]);
      expect(await store().latest(iin, 1)).toHaveLength(1);
    });

    it('should count a claimed notice for its owner again, never for another owner', async () => {
      const iin = recipient();
      const claimed = notice(iin, '2026-10-03T04:00:00.000Z');
      expect(await store().claimOnce([{ notification: claimed, owner: 'job-1' }])).toMatchObject({ owned: 1, written: [claimed], mine: [claimed] });
      // A retry by the same owner writes nothing new but still owns it (its SMS may still have to be queued); another owner never does
      expect(await store().claimOnce([{ notification: claimed, owner: 'job-1' }])).toMatchObject({ written: [], owned: 1, mine: [claimed] });
      expect(await store().claimOnce([{ notification: claimed, owner: 'job-2' }])).toEqual({ written: [], owned: 0, mine: [] });
    });

    it('should mark only the reader’s own notices as read', async () => {
      const mine = recipient();
      const theirs = recipient();
      const own = notice(mine, '2026-10-04T04:00:00.000Z');
      const other = notice(theirs, '2026-10-04T04:00:00.000Z', 'a-2');
      await store().putOnce([own, other]);
      expect(await store().markRead(mine, [own.notificationId])).toBe(1);
      expect(await store().markRead(mine, [other.notificationId])).toBe(0);
      expect((await store().get(theirs, other.notificationId))?.read).toBe(false);
      expect((await store().get(mine, own.notificationId))?.read).toBe(true);
    });

    it('should queue the second phone once, only after the first failed, and keep the outbox mark until a claim', async () => {
      // Arrange: a notice written with its SMS queued and its outbox mark
      const iin = recipient();
      const at = '2026-10-05T04:00:00.000Z';
      const queued: Notification = { ...notice(iin, at), channels: { cabinet: 'delivered', sms: 'queued' }, deliveries: { sms: { queuedAt: at, attempts: 0 } }, attentionKey: 'outbox#3', attentionAt: at };
      await store().putOnce([queued]);
      const shard = 3;
      // Act / Assess: no fallback while the first is not failed; the mark is found, then gone with the claim
      expect(await store().queueFallback(queued, 'sms', 'sms2', { at, applicationId: 'a-1' })).toBe(false);
      expect((await store().waitingInOutbox(shard, { before: '2026-10-05T05:00:00.000Z' }, 100)).notices.map((n) => n.recipientIin)).toContain(iin);
      expect(await store().claimDelivery(queued, 'sms', { id: 'c-1', at, staleBefore: '2026-10-05T03:00:00.000Z' })).toBe(true);
      expect((await store().waitingInOutbox(shard, { before: '2026-10-05T05:00:00.000Z' }, 100)).notices.map((n) => n.recipientIin)).not.toContain(iin);
      expect(await store().recordFailed(queued, 'sms', 'c-1', { at, reason: 'test' })).toBe(true);
      // Act / Assess: the second phone queued once (a second receipt changes nothing), with its mark
      expect(await store().queueFallback(queued, 'sms', 'sms2', { at, applicationId: 'a-1' })).toBe(true);
      expect(await store().queueFallback(queued, 'sms', 'sms2', { at, applicationId: 'a-1' })).toBe(false);
      const stored = await store().get(iin, queued.notificationId);
      expect(stored?.channels).toEqual({ cabinet: 'delivered', sms: 'failed', sms2: 'queued' });
      expect(stored?.deliveries?.sms2).toEqual({ queuedAt: at, attempts: 0, applicationId: 'a-1' });
      expect(stored?.attentionKey).toMatch(/^outbox#\d+$/);
    });

    /** A notice whose SMS and e-mail wait in the outbox (written with their marks). */
    const outgoing = (iin: string, at: string, applicationId = 'a-1'): Notification =>
      withOutboxMark({ ...notice(iin, at, applicationId), channels: { cabinet: 'delivered', sms: 'queued', email: 'queued' }, deliveries: { sms: { queuedAt: at, attempts: 0 }, email: { queuedAt: at, attempts: 0 } } });

    it('should hand a delivery to one sender at a time, let a stale claim be taken over, and settle it once by its receipt', async () => {
      // Prepare
      const queued = outgoing(recipient(), '2026-10-08T04:00:00.000Z');
      await store().putOnce([queued]);
      const claim = (id: string, at: string, channel: 'sms' | 'email' = 'sms') => store().claimDelivery(queued, channel, { id, at, staleBefore: '2026-10-08T04:00:00.000Z' });
      // Act
      const claims = [await claim('c-1', '2026-10-08T04:00:01.000Z'), await claim('c-2', '2026-10-08T04:00:02.000Z')];
      // the first sender died: a claim older than the limit is taken over
      const takenOver = await store().claimDelivery(queued, 'sms', { id: 'c-3', at: '2026-10-08T05:00:00.000Z', staleBefore: '2026-10-08T04:30:00.000Z' });
      const lost = await store().recordSent(queued, 'sms', 'c-1', { messageId: 'm-lost', at: '2026-10-08T05:00:01.000Z' });
      const sent = await store().recordSent(queued, 'sms', 'c-3', { messageId: `m-sms-${queued.recipientIin}`, at: '2026-10-08T05:00:02.000Z', applicationId: 'a-1' });
      const mailed = (await claim('c-4', '2026-10-08T05:00:03.000Z', 'email')) && (await store().recordSent(queued, 'email', 'c-4', { messageId: `m-mail-${queued.recipientIin}`, at: '2026-10-08T05:00:04.000Z' }));
      const receipts = [
        await store().recordReceipt({ messageId: `m-sms-${queued.recipientIin}`, status: 'delivered', at: '2026-10-08T05:01:00.000Z' }),
        await store().recordReceipt({ messageId: `m-sms-${queued.recipientIin}`, status: 'failed', at: '2026-10-08T05:02:00.000Z', reason: 'late' }),
        await store().recordReceipt({ messageId: `m-mail-${queued.recipientIin}`, status: 'failed', at: '2026-10-08T05:03:00.000Z', reason: 'mailbox full' }),
        await store().recordReceipt({ messageId: 'm-unknown', status: 'delivered', at: '2026-10-08T05:04:00.000Z' }),
      ];
      // Assess
      expect([...claims, takenOver, lost, sent, mailed]).toEqual([true, false, true, false, true, true]);
      const key = { recipientIin: queued.recipientIin, notificationId: queued.notificationId };
      expect(receipts).toEqual([{ ...key, channel: 'sms' }, undefined, { ...key, channel: 'email' }, undefined]);
      const stored = await store().get(queued.recipientIin, queued.notificationId);
      expect(stored?.channels).toEqual({ cabinet: 'delivered', sms: 'delivered', email: 'failed' });
      expect(stored?.deliveries?.sms).toMatchObject({ claim: 'c-3', attempts: 2, messageId: `m-sms-${queued.recipientIin}`, sentAt: '2026-10-08T05:00:02.000Z', deliveredAt: '2026-10-08T05:01:00.000Z', applicationId: 'a-1' });
      expect(stored?.deliveries?.email).toMatchObject({ failedAt: '2026-10-08T05:03:00.000Z', reason: 'mailbox full' });
    });

    it('should give a claim back to the queue, fail a delivery with or without a claim, and drop a channel nobody claimed', async () => {
      // Prepare
      const queued = outgoing(recipient(), '2026-10-09T04:00:00.000Z');
      await store().putOnce([queued]);
      const at = '2026-10-09T04:00:01.000Z';
      // Act
      await store().claimDelivery(queued, 'sms', { id: 'c-1', at, staleBefore: '2026-10-09T03:00:00.000Z' });
      const released = [await store().releaseClaim(queued, 'sms', 'c-other'), await store().releaseClaim(queued, 'sms', 'c-1')];
      const reclaimed = await store().claimDelivery(queued, 'sms', { id: 'c-2', at, staleBefore: '2026-10-09T03:00:00.000Z' });
      const failed = [await store().recordFailed(queued, 'sms', 'c-1', { at, reason: 'throttled' }), await store().recordFailed(queued, 'sms', 'c-2', { at, reason: 'throttled' })];
      const dropped = [await store().dropQueuedChannel(queued, 'email'), await store().dropQueuedChannel(queued, 'email'), await store().dropQueuedChannel(queued, 'sms')];
      // Assess
      expect(released).toEqual([false, true]);
      expect(reclaimed).toBe(true);
      expect(failed).toEqual([false, true]);
      expect(dropped).toEqual([true, false, false]);
      const stored = await store().get(queued.recipientIin, queued.notificationId);
      expect(stored?.channels).toEqual({ cabinet: 'delivered', sms: 'failed' });
      expect(stored?.deliveries?.email).toBeUndefined();
      expect(stored?.deliveries?.sms).toMatchObject({ failedAt: at, reason: 'throttled' });
      // Act + Assess: a queued delivery fails without a claim (nobody can reach the parent)
      const other = outgoing(recipient(), '2026-10-09T05:00:00.000Z');
      await store().putOnce([other]);
      expect(await store().recordFailed(other, 'sms', undefined, { at, reason: 'no phone' })).toBe(true);
      expect(await store().recordFailed(other, 'sms', undefined, { at, reason: 'no phone' })).toBe(false);
      expect(await store().claimDelivery(other, 'sms', { id: 'c-3', at, staleBefore: '2026-10-09T06:00:00.000Z' })).toBe(false);
    });

    it("should record how a notice's copy went on a channel", async () => {
      // Prepare: a notice of the cabinet only (staff's phone change texts both phones beside it)
      const written = notice(recipient(), '2026-10-10T04:00:00.000Z');
      await store().putOnce([written]);
      // Act
      await store().setChannelStatus(written, 'sms', 'failed');
      await store().setChannelStatus(written, 'email', 'sent');
      // Assess
      expect((await store().get(written.recipientIin, written.notificationId))?.channels).toEqual({ cabinet: 'delivered', sms: 'failed', email: 'sent' });
    });

    it("should page one outbox shard's waiting notices in a time range, oldest first, each once, with a cursor only passed back", async () => {
      // Prepare: five waiting notices of one shard in 2031 (no other test writes then), one outside the range
      const shard = 5;
      const waiting: Notification[] = [];
      for (let n = 0; waiting.length < 6 && n < 2000; n++) {
        const candidate = outgoing(`iin-outbox-${process.pid}-${n}`, `2031-01-0${waiting.length + 1}T04:00:00.000Z`);
        if (outboxShard(candidate.recipientIin, candidate.notificationId) === shard) waiting.push(candidate);
      }
      await store().putOnce(waiting);
      // Act
      const pages: string[][] = [];
      let after: string | undefined;
      do {
        const page = await store().waitingInOutbox(shard, { from: '2031-01-02T00:00:00.000Z', before: '2031-01-06T23:00:00.000Z' }, 2, after);
        pages.push(page.notices.map((n) => n.recipientIin));
        after = page.next;
      } while (after !== undefined && pages.length < 10);
      // Assess
      expect(pages.flat()).toEqual(waiting.slice(1, 6).map((n) => n.recipientIin));
      expect(pages[0]).toHaveLength(2);
    });

    it('should mark a notice unreachable once and list it for its tenant only, newest first', async () => {
      // Arrange
      const iin = recipient();
      const tenant = `t-${world().tenant()}`;
      const older = { ...notice(iin, '2026-10-06T04:00:00.000Z'), params: { campaignId: 'c-9' } };
      const newer = notice(iin, '2026-10-07T04:00:00.000Z', 'a-3');
      await store().putOnce([older, newer]);
      // Act
      const first = await store().markUnreachable(older, { tenantId: tenant, at: '2026-10-06T05:00:00.000Z' });
      const again = await store().markUnreachable(older, { tenantId: tenant, at: '2026-10-06T06:00:00.000Z' });
      await store().markUnreachable(newer, { tenantId: tenant, at: '2026-10-07T05:00:00.000Z' });
      // Assess
      expect([first, again]).toEqual([true, false]);
      expect((await store().unreachable(tenant, 10)).map((n) => n.notificationId)).toEqual([newer.notificationId, older.notificationId]);
      expect(await store().unreachable(`${tenant}-other`, 10)).toEqual([]);
      expect(await store().countUnreachable(tenant, 'c-9')).toBe(1);
      expect((await store().get(iin, older.notificationId))?.unreachableAt).toBe('2026-10-06T05:00:00.000Z');
    });
  });
}
