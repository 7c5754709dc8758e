import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, launchChromium, parentLogsIn } from '../support/browser.ts';
import { loginParent, loginStaff, settle, startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;
/** Parents with an application waiting for a confirmation in the running campaign, one per test. */
const waiting: { iin: string; phone: string }[] = [];
/** Who answered in each language, the answers the review listed and the date the answer gave. */
const answered = new Map<'kk' | 'ru', { parent: { iin: string; phone: string }; reviewed: string[]; validUntil: string }>();
let campaignEndsAt: string;

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
  // Prepare: a campaign running from now for 30 days
  const staff = await loginStaff(runtime);
  const now = runtime.clock.now();
  const created = await staff.request('POST', '/api/staff/campaigns', {
    body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 30 * 86_400_000).toISOString() },
  });
  expect(created.status).toBeLessThan(300);
  campaignEndsAt = created.body.campaign.endsAt;
  const started = await staff.request('POST', `/api/staff/campaigns/${created.body.campaign.campaignId}/start`);
  expect(started.status).toBeLessThan(300);
  await settle(runtime);
  const { demoParents, parents } = runtime.seed!.data;
  for (const candidate of [...demoParents, ...parents]) {
    if (waiting.length === 2) break;
    if (waiting.some((p) => p.iin === candidate.iin)) continue;
    const api = await loginParent(runtime, candidate);
    const cabinet = await api.request('GET', '/api/cabinet/applications');
    if (cabinet.body.applications.some((a: { confirmationNeeded: boolean }) => a.confirmationNeeded)) waiting.push(candidate);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});


async function expectStep(page: Page, step: number): Promise<void> {
  await page.locator(`[data-qa="survey-step"][data-step="${step}"]`).waitFor();
  expect(await page.locator('h1').count()).toBe(1);
  expect(await axeViolations(page)).toEqual([]);
}

const next = (page: Page) => page.locator('[data-qa="survey-next"]').click();

