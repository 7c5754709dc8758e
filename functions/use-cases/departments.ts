import { createHash, randomBytes } from 'node:crypto';
import { invitationExpiry, setPasswordLink, siteOf, tenantOf, type Department, type Site } from '#domain/department';
import { SiteNotFoundError } from '#domain/errors';
import type { Dependencies } from '#ports/dependencies';

/** Only the SHA-256 of a link's token is stored: a leaked table sets no password. */
export function invitationTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface Onboarded {
  readonly tenantId: string;
  readonly adminLogin: string;
  /** The one-time set-password link for the first administrator. */
  readonly link: string;
  readonly expiresAt: string;
  /** Where the link was sent besides being returned (the administrator's phone, when given). */
  readonly sentBySms: boolean;
}

/**
 * Onboards a department (SPEC "Departments, staff and roles"): the department with its site
 * hosts, its first administrator (role `admin`, no password yet) and a one-time link to set the
 * password, in one transaction; then the link goes by SMS when a phone was given.
 */
export async function onboardDepartment(
  deps: Pick<Dependencies, 'departments' | 'notifier' | 'clock'>,
  department: Department,
  options: { readonly operator: string; readonly siteUrl?: string },
): Promise<Onboarded> {
  const now = deps.clock();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = invitationExpiry(now).toISOString();
  const { admin } = department;
  await deps.departments.create(
    tenantOf(department, { at: now, by: `operator:${options.operator}` }),
    { login: admin.login, tenantId: department.tenantId, displayName: admin.displayName, role: 'admin' },
    { tokenHash: invitationTokenHash(token), login: admin.login, tenantId: department.tenantId, expiresAt },
    { at: now.toISOString(), action: 'invited', by: `operator:${options.operator}` },
  );
  const link = setPasswordLink(options.siteUrl ?? `https://${department.hosts[0]}`, token);
  if (admin.phone) {
    // Staff read Russian in every department (DECISIONS 5); one language per message.
    await deps.notifier.sendSms({ phone: admin.phone, text: `kezek, ${department.name.ru}: задайте пароль по ссылке (действует 72 ч): ${link}` });
  }
  return { tenantId: department.tenantId, adminLogin: admin.login, link, expiresAt, sentBySms: admin.phone !== undefined };
}

/** The department whose site answers on `host`, as its public pages show it. */
export async function siteForHost(deps: Pick<Dependencies, 'departments'>, host: string): Promise<Site> {
  const tenant = await deps.departments.byHost(host.trim().toLowerCase());
  if (!tenant) throw new SiteNotFoundError();
  return siteOf(tenant);
}
