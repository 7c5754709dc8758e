import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '#domain/iin';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, fillStaffLogin, launchChromium } from '../support/browser.ts';
import { settle, startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function staffPage(options: { locale: string; phone?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: options.locale, ...(options.phone && { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }) });
  const page = await context.newPage();
  const { login, password } = runtime.seed!.data.staff;
  await page.goto(`${runtime.url}/staff/login`);
  await fillStaffLogin(page, runtime, login, password);
  await page.locator('[data-qa="staff-submit"]').click();
  await page.locator('[data-qa="kindergarten-row"]').first().waitFor();
  return { context, page };
}


/** A synthetic child about two years old today (Kazakhstan time of the runtime's clock). */
function childBirthDate(): string {
  const today = kazakhstanDate(runtime.clock.now());
  return `${Number(today.slice(0, 4)) - 2}-03-14`;
}

/** A kindergarten of the demo tenant with Russian groups. */
function russianKindergarten(): string {
  return runtime.seed!.data.kindergartens.find((k) => k.languages.includes('ru'))!.kindergartenId;
}

async function fillRegistration(page: Page, fields: { childIin: string; applicantIin: string }): Promise<void> {
  await page.locator('[data-qa="register-childIin"]').fill(fields.childIin);
  await page.locator('[data-qa="register-childName"]').fill('Тестова Айгерим');
  await page.locator('[data-qa="register-applicantIin"]').fill(fields.applicantIin);
  await page.locator('[data-qa="register-applicantName"]').fill('Тестова Динара');
  await page.locator('[data-qa="register-applicantPhone"]').fill('+77011234567');
  await page.locator('[data-qa="register-kindergarten-1"]').selectOption(russianKindergarten());
  await page.locator('[data-qa="register-language"]').selectOption('ru');
}

