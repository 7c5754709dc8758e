import { describe, expect, it } from 'vitest';
import { scheduleViolations } from '#ports/scheduler';
import { importedId } from '#use-cases/imports';
import { scheduleName, scheduleNames, taskDigest } from '#use-cases/schedule-names';

/**
 * Every schedule name the system creates, built from the longest ids it creates, must be one
 * EventBridge Scheduler accepts (1–64 characters of `[0-9a-zA-Z-_.]`): a name it refuses makes
 * the action behind it (issuing a referral, starting a campaign…) fail in AWS only.
 */
const longestTenantId = 't'.repeat(39) + '_'; // `[\w-]{1,40}` (the tenant schemas)
const longestExternalId = 'E'.repeat(39) + '-'; // `[\w-]{1,40}` (the import's external_id)
const ids = {
  registered: 'app-0f8fad5b-d9cb-469f-a165-70867728950e', // `app-<uuid>` (registration)
  imported: importedId(longestTenantId, longestExternalId), // `imp.<tenant>.<external id>`: 85 characters
  campaign: 'c-2026-0f8fad5b', // `c-<year>-<8 hex>` (campaign creation)
  export: 'x-0f8fad5b-d9cb-469f-a165-70867728950e', // `x-<uuid>` (export request)
};
const farFuture = '9999-12-31T23:59:59.999Z'; // the longest epoch any date gives
const allCohorts = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]; // at most 8 birth years

const everyName: [string, string][] = [
  ...[ids.registered, ids.imported].flatMap((applicationId): [string, string][] => [
    [`referral expiry of ${applicationId}`, scheduleNames.referralExpiry(applicationId, farFuture)],
    [`referral restore of ${applicationId}`, scheduleNames.referralRestore(applicationId, farFuture)],
    [`positions after a change to ${applicationId}`, scheduleNames.positions(longestTenantId, allCohorts, applicationId, farFuture)],
    [`SMS held for ${applicationId}`, scheduleNames.noticeSms(applicationId, `${farFuture}#${applicationId}#restore_after_referral`, farFuture)],
  ]),
  ['campaign start', scheduleNames.campaignStart(ids.campaign)],
  ['campaign cancel', scheduleNames.campaignCancel(ids.campaign)],
  ['campaign preview', scheduleNames.campaignPreview(ids.campaign, '0f8fad5b-d9cb-469f-a165-70867728950e')],
  ['campaign reminder', scheduleNames.campaignReminder(ids.campaign, 365)],
  ['campaign close', scheduleNames.campaignClose(ids.campaign)],
  ['export', scheduleNames.export(ids.export)],
  ['positions after an import', scheduleNames.positions(longestTenantId, allCohorts, 'all', farFuture)],
  ['positions after a close', scheduleNames.positions(longestTenantId, allCohorts, `close-${ids.campaign}`, farFuture)],
  // Continuations (decision 42): the part number has no bound; a million parts is far beyond any city.
  ['continuation of a campaign start', scheduleNames.campaignStartPart(ids.campaign, 999_999)],
  ['continuation of a campaign close', scheduleNames.campaignClosePart(ids.campaign, 'close', 999_999)],
  ['continuation of a campaign cancel', scheduleNames.campaignClosePart(ids.campaign, 'cancel', 999_999)],
  ['continuation of a campaign preview', scheduleNames.campaignPreviewPart(ids.campaign, '0f8fad5b-d9cb-469f-a165-70867728950e', 999_999)],
  ['continuation of a campaign reminder', scheduleNames.campaignReminderPart(ids.campaign, 365, 999_999)],
  ['continuation of an export', scheduleNames.exportPart(ids.export, 999_999)],
  ['outbox sweep', scheduleNames.outboxSweep(farFuture)],
  ['continuation of an outbox sweep', scheduleNames.outboxSweepPart(farFuture, 999_999)],
  ['continuation of a position recompute', scheduleNames.positionsPart(longestTenantId, taskDigest({ kind: 'recompute-positions', tenantId: longestTenantId, birthYears: allCohorts, changes: [] }), 999_999)],
];

