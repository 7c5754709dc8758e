import { describe, expect, it } from 'vitest';
import type { DepartmentTenant, StaffRole } from '#domain/department';
import { ConcurrentChangeError, DepartmentExistsError, NotFoundError, SiteHostTakenError, StaffLoginTakenError } from '#domain/errors';
import { defaultPolicy } from '#domain/policy';
import type { DepartmentSettings } from '#domain/settings';
import type { DepartmentStore, Invitation, InvitedStaff, StaffCredentials, StaffEvent } from '#ports/departments';
import type { StaffStore } from '#ports/staff';
import type { AccountStore, TenantStore } from '#ports/stores';
import { refusal } from './refusal.ts';

/**
 * What any adapter of the department, tenant and staff stores must do, in domain terms: a
 * department is onboarded with its site hosts, first administrator and link all together or not
 * at all, and never over anything that exists; a link is used once, before it expires, with the
 * second factor it offered; settings are saved only over the version read; staff changes are
 * written only over the version decided on and never leave a department without an active
 * administrator. Each test onboards its own department with fresh ids, so the suites run on any
 * adapter beside other tests; `test/integration/port-contracts.test.ts` runs them on DynamoDB Local.
 */
export interface DepartmentWorld {
  /** A tenant id no other test uses. */
  readonly tenant: () => string;
  /** A key no other test uses (logins, link token hashes, site hosts are made from it). */
  readonly key: () => string;
  /** The department store of the same adapter (a tenant and its staff begin with an onboarding). */
  readonly departments: () => DepartmentStore;
  /** The account store of the same adapter (what a link or a change leaves on a staff account). */
  readonly accounts: () => AccountStore;
}

const now = new Date('2026-12-06T10:00:00.000Z');
const inThreeDays = '2026-12-09T10:00:00.000Z';
const operator = 'operator:contract';

/** A department's onboarding, built from fresh ids: the tenant, its hosts, its first admin and the admin's link. */
function onboarding(world: DepartmentWorld, overrides: { tenantId?: string; hosts?: string[]; login?: string } = {}) {
  const tenantId = overrides.tenantId ?? world.tenant();
  const tenant: DepartmentTenant = {
    tenantId,
    name: { kk: 'Теміртау қаласының білім бөлімі', ru: 'Отдел образования города Темиртау', en: 'Temirtau City Education Department' },
    districts: [{ id: 'd-1', name: { kk: 'Орталық', ru: 'Центральный', en: 'Central' } }],
    contacts: { phone: '+77213000000' },
    languages: ['kk', 'ru', 'en'],
    hosts: overrides.hosts ?? [`${world.key()}.kezek.test`, `${world.key()}.kezek.test`],
    onboardedAt: now.toISOString(),
    onboardedBy: operator,
  };
  const admin: InvitedStaff = { login: overrides.login ?? `${world.key()}@kezek.test`, tenantId, displayName: 'Әлия', role: 'admin' };
  const invitation: Invitation = { tokenHash: world.key(), login: admin.login, tenantId, expiresAt: inThreeDays };
  const event: StaffEvent = { at: now.toISOString(), action: 'invited', to: 'admin', by: operator };
  return { tenant, admin, invitation, event };
}

const credentials = (totpSecret: string): StaffCredentials => ({ passwordHash: 'scrypt$hash-1', totpSecret, totpStep: 100, recoveryCodeHashes: ['code-1', 'code-2'] });
const passwordSet: StaffEvent = { at: now.toISOString(), action: 'password_set', by: 'self' };