/** One year after a calendar date (`YYYY-MM-DD`). */
function yearAfter(date: string): string {
  return `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
}

/** The source instruction's hints, restored in the survey's second version (issue 16 item 11). */
const hints = {
  kk: { kindergartens: /1-ден 3-ке дейін балабақша таңдаңыз/, ownership: /меншік түрі сіз үшін қаншалықты маңызды/, fee: /ең төменгі мөлшерді көрсетпеңіз/, invoices: 'Балабақша қызметтеріне төлем шоты автоматты түрде жасалып, электрондық құжат болып келеді' },
  ru: { kindergartens: /Выберите от 1 до 3 детских садов/, ownership: /насколько для вас важна форма собственности/, fee: /не указывайте минимальный уровень, если готовы платить больше/, invoices: 'Счёт за услуги детского сада формируется автоматически и приходит электронным документом' },
};

async function answerTheSurvey(page: Page, language: 'kk' | 'ru', texts: { success: RegExp; error: RegExp }) {
  const parent = waiting.shift();
  expect(parent, 'a parent with a confirmation due').toBeDefined();

  // Act: log in
  await page.goto(`${runtime.url}/login`);
  await page.locator(`[data-qa="lang-${language}"]`).click();
  await page.locator('[data-qa="iin-input"]').fill(parent!.iin);
  await page.locator('[data-qa="send-code"]').click();
  // The code input appears once the new code is sent (the API login before sent an older one).
  await page.locator('[data-qa="code-input"]').waitFor();
  await page.locator('[data-qa="code-input"]').fill(/\d{6}/.exec(runtime.notifier.lastTo(parent!.phone)!.text)![0]);
  await page.locator('[data-qa="verify-code"]').click();

  // Assess: the parent lands on the survey's introduction, in the chosen language
  await page.locator('[data-qa="survey-intro"]').waitFor();
  expect(new URL(page.url()).pathname).toBe('/survey');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);

  // Act: start; the application's own kindergartens come preselected, so clear them
  await page.locator('[data-qa="survey-start"]').click();
  await expectStep(page, 1);
  expect(await page.locator('#kindergartens-hint').textContent()).toMatch(hints[language].kindergartens);
  const remove = page.locator('[data-qa="kindergarten-remove"]');
  while ((await remove.count()) > 0) await remove.first().click();

  // Act: next without a choice
  await next(page);

  // Assess: the summary takes focus and names the problem
  const summary = page.locator('[data-qa="error-summary"]');
  await summary.waitFor();
  expect(await summary.textContent()).toMatch(texts.error);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('error-summary');
  expect(await axeViolations(page)).toEqual([]);

  // Act: choose two kindergartens from the list, by keyboard
  const options = page.locator('[data-qa="kindergarten-option"]');
  expect(await options.count()).toBeGreaterThan(3);
  const chosenIds: string[] = [];
  for (const index of [0, 1]) {
    const option = options.nth(index);
    chosenIds.push((await option.getAttribute('data-kindergarten-id'))!);
    await option.locator('input').focus();
    await page.keyboard.press('Space');
  }

  // Assess: each option shows its load, the list says whose chance it estimates (the child's, at
  // the application's kindergartens: test/browser/place-chance.test.ts); the map marks the two chosen
  expect(await options.first().locator('[data-qa="kindergarten-load"]').textContent()).toMatch(/\d/);
  expect(await page.locator('[data-qa="chance-hint"]').textContent()).not.toBe('');
  await expect.poll(() => page.locator('[data-qa="map-chosen"]').count()).toBe(2);
  expect(await page.locator('[data-qa="kindergarten-map"]').getAttribute('aria-hidden')).toBe('true');
  expect(await page.locator('[data-qa="kindergartens-chosen"]').getAttribute('data-count')).toBe('2');
  expect(await axeViolations(page)).toEqual([]);
  await next(page);

  // Act: question 2, a choice and a reason
  await expectStep(page, 2);
  expect(await page.locator('#ownership-hint').textContent()).toMatch(hints[language].ownership);
  await page.locator('#ownership-state').check();
  await page.locator('#ownership-reason-quality').check();
  await next(page);

  // Act: question 3, then a reload of the tab
  await expectStep(page, 3);
  await page.locator('#language-kk').check();
  await page.reload();

  // Assess: the step and the answer survived the reload
  await page.locator('[data-qa="survey-step"][data-step="3"]').waitFor();
  expect(await page.locator('#language-kk').isChecked()).toBe(true);
  await next(page);

  // Act: questions 4 to 6
  await expectStep(page, 4);
  expect(await page.locator('#fee-hint').textContent()).toMatch(hints[language].fee);
  await page.locator('#fee-up-to-20000').check();
  await next(page);
  await expectStep(page, 5);
  await page.locator('#activities-chess').check();
  await page.locator('[data-qa="activities-other"]').fill('Домбыра');
  await next(page);
  await expectStep(page, 6);
  // Each personal-cabinet feature says what it is, read out with its checkbox's name
  expect(await page.locator('[data-qa="survey-option-description"]').count()).toBe(12);
  expect(await page.locator('label[for="digital-online-invoices"] [data-qa="survey-option-description"]').textContent()).toBe(hints[language].invoices);
  expect(await page.getByRole('checkbox', { name: hints[language].invoices }).count()).toBe(1);
  await page.locator('#digital-android').check();
  await next(page);

  // Assess: the review lists every answer, with a way back to each step
  const review = page.locator('[data-qa="survey-review"]');
  await review.waitFor();
  expect(await review.locator('[data-qa="answer-row"]').count()).toBe(6);
  expect(await review.locator('[data-qa="survey-change"]').count()).toBe(6);
  const reviewed = await review.locator('[data-qa="answer-value"]').allTextContents();
  expect(reviewed[4]).toContain('Домбыра');
  expect(await page.locator('h1').count()).toBe(1);
  expect(await axeViolations(page)).toEqual([]);

  // Act: confirm
  await page.locator('[data-qa="survey-submit"]').click();

  // Assess: the success names the date one year ahead
  const success = page.locator('[data-qa="survey-success"]');
  await success.waitFor();
  const api = await loginParent(runtime, parent!);
  const sent = (await api.request('GET', '/api/cabinet/survey')).body;
  expect(sent.answer.validUntil).toBe(yearAfter(kazakhstanDate(runtime.clock.now())));
  expect(sent.answer.answers.kindergartens).toEqual(chosenIds);
  const successText = (await success.locator('[data-qa="survey-success-text"]').textContent()) ?? '';
  expect(successText).toMatch(texts.success);
  expect(successText).toContain(sent.answer.validUntil.slice(0, 4));
  expect(successText).toContain(String(Number(sent.answer.validUntil.slice(8, 10))));
  expect(await axeViolations(page)).toEqual([]);

  // Act: open "View survey"
  await page.locator('[data-qa="survey-view-link"]').click();

  // Assess: the same answers and the new validity date
  const answers = page.locator('[data-qa="survey-answers"]');
  await answers.waitFor();
  expect(await answers.locator('[data-qa="answer-value"]').allTextContents()).toEqual(reviewed);
  expect(await page.locator('[data-qa="survey-valid-until"]').getAttribute('data-valid-until')).toBe(sent.answer.validUntil);
  expect(await axeViolations(page)).toEqual([]);

  // Assess: the cabinet no longer asks for the survey
  await page.locator('[data-qa="cabinet-link"]').click();
  await page.locator('[data-qa="application"]').first().waitFor();
  await expect.poll(() => page.locator('[data-qa="survey-link"]').getAttribute('data-needed')).toBe('false');
  answered.set(language, { parent: parent!, reviewed, validUntil: sent.answer.validUntil });
}

describe('the parent’s survey in the browser', () => {
  it('should take a Kazakh-speaking parent from login through six questions to extended applications and the answers', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ locale: 'kk-KZ', ...phone });
    await answerTheSurvey(await context.newPage(), 'kk', { success: /ұзартылды/, error: /балабақша/ });
    await context.close();
  });

  it('should do the same in Russian', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ locale: 'ru-RU', ...phone });
    await answerTheSurvey(await context.newPage(), 'ru', { success: /продлены на один год/, error: /детский сад/ });
    await context.close();
  });
});

describe('the survey’s answers after the campaign has closed, in the browser', () => {
  beforeAll(async () => {
    // Prepare: the campaign's end passes and its close runs
    runtime.clock.set(new Date(Date.parse(campaignEndsAt) + 1000));
    await settle(runtime);
  }, 120_000);

  const cases = [
    ['kk', 'kk-KZ', /науқаны аяқталды/, /растау науқаны жүріп жатқан жоқ/],
    ['ru', 'ru-RU', /кампания подтверждения потребности в месте завершилась/i, /кампания подтверждения потребности в месте не идёт/],
  ] as const;

  it.each(cases)('should show the %s-speaking parent their answers and the date they extended the applications to, at 360 px', { timeout: 120_000 }, async (language, locale, closedText, noCampaignText) => {
    // Prepare: the parent who answered in this language above
    const earlier = answered.get(language);
    expect(earlier, 'a parent who answered in this language').toBeDefined();
    const context = await browser.newContext({ locale, ...phone });
    const page = await context.newPage();
    await parentLogsIn(page, runtime, earlier!.parent);

    // Act: open "View survey" in the parent's language
    await page.goto(`${runtime.url}/survey/view`);
    await page.locator(`[data-qa="lang-${language}"]`).click();

    // Assess: the answers as reviewed, the date they gave, and that the campaign has ended
    const answers = page.locator('[data-qa="survey-answers"]');
    await answers.waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
    expect(await answers.locator('[data-qa="answer-value"]').allTextContents()).toEqual(earlier!.reviewed);
    expect(await page.locator('[data-qa="survey-valid-until"]').getAttribute('data-valid-until')).toBe(earlier!.validUntil);
    expect(await page.locator('[data-qa="survey-campaign-closed"]').textContent()).toMatch(closedText);
    expect(await page.locator('[data-qa="survey-not-answered"]').count()).toBe(0);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();

    // Act: a parent who never answered opens the same page
    const otherContext = await browser.newContext({ locale, ...phone });
    const other = await otherContext.newPage();
    const never = runtime.seed!.data.parents.find((p) => ![...answered.values()].some((a) => a.parent.iin === p.iin))!;
    await parentLogsIn(other, runtime, never);
    await other.goto(`${runtime.url}/survey/view`);
    await other.locator(`[data-qa="lang-${language}"]`).click();

    // Assess: it says plainly that there is no campaign and nothing to view, with no link to a survey
    const plain = other.locator('[data-qa="survey-no-campaign"]');
    await plain.waitFor();
    expect(await plain.textContent()).toMatch(noCampaignText);
    expect(await other.locator('[data-qa="survey-not-answered"]').count()).toBe(0);
    expect(await other.locator('[data-qa="survey-link"]').count()).toBe(0);
    expect(await axeViolations(other)).toEqual([]);
    await otherContext.close();
  });
});