describe('the staff console in the browser', () => {
  it('should register an application through the form and open its page', async () => {
    // Prepare
    const { context, page } = await staffPage({ locale: 'ru-RU' });
    const childIin = makeIin(childBirthDate(), 'female', 9_100);
    await page.locator('[data-qa="nav-register"]').click();
    await page.locator('[data-qa="register-form"]').waitFor();

    // Act
    await fillRegistration(page, { childIin, applicantIin: makeIin('1991-06-02', 'female', 9_200) });
    await page.locator('[data-qa="register-submit"]').click();
    await page.waitForURL(/\/staff\/applications\/[^/]+$/);

    // Assess: the new application, queued, IINs masked, registration in its history
    await page.locator('[data-qa="staff-application"]').waitFor();
    expect(await page.locator('h1').textContent()).toContain('Тестова Айгерим');
    expect(await page.locator('[data-qa="application-status"]').getAttribute('data-status')).toBe('queued');
    const maskedIin = await page.locator('[data-qa="application-child-iin"]').textContent();
    expect(maskedIin).toContain(childIin.slice(-2));
    expect(maskedIin).not.toContain(childIin.slice(-3));
    expect(await page.content()).not.toContain(childIin);
    expect(await page.locator('[data-qa="history-event"][data-action="register"]').count()).toBe(1);
    // The messages to the parent: the registration notice, in the cabinet and not read yet
    const notices = page.locator('[data-qa="parent-notice"]');
    expect(await notices.count()).toBe(1);
    expect(await notices.first().getAttribute('data-kind')).toBe('registered');
    expect(await page.locator('#parent-notices-heading').textContent()).toBe('Сообщения родителю');
    expect(await notices.first().locator('[data-qa="parent-notice-read"]').textContent()).toBe('Ещё не прочитано в кабинете');
    // The referral form comes with the kindergarten list, which loads after the page.
    await page.locator('[data-qa="issue-referral"]').waitFor({ state: 'visible' });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('should offer on a stopped application only what the API allows, and return it to the queue for a parent who came in person (kk)', async () => {
    // Prepare: an application the close stopped
    const stopped = runtime.seed!.data.applications.findLast((a) => a.status === 'stopped' && a.stopReason === 'cleanup')!;
    const { context, page } = await staffPage({ locale: 'kk-KZ' });
    await page.goto(`${runtime.url}/staff/applications/${encodeURIComponent(stopped.applicationId)}`);
    await page.locator('[data-qa="restore"]').waitFor();

    // Assess: restore, kindergartens and withdrawal; no referral for a stopped child
    await page.locator('[data-qa="kindergartens-form"]').waitFor();
    expect(await page.locator('[data-qa="issue-referral"]').count()).toBe(0);
    expect(await page.locator('[data-qa="enroll"]').count()).toBe(0);
    expect(await page.locator('[data-qa="withdraw-form"]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Act
    await page.locator('[data-qa="restore"]').click();

    // Assess: queued again, said in Kazakh, and now a referral can be issued
    await expect.poll(() => page.locator('[data-qa="application-status"]').getAttribute('data-status')).toBe('queued');
    expect(await page.locator('[data-qa="action-notice"]').textContent()).toBe('Өтініш бұрынғы күнімен кезекке қайтарылды.');
    await page.locator('[data-qa="issue-referral"]').waitFor({ state: 'visible' });
    expect(await page.locator('[data-qa="restore"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("should change the parent's phone on the application page, with a field error first and the masked phone after", async () => {
    // Prepare: an application of a new parent whose phone is +77011234567
    const { context, page } = await staffPage({ locale: 'ru-RU' });
    await page.goto(`${runtime.url}/staff/applications/new`);
    await page.locator('[data-qa="register-form"]').waitFor();
    await fillRegistration(page, { childIin: makeIin(childBirthDate(), 'male', 9_150), applicantIin: makeIin('1989-08-08', 'female', 9_250) });
    await page.locator('[data-qa="register-submit"]').click();
    await page.locator('[data-qa="applicant-phone-form"]').waitFor();
    expect(await page.locator('[data-qa="applicant-phone-masked"]').textContent()).toBe('+7 7** *** **67');

    // Act: a number too short, then a good one
    await page.locator('[data-qa="applicant-phone-input"]').fill('+7701');
    await page.locator('[data-qa="applicant-phone-submit"]').click();
    await page.locator('[data-qa="applicant-phone-input-error"]').waitFor();
    const fieldError = await page.locator('[data-qa="applicant-phone-input-error"]').textContent();
    const invalid = await page.locator('[data-qa="applicant-phone-input"]').getAttribute('aria-invalid');
    await page.locator('[data-qa="applicant-phone-input"]').fill('+7 747 987 65 12');
    await page.locator('[data-qa="applicant-phone-submit"]').click();
    await expect.poll(() => page.locator('[data-qa="applicant-phone-masked"]').textContent()).toBe('+7 7** *** **12');

    // Assess
    expect(fieldError).toContain('Введите новый телефон в формате +7XXXXXXXXXX');
    expect(invalid).toBe('true');
    expect(await page.locator('[data-qa="applicant-phone-notice"]').textContent()).toBe('Телефон сменён. Родителю отправлены SMS на прежний и на новый номер.');
    expect(await page.locator('[data-qa="history-event"][data-action="change_applicant_phone"]').count()).toBe(1);
    expect(runtime.notifier.lastTo('+77479876512')?.text).toBe('kezek: этот номер теперь телефон вашего кабинета kezek. Коды входа будут приходить на него.');
    expect(await page.content()).not.toContain('9876512');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('should show the field errors of a bad registration in a summary and at the fields', async () => {
    // Prepare: a child IIN with a wrong check digit
    const { context, page } = await staffPage({ locale: 'en-GB' });
    const valid = makeIin(childBirthDate(), 'male', 9_300);
    const badChecksum = valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
    await page.goto(`${runtime.url}/staff/applications/new`);
    await page.locator('[data-qa="register-form"]').waitFor();

    // Act
    await fillRegistration(page, { childIin: badChecksum, applicantIin: makeIin('1990-01-20', 'male', 9_400) });
    await page.locator('[data-qa="register-submit"]').click();

    // Assess: summary with a link to the field, the inline error, focus on the summary, still on the form
    await page.locator('[data-qa="error-summary"]').waitFor();
    expect(await page.locator('[data-qa="error-summary"] a[href="#childIin"]').count()).toBe(1);
    expect(await page.locator('[data-qa="register-childIin-error"]').textContent()).toMatch(/IIN/);
    expect(await page.locator('[data-qa="register-childIin"]').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('error-summary');
    expect(new URL(page.url()).pathname).toBe('/staff/applications/new');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('should pass axe on every staff page and fit a phone', async () => {
    // Prepare
    const { context, page } = await staffPage({ locale: 'kk-KZ', phone: true });
    const violations: Record<string, string[]> = {};
    const overflow: Record<string, number> = {};
    const check = async (name: string) => {
      violations[name] = await axeViolations(page);
      overflow[name] = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    };

    // Act: kindergartens, queue, an application from the queue, the form, the import
    await check('kindergartens');
    await page.locator('[data-qa="nav-queue"]').click();
    await page.locator('[data-qa="queue-row"]').first().waitFor();
    await check('queue');
    await page.locator('[data-qa="queue-row-link"]').first().click();
    await page.locator('[data-qa="staff-application"]').waitFor();
    await page.locator('[data-qa="referral-kindergarten"]').waitFor();
    await check('application');
    await page.locator('[data-qa="nav-register"]').click();
    await page.locator('[data-qa="register-form"]').waitFor();
    await check('register');
    await page.locator('[data-qa="nav-import"]').click();
    await page.locator('[data-qa="import-form"]').waitFor();
    await check('import');

    // Assess
    expect(violations).toEqual({ kindergartens: [], queue: [], application: [], register: [], import: [] });
    expect(Object.values(overflow).every((pixels) => pixels <= 0)).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    await context.close();
  });
});

describe('the CSV import in the browser', () => {
  it('should import a queue file in slices with a progress bar and list every bad row of a rejected file', async () => {
    // Prepare: 1,200 valid rows (three slices of 500) and a copy with two broken IINs
    const { queueCsv } = await import('../support/csv.ts');
    const kindergartenIds = runtime.seed!.data.kindergartens.filter((k) => k.languages.includes('ru')).map((k) => k.kindergartenId);
    const birthYear = Number(kazakhstanDate(runtime.clock.now()).slice(0, 4)) - 3;
    const good = queueCsv(1_200, { birthYear, kindergartenIds, prefix: 'BR', serialBase: 7000 }).replaceAll('\n', '\r\n');
    const lines = good.split('\r\n');
    lines[5] = lines[5]!.replace(/^([^,]+),(\d{11})(\d)/, (_m, id: string, first: string, check: string) => `${id},${first}${(Number(check) + 1) % 10}`);
    lines[9] = lines[9]!.replace(/^([^,]+),\d{12}/, '$1,12345');
    const bad = lines.join('\r\n');
    const { context, page } = await staffPage({ locale: 'en-GB' });
    await page.locator('[data-qa="nav-import"]').click();
    await page.locator('[data-qa="import-form"]').waitFor();

    // Act: the bad file first
    await page.locator('[data-qa="import-kind-applications"]').check();
    await page.locator('[data-qa="import-file"]').setInputFiles({ name: 'queue.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.locator('[data-qa="import-start"]').click();

    // Assess: nothing imported, both lines named (header is line 1)
    await page.locator('[data-qa="import-rejected"]').waitFor();
    const problemLines = await page.locator('[data-qa="import-problem"] td:first-child').allTextContents();
    expect(problemLines).toEqual(['6', '10']);
    expect(await axeViolations(page)).toEqual([]);

    // Act: the good file
    const slices: number[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/staff/imports/applications/rows')) slices.push((request.postDataJSON() as { firstLine: number }).firstLine);
    });
    await page.locator('[data-qa="import-file"]').setInputFiles({ name: 'queue.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.locator('[data-qa="import-start"]').click();

    // Assess: the summary, and the imported children in the queue with positions
    await page.locator('[data-qa="import-finished"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-qa="import-finished"]').textContent()).toBe('Done: 1,200 rows imported.');
    expect(slices).toEqual([2, 502, 1002]);
    // The page asked for positions; the job that computes them runs next.
    await settle(runtime);
    await page.locator('[data-qa="nav-queue"]').click();
    await page.locator('[data-qa="queue-birth-year"]').selectOption(String(birthYear));
    await page.locator('[data-qa="queue-show"]').click();
    await page.locator('[data-qa="queue-next"]').waitFor();
    expect(await page.locator('[data-qa="queue-row"]').count()).toBe(200);
    expect(await page.locator('[data-qa="queue"] caption').textContent()).toMatch(/\d,\d{3} applications in all|1,2\d\d applications/);
    await context.close();
  });
});