export function departmentStoreContract(name: string, store: () => DepartmentStore, world: () => DepartmentWorld): void {
  describe(`${name}: DepartmentStore`, () => {
    it('should onboard a department with its hosts, first administrator and link, and find it by each host', async () => {
      // Prepare
      const { tenant, admin, invitation, event } = onboarding(world());
      // Act
      await store().create(tenant, admin, invitation, event);
      // Assess
      expect(await store().byHost(tenant.hosts[0]!)).toEqual(tenant);
      expect((await store().byHost(tenant.hosts[1]!))?.tenantId).toBe(tenant.tenantId);
      expect(await store().byHost(`${world().key()}.kezek.test`)).toBeUndefined();
      expect(await store().getInvitation(invitation.tokenHash)).toEqual(invitation);
      expect(await world().accounts().getStaff(admin.login)).toMatchObject({ login: admin.login, tenantId: tenant.tenantId, role: 'admin' });
    });

    it('should refuse an onboarding over an existing department, host or login, and write none of it', async () => {
      // Prepare
      const first = onboarding(world());
      await store().create(first.tenant, first.admin, first.invitation, first.event);
      const sameTenant = onboarding(world(), { tenantId: first.tenant.tenantId });
      const sameHost = onboarding(world(), { hosts: [`${world().key()}.kezek.test`, first.tenant.hosts[1]!] });
      const sameLogin = onboarding(world(), { login: first.admin.login });
      // Act
      const refusals = [
        await refusal(store().create(sameTenant.tenant, sameTenant.admin, sameTenant.invitation, sameTenant.event)),
        await refusal(store().create(sameHost.tenant, sameHost.admin, sameHost.invitation, sameHost.event)),
        await refusal(store().create(sameLogin.tenant, sameLogin.admin, sameLogin.invitation, sameLogin.event)),
      ];
      // Assess
      expect(refusals[0]).toBeInstanceOf(DepartmentExistsError);
      expect(refusals[1]).toBeInstanceOf(SiteHostTakenError);
      expect(refusals[2]).toBeInstanceOf(StaffLoginTakenError);
      for (const refused of [sameTenant, sameHost, sameLogin]) {
        expect(await store().byHost(refused.tenant.hosts[0]!)).toBeUndefined();
        expect(await store().getInvitation(refused.invitation.tokenHash)).toBeUndefined();
      }
      expect(await world().accounts().getStaff(sameTenant.admin.login)).toBeUndefined();
      expect(await world().accounts().getStaff(sameHost.admin.login)).toBeUndefined();
      expect((await store().byHost(first.tenant.hosts[1]!))?.tenantId).toBe(first.tenant.tenantId);
      expect((await world().accounts().getStaff(first.admin.login))?.tenantId).toBe(first.tenant.tenantId);
    });

    it('should offer one second-factor secret per live link and keep the first', async () => {
      // Prepare
      const { tenant, admin, invitation, event } = onboarding(world());
      await store().create(tenant, admin, invitation, event);
      // Act
      const offered = await store().offerTotpSecret(invitation, 'SECRET-1', now);
      const again = await store().offerTotpSecret(invitation, 'SECRET-2', now);
      // Assess
      expect([offered, again]).toEqual([true, false]);
      expect((await store().getInvitation(invitation.tokenHash))?.totpSecret).toBe('SECRET-1');
      expect(await store().offerTotpSecret({ ...invitation, tokenHash: world().key() }, 'SECRET-3', now)).toBe(false);
    });

    it('should refuse a second-factor secret on an expired link', async () => {
      // Prepare
      const { tenant, admin, invitation, event } = onboarding(world());
      await store().create(tenant, admin, invitation, event);
      // Act
      const late = await store().offerTotpSecret(invitation, 'SECRET-1', new Date(inThreeDays));
      // Assess
      expect(late).toBe(false);
      expect((await store().getInvitation(invitation.tokenHash))?.totpSecret).toBeUndefined();
    });

    it('should redeem a link once, only with the secret it offered and before it expires, and store the credentials', async () => {
      // Prepare
      const { tenant, admin, invitation, event } = onboarding(world());
      await store().create(tenant, admin, invitation, event);
      await store().offerTotpSecret(invitation, 'SECRET-1', now);
      // Act
      const wrongSecret = await store().redeemInvitation(invitation, credentials('SECRET-X'), now, passwordSet);
      const expired = await store().redeemInvitation(invitation, credentials('SECRET-1'), new Date(inThreeDays), passwordSet);
      const redeemed = await store().redeemInvitation(invitation, credentials('SECRET-1'), now, passwordSet);
      const twice = await store().redeemInvitation(invitation, { ...credentials('SECRET-1'), passwordHash: 'scrypt$hash-2' }, now, passwordSet);
      // Assess
      expect([wrongSecret, expired, redeemed, twice]).toEqual([false, false, true, false]);
      expect(await store().getInvitation(invitation.tokenHash)).toBeUndefined();
      const account = await world().accounts().getStaff(admin.login);
      expect(account).toMatchObject({ passwordHash: 'scrypt$hash-1', totpSecret: 'SECRET-1', totpLastStep: 100 });
      expect([...account!.recoveryCodeHashes!].sort()).toEqual(['code-1', 'code-2']);
    });
  });

  describe(`${name}: AccountStore (staff)`, () => {
    const enrolled = async () => {
      const { tenant, admin, invitation, event } = onboarding(world());
      await store().create(tenant, admin, invitation, event);
      await store().offerTotpSecret(invitation, 'SECRET-1', now);
      await store().redeemInvitation(invitation, credentials('SECRET-1'), now, passwordSet);
      return admin.login;
    };

    it('should replace a password hash only over the one read', async () => {
      // Prepare
      const login = await enrolled();
      // Act
      const replaced = await world().accounts().replaceStaffPasswordHash(login, 'scrypt$hash-1', 'scrypt$hash-2');
      const stale = await world().accounts().replaceStaffPasswordHash(login, 'scrypt$hash-1', 'scrypt$hash-3');
      // Assess
      expect([replaced, stale]).toEqual([true, false]);
      expect((await world().accounts().getStaff(login))?.passwordHash).toBe('scrypt$hash-2');
    });

    it('should accept each time step of the second factor once, only rising, and only for its secret', async () => {
      // Prepare: the enrolment spent step 100
      const login = await enrolled();
      // Act
      const results = [
        await world().accounts().acceptTotpStep(login, 'SECRET-1', 100),
        await world().accounts().acceptTotpStep(login, 'SECRET-1', 101),
        await world().accounts().acceptTotpStep(login, 'SECRET-1', 101),
        await world().accounts().acceptTotpStep(login, 'SECRET-1', 99),
        await world().accounts().acceptTotpStep(login, 'SECRET-OTHER', 105),
      ];
      // Assess
      expect(results).toEqual([false, true, false, false, false]);
      expect((await world().accounts().getStaff(login))?.totpLastStep).toBe(101);
    });

    it('should spend a recovery code once, even when two uses race', async () => {
      // Prepare
      const login = await enrolled();
      // Act
      const racing = await Promise.all([world().accounts().spendRecoveryCode(login, 'code-1'), world().accounts().spendRecoveryCode(login, 'code-1')]);
      const unknown = await world().accounts().spendRecoveryCode(login, 'code-9');
      // Assess
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect(unknown).toBe(false);
      expect((await world().accounts().getStaff(login))?.recoveryCodeHashes).toEqual(['code-2']);
    });
  });
}

