import * as z from 'zod';
import { languages, type LocalizedText } from './language.ts';
import type { Tenant } from './application.ts';
import { offerablePriorityCategories } from './policy.ts';
import { lazy } from './lazy.ts';

/**
 * A department (tenant) as the platform operator describes it when onboarding it: names,
 * districts, contacts shown to parents, languages, policy, the host names its site answers on,
 * and its first administrator. `npm run department -- add --file department.json` reads this.
 */

/** Roles within a department (SPEC "Departments, staff and roles"); the route table says what each may call. */
export const staffRoles = ['admin', 'operator', 'analyst'] as const;
export type StaffRole = (typeof staffRoles)[number];
export const isStaffRole = (value: unknown): value is StaffRole => (staffRoles as readonly unknown[]).includes(value);

/** How long a one-time set-password link stays usable. */
export const invitationHours = 72;
/** A password staff choose for themselves: long enough that guessing it online is hopeless. */
export const minStaffPasswordLength = 12;

const text = (max: number) => z.string().trim().min(1).max(max);
const localized = (max: number) => z.strictObject({ kk: text(max), ru: text(max), en: text(max) });
const id = lazy(() => z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lowercase latin letters, digits and "-", 2 to 40 characters'));
const phone = lazy(() => z.string().regex(/^\+7\d{10}$/, 'a phone as +7XXXXXXXXXX'));
/** A host name as the browser's `location.hostname` gives it (lowercase, no port). */
const hostName = lazy(() => z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$|^\d{1,3}(\.\d{1,3}){3}$/, 'a host name such as kezek.temirtau.kz'));

/** Schemas are built on first use: every function imports this module (for the staff roles), few parse a department. */
export const departmentContacts = lazy(() => z.strictObject({
  phone: phone().optional(),
  email: z.email().max(100).optional(),
  address: localized(200).optional(),
  hours: localized(200).optional(),
}));
export type DepartmentContacts = z.infer<ReturnType<typeof departmentContacts>>;

const positiveInt = (max: number) => z.number().int().min(1).max(max);
/** The settings a department may set (SPEC "Tenant policy"); unset ones take `defaultPolicy`. */
const policyInput = lazy(() => z.strictObject({
  campaignLengthMonths: positiveInt(12).optional(),
  confirmationAgeYears: z.number().int().min(0).max(7).optional(),
  extensionYears: positiveInt(5).optional(),
  referralValidityWorkingDays: positiveInt(60).optional(),
  referralStopWorkingDays: positiveInt(60).optional(),
  reminderDaysBeforeEnd: z.array(positiveInt(60)).max(5).optional(),
  queueRatio: z.strictObject({ priority: positiveInt(10), general: positiveInt(10) }).optional(),
  priorityCategories: z.array(z.enum(offerablePriorityCategories)).max(5).optional(),
  positionLogLength: positiveInt(50).optional(),
  /** Kazakhstan hours SMS may go out, `from` inclusive, `to` exclusive (e.g. 9 to 21). */
  smsHours: z
    .strictObject({ from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) })
    .refine((hours) => hours.from < hours.to, 'smsHours.from must be before smsHours.to')
    .optional(),
  reminderHour: z.number().int().min(0).max(23).optional(),
}));

export const departmentInput = lazy(() => z
  .strictObject({
    tenantId: id(),
    name: localized(200),
    districts: z
      .array(
        z.strictObject({
          id: id(),
          name: localized(100),
          /** The district's boundary for the dashboard's map: a closed ring of `[lat, lon]`. */
          outline: z.array(z.tuple([z.number().min(40).max(56), z.number().min(46).max(88)])).min(4).max(500).optional(),
        }),
      )
      .min(1)
      .max(100),
    contacts: departmentContacts(),
    languages: z.array(z.enum(languages)).min(1).max(3),
    policy: policyInput().default({}),
    /** Host names of the department's site (e.g. `kezek.temirtau.kz`); the web app finds the department by them. */
    hosts: z.array(hostName()).min(1).max(10),
    admin: z.strictObject({
      login: z.email().max(100).transform((login) => login.toLowerCase()),
      displayName: text(100),
      /** Where the one-time link is sent as well as printed (not stored). */
      phone: phone().optional(),
    }),
  })
  .superRefine((input, context) => {
    const repeated = (values: readonly string[]) => values.find((value, index) => values.indexOf(value) !== index);
    const district = repeated(input.districts.map((d) => d.id));
    if (district) context.addIssue({ code: 'custom', path: ['districts'], message: `district id "${district}" appears twice` });
    const host = repeated(input.hosts);
    if (host) context.addIssue({ code: 'custom', path: ['hosts'], message: `host "${host}" appears twice` });
    const language = repeated(input.languages);
    if (language) context.addIssue({ code: 'custom', path: ['languages'], message: `language "${language}" appears twice` });
  }));
export type DepartmentInput = z.input<ReturnType<typeof departmentInput>>;
export type Department = z.output<ReturnType<typeof departmentInput>>;

/** The department's tenant item: what the rest of kezek reads as `Tenant`, plus its public identity. */
export interface DepartmentTenant extends Tenant {
  readonly contacts: DepartmentContacts;
  readonly languages: readonly (typeof languages)[number][];
  readonly hosts: readonly string[];
  readonly onboardedAt: string;
  readonly onboardedBy: string;
}

/** What a department's public pages show (no personal data: the contacts are the office's). */
export interface Site {
  readonly tenantId: string;
  readonly name: LocalizedText;
  readonly contacts: DepartmentContacts;
  readonly languages: readonly (typeof languages)[number][];
}

export function tenantOf(department: Department, onboarded: { at: Date; by: string }): DepartmentTenant {
  return {
    tenantId: department.tenantId,
    name: department.name,
    districts: department.districts,
    policy: department.policy,
    contacts: department.contacts,
    languages: department.languages,
    hosts: department.hosts,
    onboardedAt: onboarded.at.toISOString(),
    onboardedBy: onboarded.by,
  };
}

export function siteOf(tenant: Pick<DepartmentTenant, 'tenantId' | 'name'> & Partial<Pick<DepartmentTenant, 'contacts' | 'languages'>>): Site {
  return { tenantId: tenant.tenantId, name: tenant.name, contacts: tenant.contacts ?? {}, languages: tenant.languages ?? [...languages] };
}

/** When a link made at `now` stops working. */
export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + invitationHours * 3_600_000);
}

/** The path of the web app's set-password page; the token travels in the fragment, which browsers never send to a server. */
export function setPasswordLink(siteUrl: string, token: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/staff/set-password#token=${token}`;
}

/** The input checked against `departmentInput`: the department, or every problem as `path: message` lines. */
export function parseDepartment(input: unknown): { readonly ok: true; readonly department: Department } | { readonly ok: false; readonly problems: string[] } {
  const parsed = departmentInput().safeParse(input);
  if (parsed.success) return { ok: true, department: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`) };
}
