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
  await page.locator('[data-qa="survey-start"]').click();
  await page.locator('[data-qa="survey-step"][data-step="1"]').waitFor();
  const remove = page.locator('[data-qa="kindergarten-remove"]');
  while ((await remove.count()) > 0) await remove.first().click();
}

const activeQa = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-qa') ?? document.activeElement?.id ?? '');

const introTexts = {
  kk: { start: 'Сауалнаманы толтыру', young: /31 желтоқсанға дейін толық 2 жасқа/, calm: /келісіміңізсіз ештеңе болмайды/, stopList: /стоп-парақ/ },
  ru: { start: 'Заполнить анкету', young: /к 31 декабря \d{4} года ещё не исполнится 2 полных года/, calm: /Без вашего ведома ничего не произойдёт/, stopList: /стоп-лист/ },
} as const;

describe('the survey on a phone', () => {
  for (const language of ['kk', 'ru'] as const) {
    it(`should introduce the survey before question 1: why, by when, what without an answer, who need not confirm (${language})`, { timeout: 120_000 }, async () => {
      // Prepare
      const context = await phone(language);
      const page = await context.newPage();

      // Act
      await openSurvey(page, language);
      const intro = page.locator('[data-qa="survey-intro"]');
      await intro.waitFor();

      // Assess: the introduction, not question 1, with its one heading and a start button
      expect(await page.locator('[data-qa="survey-step"]').count()).toBe(0);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await intro.locator('[data-qa="survey-intro-deadline"]').textContent()).toMatch(/\d{2}:\d{2}/);
      expect(await intro.textContent()).toMatch(introTexts[language].stopList);
      expect(await intro.locator('[data-qa="survey-intro-calm"]').textContent()).toMatch(introTexts[language].calm);
      expect(await intro.locator('[data-qa="survey-intro-young"]').textContent()).toMatch(introTexts[language].young);
      expect(await page.locator('[data-qa="survey-start"]').textContent()).toBe(introTexts[language].start);
      expect(await axeViolations(page)).toEqual([]);

      // Act: start
      await page.locator('[data-qa="survey-start"]').click();

      // Assess: question 1
      await page.locator('[data-qa="survey-step"][data-step="1"]').waitFor();
      await context.close();
    });

    it(`should open question 1 with the application's kindergartens chosen, search first and "Next" in reach of the thumb (${language})`, { timeout: 120_000 }, async () => {
      // Prepare: the kindergartens of the parent's applications waiting for a confirmation
      const own = ((await (await loginParent(runtime, parent)).request('GET', '/api/cabinet/applications')).body.applications as { confirmationNeeded: boolean; kindergartens: { kindergartenId: string }[] }[])
        .filter((a) => a.confirmationNeeded)
        .flatMap((a) => a.kindergartens.map((k) => k.kindergartenId));
      const context = await phone(language);
      const page = await context.newPage();
      await openSurvey(page, language);

      // Act
      await page.locator('[data-qa="survey-start"]').click();
      await page.locator('[data-qa="survey-step"][data-step="1"]').waitFor();

      // Assess: preselected, search is the first control, the step is short, "Next" is on screen
      const chosen = await page.locator('[data-qa="kindergarten-chosen"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-kindergarten-id')));
      expect(chosen).toEqual([...new Set(own)].slice(0, 3));
      expect(chosen.length).toBeGreaterThan(0);
      const firstControl = await page.locator('[data-qa="kindergarten-picker"]').evaluate((picker) => picker.querySelector('input, select, button')?.getAttribute('data-qa'));
      expect(firstControl).toBe('kindergarten-search');
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3000);
      expect(await page.locator('[data-qa="survey-next"]').isVisible()).toBe(true);
      const next = (await page.locator('[data-qa="survey-next"]').boundingBox())!;
      expect(next.y + next.height).toBeLessThanOrEqual(740);
      expect(await axeViolations(page)).toEqual([]);

      // Act: Tab from the search to "Next"
      await page.locator('[data-qa="kindergarten-search"]').focus();
      let tabs = 0;
      while ((await activeQa(page)) !== 'survey-next' && tabs < 60) {
        await page.keyboard.press('Tab');
        tabs += 1;
      }

      // Assess: a short way, and "Next" still on screen
      expect(tabs).toBeLessThanOrEqual(15);
      const reached = (await page.locator('[data-qa="survey-next"]').boundingBox())!;
      expect(reached.y + reached.height).toBeLessThanOrEqual(740);
      await context.close();
    });

    it(`should clear the error of question 1 as soon as a kindergarten is chosen and find one by name (${language})`, { timeout: 120_000 }, async () => {
      // Prepare: question 1 refused empty
      const context = await phone(language);
      const page = await context.newPage();
      await openSurvey(page, language);
      await firstStepEmpty(page);
      await page.locator('[data-qa="survey-next"]').click();
      await page.locator('[data-qa="error-summary"]').waitFor();
      const wanted = runtime.seed!.data.kindergartens.at(-1)!;
      const wantedName = wanted.name[language];

      // Act: search a word of a name far down the list, tick it
      await page.locator('[data-qa="kindergarten-search"]').fill(wantedName);
      const option = page.locator(`[data-qa="kindergarten-option"][data-kindergarten-id="${wanted.kindergartenId}"]`);
      await option.locator('label').tap();

      // Assess: chosen, and neither the summary nor the question's error is left
      expect(await page.locator('[data-qa="kindergartens-chosen"]').getAttribute('data-count')).toBe('1');
      expect(await page.locator('[data-qa="error-summary"]').count()).toBe(0);
      expect(await page.locator('[data-qa="question-error"]').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });

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
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);

      // Act: a tap on an option far down the list
      await option.locator('label').tap();

      // Assess: ticked, still on the screen of a 740 px phone (the page did not jump to the top; it
      // only closes up where the cleared error was) and the option kept focus
      expect(await option.locator('input').isChecked()).toBe(true);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(150);
      const after = (await option.boundingBox())!;
      expect(after.y).toBeGreaterThanOrEqual(0);
      expect(after.y + after.height).toBeLessThanOrEqual(740);
      expect(await activeQa(page)).toBe('kindergarten-checkbox');
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
