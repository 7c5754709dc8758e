import { describe, expect, it } from 'vitest';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { browserWorld } from '../support/browser-fixture.ts';
import { CabinetPage } from '../support/pages/cabinet.ts';
import { CampaignsPage } from '../support/pages/campaigns.ts';
import { SitePage } from '../support/pages/site.ts';
import { loginParent, loginStaff, settle } from '../support/runtime.ts';

const world = browserWorld();

/**
 * Parents with an application a campaign of this year takes in (SPEC rule 3): queued, the child
 * two years old by 31 December, valid no later than today (so no later than the campaign's end).
 */
function parentsInScope(year: number, today: string) {
  const { parents, applications } = world.runtime.seed!.data;
  return parents.flatMap((parent) => {
    const application = applications.find(
      (a) => a.applicantIin === parent.iin && a.status === 'queued' && Number(a.birthDate.slice(0, 4)) + 2 <= year && a.validUntil <= today,
    );
    return application ? [{ parent, application }] : [];
  });
}

describe('the interest-confirmation campaign in the browser', () => {
  it('should let staff create, preview and start a short campaign that stops unconfirmed applications at its end, which the parent restores', { timeout: 180_000 }, async () => {
    // Prepare: a year on, every seeded queued application has lapsed (validUntil is at most
    // 330 days ahead), so a campaign of that year takes in each child two or older by 31 December.
    const runtime = world.runtime;
    runtime.clock.advance(365 * 86_400_000);
    await settle(runtime);
    // Logged in after the move: a session would not outlive a year.
    const staffApi = await loginStaff(runtime);
    const now = runtime.clock.now();
    const today = kazakhstanDate(now);
    const year = Number(today.slice(0, 4));
    const [silent, confirming] = parentsInScope(year, today);
    expect(silent, 'a parent with an application in scope').toBeDefined();
    expect(confirming, 'a second parent with an application in scope').toBeDefined();
    // The console shows and reads times in the browser's zone: Kazakhstan's, as in a department.
    const staff = new CampaignsPage(await world.staff({ language: 'en', timezone: 'Asia/Almaty' }));

    // Act: staff open the campaigns page and create a 2-minute demo campaign starting at the
    // (moved) clock's next minute; the browser's own clock is not moved, so the start is typed.
    await staff.navigateTo('campaigns');
    await staff.createForm.waitFor();
    expect(await staff.heading.count()).toBe(1);
    const start = Math.floor(now.getTime() / 60_000) * 60_000 + 60_000;
    const row = await staff.createDemo({ year, start: new Date(start + 5 * 3_600_000).toISOString().slice(0, 16), minutes: '2' });
    const created = (await staffApi.request('GET', '/api/staff/campaigns')).body.campaigns[0] as { campaignId: string; year: number; startsAt: string; endsAt: string };
    const end = Date.parse(created.endsAt);

    // Assess: the draft has the year and start typed, and the demo helper ended it two minutes later
    expect(created.year).toBe(year);
    expect(Date.parse(created.startsAt)).toBe(start);
    expect(end - start).toBe(2 * 60_000);

    // Act: preview the scope
    await row.previewButton.click();
    const preview = row.preview;
    await preview.waitFor();

    // Assess: numbers above zero, a table by birth year, no accessibility violations
    expect(Number(await preview.locator('[data-qa="preview-applications"]').getAttribute('data-value'))).toBeGreaterThan(0);
    const applicants = Number(await preview.locator('[data-qa="preview-applicants"]').getAttribute('data-value'));
    expect(applicants).toBeGreaterThan(0);
    expect(await preview.locator('[data-qa="preview-cohort"]').count()).toBeGreaterThan(0);
    expect(await staff.axe()).toEqual([]);

    // Act: start it, answering the inline question
    await row.start.click();
    expect(await row.startQuestion.textContent()).toContain(`This notifies ${applicants} applicant`);
    await row.startConfirm.click();
    await row.statusIs('active').waitFor();
    // At its start time the start job marks the scope and notifies the applicants.
    runtime.clock.set(new Date(start + 1000));
    await settle(runtime);

    // Assess: the public home page shows the banner
    const home = new SitePage(await world.visitor({ language: 'kk', device: 'phone' }));
    await home.open('/');
    const banner = home.banner;
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('region');
    expect(await banner.textContent()).toContain(`${year} жылғы`);
    expect(await home.axe()).toEqual([]);

    // Assess: the silent parent's application waits for a confirmation
    const silentApi = await loginParent(runtime, silent!.parent);
    const before = (await silentApi.request('GET', '/api/cabinet/applications')).body.applications as { applicationId: string; confirmationNeeded: boolean }[];
    expect(before.find((a) => a.applicationId === silent!.application.applicationId)?.confirmationNeeded).toBe(true);

    // Act: the other parent sends the survey (its pages have their own browser test) …
    const confirmingApi = await loginParent(runtime, confirming!.parent);
    const survey = (await confirmingApi.request('GET', '/api/cabinet/survey')).body as { definition: { version: string }; kindergartens: { kindergartenId: string }[] };
    const sent = await confirmingApi.request('POST', '/api/cabinet/survey', {
      body: {
        version: survey.definition.version,
        answers: {
          kindergartens: [survey.kindergartens[0]!.kindergartenId],
          ownership: { choice: 'any', reasons: [] },
          language: { choice: 'ru' },
          fee: { choice: 'up-to-30000' },
          activities: { options: ['football'] },
          digital: { options: ['cashless'] },
        },
      },
    });
    expect(sent.status).toBe(200);
    // … and sees the confirmation in the cabinet (a phone, Russian), with the banner still there
    const cabinet = new CabinetPage(await world.parent(confirming!.parent, { language: 'ru', device: 'phone' }));
    await cabinet.banner.waitFor();
    const confirmedCard = cabinet.card(confirming!.application.applicationId);
    expect(await confirmedCard.history('confirm').count()).toBe(1);
    expect(await cabinet.page.locator('[data-qa="survey-link"][data-needed="true"]').count()).toBe(0);
    expect(await cabinet.axe()).toEqual([]);

    // Assess: the staff page, polling, shows the confirmation in the counters
    await expect.poll(async () => Number((await row.confirmed.textContent())?.replace(/\D/g, '')), { timeout: 15_000 }).toBeGreaterThan(0);

    // Act: time passes the end; the close job stops every application still pending
    runtime.clock.set(new Date(end + 5_000));
    await settle(runtime);

    // Assess: the staff page announces the close
    await row.statusIs('closed').waitFor({ timeout: 15_000 });
    expect(await staff.announcement.textContent()).toContain('Closed');
    expect(Number((await row.stopped.textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);

    // Act: the silent parent logs in, finds the stopped application and restores it
    const silentCabinet = new CabinetPage(await world.parent(silent!.parent, { language: 'en', device: 'phone' }));
    const card = silentCabinet.card(silent!.application.applicationId);
    await card.statusIs('stopped').waitFor();
    // No banner once the campaign is over (read once the cabinet shows its cards, which come with the banner's decision)
    expect(await silentCabinet.banner.count()).toBe(0);
    await card.restore.click();

    // Assess: back in the queue
    await card.statusIs('queued').waitFor();

    // Assess: the parent who confirmed was not stopped
    const confirmingAgain = await loginParent(runtime, confirming!.parent);
    const after = (await confirmingAgain.request('GET', '/api/cabinet/applications')).body.applications as { applicationId: string; status: string }[];
    expect(after.find((a) => a.applicationId === confirming!.application.applicationId)?.status).toBe('queued');
  });

  it('should name each problem of the create form and link to its field', async () => {
    // Prepare
    const campaigns = new CampaignsPage(await world.staff({ language: 'ru', device: 'phone' }));
    await campaigns.open();

    // Act: no year, an end before the start
    await campaigns.field('year').fill('');
    await campaigns.field('end').fill('2020-01-01T10:00');
    await campaigns.create.click();

    // Assess: the summary takes focus and lists both problems; the inputs say what is wrong
    await campaigns.errorSummary.waitFor();
    await expect.poll(() => campaigns.focused()).toBe('error-summary');
    expect(await campaigns.errorSummary.locator('li').count()).toBe(2);
    expect(await campaigns.fieldError('year').count()).toBe(1);
    expect(await campaigns.fieldError('end').count()).toBe(1);
    expect(await campaigns.axe()).toEqual([]);
  });
});
