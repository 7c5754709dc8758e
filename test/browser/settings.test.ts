import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, launchChromium, staffLogsIn } from '../support/browser.ts';
import { startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(40), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const qa = (page: Page, name: string) => page.locator(`[data-qa="${name}"]`);
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the settings page', () => {
  it('should refuse bad values with errors next to their fields, then save, in Russian at 768 px', { timeout: 60_000 }, async () => {
    // Prepare: the administrator opens the settings from the console's navigation
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 768, height: 1000 } });
    const page = await context.newPage();
    await staffLogsIn(page, runtime);
    await qa(page, 'nav-settings').click();
    await qa(page, 'settings-form').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Настройки отдела образования');
    expect(await qa(page, 'settings-version').textContent()).toBe('Настройки ещё не меняли: действуют значения по умолчанию.');
    expect(await overflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Act: bad values
    await qa(page, 'settings-campaignLengthMonths').fill('0');
    await qa(page, 'settings-reminders').fill('7, 7');
    await qa(page, 'settings-email').fill('not an email');
    await qa(page, 'settings-address-ru').fill('');
    await qa(page, 'settings-submit').click();
    await qa(page, 'error-summary').waitFor();

    // Assess: each error next to its field, the summary focused, the page still passes axe
    expect(await qa(page, 'settings-campaignLengthMonths-error').textContent()).toBe('Ошибка: Длительность кампании — целое число месяцев от 1 до 12.');
    expect(await qa(page, 'settings-reminders-error').textContent()).toBe('Ошибка: Не больше 5 напоминаний, каждый день один раз.');
    expect(await qa(page, 'settings-email-error').textContent()).toBe('Ошибка: Укажите электронную почту в виде name@example.kz (до 100 символов).');
    expect(await qa(page, 'settings-address-ru-error').textContent()).toBe(
      'Ошибка: Заполните на всех трёх языках, от 1 до 200 символов, или оставьте пустыми все три.',
    );
    expect(await qa(page, 'settings-campaignLengthMonths').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('error-summary');
    expect(await overflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Act: good values, the keyboard only for the checkbox
    await qa(page, 'settings-campaignLengthMonths').fill('2');
    await qa(page, 'settings-reminders').fill('10, 3');
    await qa(page, 'settings-email').fill('help@temirtau.kezek.kz');
    await qa(page, 'settings-address-ru').fill('Темиртау, проспект Республики, 1');
    await qa(page, 'settings-referralValidityWorkingDays').fill('7');
    await qa(page, 'settings-priority-military').focus();
    await page.keyboard.press('Space');
    await qa(page, 'settings-submit').click();
    await page.getByText('Настройки сохранены: версия 1.').waitFor();

    // Assess: saved as version 1, the form shows what was stored, the site's contacts changed
    expect(await qa(page, 'error-summary').count()).toBe(0);
    expect(await qa(page, 'settings-version').textContent()).toMatch(/^Версия 1, сохранена .+, staff@temirtau\.kezek\.kz\.$/);
    expect(await qa(page, 'settings-reminders').inputValue()).toBe('10, 3');
    expect(await qa(page, 'settings-priority-military').isChecked()).toBe(false);
    const site = await page.evaluate(async () => (await fetch('/api/public/site?host=localhost')).json());
    expect(site.site.contacts.email).toBe('help@temirtau.kezek.kz');
    await page.reload();
    await qa(page, 'settings-form').waitFor();
    expect(await qa(page, 'settings-campaignLengthMonths').inputValue()).toBe('2');
    expect(await qa(page, 'settings-referralValidityWorkingDays').inputValue()).toBe('7');
    await context.close();
  });

  it('should read in Kazakh and English and pass axe', async () => {
    for (const [locale, title] of [
      ['kk-KZ', 'Білім бөлімінің баптаулары'],
      ['en-GB', 'Department settings'],
    ] as const) {
      // Prepare
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await staffLogsIn(page, runtime);

      // Act
      await page.goto(`${runtime.url}/staff/settings`);
      await qa(page, 'settings-form').waitFor();

      // Assess
      expect(await page.locator('h1').textContent()).toBe(title);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
