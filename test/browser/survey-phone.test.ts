import { describe, expect, it } from 'vitest';
import { browserWorld } from '../support/browser-fixture.ts';
import { SurveyPage } from '../support/pages/survey.ts';
import { loginParent, loginStaff, startCampaignNow } from '../support/runtime.ts';

/*
 * The survey as a tired parent meets it on a cheap 360 px phone: the introduction, a kindergarten
 * step that fits a thumb, and errors that do not yank the page to the top.
 */

/** A parent with an application waiting for a confirmation; no test here sends the survey. */
let parent: { iin: string; phone: string };

const world = browserWorld({
  prepare: async (runtime) => {
    await startCampaignNow(runtime, await loginStaff(runtime));
    const { demoParents, parents } = runtime.seed!.data;
    for (const candidate of [...demoParents, ...parents]) {
      const cabinet = await (await loginParent(runtime, candidate)).request('GET', '/api/cabinet/applications');
      if (cabinet.body.applications.some((a: { confirmationNeeded: boolean }) => a.confirmationNeeded)) {
        parent = candidate;
        break;
      }
    }
  },
});

/** The parent logs in on a phone in `language` and lands on the survey. */
async function openSurvey(language: 'kk' | 'ru'): Promise<SurveyPage> {
  const survey = new SurveyPage(await world.visitor({ language, device: 'phone' }));
  await survey.logIn(parent, language);
  return survey;
}

const introTexts = {
  kk: { start: 'Сауалнаманы толтыру', young: /31 желтоқсанға дейін толық 2 жасқа/, calm: /келісіміңізсіз ештеңе болмайды/, stopList: /стоп-парақ/ },
  ru: { start: 'Заполнить анкету', young: /к 31 декабря \d{4} года ещё не исполнится 2 полных года/, calm: /Без вашего ведома ничего не произойдёт/, stopList: /стоп-лист/ },
} as const;

describe('the survey on a phone', () => {
  for (const language of ['kk', 'ru'] as const) {
    it(`should introduce the survey before question 1: why, by when, what without an answer, who need not confirm (${language})`, { timeout: 120_000 }, async () => {
      // Prepare

      // Act
      const survey = await openSurvey(language);
      const intro = survey.intro;
      await intro.waitFor();

      // Assess: the introduction, not question 1, with its one heading and a start button
      expect(await survey.step().count()).toBe(0);
      expect(await survey.heading.count()).toBe(1);
      expect(await intro.locator('[data-qa="survey-intro-deadline"]').textContent()).toMatch(/\d{2}:\d{2}/);
      expect(await intro.textContent()).toMatch(introTexts[language].stopList);
      expect(await intro.locator('[data-qa="survey-intro-calm"]').textContent()).toMatch(introTexts[language].calm);
      expect(await intro.locator('[data-qa="survey-intro-young"]').textContent()).toMatch(introTexts[language].young);
      expect(await survey.startButton.textContent()).toBe(introTexts[language].start);
      expect(await survey.axe()).toEqual([]);

      // Act: start
      await survey.startButton.click();

      // Assess: question 1
      await survey.step(1).waitFor();
    });

    it(`should open question 1 with the application's kindergartens chosen, search first and "Next" in reach of the thumb (${language})`, { timeout: 120_000 }, async () => {
      // Prepare: the kindergartens of the parent's applications waiting for a confirmation
      const own = ((await (await loginParent(world.runtime, parent)).request('GET', '/api/cabinet/applications')).body.applications as { confirmationNeeded: boolean; kindergartens: { kindergartenId: string }[] }[])
        .filter((a) => a.confirmationNeeded)
        .flatMap((a) => a.kindergartens.map((k) => k.kindergartenId));
      const survey = await openSurvey(language);
      const page = survey.page;

      // Act
      await survey.start();

      // Assess: preselected, search is the first control, the step is short, "Next" is on screen
      const chosen = await survey.chosen.evaluateAll((items) => items.map((item) => item.getAttribute('data-kindergarten-id')));
      expect(chosen).toEqual([...new Set(own)].slice(0, 3));
      expect(chosen.length).toBeGreaterThan(0);
      const firstControl = await survey.picker.evaluate((picker) => picker.querySelector('input, select, button')?.getAttribute('data-qa'));
      expect(firstControl).toBe('kindergarten-search');
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3000);
      expect(await survey.nextButton.isVisible()).toBe(true);
      const next = (await survey.nextButton.boundingBox())!;
      expect(next.y + next.height).toBeLessThanOrEqual(740);
      expect(await survey.axe()).toEqual([]);

      // Act: Tab from the search to "Next"
      await survey.search.focus();
      let tabs = 0;
      while ((await survey.focused()) !== 'survey-next' && tabs < 60) {
        await page.keyboard.press('Tab');
        tabs += 1;
      }

      // Assess: a short way, and "Next" still on screen
      expect(tabs).toBeLessThanOrEqual(15);
      const reached = (await survey.nextButton.boundingBox())!;
      expect(reached.y + reached.height).toBeLessThanOrEqual(740);
    });

    it(`should clear the error of question 1 as soon as a kindergarten is chosen and find one by name (${language})`, { timeout: 120_000 }, async () => {
      // Prepare: question 1 refused empty
      const survey = await openSurvey(language);
      await survey.firstStepEmpty();
      await survey.next();
      await survey.errorSummary.waitFor();
      const wanted = world.runtime.seed!.data.kindergartens.at(-1)!;
      const wantedName = wanted.name[language];

      // Act: search a word of a name far down the list, tick it
      await survey.search.fill(wantedName);
      const option = survey.option(wanted.kindergartenId);
      await option.locator('label').tap();

      // Assess: chosen, and neither the summary nor the question's error is left
      expect(await survey.chosenList.getAttribute('data-count')).toBe('1');
      expect(await survey.errorSummary.count()).toBe(0);
      expect(await survey.questionError.count()).toBe(0);
      expect(await survey.axe()).toEqual([]);
    });

    it(`should keep the scroll position and focus when a parent taps an option after an error (${language})`, { timeout: 120_000 }, async () => {
      // Prepare: question 1 refused empty, so the summary is shown and focused
      const survey = await openSurvey(language);
      const page = survey.page;
      await survey.firstStepEmpty();
      await survey.next();
      await survey.errorSummary.waitFor();
      await expect.poll(() => survey.focused()).toBe('error-summary');
      const option = survey.options.last();
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
      expect(await survey.focused()).toBe('kindergarten-checkbox');
      expect(await survey.axe()).toEqual([]);
    });

    it(`should leave focus on a radio group when a parent moves through it with arrow keys after an error (${language})`, { timeout: 120_000 }, async () => {
      // Prepare: question 2 refused empty
      const survey = await openSurvey(language);
      const page = survey.page;
      await survey.firstStepEmpty();
      await survey.checkboxes.first().check();
      await survey.next();
      await survey.step(2).waitFor();
      await survey.next();
      await survey.errorSummary.waitFor();
      await expect.poll(() => survey.focused()).toBe('error-summary');

      // Act: focus the first radio, choose it, then the next one by arrow key
      await page.locator('#ownership-any').focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');

      // Assess: the second option is chosen and holds focus
      expect(await page.locator('#ownership-state').isChecked()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('ownership-state');
    });
  }
});
