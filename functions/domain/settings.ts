import type { PriorityCategory, Tenant } from './application.ts';
import type { DepartmentContacts } from './department.ts';
import { languages, type Language } from './language.ts';
import { offerablePriorityCategories, policyOf, type TenantPolicy } from './policy.ts';
import { currentSurvey, surveyDefinitions } from './survey-definition.ts';

/**
 * A department's settings as its administrator edits them (SPEC "Department policy"): the
 * policy, the survey version the next campaign asks, the contacts its site shows parents and the
 * languages it offers. Each save is a new version, written only over the version the form read.
 */

/** The priority categories a department may offer (`none`, the general queue, is always there). */
export const offerablePriorities = offerablePriorityCategories;

/** The survey versions a campaign may ask, oldest first. */
export function surveyVersions(): readonly string[] {
  return surveyDefinitions().map((definition) => definition.version);
}

/** What the administrator sets; the other policy fields (SMS hours, position log) keep their stored values. */
export interface SettingsChange {
  readonly policy: Pick<
    TenantPolicy,
    | 'campaignLengthMonths'
    | 'confirmationAgeYears'
    | 'extensionYears'
    | 'referralValidityWorkingDays'
    | 'referralStopWorkingDays'
    | 'reminderDaysBeforeEnd'
    | 'queueRatio'
    | 'priorityCategories'
  >;
  readonly surveyVersion: string;
  readonly contacts: DepartmentContacts;
  readonly languages: readonly Language[];
}

export interface DepartmentSettings extends SettingsChange {
  readonly policy: TenantPolicy;
  /** 0 until the first save; each save adds one. */
  readonly version: number;
  readonly updatedAt?: string;
  /** The administrator's account id. */
  readonly updatedBy?: string;
}

/** The settings part of a tenant item (absent on a department never edited since onboarding). */
export interface TenantSettingsFields {
  readonly surveyVersion?: string;
  readonly contacts?: DepartmentContacts;
  readonly languages?: readonly Language[];
  readonly settingsVersion?: number;
  readonly settingsUpdatedAt?: string;
  readonly settingsUpdatedBy?: string;
}

/** The department's settings as they stand, defaults filled in. */
export function settingsOf(tenant: Tenant & TenantSettingsFields): DepartmentSettings {
  return {
    policy: policyOf(tenant.policy),
    surveyVersion: tenant.surveyVersion ?? currentSurvey().version,
    contacts: tenant.contacts ?? {},
    languages: tenant.languages ?? [...languages],
    version: tenant.settingsVersion ?? 0,
    ...(tenant.settingsUpdatedAt && { updatedAt: tenant.settingsUpdatedAt }),
    ...(tenant.settingsUpdatedBy && { updatedBy: tenant.settingsUpdatedBy }),
  };
}

/** The settings after a save: the change over what stood (the policy fields it does not name are kept). */
export function applySettings(current: DepartmentSettings, change: SettingsChange, saved: { at: string; by: string }): DepartmentSettings {
  return {
    policy: { ...current.policy, ...change.policy, reminderDaysBeforeEnd: [...change.policy.reminderDaysBeforeEnd].sort((a, b) => b - a) },
    surveyVersion: change.surveyVersion,
    contacts: change.contacts,
    languages: change.languages,
    version: current.version + 1,
    updatedAt: saved.at,
    updatedBy: saved.by,
  };
}

/**
 * Rules that join several fields (each field's own range is the request schema's): a reminder
 * must fall inside the shortest campaign the length allows (28 days a month), and the survey
 * version must be one kezek has.
 */
export function checkSettings(change: SettingsChange): { path: string; key: string }[] {
  const problems: { path: string; key: string }[] = [];
  const shortestCampaignDays = change.policy.campaignLengthMonths * 28;
  change.policy.reminderDaysBeforeEnd.forEach((days, index) => {
    if (days >= shortestCampaignDays) problems.push({ path: `policy.reminderDaysBeforeEnd.${index}`, key: 'settings_reminder_within_campaign' });
  });
  if (!surveyVersions().includes(change.surveyVersion)) problems.push({ path: 'surveyVersion', key: 'settings_survey_version' });
  return problems;
}

/** Whether a department offers a priority category (`none` always). */
export function offersPriority(policy: Pick<TenantPolicy, 'priorityCategories'>, priority: PriorityCategory): boolean {
  return priority === 'none' || (policy.priorityCategories as readonly string[]).includes(priority);
}
