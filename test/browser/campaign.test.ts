import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, launchChromium, parentLogsIn, staffLogsIn } from '../support/browser.ts';
import { loginParent, loginStaff, settle, startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };




/**
 * Parents with an application a campaign of this year takes in (SPEC rule 3): queued, the child
 * two years old by 31 December, valid no later than today (so no later than the campaign's end).
 */
function parentsInScope(year: number, today: string) {
  const { parents, applications } = runtime.seed!.data;
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
    const contexts: BrowserContext[] = [];
    // The console shows and reads times in the browser's zone: Kazakhstan's, as in a department.
    const staffContext = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Almaty' });
    contexts.push(staffContext);
    const staff = await staffContext.newPage();
    await staffLogsIn(staff, runtime);

    // Act: staff open the campaigns page and create a 2-minute demo campaign starting at the
    // (moved) clock's next minute; the browser's own clock is not moved, so the start is typed.
    await staff.locator('[data-qa="nav-campaigns"]').click();
    await staff.locator('[data-qa="create-campaign-form"]').waitFor();
    expect(await staff.locator('h1').count()).toBe(1);
    const start = Math.floor(now.getTime() / 60_000) * 60_000 + 60_000;
    await staff.locator('[data-qa="campaign-year"]').fill(String(year));
    await staff.locator('[data-qa="campaign-start"]').fill(new Date(start + 5 * 3_600_000).toISOString().slice(0, 16));
    await staff.locator('[data-qa="demo-length"]').selectOption('2');
    await staff.locator('[data-qa="demo-fill"]').click();
    await staff.locator('[data-qa="create-campaign"]').click();
    const row = staff.locator('[data-qa="campaign-row"]').first();
    await row.locator('[data-qa="campaign-status"][data-status="draft"]').waitFor();
    const created = (await staffApi.request('GET', '/api/staff/campaigns')).body.campaigns[0] as { campaignId: string; year: number; startsAt: string; endsAt: string };
    const end = Date.parse(created.endsAt);

    // Assess: the draft has the year and start typed, and the demo helper ended it two minutes later
    expect(created.year).toBe(year);
    expect(Date.parse(created.startsAt)).toBe(start);
    expect(end - start).toBe(2 * 60_000);

    // Act: preview the scope
    await row.locator('[data-qa="preview-campaign"]').click();
    const preview = row.locator('[data-qa="campaign-preview"]');
    await preview.waitFor();

    // Assess: numbers above zero, a table by birth year, no accessibility violations
    expect(Number(await preview.locator('[data-qa="preview-applications"]').getAttribute('data-value'))).toBeGreaterThan(0);
    const applicants = Number(await preview.locator('[data-qa="preview-applicants"]').getAttribute('data-value'));
    expect(applicants).toBeGreaterThan(0);
    expect(await preview.locator('[data-qa="preview-cohort"]').count()).toBeGreaterThan(0);
    expect(await axeViolations(staff)).toEqual([]);

    // Act: start it, answering the inline question
    await row.locator('[data-qa="start-campaign"]').click();
    expect(await row.locator('[data-qa="start-campaign-question"]').textContent()).toContain(`This notifies ${applicants} applicant`);
    await row.locator('[data-qa="start-campaign-confirm"]').click();
    await row.locator('[data-qa="campaign-status"][data-status="active"]').waitFor();
    // At its start time the start job marks the scope and notifies the applicants.
    runtime.clock.set(new Date(start + 1000));
    await settle(runtime);

    // Assess: the public home page shows the banner
    const homeContext = await browser.newContext({ locale: 'kk-KZ', ...phone });
    contexts.push(homeContext);
    const home = await homeContext.newPage();
    await home.goto(runtime.url);
    const banner = home.locator('[data-qa="campaign-banner"]');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('region');
    expect(await banner.textContent()).toContain(`${year} жылғы`);
    expect(await axeViolations(home)).toEqual([]);

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
    const confirmContext = await browser.newContext({ locale: 'ru-RU', ...phone });
    contexts.push(confirmContext);
    const cabinet = await confirmContext.newPage();
    await parentLogsIn(cabinet, runtime, confirming!.parent);
    await cabinet.locator('[data-qa="campaign-banner"]').waitFor();
    const confirmedCard = cabinet.locator(`[data-qa="application"][data-application-id="${confirming!.application.applicationId}"]`);
    expect(await confirmedCard.locator('[data-qa="history-event"][data-action="confirm"]').count()).toBe(1);
    expect(await cabinet.locator('[data-qa="survey-link"][data-needed="true"]').count()).toBe(0);
    expect(await axeViolations(cabinet)).toEqual([]);

    // Assess: the staff page, polling, shows the confirmation in the counters
    await expect.poll(async () => Number((await row.locator('[data-qa="campaign-confirmed"]').textContent())?.replace(/\D/g, '')), { timeout: 15_000 }).toBeGreaterThan(0);

    // Act: time passes the end; the close job stops every application still pending
    runtime.clock.set(new Date(end + 5_000));
    await settle(runtime);

    // Assess: the staff page announces the close
    await row.locator('[data-qa="campaign-status"][data-status="closed"]').waitFor({ timeout: 15_000 });
    expect(await staff.locator('[data-qa="campaigns-announcement"]').textContent()).toContain('Closed');
    expect(Number((await row.locator('[data-qa="campaign-stopped"]').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);

    // Act: the silent parent logs in, finds the stopped application and restores it
    const silentContext = await browser.newContext({ locale: 'en-GB', ...phone });
    contexts.push(silentContext);
    const silentPage = await silentContext.newPage();
    await parentLogsIn(silentPage, runtime, silent!.parent);
    expect(await silentPage.locator('[data-qa="campaign-banner"]').count()).toBe(0);
    const card = silentPage.locator(`[data-qa="application"][data-application-id="${silent!.application.applicationId}"]`);
    await card.locator('[data-qa="application-status"][data-status="stopped"]').waitFor();
    await card.locator('[data-qa="restore"]').click();

    // Assess: back in the queue
    await card.locator('[data-qa="application-status"][data-status="queued"]').waitFor();

    // Assess: the parent who confirmed was not stopped
    const confirmingAgain = await loginParent(runtime, confirming!.parent);
    const after = (await confirmingAgain.request('GET', '/api/cabinet/applications')).body.applications as { applicationId: string; status: string }[];
    expect(after.find((a) => a.applicationId === confirming!.application.applicationId)?.status).toBe('queued');
    for (const context of contexts) await context.close();
  });

  it('should name each problem of the create form and link to its field', async () => {
    // Prepare
    const context = await browser.newContext({ locale: 'ru-RU', ...phone });
    const page = await context.newPage();
    await staffLogsIn(page, runtime);
    await page.goto(`${runtime.url}/staff/campaigns`);
    await page.locator('[data-qa="create-campaign-form"]').waitFor();

    // Act: no year, an end before the start
    await page.locator('[data-qa="campaign-year"]').fill('');
    await page.locator('[data-qa="campaign-end"]').fill('2020-01-01T10:00');
    await page.locator('[data-qa="create-campaign"]').click();

    // Assess: the summary takes focus and lists both problems; the inputs say what is wrong
    await page.locator('[data-qa="error-summary"]').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('error-summary');
    expect(await page.locator('[data-qa="error-summary"] li').count()).toBe(2);
    expect(await page.locator('[data-qa="campaign-year-error"]').count()).toBe(1);
    expect(await page.locator('[data-qa="campaign-end-error"]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
