import type { Locator } from 'playwright-core';
import type { Language } from '../browser-fixture.ts';
import { PageObject } from './page-object.ts';
import { ParentLoginPage } from './parent-login.ts';

/** `/survey`: the introduction, one question per step (the first one picks kindergartens), the review, the success. */
export class SurveyPage extends PageObject {
  get intro(): Locator {
    return this.qa('survey-intro');
  }
  get startButton(): Locator {
    return this.qa('survey-start');
  }
  /** Any step, or the step `n` once it is shown. */
  step(n?: number): Locator {
    return n === undefined ? this.qa('survey-step') : this.page.locator(`[data-qa="survey-step"][data-step="${n}"]`);
  }
  get nextButton(): Locator {
    return this.qa('survey-next');
  }
  get errorSummary(): Locator {
    return this.qa('error-summary');
  }
  get questionError(): Locator {
    return this.qa('question-error');
  }

  // The kindergarten step
  get picker(): Locator {
    return this.qa('kindergarten-picker');
  }
  get search(): Locator {
    return this.qa('kindergarten-search');
  }
  get options(): Locator {
    return this.qa('kindergarten-option');
  }
  option(kindergartenId: string): Locator {
    return this.page.locator(`[data-qa="kindergarten-option"][data-kindergarten-id="${kindergartenId}"]`);
  }
  get checkboxes(): Locator {
    return this.qa('kindergarten-checkbox');
  }
  /** The chosen kindergartens' items, and their count in `data-count` of `chosenList`. */
  get chosen(): Locator {
    return this.qa('kindergarten-chosen');
  }
  get chosenList(): Locator {
    return this.qa('kindergartens-chosen');
  }
  get remove(): Locator {
    return this.qa('kindergarten-remove');
  }
  get map(): Locator {
    return this.qa('kindergarten-map');
  }
  get mapChosen(): Locator {
    return this.qa('map-chosen');
  }
  get chanceHint(): Locator {
    return this.qa('chance-hint');
  }

  // The review, the success and "View survey"
  get review(): Locator {
    return this.qa('survey-review');
  }
  get submit(): Locator {
    return this.qa('survey-submit');
  }
  get success(): Locator {
    return this.qa('survey-success');
  }
  get successText(): Locator {
    return this.qa('survey-success-text');
  }
  get viewLink(): Locator {
    return this.qa('survey-view-link');
  }
  get answers(): Locator {
    return this.qa('survey-answers');
  }
  get validUntil(): Locator {
    return this.qa('survey-valid-until');
  }
  get cabinetLink(): Locator {
    return this.qa('cabinet-link');
  }

  /** The parent logs in in `language` (the site's switch) and lands on the survey. */
  async logIn(parent: { readonly iin: string; readonly phone: string }, language: Language): Promise<void> {
    const login = new ParentLoginPage(this);
    await login.open();
    await login.chooseLanguage(language);
    await login.logIn(parent);
    await this.page.waitForURL(/\/survey$/);
  }

  /** "View survey", in a language chosen with the site's switch. */
  async openView(language: Language): Promise<void> {
    await this.goto('/survey/view');
    await this.qa(`lang-${language}`).click();
  }

  /** From the introduction to question 1. */
  async start(): Promise<void> {
    await this.startButton.click();
    await this.step(1).waitFor();
  }

  /** Removes the kindergartens question 1 came with (the application's own). */
  async clearKindergartens(): Promise<void> {
    while ((await this.remove.count()) > 0) await this.remove.first().click();
  }

  /** From the introduction to question 1 with nothing chosen there. */
  async firstStepEmpty(): Promise<void> {
    await this.start();
    await this.clearKindergartens();
  }

  async next(): Promise<void> {
    await this.nextButton.click();
  }
}
