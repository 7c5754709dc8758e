import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserWorld, type Device, type Language, type Session } from '../support/browser-fixture.ts';
import { CampaignsPage } from '../support/pages/campaigns.ts';
import { ImportPage } from '../support/pages/import.ts';
import { KindergartensPage } from '../support/pages/kindergartens.ts';
import { QueuePage } from '../support/pages/queue.ts';
import { axeViolations } from '../support/browser.ts';
import { loginStaff, settle, type Client } from '../support/runtime.ts';

// The console as deployed: this runtime does not say it runs locally, so no demo-only control shows.
const world = browserWorld({ applications: 300, runtimeOptions: { localRuntime: false } });

const tablet = { width: 768, height: 1024 };
const minuteMs = 60_000;
const dayMs = 86_400_000;

/** Staff at a tablet (unless said), in Kazakhstan's time zone as in a department (times show in the browser's zone). */
function staffPage(language: Language, device: Device = tablet): Promise<Session> {
  return world.staff({ language, device, timezone: 'Asia/Almaty' });
}

/** A draft campaign of this year starting tomorrow at 18:00 Kazakhstan time and ending 30 days later, as the API returns it. */
async function draftCampaign(staff: Client): Promise<{ campaignId: string; endsAt: string }> {
  const now = world.runtime.clock.now();
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
    const runtime = world.runtime;
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

    // Act: staff log in in kk and in ru, one after the other (each login takes its own code);
    // then both go through every page side by side, each in its own browser context
    const consoles: [string, KindergartensPage][] = [];
    for (const [language, locale] of [['kk', 'kk-KZ'], ['ru', 'ru-RU']] as const) consoles.push([locale, new KindergartensPage(await staffPage(language))]);
    await Promise.all(
      consoles.map(async ([locale, console]) => {
        for (const [name, path, ready] of pages) {
          await console.goto(path);
          await console.qa(ready).first().waitFor();
          scrolled[`${locale} ${name}`] = await sidewaysScroll(console.page);
          violations[`${locale} ${name}`] = await console.axe();
        }
        await console.page.context().close();
      }),
    );

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
    for (const [language, locale] of [['kk', 'kk-KZ'], ['ru', 'ru-RU']] as const) {
      const session = await staffPage(language, { width: 1280, height: 900 });
      const kindergartens = new KindergartensPage(session);
      const queue = new QueuePage(session);
      await kindergartens.districts('microdistricts-3-9').first().waitFor();
      // The names arrive beside the kindergartens: wait until the id is gone.
      await expect.poll(() => kindergartens.districts().allTextContents()).not.toContain('microdistricts-3-9');
      names[locale] = await kindergartens.districts('microdistricts-3-9').allTextContents();
      overhang[`${locale} kindergartens`] = await tableOverhang(session.page);
      await queue.open();
      await queue.rows.first().waitFor();
      overhang[`${locale} queue`] = await tableOverhang(session.page);
      await session.context.close();
    }

    // Assess
    expect(new Set(names['kk-KZ'])).toEqual(new Set(['3–9 шағын аудандар']));
    expect(new Set(names['ru-RU'])).toEqual(new Set(['Микрорайоны 3–9']));
    expect(overhang).toEqual({ 'kk-KZ kindergartens': 0, 'kk-KZ queue': 0, 'ru-RU kindergartens': 0, 'ru-RU queue': 0 });
  });

  it('should ask before a start with the end date and time and how many applications go to the stop-list, and offer no demo campaign off the local runtime', async () => {
    // Prepare: a draft and its scope as the API counts it
    const staff = await loginStaff(world.runtime);
    const draft = await draftCampaign(staff);
    await staff.request('POST', `/api/staff/campaigns/${draft.campaignId}/preview`);
    await settle(world.runtime);
    const preview = (await staff.request('GET', `/api/staff/campaigns/${draft.campaignId}/preview`)).body as { applications: number; applicants: number };
    expect(preview.applications).toBeGreaterThan(0);
    const campaigns = new CampaignsPage(await staffPage('ru'));
    await campaigns.open();
    const row = campaigns.row(draft.campaignId);
    await row.root.waitFor();

    // Act
    await row.start.click();
    const question = await row.startQuestion.locator('p').textContent();

    // Assess: the end in Kazakhstan time (18:00, 30 days after tomorrow), the stop-list count, no demo control
    const end = new Date(Date.parse(draft.endsAt) + 5 * 3_600_000);
    expect(question).toContain(`Кампания закончится ${end.getUTCDate()} ${ruMonths[end.getUTCMonth()]} ${end.getUTCFullYear()} г. в 18:00.`);
    expect(question).toMatch(new RegExp(`Если (его|их) не подтвердят до окончания, ${preview.applications} (заявление попадёт|заявления попадут|заявлений попадут) в стоп-лист\\.`));
    expect(question).toContain(`${preview.applicants} заявител`);
    expect(question!.endsWith('Начать?')).toBe(true);
    expect(await campaigns.createForm.count()).toBe(1);
    expect(await campaigns.qa('demo-campaign').count()).toBe(0);
    expect(await campaigns.demoFill.count()).toBe(0);
    expect(await campaigns.axe()).toEqual([]);
  });

  it('should offer each import file as a template with exactly the columns the import checks, and list them', async () => {
    // Prepare
    const importPage = new ImportPage(await staffPage('kk'));
    await importPage.open();

    // Act
    const kindergartens = await importPage.template('kindergartens');
    const applications = await importPage.template('applications');
    const listed = await importPage.columns('applications').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-column')));
    // The district codes are the department's, listed once its districts have loaded
    const districtCell = importPage.columns('kindergartens').and(importPage.page.locator('[data-column="district"]')).locator('td');
    await districtCell.filter({ hasText: 'microdistricts-3-9' }).waitFor();
    const district = await districtCell.textContent();

    // Assess
    expect(kindergartens).toBe(
      '\uFEFFkindergarten_id,name_kk,name_ru,name_en,ownership,languages,district,address,lat,lon,capacity_nursery,capacity_junior,capacity_middle,capacity_senior,capacity_preschool\r\n',
    );
    expect(applications).toBe('\uFEFFexternal_id,child_iin,child_name,applicant_iin,applicant_phone,applicant_name,registered_at,priority,kindergartens,language,valid_until\r\n');
    expect(listed).toEqual(['external_id', 'child_iin', 'child_name', 'applicant_iin', 'applicant_phone', 'applicant_name', 'registered_at', 'priority', 'kindergartens', 'language', 'valid_until']);
    expect(district).toContain('microdistricts-3-9 (3–9 шағын аудандар)');
    expect(await importPage.example('applications').getAttribute('download')).toBe('queue-example.csv');
    expect(await importPage.axe()).toEqual([]);
  });
});

describe('the accessibility check the browser tests use', () => {
  it('should report what a page breaks, so a clean page is a finding of its own (axe runs in its legacy mode, in the page)', async () => {
    // Prepare: a page of the site's origin with an image without a text, a field without a label and no language
    const { page } = await world.visitor();
    await page.goto(`${world.runtime.url}/robots.txt`);
    await page.setContent('<!doctype html><html><head><title>broken</title></head><body><main><h1>Broken</h1><img src="/favicon.ico"><input type="text"></main></body></html>');

    // Act
    const violations = await axeViolations(page);

    // Assess
    expect(violations.map((line) => line.slice(0, line.indexOf(':'))).sort()).toEqual(['html-has-lang', 'image-alt', 'label']);
  });
});