export function tenantStoreContract(name: string, store: () => TenantStore, world: () => DepartmentWorld): void {
  describe(`${name}: TenantStore`, () => {
    const settings = (version: number, extensionYears: number): DepartmentSettings => ({
      policy: { ...defaultPolicy, extensionYears },
      surveyVersion: 'kezek-2026-2',
      contacts: { phone: '+77213000001' },
      languages: ['kk', 'ru'],
      version,
      updatedAt: `2026-12-0${version}T10:00:00.000Z`,
      updatedBy: 'staff#admin@kezek.test',
    });

    it('should read an onboarded department, and nothing for an unknown one', async () => {
      // Prepare
      const { tenant, admin, invitation, event } = onboarding(world());
      await world().departments().create(tenant, admin, invitation, event);
      // Act
      const read = await store().get(tenant.tenantId);
      // Assess
      expect(read).toMatchObject({ tenantId: tenant.tenantId, name: tenant.name, districts: tenant.districts, languages: ['kk', 'ru', 'en'] });
      expect(read?.settingsVersion).toBeUndefined();
      expect(await store().get(world().tenant())).toBeUndefined();
    });

    it('should save settings only over the version read, and refuse a department that does not exist', async () => {
      // Prepare
      const { tenant, admin, invitation, event } = onboarding(world());
      await world().departments().create(tenant, admin, invitation, event);
      // Act
      await store().saveSettings(tenant.tenantId, settings(1, 2));
      const stale = await refusal(store().saveSettings(tenant.tenantId, settings(1, 3)));
      const skipped = await refusal(store().saveSettings(tenant.tenantId, settings(3, 3)));
      await store().saveSettings(tenant.tenantId, settings(2, 3));
      const missing = await refusal(store().saveSettings(world().tenant(), settings(1, 2)));
      // Assess
      expect(stale).toBeInstanceOf(ConcurrentChangeError);
      expect(skipped).toBeInstanceOf(ConcurrentChangeError);
      expect(missing).toBeInstanceOf(NotFoundError);
      expect(await store().get(tenant.tenantId)).toMatchObject({
        tenantId: tenant.tenantId,
        name: tenant.name,
        policy: { ...defaultPolicy, extensionYears: 3 },
        surveyVersion: 'kezek-2026-2',
        contacts: { phone: '+77213000001' },
        languages: ['kk', 'ru'],
        settingsVersion: 2,
        settingsUpdatedAt: '2026-12-02T10:00:00.000Z',
        settingsUpdatedBy: 'staff#admin@kezek.test',
      });
    });
  });
}