describe('schedule names', () => {
  it('should cover every builder of scheduleNames', () => {
    // Assess: a new builder must be added to the list above
    expect(Object.keys(scheduleNames).sort()).toEqual([
      'campaignCancel',
      'campaignClose',
      'campaignClosePart',
      'campaignPreview',
      'campaignPreviewPart',
      'campaignReminder',
      'campaignReminderPart',
      'campaignStart',
      'campaignStartPart',
      'export',
      'exportPart',
      'noticeSms',
      'outboxSweep',
      'outboxSweepPart',
      'positions',
      'positionsPart',
      'referralExpiry',
      'referralRestore',
    ]);
    expect(ids.imported).toHaveLength(85);
  });

  it.each(everyName)('should give the %s a name EventBridge Scheduler accepts', (_what, name) => {
    // Act
    const violations = scheduleViolations({ name, groupName: 'kezek-prod', input: '{}' });
    // Assess
    expect(violations).toEqual([]);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toMatch(/^[0-9a-zA-Z\-_.]+$/);
  });

  it('should keep a name that fits as it always was', () => {
    expect(scheduleNames.referralExpiry('app-1', '2026-03-13T06:00:00.000Z')).toBe('referral-expiry-app-1-1773381600');
    expect(scheduleNames.campaignReminder('c-2026-0f8fad5b', 3)).toBe('campaign-reminder-c-2026-0f8fad5b-3');
  });

  it('should name the referral expiry of a registered application (67+ characters before) by a digest, deterministically', () => {
    // Act
    const name = scheduleNames.referralExpiry(ids.registered, '2026-03-13T06:00:00.000Z');
    // Assess: sha256("app-0f8f…950e\0" + "1773381600") in base64url, computed outside this code (Python hashlib)
    expect(name).toBe('referral-expiry-htXq64MGmxVN-l3C7uPf-01RvTOo4icQXaez6ap05b4');
    expect(scheduleNames.referralExpiry(ids.registered, '2026-03-13T06:00:00.000Z')).toBe(name);
    expect(scheduleNames.referralExpiry(ids.registered, '2026-03-13T06:00:01.000Z')).not.toBe(name);
  });

  it('should give each continuation of a job a name of its own, apart from the job it continues', () => {
    // Assess: readable where they fit, written out literally
    expect(scheduleNames.campaignStartPart('c-2026-0f8fad5b', 1)).toBe('campaign-start-c-2026-0f8fad5b-p1');
    expect(scheduleNames.campaignClosePart('c-2026-0f8fad5b', 'close', 2)).toBe('campaign-close-c-2026-0f8fad5b-p2');
    expect(scheduleNames.campaignClosePart('c-2026-0f8fad5b', 'cancel', 2)).toBe('campaign-cancel-c-2026-0f8fad5b-p2');
    expect(scheduleNames.campaignReminderPart('c-2026-0f8fad5b', 3, 1)).toBe('campaign-reminder-c-2026-0f8fad5b-3-p1');
    // Assess: two recomputes' continuations differ by their origin
    const first = taskDigest({ kind: 'recompute-positions', tenantId: 'temirtau', birthYears: [2021], changes: [] });
    const second = taskDigest({ kind: 'recompute-positions', tenantId: 'temirtau', birthYears: [2022], changes: [] });
    expect(first).not.toBe(second);
    expect(scheduleNames.positionsPart('temirtau', first, 1)).not.toBe(scheduleNames.positionsPart('temirtau', second, 1));
    expect(scheduleNames.positionsPart('temirtau', first, 1)).not.toBe(scheduleNames.positionsPart('temirtau', first, 2));
  });

  it('should keep parts apart when hashing: (a-b, c) is not (a, b-c)', () => {
    const long = 'x'.repeat(60);
    expect(scheduleName('p', `${long}-b`, 'c')).not.toBe(scheduleName('p', long, 'b-c'));
  });
});
