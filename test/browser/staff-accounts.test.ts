import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, fillSetPassword, fillStaffLogin, launchChromium, staffLogsIn } from '../support/browser.ts';
import { startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(50), launchChromium()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await runtime?.stop();
});

async function pageIn(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, timezoneId: 'Asia/Almaty' });
  contexts.push(context);
  return context.newPage();
}

describe('the staff page', () => {
  it('should let the administrator add an analyst with field errors first, hand over the link, and disable them; the analyst sees only their sections', { timeout: 180_000 }, async () => {
    // Prepare: the demo department's administrator on the staff page, in Russian
    const admin = await pageIn('ru-RU');
    await staffLogsIn(admin, runtime);
    await admin.locator('[data-qa="nav-staff"]').click();
    await admin.locator('[data-qa="staff-accounts"]').waitFor();
    const violations = await axeViolations(admin);

    // Act: an empty form, then a valid one
    await admin.locator('[data-qa="add-staff-submit"]').click();
    const loginError = (await admin.locator('[data-qa="new-staff-login-error"]').textContent())?.trim();
    const nameError = (await admin.locator('[data-qa="new-staff-name-error"]').textContent())?.trim();
    await admin.locator('[data-qa="new-staff-login"]').fill('analyst.page@temirtau.example.kz');
    await admin.locator('[data-qa="new-staff-name"]').fill('Айгуль Аналитик');
    await admin.locator('[data-qa="new-staff-role"]').selectOption('analyst');
    await admin.locator('[data-qa="add-staff-submit"]').click();
    const url = (await admin.locator('[data-qa="staff-link-url"]').textContent())?.trim() ?? '';
    const row = admin.locator('[data-qa="staff-row"][data-login="analyst.page@temirtau.example.kz"]');
    const stateBefore = (await row.locator('[data-qa="staff-row-state"]').textContent())?.trim();
    const violationsWithLink = await axeViolations(admin);

    // Act: the analyst sets a password with the link and logs in, in English
    const analyst = await pageIn('en-GB');
    await analyst.goto(url);
    await fillSetPassword(analyst, runtime, 'analyst page password');
    await analyst.locator('[data-qa="set-password-submit"]').click();
    await analyst.locator('[data-qa="set-password-done"]').waitFor();
    await analyst.goto(`${runtime.url}/staff/login`);
    await fillStaffLogin(analyst, runtime, 'analyst.page@temirtau.example.kz', 'analyst page password');
    await analyst.locator('[data-qa="staff-submit"]').click();
    await analyst.locator('[data-qa="kindergarten-row"]').first().waitFor();
    const recoveryLeft = (await analyst.locator('[data-qa="recovery-codes-left"]').textContent())?.trim();
    const sections = await analyst.locator('[data-qa="staff-nav"] a').evaluateAll((links) => links.map((link) => link.getAttribute('data-qa')));
    const editLinks = await analyst.locator('[data-qa="kindergarten-edit"]').count();

    // Act: the administrator disables the analyst
    await row.locator('[data-qa="staff-row-toggle"]').click();
    await admin.locator('[data-qa="staff-row"][data-login="analyst.page@temirtau.example.kz"] [data-qa="staff-row-state"]', { hasText: 'Отключён' }).waitFor();
    await analyst.locator('[data-qa="nav-campaigns"]').click();
    await analyst.waitForURL(/\/staff\/login$/);

    // Assess
    expect(violations).toEqual([]);
    expect(loginError).toBe('Ошибка: Введите логин — адрес электронной почты, например name@example.kz');
    expect(nameError).toBe('Ошибка: Введите имя и фамилию сотрудника');
    expect(url).toMatch(new RegExp(`^${runtime.url}/staff/set-password#token=[\\w-]{43}$`));
    expect(stateBefore).toBe('Активен, пароль ещё не задан');
    expect(violationsWithLink).toEqual([]);
    expect(recoveryLeft).toBe('You have 10 recovery codes left.');
    expect(sections).toEqual(['nav-kindergartens', 'nav-campaigns']);
    expect(editLinks).toBe(0);
  });
});
