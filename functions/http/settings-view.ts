import type { DepartmentSettings } from '#domain/settings';
import { offerablePriorities, surveyVersions } from '#domain/settings';

/** What the settings form offers to choose from: the survey versions kezek has and the priority categories. */
export const settingsChoices = () => ({ surveyVersions: [...surveyVersions()], priorityCategories: [...offerablePriorities] });

/** The settings as the form edits them: the policy fields the administrator sets, not the operator's (SMS hours, position log). */
export function settingsView(settings: DepartmentSettings) {
  const { policy } = settings;
  return {
    version: settings.version,
    ...(settings.updatedAt && { updatedAt: settings.updatedAt }),
    ...(settings.updatedBy && { updatedBy: settings.updatedBy }),
    policy: {
      campaignLengthMonths: policy.campaignLengthMonths,
      confirmationAgeYears: policy.confirmationAgeYears,
      extensionYears: policy.extensionYears,
      referralValidityWorkingDays: policy.referralValidityWorkingDays,
      referralStopWorkingDays: policy.referralStopWorkingDays,
      reminderDaysBeforeEnd: [...policy.reminderDaysBeforeEnd],
      queueRatio: { ...policy.queueRatio },
      priorityCategories: [...policy.priorityCategories],
    },
    surveyVersion: settings.surveyVersion,
    contacts: settings.contacts,
    languages: [...settings.languages],
  };
}
