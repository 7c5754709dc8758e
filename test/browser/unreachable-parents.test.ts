import { describe, expect, it } from 'vitest';
import { ageGroupOn } from '#domain/age';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { browserWorld } from '../support/browser-fixture.ts';
import { ApplicationPage } from '../support/pages/application.ts';
import { DashboardPage } from '../support/pages/dashboard.ts';
import { UnreachableParentsPage } from '../support/pages/unreachable-parents.ts';
import { loginParent, loginStaff, settle, startCampaignNow, toDaytime, type Client } from '../support/runtime.ts';

/**
 * Issue 18 item 6: parents a notice reached on no channel are listed for staff, who call them:
 * from the console's navigation and from the campaign dashboard's "Parents not reached" count.
 */
let staff: Client;
const world = browserWorld({
  prepare: async (runtime) => {
    // Inside the SMS hours: after 21:00 in Kazakhstan the SMS would wait for the morning
    toDaytime(runtime);
    staff = await loginStaff(runtime);
  },
});

const data = () => world.runtime.seed!.data;

/** Runs the jobs (sender, receipts, second phone) until `done`. */
async function until(done: () => Promise<boolean>, rounds = 100): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await settle(world.runtime);
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the jobs did not get there');
}

/** A queued application of a parent with one application, and a kindergarten of its language with a free place in its age group. */
async function referralCandidate() {
  const counts = new Map<string, number>();
  for (const a of data().applications) counts.set(a.applicantIin, (counts.get(a.applicantIin) ?? 0) + 1);
  const listed = await staff.call('GET /api/staff/kindergartens', {});
  for (const candidate of data().applications.filter((a) => a.status === 'queued' && counts.get(a.applicantIin) === 1)) {
    const group = ageGroupOn(candidate.birthDate, kazakhstanDate(world.runtime.clock.now()));
    const kindergarten = listed.body.kindergartens.find((k) => (k.capacity[group] ?? 0) - (k.occupancy?.[group] ?? 0) > 0 && k.languages.includes(candidate.language));
    if (kindergarten) return { candidate, kindergarten, parent: data().parents.find((p) => p.iin === candidate.applicantIin)! };
  }
  throw new Error('no application to refer');
}

describe('the list of parents not reached', () => {
  it('should list, in Kazakh at 1280 px, a parent whose referral SMS failed on both phones, with the phones to call, and lead to the application', async () => {
    // Prepare: a parent with a second phone; every SMS to either phone fails; staff issue a referral
    const { candidate, kindergarten, parent } = await referralCandidate();
    const secondPhone = '+77770005566';
    const cabinet = await loginParent(world.runtime, parent);
    expect((await cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'kk', secondPhone } })).status).toBe(200);
    Object.assign(world.runtime.notifier.receipts, { failureRate: 0.5, draw: () => ([parent.phone, secondPhone].includes(world.runtime.notifier.outbox.at(-1)?.phone ?? '') ? 0 : 1) });
    const referred = await staff.request('POST', `/api/staff/applications/${candidate.applicationId}/referral`, { body: { kindergartenId: kindergarten.kindergartenId } });
    expect(referred.status).toBe(200);
    await until(async () => (await staff.call('GET /api/staff/unreachable-parents', {})).body.parents.some((p) => p.phone === parent.phone));
    const list = new UnreachableParentsPage(await world.staff({ language: 'kk', device: { width: 1280, height: 900 } }));

    // Act: from the console's navigation
    await list.navigateTo('unreachable');
    await list.listed();

    // Assess: the parent's row with both phones, the referral notice, both SMS failed with the provider's reason
    expect(await list.heading.textContent()).toBe('Хабар жетпеген ата-аналар');
    expect(await list.caption.textContent()).toBe('Кімге қоңырау шалу керек');
    const row = list.rowOf(parent.phone);
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-kind')).toBe('refer');
    expect(await row.locator('[data-qa="unreachable-name"]').textContent()).toBe(parent.displayName);
    expect(await row.locator('[data-qa="unreachable-second-phone"]').textContent()).toBe(secondPhone);
    expect(await row.locator('[data-qa="unreachable-sms"]').getAttribute('data-status')).toBe('failed');
    expect(await row.locator('[data-qa="unreachable-sms2"]').getAttribute('data-status')).toBe('failed');
    expect(await row.locator('[data-qa="unreachable-sms"]').textContent()).toContain('Phone is currently unreachable/unavailable');
    expect(await row.locator('[data-qa="unreachable-sms2"]').textContent()).toContain('Phone is currently unreachable/unavailable');
    expect(await row.locator('[data-qa="unreachable-application"]').textContent()).toBe(`${candidate.childName} балаға өтініш`);
    expect(await list.liveStatus.textContent()).toMatch(/^\d+ ата-ана табылды$/);
    expect(await list.axe()).toEqual([]);

    // Act: the operator follows the link to the application
    const application = new ApplicationPage(list);
    await row.locator('[data-qa="unreachable-application"]').click();
    await list.page.waitForURL(`${world.runtime.url}/staff/applications/${encodeURIComponent(candidate.applicationId)}`);

    // Assess
    await list.page.locator('h1', { hasText: candidate.childName }).waitFor();
    expect(await application.heading.textContent()).toBe(`Өтініш: ${candidate.childName}`);
  });

  it('should lead, in Russian on a 360 px phone, from the campaign dashboard’s count to the parents whose start SMS failed', async () => {
    // Prepare: the receipts of SMS to numbers ending in 7 say FAILURE; a campaign starts and its SMS come back
    Object.assign(world.runtime.notifier.receipts, { failureRate: 0.5, draw: () => ((world.runtime.notifier.outbox.at(-1)?.phone ?? '').endsWith('7') ? 0 : 1) });
    const campaignId = await startCampaignNow(world.runtime, staff);
    await settle(world.runtime);
    await settle(world.runtime);
    const dashboard = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId }, query: {} });
    expect(dashboard.body.progress.unreachable).toBeGreaterThan(0);
    const session = await world.staff({ language: 'ru', device: 'phone' });
    const dashboardPage = new DashboardPage(session);
    await dashboardPage.open(campaignId);
    await dashboardPage.progress('unreachable').waitFor();

    // Act
    const list = new UnreachableParentsPage(session);
    await dashboardPage.unreachableList.click();
    await session.page.waitForURL(`${world.runtime.url}/staff/unreachable?campaignId=${campaignId}`);
    await list.listed();

    // Assess: as many rows as the dashboard counts, every one a campaign start whose SMS failed, to a number ending in 7
    expect(await list.heading.textContent()).toBe('Родители, до которых не дошло сообщение');
    expect(await list.rows.count()).toBe(dashboard.body.progress.unreachable);
    expect(new Set(await list.rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-kind'))))).toEqual(new Set(['campaign_started']));
    const phones = await list.phones.allTextContents();
    expect(phones.every((phone) => phone.endsWith('7'))).toBe(true);
    expect(await list.campaignLink.getAttribute('href')).toBe(`/staff/campaigns/${campaignId}`);
    expect(await list.overflow()).toBeLessThanOrEqual(0);
    expect(await list.axe()).toEqual([]);
  });
});
