import { describe, expect, it } from 'vitest';
import type { AccountStore, AuthStore, LoginCode, ParentAccount, Session } from '#ports/stores';

/**
 * What any adapter of the sign-in stores must do, in the ports' own terms: a one-time code is
 * tried a bounded number of times and used once, a session is found until it is deleted, a
 * rate-limit window never counts past its maximum, a hit log is written back only over the
 * version read; a parent's account is made once and its contacts only on an existing account.
 * Each suite takes the store and a fresh-key source, so it runs on any adapter beside other tests;
 * `test/integration/port-contracts.test.ts` runs them on DynamoDB Local.
 */
export interface SignInWorld {
  /** A 12-digit IIN no other test uses. */
  readonly iin: () => string;
  /** A key (rate-limit subject, session id) no other test uses. */
  readonly key: () => string;
}

export function authStoreContract(name: string, store: () => AuthStore, world: () => SignInWorld): void {
  describe(`${name}: AuthStore`, () => {
    const code = (iin: string, overrides: Partial<LoginCode> = {}): LoginCode => ({ iin, codeHash: 'hash-1', salt: 'salt-1', attempts: 0, expiresAt: '2026-12-06T10:05:00.000Z', ...overrides });

    it('should grant at most the allowed tries of a live code, none of an expired one, and replace a code sent again', async () => {
      // Prepare
      const iin = world().iin();
      await store().saveLoginCode(code(iin));
      // Act: three tries allowed, four asked
      const tries = [];
      for (let i = 0; i < 4; i++) tries.push(await store().takeLoginCodeAttempt(iin, 3, '2026-12-06T10:00:00.000Z'));
      const afterExpiry = await store().takeLoginCodeAttempt(iin, 10, '2026-12-06T10:05:00.001Z');
      await store().saveLoginCode(code(iin, { codeHash: 'hash-2' }));
      const fresh = await store().takeLoginCodeAttempt(iin, 3, '2026-12-06T10:00:00.000Z');
      // Assess
      expect(tries.map((t) => t?.codeHash)).toEqual(['hash-1', 'hash-1', 'hash-1', undefined]);
      expect(afterExpiry).toBeUndefined();
      expect(fresh?.codeHash).toBe('hash-2');
    });

    it('should let a code be used once, and only the code that is there', async () => {
      // Prepare
      const iin = world().iin();
      await store().saveLoginCode(code(iin));
      // Act
      const wrong = await store().consumeLoginCode(iin, 'hash-other');
      const results = await Promise.all([store().consumeLoginCode(iin, 'hash-1'), store().consumeLoginCode(iin, 'hash-1')]);
      // Assess: of two racing uses exactly one wins; nothing is left to try
      expect(wrong).toBe(false);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store().takeLoginCodeAttempt(iin, 3, '2026-12-06T10:00:00.000Z')).toBeUndefined();
    });

    it('should find a session until it is deleted', async () => {
      // Prepare
      const session: Session = { sessionId: world().key(), role: 'parent', accountId: 'parent#x', displayName: 'A', iin: world().iin(), expiresAt: '2026-12-07T10:00:00.000Z' };
      // Act
      await store().createSession(session);
      const found = await store().getSession(session.sessionId);
      await store().deleteSession(session.sessionId);
      // Assess
      expect(found).toMatchObject(session);
      expect(await store().getSession(session.sessionId)).toBeUndefined();
      expect(await store().getSession(world().key())).toBeUndefined();
    });

    it('should count a window up to its maximum even when hits race, and not beyond', async () => {
      // Prepare
      const key = world().key();
      // Act: 12 hits at once on a window of 5
      const hits = await Promise.all(Array.from({ length: 12 }, () => store().hit(key, 5, 4_000_000_000)));
      // Assess
      expect(hits.filter(Boolean)).toHaveLength(5);
      expect(await store().hit(key, 5, 4_000_000_000)).toBe(false);
      expect(await store().hit(world().key(), 5, 4_000_000_000)).toBe(true);
    });

    it('should write a hit log back only over the version it was read at', async () => {
      // Prepare
      const key = world().key();
      const empty = await store().hitLog(key);
      // Act
      const first = await store().saveHitLog(key, [1000], empty.version, 4_000_000_000);
      const stale = await store().saveHitLog(key, [1000, 2000], empty.version, 4_000_000_000);
      const read = await store().hitLog(key);
      const second = await store().saveHitLog(key, [1000, 2000], read.version, 4_000_000_000);
      // Assess
      expect(empty).toEqual({ hits: [], version: 0 });
      expect([first, stale, second]).toEqual([true, false, true]);
      expect(read.hits).toEqual([1000]);
      expect((await store().hitLog(key)).hits).toEqual([1000, 2000]);
    });
  });
}

