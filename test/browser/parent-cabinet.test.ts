import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { startTestRuntime } from '../support/runtime.ts';
import { launchChromium } from '../support/browser.ts';

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

/** A phone-sized window: the cabinet must work at 360 px. */
function phone(locale: string): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 740 }, locale, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
}

describe('a parent in the browser', () => {
  it('should log in with the SMS code and see their applications on a phone', async () => {
    // Prepare
    const parent = runtime.seed!.data.demoParents[0]!;
    const own = runtime.seed!.data.applications.filter((a) => a.applicantIin === parent.iin);
    const context = await phone('ru-RU');
    const page = await context.newPage();

    // Act: home → login → code from the SMS outbox → cabinet
    await page.goto(`${runtime.url}/`);
    await page.locator('[data-qa="parent-login-link"]').click();
    await page.locator('[data-qa="iin-input"]').fill(parent.iin);
    await page.locator('[data-qa="send-code"]').click();
    await page.locator('[data-qa="code-input"]').waitFor();
    const code = /\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0];
    await page.locator('[data-qa="code-input"]').fill(code);
    await page.locator('[data-qa="verify-code"]').click();
    await page.locator('[data-qa="application"]').first().waitFor();

    // Assess: every application of theirs, by child name, and nothing wider than the phone
    const children = await page.locator('[data-qa="application-child"]').allTextContents();
    expect(children.sort()).toEqual(own.map((a) => a.childName).sort());
    expect(new URL(page.url()).pathname).toBe('/cabinet');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'kezek_session')?.httpOnly).toBe(true);
    expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain(code);

    // Assess: accessible (axe, WCAG 2.1 AA)
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    await context.close();
  });

  it('should show the cabinet in Kazakh after switching the language', async () => {
    // Prepare
    const parent = runtime.seed!.data.demoParents[0]!;
    const context = await phone('ru-RU');
    const page = await context.newPage();
    await page.goto(`${runtime.url}/login`);

    // Act
    await page.locator('[data-qa="lang-kk"]').click();
    await page.locator('[data-qa="iin-input"]').fill(parent.iin);
    await page.locator('[data-qa="send-code"]').click();
    await page.locator('[data-qa="code-input"]').waitFor();
    await page.locator('[data-qa="code-input"]').fill(/\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0]);
    await page.locator('[data-qa="verify-code"]').click();
    await page.locator('[data-qa="application"]').first().waitFor();

    // Assess: the page and the SMS are in Kazakh
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    expect(runtime.notifier.lastTo(parent.phone)!.text).toContain('кіру коды');
    const statuses = await page.locator('[data-qa="application-status"]').allTextContents();
    expect(statuses.some((s) => /Кезекте/i.test(s))).toBe(true);
    await context.close();
  });

  it('should send a visitor without a session from the cabinet to the login page', async () => {
    const context = await phone('en-GB');
    const page = await context.newPage();
    await page.goto(`${runtime.url}/cabinet`);
    await page.waitForURL(/\/login$/);
    expect(await page.locator('[data-qa="iin-input"]').isVisible()).toBe(true);
    await context.close();
  });
});
