import { beforeAll, describe, expect, it } from 'vitest';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { browserWorld } from '../support/browser-fixture.ts';
import { CabinetPage } from '../support/pages/cabinet.ts';
import { SurveyPage } from '../support/pages/survey.ts';
import { loginParent, loginStaff, settle } from '../support/runtime.ts';

/** Parents with an application waiting for a confirmation in the running campaign, one per test. */
const waiting: { iin: string; phone: string }[] = [];
/** Who answered in each language, the answers the review listed and the date the answer gave. */
const answered = new Map<'kk' | 'ru', { parent: { iin: string; phone: string }; reviewed: string[]; validUntil: string }>();
let campaignEndsAt: string;

const world = browserWorld({
  prepare: async (runtime) => {
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
  },
});

async function expectStep(survey: SurveyPage, step: number): Promise<void> {
  await survey.step(step).waitFor();
  expect(await survey.heading.count()).toBe(1);
  expect(await survey.axe()).toEqual([]);
}

/** One year after a calendar date (`YYYY-MM-DD`). */
function yearAfter(date: string): string {
  return `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
}

/** The source instruction's hints, restored in the survey's second version (issue 16 item 11). */
const hints = {
  kk: { kindergartens: /1-ден 3-ке дейін балабақша таңдаңыз/, ownership: /меншік түрі сіз үшін қаншалықты маңызды/, fee: /ең төменгі мөлшерді көрсетпеңіз/, invoices: 'Балабақша қызметтеріне төлем шоты автоматты түрде жасалып, электрондық құжат болып келеді' },
  ru: { kindergartens: /Выберите от 1 до 3 детских садов/, ownership: /насколько для вас важна форма собственности/, fee: /не указывайте минимальный уровень, если готовы платить больше/, invoices: 'Счёт за услуги детского сада формируется автоматически и приходит электронным документом' },
};

async function answerTheSurvey(survey: SurveyPage, language: 'kk' | 'ru', texts: { success: RegExp; error: RegExp }) {
  const page = survey.page;
  const parent = waiting.shift();
  expect(parent, 'a parent with a confirmation due').toBeDefined();

  // Act: log in
  // The code input appears once the new code is sent (the API login before sent an older one).
  await survey.logIn(parent!, language);

  // Assess: the parent lands on the survey's introduction, in the chosen language
  await survey.intro.waitFor();
  expect(new URL(page.url()).pathname).toBe('/survey');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);

  // Act: start; the application's own kindergartens come preselected, so clear them
  await survey.startButton.click();
  await expectStep(survey, 1);
  expect(await page.locator('#kindergartens-hint').textContent()).toMatch(hints[language].kindergartens);
  await survey.clearKindergartens();

  // Act: next without a choice
  await survey.next();

  // Assess: the summary takes focus and names the problem
  const summary = survey.errorSummary;
  await summary.waitFor();
  expect(await summary.textContent()).toMatch(texts.error);
  await expect.poll(() => survey.focused()).toBe('error-summary');
  expect(await survey.axe()).toEqual([]);

  // Act: choose two kindergartens from the list, by keyboard
  const options = survey.options;
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
  expect(await survey.chanceHint.textContent()).not.toBe('');
  await expect.poll(() => survey.mapChosen.count()).toBe(2);
  expect(await survey.map.getAttribute('aria-hidden')).toBe('true');
  expect(await survey.chosenList.getAttribute('data-count')).toBe('2');
  expect(await survey.axe()).toEqual([]);
  await survey.next();

  // Act: question 2, a choice and a reason
  await expectStep(survey, 2);
  expect(await page.locator('#ownership-hint').textContent()).toMatch(hints[language].ownership);
  await page.locator('#ownership-state').check();
  await page.locator('#ownership-reason-quality').check();
  await survey.next();

  // Act: question 3, then a reload of the tab
  await expectStep(survey, 3);
  await page.locator('#language-kk').check();
  await page.reload();

  // Assess: the step and the answer survived the reload
  await survey.step(3).waitFor();
  expect(await page.locator('#language-kk').isChecked()).toBe(true);
  await survey.next();

  // Act: questions 4 to 6
  await expectStep(survey, 4);
  expect(await page.locator('#fee-hint').textContent()).toMatch(hints[language].fee);
  await page.locator('#fee-up-to-20000').check();
  await survey.next();
  await expectStep(survey, 5);
  await page.locator('#activities-chess').check();
  await page.locator('[data-qa="activities-other"]').fill('Домбыра');
  await survey.next();
  await expectStep(survey, 6);
  // Each personal-cabinet feature says what it is, read out with its checkbox's name
  expect(await page.locator('[data-qa="survey-option-description"]').count()).toBe(12);
  expect(await page.locator('label[for="digital-online-invoices"] [data-qa="survey-option-description"]').textContent()).toBe(hints[language].invoices);
  expect(await page.getByRole('checkbox', { name: hints[language].invoices }).count()).toBe(1);
  await page.locator('#digital-android').check();
  await survey.next();

  // Assess: the review lists every answer, with a way back to each step
  const review = survey.review;
  await review.waitFor();
  expect(await review.locator('[data-qa="answer-row"]').count()).toBe(6);
  expect(await review.locator('[data-qa="survey-change"]').count()).toBe(6);
  const reviewed = await review.locator('[data-qa="answer-value"]').allTextContents();
  expect(reviewed[4]).toContain('Домбыра');
  expect(await survey.heading.count()).toBe(1);
  expect(await survey.axe()).toEqual([]);

  // Act: confirm
  await survey.submit.click();

  // Assess: the success names the date one year ahead
  const success = survey.success;
  await success.waitFor();
  const api = await loginParent(world.runtime, parent!);
  const sent = (await api.request('GET', '/api/cabinet/survey')).body;
  expect(sent.answer.validUntil).toBe(yearAfter(kazakhstanDate(world.runtime.clock.now())));
  expect(sent.answer.answers.kindergartens).toEqual(chosenIds);
  const successText = (await success.locator('[data-qa="survey-success-text"]').textContent()) ?? '';
  expect(successText).toMatch(texts.success);
  expect(successText).toContain(sent.answer.validUntil.slice(0, 4));
  expect(successText).toContain(String(Number(sent.answer.validUntil.slice(8, 10))));
  expect(await survey.axe()).toEqual([]);

  // Act: open "View survey"
  await survey.viewLink.click();

  // Assess: the same answers and the new validity date
  const answers = survey.answers;
  await answers.waitFor();
  expect(await answers.locator('[data-qa="answer-value"]').allTextContents()).toEqual(reviewed);
  expect(await survey.validUntil.getAttribute('data-valid-until')).toBe(sent.answer.validUntil);
  expect(await survey.axe()).toEqual([]);

  // Assess: the cabinet no longer asks for the survey
  const cabinet = new CabinetPage(survey);
  await survey.cabinetLink.click();
  await cabinet.applications.first().waitFor();
  await expect.poll(() => cabinet.surveyLink.getAttribute('data-needed')).toBe('false');
  answered.set(language, { parent: parent!, reviewed, validUntil: sent.answer.validUntil });
}

describe('the parent’s survey in the browser', () => {
  it('should take a Kazakh-speaking parent from login through six questions to extended applications and the answers', { timeout: 180_000 }, async () => {
    await answerTheSurvey(new SurveyPage(await world.visitor({ language: 'kk', device: 'phone' })), 'kk', { success: /ұзартылды/, error: /балабақша/ });
  });

  it('should do the same in Russian', { timeout: 180_000 }, async () => {
    await answerTheSurvey(new SurveyPage(await world.visitor({ language: 'ru', device: 'phone' })), 'ru', { success: /продлены на один год/, error: /детский сад/ });
  });
});

describe('the survey’s answers after the campaign has closed, in the browser', () => {
  beforeAll(async () => {
    // Prepare: the campaign's end passes and its close runs
    world.runtime.clock.set(new Date(Date.parse(campaignEndsAt) + 1000));
    await settle(world.runtime);
  }, 120_000);

  const cases = [
    ['kk', /науқаны аяқталды/, /растау науқаны жүріп жатқан жоқ/],
    ['ru', /кампания подтверждения потребности в месте завершилась/i, /кампания подтверждения потребности в месте не идёт/],
  ] as const;

  it.each(cases)('should show the %s-speaking parent their answers and the date they extended the applications to, at 360 px', { timeout: 120_000 }, async (language, closedText, noCampaignText) => {
    // Prepare: the parent who answered in this language above
    const earlier = answered.get(language);
    expect(earlier, 'a parent who answered in this language').toBeDefined();
    const survey = new SurveyPage(await world.parent(earlier!.parent, { language, device: 'phone' }));

    // Act: open "View survey" in the parent's language
    await survey.openView(language);

    // Assess: the answers as reviewed, the date they gave, and that the campaign has ended
    const answers = survey.answers;
    await answers.waitFor();
    expect(await survey.page.evaluate(() => document.documentElement.lang)).toBe(language);
    expect(await answers.locator('[data-qa="answer-value"]').allTextContents()).toEqual(earlier!.reviewed);
    expect(await survey.validUntil.getAttribute('data-valid-until')).toBe(earlier!.validUntil);
    expect(await survey.qa('survey-campaign-closed').textContent()).toMatch(closedText);
    expect(await survey.qa('survey-not-answered').count()).toBe(0);
    expect(await survey.heading.count()).toBe(1);
    expect(await survey.axe()).toEqual([]);
    await survey.page.context().close();

    // Act: a parent who never answered opens the same page
    const never = world.runtime.seed!.data.parents.find((p) => ![...answered.values()].some((a) => a.parent.iin === p.iin))!;
    const other = new SurveyPage(await world.parent(never, { language, device: 'phone' }));
    await other.openView(language);

    // Assess: it says plainly that there is no campaign and nothing to view, with no link to a survey
    const plain = other.qa('survey-no-campaign');
    await plain.waitFor();
    expect(await plain.textContent()).toMatch(noCampaignText);
    expect(await other.qa('survey-not-answered').count()).toBe(0);
    expect(await other.qa('survey-link').count()).toBe(0);
    expect(await other.axe()).toEqual([]);
  });
});