export function accountStoreContract(name: string, store: () => AccountStore, world: () => SignInWorld): void {
  describe(`${name}: AccountStore (parents)`, () => {
    const parent = (iin: string, overrides: Partial<ParentAccount> = {}): ParentAccount => ({ kind: 'parent', iin, phone: '+77010000001', displayName: 'Айгүл', ...overrides });

    it('should make a parent account once and leave an existing one as it is', async () => {
      // Prepare
      const iin = world().iin();
      // Act
      const made = await store().ensureParent(parent(iin));
      const again = await store().ensureParent(parent(iin, { phone: '+77010000002', displayName: 'Other' }));
      // Assess
      expect(made).toMatchObject({ iin, phone: '+77010000001', displayName: 'Айгүл' });
      expect(again).toMatchObject({ iin, phone: '+77010000001', displayName: 'Айгүл' });
      expect(await store().getParent(iin)).toMatchObject({ phone: '+77010000001' });
    });

    it('should write only the missing accounts of many, and read many back by IIN', async () => {
      // Prepare: one of three exists already
      const iins = [world().iin(), world().iin(), world().iin()];
      await store().ensureParent(parent(iins[0]!, { displayName: 'First' }));
      // Act
      const written = await store().ensureParents(iins.map((iin) => parent(iin, { displayName: 'Imported' })));
      const read = await store().getParents([...iins, world().iin()]);
      // Assess
      expect(written).toBe(2);
      expect(Object.fromEntries(read.map((account) => [account.iin, account.displayName]))).toEqual({ [iins[0]!]: 'First', [iins[1]!]: 'Imported', [iins[2]!]: 'Imported' });
    });

    it('should verify an e-mail address only with its newest live link, once, and forget it when removed', async () => {
      // Prepare: an address set twice (the second link replaces the first)
      const iin = world().iin();
      await store().ensureParent(parent(iin));
      const set = (tokenHash: string) => store().saveParentContacts(iin, { language: 'kk', email: { kind: 'set', address: 'ata-ana@example.kz', tokenHash, expiresAt: '2026-12-07T10:00:00.000Z' } });
      await set('token-1');
      await set('token-2');
      // Act
      const older = await store().verifyParentEmail(iin, 'token-1', '2026-12-06T10:00:00.000Z');
      const late = await store().verifyParentEmail(iin, 'token-2', '2026-12-07T10:00:00.000Z');
      const verified = await store().verifyParentEmail(iin, 'token-2', '2026-12-06T10:00:00.000Z');
      const twice = await store().verifyParentEmail(iin, 'token-2', '2026-12-06T10:00:01.000Z');
      const kept = await store().getParent(iin);
      await store().saveParentContacts(iin, { language: 'kk', email: { kind: 'keep' } });
      const afterKeep = await store().getParent(iin);
      await store().saveParentContacts(iin, { language: 'kk', email: { kind: 'remove' } });
      // Assess
      expect([older, late, verified, twice]).toEqual([false, false, true, false]);
      expect(kept).toMatchObject({ email: 'ata-ana@example.kz', emailVerifiedAt: '2026-12-06T10:00:00.000Z' });
      expect(kept?.emailTokenHash).toBeUndefined();
      expect(afterKeep).toMatchObject({ email: 'ata-ana@example.kz', emailVerifiedAt: '2026-12-06T10:00:00.000Z' });
      const removed = await store().getParent(iin);
      expect([removed?.email, removed?.emailVerifiedAt]).toEqual([undefined, undefined]);
      expect(await store().verifyParentEmail(world().iin(), 'token-2', '2026-12-06T10:00:00.000Z')).toBe(false);
    });

    it('should save contacts on an existing account only, and remove a second phone left out', async () => {
      // Prepare
      const iin = world().iin();
      await store().ensureParent(parent(iin));
      // Act
      const none = await store().saveParentContacts(world().iin(), { language: 'ru' });
      const saved = await store().saveParentContacts(iin, { language: 'kk', secondPhone: '+77010000009' });
      const withPhone = await store().getParent(iin);
      const removed = await store().saveParentContacts(iin, { language: 'en' });
      // Assess
      expect([none, saved, removed]).toEqual([false, true, true]);
      expect(withPhone).toMatchObject({ language: 'kk', secondPhone: '+77010000009', phone: '+77010000001' });
      const after = await store().getParent(iin);
      expect(after?.language).toBe('en');
      expect(after?.secondPhone).toBeUndefined();
    });
  });
}
