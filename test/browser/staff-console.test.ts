import { describe, expect, it } from 'vitest';
import { makeIin } from '#domain/iin';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { browserWorld } from '../support/browser-fixture.ts';
import { ApplicationPage } from '../support/pages/application.ts';
import { ImportPage } from '../support/pages/import.ts';
import { KindergartensPage } from '../support/pages/kindergartens.ts';
import { QueuePage } from '../support/pages/queue.ts';
import { RegisterPage } from '../support/pages/register.ts';
import { settle } from '../support/runtime.ts';

const world = browserWorld();

/** A synthetic child about two years old today (Kazakhstan time of the runtime's clock). */
function childBirthDate(): string {
  const today = kazakhstanDate(world.runtime.clock.now());
  return `${Number(today.slice(0, 4)) - 2}-03-14`;
}

/** A kindergarten of the demo tenant with Russian groups. */
function russianKindergarten(): string {
  return world.runtime.seed!.data.kindergartens.find((k) => k.languages.includes('ru'))!.kindergartenId;
}

/** A Russian-language application of Тестова Айгерим, by Тестова Динара (+77011234567). */
function registration(fields: { childIin: string; applicantIin: string }) {
  return { ...fields, childName: 'Тестова Айгерим', applicantName: 'Тестова Динара', applicantPhone: '+77011234567', kindergartenId: russianKindergarten(), language: 'ru' };
}

describe('the staff console in the browser', () => {
  it('should register an application through the form and open its page', async () => {
    // Prepare
    const session = await world.staff({ language: 'ru' });
    const form = new RegisterPage(session);
    const childIin = makeIin(childBirthDate(), 'female', 9_100);
    await form.navigateTo('register');
    await form.form.waitFor();

    // Act
    await form.register(registration({ childIin, applicantIin: makeIin('1991-06-02', 'female', 9_200) }));
    await session.page.waitForURL(/\/staff\/applications\/[^/]+$/);

    // Assess: the new application, queued, IINs masked, registration in its history
    const application = new ApplicationPage(session);
    await application.root.waitFor();
    expect(await application.heading.textContent()).toContain('Тестова Айгерим');
    expect(await application.status.getAttribute('data-status')).toBe('queued');
    const maskedIin = await application.childIin.textContent();
    expect(maskedIin).toContain(childIin.slice(-2));
    expect(maskedIin).not.toContain(childIin.slice(-3));
    expect(await session.page.content()).not.toContain(childIin);
    expect(await application.history('register').count()).toBe(1);
    // The messages to the parent: the registration notice, in the cabinet and not read yet
    const notices = application.notices;
    expect(await notices.count()).toBe(1);
    expect(await notices.first().getAttribute('data-kind')).toBe('registered');
    expect(await application.noticesHeading.textContent()).toBe('Сообщения родителю');
    expect(await notices.first().locator('[data-qa="parent-notice-read"]').textContent()).toBe('Ещё не прочитано в кабинете');
    // The referral form comes with the kindergarten list, which loads after the page.
    await application.issueReferral.waitFor({ state: 'visible' });
    expect(await application.axe()).toEqual([]);
  });

  it('should offer on a stopped application only what the API allows, and return it to the queue for a parent who came in person (kk)', async () => {
    // Prepare: an application the close stopped
    const stopped = world.runtime.seed!.data.applications.findLast((a) => a.status === 'stopped' && a.stopReason === 'cleanup')!;
    const application = new ApplicationPage(await world.staff({ language: 'kk' }));
    await application.open(stopped.applicationId);
    await application.restore.waitFor();

    // Assess: restore, kindergartens and withdrawal; no referral for a stopped child
    await application.kindergartensForm.waitFor();
    expect(await application.issueReferral.count()).toBe(0);
    expect(await application.enroll.count()).toBe(0);
    expect(await application.withdrawForm.count()).toBe(1);
    expect(await application.axe()).toEqual([]);

    // Act
    await application.restore.click();

    // Assess: queued again, said in Kazakh, and now a referral can be issued
    await expect.poll(() => application.status.getAttribute('data-status')).toBe('queued');
    expect(await application.actionNotice.textContent()).toBe('Өтініш бұрынғы күнімен кезекке қайтарылды.');
    await application.issueReferral.waitFor({ state: 'visible' });
    expect(await application.restore.count()).toBe(0);
    expect(await application.axe()).toEqual([]);
  });

  it("should change the parent's phone on the application page, with a field error first and the masked phone after", async () => {
    // Prepare: an application of a new parent whose phone is +77011234567
    const session = await world.staff({ language: 'ru' });
    const form = new RegisterPage(session);
    await form.open();
    await form.register(registration({ childIin: makeIin(childBirthDate(), 'male', 9_150), applicantIin: makeIin('1989-08-08', 'female', 9_250) }));
    const application = new ApplicationPage(session);
    await application.phoneForm.waitFor();
    expect(await application.maskedPhone.textContent()).toBe('+7 7** *** **67');

    // Act: a number too short, then a good one
    await application.changePhone('+7701');
    await application.phoneError.waitFor();
    const fieldError = await application.phoneError.textContent();
    const invalid = await application.phoneInput.getAttribute('aria-invalid');
    await application.changePhone('+7 747 987 65 12');
    await expect.poll(() => application.maskedPhone.textContent()).toBe('+7 7** *** **12');

    // Assess
    expect(fieldError).toContain('Введите новый телефон в формате +7XXXXXXXXXX');
    expect(invalid).toBe('true');
    expect(await application.phoneNotice.textContent()).toBe('Телефон сменён. Родителю отправлены SMS на прежний и на новый номер.');
    expect(await application.history('change_applicant_phone').count()).toBe(1);
    expect(world.runtime.notifier.lastTo('+77479876512')?.text).toBe('kezek: этот номер теперь телефон вашего кабинета kezek. Коды входа будут приходить на него.');
    expect(await session.page.content()).not.toContain('9876512');
    expect(await application.axe()).toEqual([]);
  });

  it('should show the field errors of a bad registration in a summary and at the fields', async () => {
    // Prepare: a child IIN with a wrong check digit
    const form = new RegisterPage(await world.staff({ language: 'en' }));
    const valid = makeIin(childBirthDate(), 'male', 9_300);
    const badChecksum = valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
    await form.open();

    // Act
    await form.register(registration({ childIin: badChecksum, applicantIin: makeIin('1990-01-20', 'male', 9_400) }));

    // Assess: summary with a link to the field, the inline error, focus on the summary, still on the form
    await form.errorSummary.waitFor();
    expect(await form.errorSummary.locator('a[href="#childIin"]').count()).toBe(1);
    expect(await form.fieldError('childIin').textContent()).toMatch(/IIN/);
    expect(await form.field('childIin').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => form.focused()).toBe('error-summary');
    expect(new URL(form.page.url()).pathname).toBe('/staff/applications/new');
    expect(await form.axe()).toEqual([]);
  });

  it('should pass axe on every staff page and fit a phone', async () => {
    // Prepare
    const session = await world.staff({ language: 'kk', device: 'phone' });
    const [kindergartens, queue, application, register, importPage] = [new KindergartensPage(session), new QueuePage(session), new ApplicationPage(session), new RegisterPage(session), new ImportPage(session)];
    const violations: Record<string, string[]> = {};
    const overflow: Record<string, number> = {};
    const check = async (name: string) => {
      violations[name] = await kindergartens.axe();
      overflow[name] = await kindergartens.overflow();
    };

    // Act: kindergartens, queue, an application from the queue, the form, the import
    await check('kindergartens');
    await kindergartens.navigateTo('queue');
    await queue.rows.first().waitFor();
    await check('queue');
    await queue.rowLinks.first().click();
    await application.root.waitFor();
    await application.referralKindergarten.waitFor();
    await check('application');
    await application.navigateTo('register');
    await register.form.waitFor();
    await check('register');
    await register.navigateTo('import');
    await importPage.form.waitFor();
    await check('import');

    // Assess
    expect(violations).toEqual({ kindergartens: [], queue: [], application: [], register: [], import: [] });
    expect(Object.values(overflow).every((pixels) => pixels <= 0)).toBe(true);
    expect(await session.page.getAttribute('html', 'lang')).toBe('kk');
  });
});

