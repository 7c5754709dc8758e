import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, launchChromium, staffLogsIn } from '../support/browser.ts';
import { startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const row = (page: Page, id: string) => page.locator(`[data-qa="kindergarten-row"][data-kindergarten-id="${id}"]`);
const qa = (page: Page, name: string) => page.locator(`[data-qa="${name}"]`);

/** How far the page is wider than the screen (0 or less: no sideways scrolling). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('kindergartens in the staff console', () => {
  it('should add a kindergarten in Russian, after an error summary for a bad coordinate', async () => {
    // Prepare
    const context = await browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    await staffLogsIn(page, runtime);
    await qa(page, 'add-kindergarten').click();
    await qa(page, 'kindergarten-form').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Act: everything filled in, but the latitude is far south of Kazakhstan
    await qa(page, 'kindergarten-kindergartenId').fill('kg-browser');
    await qa(page, 'kindergarten-name-kk').fill('«Ақбота» балабақшасы');
    await qa(page, 'kindergarten-name-ru').fill('Детский сад «Акбота»');
    await qa(page, 'kindergarten-ownership').selectOption('private');
    await qa(page, 'kindergarten-language-ru').check();
    await qa(page, 'kindergarten-district').selectOption(runtime.seed!.data.tenant.districts[0]!.id);
    await qa(page, 'kindergarten-address').fill('ул. Мира, 5');
    await qa(page, 'kindergarten-lat').fill('15,06');
    await qa(page, 'kindergarten-lon').fill('72.9613');
    for (const [group, places] of [['nursery', '10'], ['junior', '20'], ['middle', '20'], ['senior', '20'], ['preschool', '15']] as const) {
      await qa(page, `kindergarten-capacity-${group}`).fill(places);
    }
    await qa(page, 'kindergarten-submit').click();

    // Assess: a summary linked to the field, the inline error, still on the form, nothing added
    await qa(page, 'error-summary').waitFor();
    expect(await page.locator('[data-qa="error-summary"] a[href="#lat"]').textContent()).toBe('Координата вне Казахстана.');
    expect(await qa(page, 'kindergarten-lat-error').textContent()).toContain('Координата вне Казахстана.');
    expect(await qa(page, 'kindergarten-lat').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('error-summary');
    expect(new URL(page.url()).pathname).toBe('/staff/kindergartens/new');
    expect(await axeViolations(page)).toEqual([]);

    // Act: the summary's link leads to the field; the right latitude is sent
    await page.locator('[data-qa="error-summary"] a[href="#lat"]').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lat');
    await qa(page, 'kindergarten-lat').fill('50.0611');
    await qa(page, 'kindergarten-submit').click();

    // Assess: back on the list, with the new kindergarten and its free places
    await page.waitForURL(/\/staff$/);
    await row(page, 'kg-browser').waitFor();
    expect(await row(page, 'kg-browser').locator('th').textContent()).toBe('Детский сад «Акбота»');
    expect(await row(page, 'kg-browser').locator('[data-qa="kindergarten-free"]').textContent()).toBe('85');
    await context.close();
  });

  it('should edit its capacity in Kazakh on a phone, with the keyboard', async () => {
    // Prepare
    const context = await browser.newContext({ locale: 'kk-KZ', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await staffLogsIn(page, runtime);
    await row(page, 'kg-browser').locator('[data-qa="kindergarten-edit"]').click();
    await qa(page, 'kindergarten-form').waitFor();
    expect(await page.locator('h1').textContent()).toContain('«Ақбота» балабақшасы');
    expect(await qa(page, 'kindergarten-capacity-junior').inputValue()).toBe('20');
    expect(await page.locator('#capacity-junior-hint').textContent()).toBe('Қазір бос емес: 0');
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // Act: into the field, a new number, Enter sends the form
    await qa(page, 'kindergarten-capacity-junior').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('35');
    await page.keyboard.press('Enter');

    // Assess: 15 more places in the list, and the stored revision moved
    await page.waitForURL(/\/staff$/);
    await expect.poll(() => row(page, 'kg-browser').locator('[data-qa="kindergarten-free"]').textContent()).toBe('100');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const stored = await page.evaluate(() => fetch('/api/staff/kindergartens/kg-browser').then((r) => r.json()));
    expect(stored.kindergarten).toMatchObject({ capacity: { junior: 35 }, languages: ['ru'], ownership: 'private', version: 2 });
    await context.close();
  });
});
