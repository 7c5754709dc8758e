import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '#domain/application';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, launchChromium, staffLogsIn } from '../support/browser.ts';
import { startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(60), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const qa = (page: Page, name: string) => page.locator(`[data-qa="${name}"]`);
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const applications = (): readonly Application[] => runtime.seed!.data.applications;

/** Types the text in the search box and sends it with Enter, as a keyboard user would. */
async function searchFor(page: Page, text: string): Promise<string[]> {
  await qa(page, 'search-q').fill(text);
  await qa(page, 'search-q').press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === text);
  await qa(page, 'search-results-title').waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-qa') === 'search-results-title');
  return page.locator('[data-qa="search-results"] [data-qa="queue-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-application-id') ?? ''));
}

describe('the help desk search page', () => {
  it("should find an application by the child's IIN, name and number, and open it with the applicant's name and phone, in Russian at 768 px", { timeout: 90_000 }, async () => {
    // Prepare
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 768, height: 1000 } });
    const page = await context.newPage();
    await staffLogsIn(page, runtime);
    await qa(page, 'nav-search').click();
    await qa(page, 'search-form').waitFor();
    const wanted = applications()[4]!;
    const parent = runtime.seed!.data.parents.find((p) => p.iin === wanted.applicantIin)!;

    // Act
    const byIin = await searchFor(page, wanted.childIin);
    const byName = await searchFor(page, wanted.childName.toLowerCase());
    const byNumber = await searchFor(page, wanted.applicationId);

    // Assess
    expect(await page.locator('h1').textContent()).toBe('Поиск заявления');
    expect(byIin).toContain(wanted.applicationId);
    expect(byName).toContain(wanted.applicationId);
    expect(byNumber).toEqual([wanted.applicationId]);
    expect(await qa(page, 'search-results').locator('caption').textContent()).toBe('Найдено 1 заявление');
    expect(await page.locator('body').textContent()).not.toContain(wanted.childIin);
    expect(await overflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Act: open the hit
    await qa(page, 'queue-row-link').first().click();
    await qa(page, 'staff-application').waitFor();

    // Assess
    expect(await qa(page, 'application-applicant-name').textContent()).toBe(parent.displayName);
    expect(await qa(page, 'application-applicant-phone').textContent()).toBe(parent.phone);
    expect(await overflow(page)).toBe(0);

    // Act: back to the search, which the URL kept
    await page.goBack();
    await qa(page, 'search-results').waitFor();

    // Assess
    expect(await qa(page, 'search-q').inputValue()).toBe(wanted.applicationId);
    await context.close();
  });

  it('should say what to type when the text is too short, next to the field, in Kazakh', async () => {
    // Prepare
    const context = await browser.newContext({ locale: 'kk-KZ' });
    const page = await context.newPage();
    await staffLogsIn(page, runtime);
    await page.goto(`${runtime.url}/staff/search`);
    await qa(page, 'search-form').waitFor();

    // Act
    await qa(page, 'search-q').fill('а');
    await qa(page, 'search-submit').click();
    await qa(page, 'search-q-error').waitFor();

    // Assess
    expect(await qa(page, 'search-q-error').textContent()).toBe('Қате: Баланың ЖСН-ін, аты-жөнін (кемінде 2 әріп) немесе өтініш нөмірін жазыңыз, 100 таңбаға дейін.');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
