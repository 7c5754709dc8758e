import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginParent, startTestRuntime } from '../support/runtime.ts';
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

describe('the notifications in the parent cabinet', () => {
  it('should show a restore notice unread with its channel and mark it read on a phone', async () => {
    // Prepare: a parent whose application was stopped by the campaign's cleanup restores it via the API
    const parent = runtime.seed!.data.demoParents[2]!;
    const stopped = runtime.seed!.data.applications.find((a) => a.applicantIin === parent.iin && a.status === 'stopped' && a.stopReason === 'cleanup')!;
    expect(stopped).toBeDefined();
    const api = await loginParent(runtime, parent);
    const restored = await api.request('POST', `/api/cabinet/applications/${encodeURIComponent(stopped.applicationId)}/restore`);
    expect(restored.status).toBe(200);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB', deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();

    // Act: log in in the browser (no campaign runs, so the parent lands on the cabinet)
    await page.goto(`${runtime.url}/login`);
    await page.locator('[data-qa="lang-en"]').click();
    await page.locator('[data-qa="iin-input"]').fill(parent.iin);
    await page.locator('[data-qa="send-code"]').click();
    await page.locator('[data-qa="code-input"]').waitFor();
    await page.locator('[data-qa="code-input"]').fill(/\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0]);
    await page.locator('[data-qa="verify-code"]').click();
    await page.locator('[data-qa="notifications-unread"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/cabinet');

    // Assess: the restore notice is there, unread, names the child and says where it went
    const notice = page.locator('[data-qa="notification"][data-kind="restore_cleanup"]').first();
    expect(await notice.getAttribute('data-read')).toBe('false');
    expect(await notice.locator('[data-qa="notification-text"]').textContent()).toContain(stopped.childName);
    expect(await notice.locator('[data-qa="notification-channels"]').textContent()).toContain('in the cabinet');
    const before = Number(await page.locator('[data-qa="notifications-unread"]').getAttribute('data-unread'));
    expect(before).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-qa="notifications-unread"]').textContent()).toContain(`${before} unread`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const axeBefore = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axeBefore.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);

    // Act: mark it read
    const button = notice.locator('[data-qa="mark-read"]');
    expect(await button.evaluate((element) => element.textContent)).toContain(stopped.childName);
    await button.click();
    await page.locator(`[data-qa="notifications-unread"][data-unread="${before - 1}"]`).waitFor();

    // Assess: read now, the count went down, the news is announced, and the server agrees
    expect(await notice.getAttribute('data-read')).toBe('true');
    expect(await notice.locator('[data-qa="mark-read"]').count()).toBe(0);
    expect(await page.locator('[data-qa="notifications"] [data-qa="live-status"]').textContent()).toContain(`Unread: ${before - 1}`);
    const listed = await api.request('GET', '/api/cabinet/notifications');
    expect(listed.body.unread).toBe(before - 1);
    const axeAfter = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axeAfter.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    await context.close();
  });
});
