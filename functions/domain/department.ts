import * as z from 'zod/mini';
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

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const localized = (max: number) => z.strictObject({ kk: text(max), ru: text(max), en: text(max) });
const id = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lowercase latin letters, digits and "-", 2 to 40 characters')));
const phone = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^\+7\d{10}$/, 'a phone as +7XXXXXXXXXX')));
/** A host name as the browser's `location.hostname` gives it (lowercase, no port). */
const hostName = /* @__PURE__ */ lazy(() => z.string().check(z.trim(), z.toLowerCase(), z.maxLength(253), z.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$|^\d{1,3}(\.\d{1,3}){3}$/, 'a host name such as kezek.temirtau.kz')));

/** Schemas are built on first use: every function imports this module (for the staff roles), few parse a department. */
export const departmentContacts = /* @__PURE__ */ lazy(() => z.strictObject({
  phone: z.optional(phone()),
  email: z.optional(z.email().check(z.maxLength(100))),
  address: z.optional(localized(200)),
  hours: z.optional(localized(200)),
}));
export type DepartmentContacts = z.infer<ReturnType<typeof departmentContacts>>;

const positiveInt = (max: number) => z.int().check(z.minimum(1), z.maximum(max));
/** The settings a department may set (SPEC "Tenant policy"); unset ones take `defaultPolicy`. */
const policyInput = /* @__PURE__ */ lazy(() => z.strictObject({
  campaignLengthMonths: z.optional(positiveInt(12)),
  confirmationAgeYears: z.optional(z.int().check(z.minimum(0), z.maximum(7))),
  extensionYears: z.optional(positiveInt(5)),
  referralValidityWorkingDays: z.optional(positiveInt(60)),
  referralStopWorkingDays: z.optional(positiveInt(60)),
  reminderDaysBeforeEnd: z.optional(z.array(positiveInt(60)).check(z.maxLength(5))),
  queueRatio: z.optional(z.strictObject({ priority: positiveInt(10), general: positiveInt(10) })),
  priorityCategories: z.optional(z.array(z.enum(offerablePriorityCategories)).check(z.maxLength(5))),
  positionLogLength: z.optional(positiveInt(50)),
  /** Kazakhstan hours SMS may go out, `from` inclusive, `to` exclusive (e.g. 9 to 21). */
  smsHours: z.optional(z.strictObject({ from: z.int().check(z.minimum(0), z.maximum(23)), to: z.int().check(z.minimum(1), z.maximum(24)) }).check(z.refine((hours) => hours.from < hours.to, 'smsHours.from must be before smsHours.to'))),
  reminderHour: z.optional(z.int().check(z.minimum(0), z.maximum(23))),
}));

export const departmentInput = /* @__PURE__ */ lazy(() => z.strictObject({
  tenantId: id(),
  name: localized(200),
  districts: z.array(
    z.strictObject({
      id: id(),
      name: localized(100),
      /** The district's boundary for the dashboard's map: a closed ring of `[lat, lon]`. */
      outline: z.optional(z.array(z.tuple([z.number().check(z.minimum(40), z.maximum(56)), z.number().check(z.minimum(46), z.maximum(88))])).check(z.minLength(4), z.maxLength(500))),
    }),
  ).check(z.minLength(1), z.maxLength(100)),
  contacts: departmentContacts(),
  languages: z.array(z.enum(languages)).check(z.minLength(1), z.maxLength(3)),
  policy: z._default(policyInput(), {}),
  /** Host names of the department's site (e.g. `kezek.temirtau.kz`); the web app finds the department by them. */
  hosts: z.array(hostName()).check(z.minLength(1), z.maxLength(10)),
  admin: z.strictObject({
    login: z.pipe(z.email().check(z.maxLength(100)), z.transform((login) => login.toLowerCase())),
    displayName: text(100),
    /** Where the one-time link is sent as well as printed (not stored). */
    phone: z.optional(phone()),
  }),
}).check(z.superRefine((input, context) => {
  const repeated = (values: readonly string[]) => values.find((value, index) => values.indexOf(value) !== index);
  const district = repeated(input.districts.map((d) => d.id));
  if (district) context.addIssue({ code: 'custom', path: ['districts'], message: `district id "${district}" appears twice` });
  const host = repeated(input.hosts);
  if (host) context.addIssue({ code: 'custom', path: ['hosts'], message: `host "${host}" appears twice` });
  const language = repeated(input.languages);
  if (language) context.addIssue({ code: 'custom', path: ['languages'], message: `language "${language}" appears twice` });
})));
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

/**
 * The input checked against `departmentInput`: the department, or every problem as `path: message` lines.
 * A problem without a message of ours reads in zod's English (`zod/mini` registers no locale of its
 * own; only the operator's command line parses a department file, so no Lambda bundle keeps it).
 */
export function parseDepartment(input: unknown): { readonly ok: true; readonly department: Department } | { readonly ok: false; readonly problems: string[] } {
  const parsed = departmentInput().safeParse(input, { error: z.locales.en().localeError });
  if (parsed.success) return { ok: true, department: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`) };
}
