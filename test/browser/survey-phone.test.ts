import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { loginParent, loginStaff, startCampaignNow, startTestRuntime } from '../support/runtime.ts';

/*
 * The survey as a tired parent meets it on a cheap 360 px phone: the introduction, a kindergarten
 * step that fits a thumb, and errors that do not yank the page to the top.
 */

let runtime: LocalRuntime;
let browser: Browser;
/** A parent with an application waiting for a confirmation; no test here sends the survey. */
let parent: { iin: string; phone: string };

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
  await startCampaignNow(runtime, await loginStaff(runtime));
  const { demoParents, parents } = runtime.seed!.data;
  for (const candidate of [...demoParents, ...parents]) {
    const cabinet = await (await loginParent(runtime, candidate)).request('GET', '/api/cabinet/applications');
    if (cabinet.body.applications.some((a: { confirmationNeeded: boolean }) => a.confirmationNeeded)) {
      parent = candidate;
      break;
    }
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

function phone(language: 'kk' | 'ru'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 740 }, locale: language === 'kk' ? 'kk-KZ' : 'ru-RU', isMobile: true, hasTouch: true });
}

/** Logs the parent in, in `language`, and waits for the survey page. */
async function openSurvey(page: Page, language: 'kk' | 'ru'): Promise<void> {
  await page.goto(`${runtime.url}/login`);
  await page.locator(`[data-qa="lang-${language}"]`).click();
  await page.locator('[data-qa="iin-input"]').fill(parent.iin);
  await page.locator('[data-qa="send-code"]').click();
  await page.locator('[data-qa="code-input"]').waitFor();
  await page.locator('[data-qa="code-input"]').fill(/\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0]);
  await page.locator('[data-qa="verify-code"]').click();
  await page.waitForURL(/\/survey$/);
}

/** From the introduction to question 1 with nothing chosen there. */
async function firstStepEmpty(page: Page): Promise<void> {
  await page.locator('[data-qa="survey-start"], [data-qa="survey-step"]').first().waitFor();
  if ((await page.locator('[data-qa="survey-start"]').count()) > 0) await page.locator('[data-qa="survey-start"]').click();
  await page.locator('[data-qa="survey-step"][data-step="1"]').waitFor();
  const remove = page.locator('[data-qa="kindergarten-remove"]');
  while ((await remove.count()) > 0) await remove.first().click();
}

const activeQa = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-qa') ?? document.activeElement?.id ?? '');

describe('the survey on a phone', () => {
  for (const language of ['kk', 'ru'] as const) {
    it(`should keep the scroll position and focus when a parent taps an option after an error (${language})`, { timeout: 120_000 }, async () => {
      // Prepare: question 1 refused empty, so the summary is shown and focused
      const context = await phone(language);
      const page = await context.newPage();
      await openSurvey(page, language);
      await firstStepEmpty(page);
      await page.locator('[data-qa="survey-next"]').click();
      await page.locator('[data-qa="error-summary"]').waitFor();
      await expect.poll(() => activeQa(page)).toBe('error-summary');
      const option = page.locator('[data-qa="kindergarten-option"]').last();
      await option.scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(2000);
      const before = (await option.boundingBox())!.y;

      // Act: a tap on an option far down the list
      await option.locator('label').tap();

      // Assess: ticked, the option stayed under the thumb (the page did not jump) and kept focus
      expect(await option.locator('input').isChecked()).toBe(true);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(2000);
      expect((await option.boundingBox())!.y).toBe(before);
      expect(await activeQa(page)).not.toBe('error-summary');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });

    it(`should leave focus on a radio group when a parent moves through it with arrow keys after an error (${language})`, { timeout: 120_000 }, async () => {
      // Prepare: question 2 refused empty
      const context = await phone(language);
      const page = await context.newPage();
      await openSurvey(page, language);
      await firstStepEmpty(page);
      await page.locator('[data-qa="kindergarten-checkbox"]').first().check();
      await page.locator('[data-qa="survey-next"]').click();
      await page.locator('[data-qa="survey-step"][data-step="2"]').waitFor();
      await page.locator('[data-qa="survey-next"]').click();
      await page.locator('[data-qa="error-summary"]').waitFor();
      await expect.poll(() => activeQa(page)).toBe('error-summary');

      // Act: focus the first radio, choose it, then the next one by arrow key
      await page.locator('#ownership-any').focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');

      // Assess: the second option is chosen and holds focus
      expect(await page.locator('#ownership-state').isChecked()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('ownership-state');
      await context.close();
    });
  }
});