describe('the CSV import in the browser', () => {
  it('should import a queue file in slices with a progress bar and list every bad row of a rejected file', async () => {
    // Prepare: 1,200 valid rows (three slices of 500) and a copy with two broken IINs
    const { queueCsv } = await import('../support/csv.ts');
    const kindergartenIds = world.runtime.seed!.data.kindergartens.filter((k) => k.languages.includes('ru')).map((k) => k.kindergartenId);
    const birthYear = Number(kazakhstanDate(world.runtime.clock.now()).slice(0, 4)) - 3;
    const good = queueCsv(1_200, { birthYear, kindergartenIds, prefix: 'BR', serialBase: 7000 }).replaceAll('\n', '\r\n');
    const lines = good.split('\r\n');
    lines[5] = lines[5]!.replace(/^([^,]+),(\d{11})(\d)/, (_m, id: string, first: string, check: string) => `${id},${first}${(Number(check) + 1) % 10}`);
    lines[9] = lines[9]!.replace(/^([^,]+),\d{12}/, '$1,12345');
    const bad = lines.join('\r\n');
    const session = await world.staff({ language: 'en' });
    const importPage = new ImportPage(session);
    await importPage.navigateTo('import');
    await importPage.form.waitFor();

    // Act: the bad file first
    await importPage.upload('applications', bad);

    // Assess: nothing imported, both lines named (header is line 1)
    await importPage.rejected.waitFor();
    const problemLines = await importPage.problemLines.allTextContents();
    expect(problemLines).toEqual(['6', '10']);
    expect(await importPage.axe()).toEqual([]);

    // Act: the good file
    const slices: number[] = [];
    session.page.on('request', (request) => {
      if (request.url().endsWith('/api/staff/imports/applications/rows')) slices.push((request.postDataJSON() as { firstLine: number }).firstLine);
    });
    await importPage.upload('applications', good);

    // Assess: the summary, and the imported children in the queue with positions
    await importPage.finished.waitFor({ timeout: 60_000 });
    expect(await importPage.finished.textContent()).toBe('Done: 1,200 rows imported.');
    expect(slices).toEqual([2, 502, 1002]);
    // The page asked for positions; the job that computes them runs next.
    await settle(world.runtime);
    const queue = new QueuePage(session);
    await queue.navigateTo('queue');
    await queue.show({ birthYear: String(birthYear) });
    await queue.next.waitFor();
    expect(await queue.rows.count()).toBe(200);
    expect(await queue.caption.textContent()).toMatch(/\d,\d{3} applications in all|1,2\d\d applications/);
  });
});
