import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { addDepartment, departmentFile } from '../support/departments.ts';
import { axeViolations, fillSetPassword, fillStaffLogin, launchChromium } from '../support/browser.ts';
import { loginStaff, startCampaignNow, startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(100), launchChromium()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await runtime?.stop();
});

async function englishPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Almaty' });
  contexts.push(context);
  return context.newPage();
}

/** The same build and server under another host name: Chromium resolves every `*.localhost` to loopback. */
const on = (host: string, path: string) => `http://${host}:${new URL(runtime.url).port}${path}`;

describe('one build, many departments', () => {
  it('should let a second department’s administrator set a password by the link, log in, and each host show its own department and banner', { timeout: 180_000 }, async () => {
    // Prepare: the operator onboards Balkhash on balkhash.localhost; the demo (Temirtau) answers on localhost.
    const added = await addDepartment(runtime, departmentFile('balkhash'));
    expect(added.code, added.stderr).toBe(0);
    const admin = await englishPage();

    // Act: the administrator follows the printed link, sets a password and logs in.
    await admin.goto(added.link!);
    await fillSetPassword(admin, runtime, 'Balkhash-admin-2026');
    const setPageViolations = await axeViolations(admin);
    await admin.locator('[data-qa="set-password-submit"]').click();
    const done = (await admin.locator('[data-qa="set-password-done"]').textContent())?.trim();
    const recoveryCodes = await admin.locator('[data-qa="recovery-codes"] li').allTextContents();
    const recoveryViolations = await axeViolations(admin);
    const loginLinkBefore = await admin.locator('[data-qa="set-password-login-link"]').count();
    const addressAfter = admin.url();
    await admin.locator('[data-qa="recovery-saved"]').check();
    await admin.locator('[data-qa="set-password-login-link"]').click();
    await fillStaffLogin(admin, runtime, 'admin@balkhash.example.kz', 'Balkhash-admin-2026');
    const loginViolations = await axeViolations(admin);
    await admin.locator('[data-qa="staff-submit"]').click();
    await admin.waitForURL(/\/staff$/);

    // Assess
    expect(setPageViolations).toEqual([]);
    expect(done).toBe('Password saved. Log in as admin@balkhash.example.kz.');
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code.trim()).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(recoveryViolations).toEqual([]);
    expect(loginLinkBefore, 'the way to the login opens once the codes are saved').toBe(0);
    expect(loginViolations).toEqual([]);
    expect(addressAfter, 'the token leaves the address bar').toBe(on('balkhash.localhost', '/staff/set-password'));

    // Prepare: both departments run a campaign.
    await startCampaignNow(runtime, await loginStaff(runtime));
    await startCampaignNow(runtime, await loginStaff(runtime, { login: 'admin@balkhash.example.kz', password: 'Balkhash-admin-2026' }));
    const temirtau = await englishPage();
    const balkhash = await englishPage();

    // Act: the same build opened under the two host names.
    await temirtau.goto(on('localhost', '/'));
    await balkhash.goto(on('balkhash.localhost', '/'));
    await Promise.all([temirtau, balkhash].map((page) => page.locator('[data-qa="campaign-banner-text"]').waitFor()));

    // Assess
    expect(await temirtau.locator('[data-qa="site-name"]').textContent()).toBe('Temirtau City Education Department');
    expect(await balkhash.locator('[data-qa="site-name"]').textContent()).toBe('Balkhash City Education Department');
    // The banner's title names the department whose campaign it is.
    expect(await temirtau.locator('[data-qa="campaign-banner-title"]').textContent()).toContain('Temirtau City Education Department');
    expect(await balkhash.locator('[data-qa="campaign-banner-title"]').textContent()).toContain('Balkhash City Education Department');
    expect(await balkhash.locator('[data-qa="site-contacts"]').textContent()).toContain('+77103612345');
    expect(await balkhash.locator('[data-qa="site-contacts"]').textContent()).toContain('1 Lenin St, Balkhash');
    expect(await axeViolations(balkhash)).toEqual([]);
  });

  it('should show the staff login of a host without a department with no department’s name', { timeout: 60_000 }, async () => {
    // Prepare
    const page = await englishPage();

    // Act
    await page.goto(on('nobody.localhost', '/staff/login'));
    await page.locator('[data-qa="staff-login-form"]').waitFor();
    await page.waitForLoadState('networkidle');

    // Assess
    expect(await page.locator('[data-qa="site-name"]').textContent()).toBe('');
    expect(await page.locator('[data-qa="site-contacts"]').count()).toBe(0);
  });

  it('should say the link is refused when it is opened again after use', { timeout: 60_000 }, async () => {
    // Prepare
    const added = await addDepartment(runtime, departmentFile('saran'));
    const first = await englishPage();
    await first.goto(added.link!);
    await fillSetPassword(first, runtime, 'Saran-admin-password');
    await first.locator('[data-qa="set-password-submit"]').click();
    await first.locator('[data-qa="set-password-done"]').waitFor();
    const second = await englishPage();

    // Act
    await second.goto(added.link!);

    // Assess: the page asks for the link's key first, and says the link is used up instead of a form
    await expect.poll(() => second.locator('[data-qa="set-password-refused"]').textContent().catch(() => null)).toBe(
      'The link is not valid or was used already. Ask your administrator for a new link.',
    );
    expect(await second.locator('[data-qa="set-password-form"]').count()).toBe(0);
  });
});
