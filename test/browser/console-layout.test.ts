import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, launchChromium, staffLogsIn } from '../support/browser.ts';
import { loginStaff, settle, startTestRuntime, type Client } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;

// The console as deployed: this runtime does not say it runs locally, so no demo-only control shows.
beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(300, { localRuntime: false }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const tablet = { width: 768, height: 1024 };
const minuteMs = 60_000;
const dayMs = 86_400_000;

async function staffPage(locale: string, viewport = tablet): Promise<{ context: BrowserContext; page: Page }> {
  // Times show in the browser's zone: Kazakhstan's, as in a department.
  const context = await browser.newContext({ locale, viewport, timezoneId: 'Asia/Almaty' });
  const page = await context.newPage();
  await staffLogsIn(page, runtime);
  return { context, page };
}

/** A draft campaign of this year starting tomorrow at 18:00 Kazakhstan time and ending 30 days later, as the API returns it. */
async function draftCampaign(staff: Client): Promise<{ campaignId: string; endsAt: string }> {
  const now = runtime.clock.now();
  const tomorrowKazakhstan = new Date(now.getTime() + 5 * 3_600_000 + dayMs).toISOString().slice(0, 10);
  const startsAt = new Date(`${tomorrowKazakhstan}T18:00:00+05:00`);
  const endsAt = new Date(startsAt.getTime() + 30 * dayMs);
  const created = await staff.request('POST', '/api/staff/campaigns', { body: { year: startsAt.getUTCFullYear(), startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } });
  expect(created.status).toBe(201);
  return created.body.campaign as { campaignId: string; endsAt: string };
}

/** How far the page scrolls sideways: 0 when it fits the window. */
function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

const ruMonths = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

describe('the staff console layout', () => {
  it('should show every console page at 768 px in kk and ru without sideways scrolling and without axe findings', { timeout: 240_000 }, async () => {
    // Prepare: a running campaign (for its dashboard) and an application to open
    const staff = await loginStaff(runtime);
    const start = Math.floor(runtime.clock.now().getTime() / minuteMs) * minuteMs + minuteMs;
    const created = await staff.request('POST', '/api/staff/campaigns', { body: { year: new Date(start).getUTCFullYear(), startsAt: new Date(start).toISOString(), endsAt: new Date(start + 30 * dayMs).toISOString() } });
    expect((await staff.request('POST', `/api/staff/campaigns/${created.body.campaign.campaignId}/start`)).status).toBe(202);
    runtime.clock.set(new Date(start + 1_000));
    await settle(runtime);
    const application = runtime.seed!.data.applications.find((a) => a.status === 'queued')!;
    const pages: [string, string, string][] = [
      ['kindergartens', '/staff', 'kindergarten-row'],
      ['queue', '/staff/queue', 'queue-row'],
      ['application', `/staff/applications/${encodeURIComponent(application.applicationId)}`, 'referral-kindergarten'],
      ['search', `/staff/search?q=${application.childIin}`, 'search-results'],
      ['register', '/staff/applications/new', 'register-form'],
      ['import', '/staff/import', 'import-format'],
      ['campaigns', '/staff/campaigns', 'campaign-row'],
      ['dashboard', `/staff/campaigns/${encodeURIComponent(created.body.campaign.campaignId)}`, 'dashboard'],
      ['kindergarten form', '/staff/kindergartens/new', 'kindergarten-form'],
      ['staff', '/staff/accounts', 'staff-row'],
      ['settings', '/staff/settings', 'settings-form'],
      ['audit', '/staff/audit', 'audit-row'],
    ];
    const scrolled: Record<string, number> = {};
    const violations: Record<string, string[]> = {};

    // Act
    for (const locale of ['kk-KZ', 'ru-RU']) {
      const { context, page } = await staffPage(locale);
      for (const [name, path, ready] of pages) {
        await page.goto(`${runtime.url}${path}`);
        await page.locator(`[data-qa="${ready}"]`).first().waitFor();
        scrolled[`${locale} ${name}`] = await sidewaysScroll(page);
        violations[`${locale} ${name}`] = await axeViolations(page);
      }
      await context.close();
    }

    // Assess: nothing scrolls sideways, nothing for axe to report
    expect(Object.entries(scrolled).filter(([, pixels]) => pixels > 0)).toEqual([]);
    expect(Object.entries(violations).filter(([, found]) => found.length > 0)).toEqual([]);
  });

  it('should name districts, not their ids, and fit the kindergartens and queue tables in the page at 1280 px (kk and ru)', async () => {
    // Act
    const names: Record<string, string[]> = {};
    const overhang: Record<string, number> = {};
    const tableOverhang = (page: Page) => page.evaluate(() => {
      const table = document.querySelector('table.table')!;
      return Math.max(0, table.getBoundingClientRect().width - table.parentElement!.getBoundingClientRect().width);
    });
    for (const locale of ['kk-KZ', 'ru-RU']) {
      const { context, page } = await staffPage(locale, { width: 1280, height: 900 });
      await page.locator('[data-qa="kindergarten-row-district"][data-district="microdistricts-3-9"]').first().waitFor();
      // The names arrive beside the kindergartens: wait until the id is gone.
      await expect.poll(() => page.locator('[data-qa="kindergarten-row-district"]').allTextContents()).not.toContain('microdistricts-3-9');
      names[locale] = await page.locator('[data-qa="kindergarten-row-district"][data-district="microdistricts-3-9"]').allTextContents();
      overhang[`${locale} kindergartens`] = await tableOverhang(page);
      await page.goto(`${runtime.url}/staff/queue`);
      await page.locator('[data-qa="queue-row"]').first().waitFor();
      overhang[`${locale} queue`] = await tableOverhang(page);
      await context.close();
    }

    // Assess
    expect(new Set(names['kk-KZ'])).toEqual(new Set(['3–9 шағын аудандар']));
    expect(new Set(names['ru-RU'])).toEqual(new Set(['Микрорайоны 3–9']));
    expect(overhang).toEqual({ 'kk-KZ kindergartens': 0, 'kk-KZ queue': 0, 'ru-RU kindergartens': 0, 'ru-RU queue': 0 });
  });

  it('should ask before a start with the end date and time and how many applications go to the stop-list, and offer no demo campaign off the local runtime', async () => {
    // Prepare: a draft and its scope as the API counts it
    const staff = await loginStaff(runtime);
    const draft = await draftCampaign(staff);
    await staff.request('POST', `/api/staff/campaigns/${draft.campaignId}/preview`);
    await settle(runtime);
    const preview = (await staff.request('GET', `/api/staff/campaigns/${draft.campaignId}/preview`)).body as { applications: number; applicants: number };
    expect(preview.applications).toBeGreaterThan(0);
    const { context, page } = await staffPage('ru-RU');
    await page.goto(`${runtime.url}/staff/campaigns`);
    const row = page.locator(`[data-qa="campaign-row"][data-campaign-id="${draft.campaignId}"]`);
    await row.waitFor();

    // Act
    await row.locator('[data-qa="start-campaign"]').click();
    const question = await row.locator('[data-qa="start-campaign-question"] p').textContent();

    // Assess: the end in Kazakhstan time (18:00, 30 days after tomorrow), the stop-list count, no demo control
    const end = new Date(Date.parse(draft.endsAt) + 5 * 3_600_000);
    expect(question).toContain(`Кампания закончится ${end.getUTCDate()} ${ruMonths[end.getUTCMonth()]} ${end.getUTCFullYear()} г. в 18:00.`);
    expect(question).toMatch(new RegExp(`Если (его|их) не подтвердят до окончания, ${preview.applications} (заявление попадёт|заявления попадут|заявлений попадут) в стоп-лист\\.`));
    expect(question).toContain(`${preview.applicants} заявител`);
    expect(question!.endsWith('Начать?')).toBe(true);
    expect(await page.locator('[data-qa="create-campaign-form"]').count()).toBe(1);
    expect(await page.locator('[data-qa="demo-campaign"]').count()).toBe(0);
    expect(await page.locator('[data-qa="demo-fill"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('should offer each import file as a template with exactly the columns the import checks, and list them', async () => {
    // Prepare
    const { context, page } = await staffPage('kk-KZ');
    await page.goto(`${runtime.url}/staff/import`);
    await page.locator('[data-qa="import-format"]').waitFor();

    // Act
    const template = async (kind: string) => {
      const href = (await page.locator(`[data-qa="import-template-${kind}"]`).getAttribute('href'))!;
      return decodeURIComponent(href.slice(href.indexOf(',') + 1));
    };
    const kindergartens = await template('kindergartens');
    const applications = await template('applications');
    const listed = await page.locator('[data-qa="import-columns-applications"] [data-qa="import-column"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-column')));
    const district = await page.locator('[data-qa="import-columns-kindergartens"] [data-qa="import-column"][data-column="district"] td').textContent();

    // Assess
    expect(kindergartens).toBe(
      '\uFEFFkindergarten_id,name_kk,name_ru,name_en,ownership,languages,district,address,lat,lon,capacity_nursery,capacity_junior,capacity_middle,capacity_senior,capacity_preschool\r\n',
    );
    expect(applications).toBe('\uFEFFexternal_id,child_iin,child_name,applicant_iin,applicant_phone,applicant_name,registered_at,priority,kindergartens,language,valid_until\r\n');
    expect(listed).toEqual(['external_id', 'child_iin', 'child_name', 'applicant_iin', 'applicant_phone', 'applicant_name', 'registered_at', 'priority', 'kindergartens', 'language', 'valid_until']);
    expect(district).toContain('microdistricts-3-9 (3–9 шағын аудандар)');
    expect(await page.locator('[data-qa="import-example-applications"]').getAttribute('download')).toBe('queue-example.csv');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