export function staffStoreContract(name: string, store: () => StaffStore, world: () => DepartmentWorld): void {
  describe(`${name}: StaffStore`, () => {
    /** A department with its first administrator; `add` makes more of its staff. */
    const department = async () => {
      const { tenant, admin, invitation, event } = onboarding(world());
      await world().departments().create(tenant, admin, invitation, event);
      const add = async (role: StaffRole, login = `${world().key()}@kezek.test`) => {
        await store().add({ login, tenantId: tenant.tenantId, displayName: `Staff ${role}`, role }, { tokenHash: world().key(), login, tenantId: tenant.tenantId, expiresAt: inThreeDays }, { at: now.toISOString(), action: 'added', to: role, by: `staff#${admin.login}` });
        return (await store().get(tenant.tenantId, login))!;
      };
      return { tenantId: tenant.tenantId, admin: (await store().get(tenant.tenantId, admin.login))!, add };
    };
    const event = (action: StaffEvent['action']): StaffEvent => ({ at: now.toISOString(), action, by: 'staff#contract' });

    it("should add staff without a password, list a department's staff and nobody else's, and refuse a login that exists anywhere", async () => {
      // Prepare
      const mine = await department();
      const theirs = await department();
      // Act
      const operator = await mine.add('operator', `b-${world().key()}@kezek.test`);
      const analyst = await mine.add('analyst', `a-${world().key()}@kezek.test`);
      const taken = await refusal(theirs.add('operator', operator.login));
      // Assess
      expect(operator).toEqual({ login: operator.login, tenantId: mine.tenantId, displayName: 'Staff operator', role: 'operator', status: 'active', hasPassword: false, version: 0 });
      expect(taken).toBeInstanceOf(StaffLoginTakenError);
      expect((await store().list(mine.tenantId)).map((m) => m.login).sort()).toEqual([mine.admin.login, operator.login, analyst.login].sort());
      expect((await store().list(theirs.tenantId)).map((m) => m.login)).toEqual([theirs.admin.login]);
      expect(await store().get(theirs.tenantId, operator.login)).toBeUndefined();
    });

    it('should change an account only over the version decided on, and end its sessions when disabling it', async () => {
      // Prepare
      const { add } = await department();
      const member = await add('operator');
      // Act
      const changed = await store().change(member, { role: 'analyst', status: 'disabled' }, [event('role_changed'), event('disabled')]);
      const stale = await store().change(member, { role: 'admin', status: 'active' }, [event('role_changed')]);
      // Assess
      expect([changed, stale]).toEqual([undefined, 'changed_meanwhile']);
      expect(await store().get(member.tenantId, member.login)).toMatchObject({ role: 'analyst', status: 'disabled', version: 1 });
      expect((await world().accounts().getStaff(member.login))?.sessionGeneration).toBe(1);
    });

    it('should never leave a department without an active administrator, even when two changes race', async () => {
      // Prepare
      const { admin, add } = await department();
      // Act + Assess: the only administrator may not step down
      expect(await store().change(admin, { role: 'operator', status: 'active' }, [event('role_changed')])).toBe('last_admin');
      expect(await store().change(admin, { role: 'admin', status: 'disabled' }, [event('disabled')])).toBe('last_admin');
      // Act + Assess: with a second one, of two racing to disable each other, one wins
      const second = await add('admin');
      const racing = await Promise.all([store().change(admin, { role: 'admin', status: 'disabled' }, [event('disabled')]), store().change(second, { role: 'admin', status: 'disabled' }, [event('disabled')])]);
      expect(racing.sort()).toEqual(['last_admin', undefined]);
      const standing = await Promise.all([store().get(admin.tenantId, admin.login), store().get(admin.tenantId, second.login)]);
      expect(standing.filter((m) => m?.status === 'active')).toHaveLength(1);
    });

    it('should store a new link only over the version decided on, and take the second factor away when asked', async () => {
      // Prepare: an administrator who enrolled through the onboarding link
      const { tenant, admin, invitation, event: invited } = onboarding(world());
      await world().departments().create(tenant, admin, invitation, invited);
      await world().departments().offerTotpSecret(invitation, 'SECRET-1', now);
      await world().departments().redeemInvitation(invitation, credentials('SECRET-1'), now, passwordSet);
      const member = (await store().get(tenant.tenantId, admin.login))!;
      const link = (): Invitation => ({ tokenHash: world().key(), login: admin.login, tenantId: tenant.tenantId, expiresAt: inThreeDays });
      const reset = link();
      const late = link();
      // Act
      const stored = await store().addInvitation(member, reset, event('second_factor_reset'), { clearSecondFactor: true });
      const stale = await store().addInvitation(member, late, event('reset_link_sent'));
      // Assess
      expect([stored, stale]).toEqual([undefined, 'changed_meanwhile']);
      expect(await world().departments().getInvitation(reset.tokenHash)).toMatchObject({ login: admin.login, tenantId: tenant.tenantId });
      expect(await world().departments().getInvitation(late.tokenHash)).toBeUndefined();
      const account = await world().accounts().getStaff(admin.login);
      expect(account).toMatchObject({ passwordHash: 'scrypt$hash-1', sessionGeneration: 1 });
      expect(account?.totpSecret).toBeUndefined();
      expect(account?.recoveryCodeHashes ?? []).toEqual([]);
      expect(await store().get(tenant.tenantId, admin.login)).toMatchObject({ hasPassword: true, version: 1 });
    });
  });
}
