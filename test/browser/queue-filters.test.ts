import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, ApplicationStatus } from '#domain/application';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, launchChromium, staffLogsIn } from '../support/browser.ts';
import { startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  // Enough applications for a filtered queue of more than one 200-row page.
  [runtime, browser] = await Promise.all([startTestRuntime(3000), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const applications = () => runtime.seed!.data.applications;
const birthYearOf = (application: Application) => Number(application.birthDate.slice(0, 4));

/** The recount from the seeded data: what the list must hold. */
function seeded(status: ApplicationStatus, birthYear: number, filter: { priority?: string; kindergartenId?: string } = {}): Application[] {
  return applications().filter(
    (a) =>
      a.status === status &&
      birthYearOf(a) === birthYear &&
      (filter.priority === undefined || a.priority === filter.priority) &&
      (filter.kindergartenId === undefined || a.preferredKindergartenIds.includes(filter.kindergartenId)),
  );
}

/** The value that occurs most often. */
const mostCommon = <T,>(values: readonly T[]): T => [...values].sort((a, b) => values.filter((v) => v === b).length - values.filter((v) => v === a).length)[0]!;

async function staffOnPhone(locale: string) {
  const context = await browser.newContext({ locale, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await staffLogsIn(page, runtime);
  await page.locator('[data-qa="nav-queue"]').click();
  await page.locator('[data-qa="queue-row"]').first().waitFor();
  return { context, page };
}

const overflow = (page: import('playwright-core').Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the queue browser with filters', () => {
  it('should show one cohort’s stopped applications of one priority in Russian on a phone, by keyboard, with the count announced', async () => {
    // Prepare: the cohort with most stopped applications and their most common priority
    const stopped = applications().filter((a) => a.status === 'stopped');
    const birthYear = mostCommon(stopped.map(birthYearOf));
    const priority = mostCommon(seeded('stopped', birthYear).map((a) => a.priority));
    const expected = seeded('stopped', birthYear, { priority });
    const { context, page } = await staffOnPhone('ru-RU');

    // Act: choose in the form, send it with the keyboard
    await page.locator('[data-qa="queue-status"]').selectOption('stopped');
    await page.locator('[data-qa="queue-birth-year"]').selectOption(String(birthYear));
    await page.locator('[data-qa="queue-priority"]').selectOption(priority);
    await page.locator('[data-qa="queue-show"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-qa="queue-row"][data-status="stopped"]').first().waitFor();

    // Assess: exactly the recount, each row saying its status and priority in Russian, IINs masked
    const rows = page.locator('[data-qa="queue-row"]');
    expect((await rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-application-id')))).sort()).toEqual(expected.map((a) => a.applicationId).sort());
    expect(await page.locator('[data-qa="queue-row-priority"]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-priority')))).toEqual(expected.map(() => priority));
    const statuses = await page.locator('[data-qa="queue-row-status"]').allTextContents();
    expect(statuses.every((text) => text.includes('В стоп-листе'))).toBe(true);
    expect(await page.locator('[data-qa="queue"]').textContent()).not.toMatch(/\d{12}/);
    expect(await page.locator('[data-qa="live-status"]').textContent()).toBe(`Найдено заявлений: ${expected.length}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-results');
    expect(new URL(page.url()).searchParams.get('status')).toBe('stopped');
    expect(new URL(page.url()).searchParams.get('priority')).toBe(priority);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('should narrow a cohort’s queue to one kindergarten, page through its general queue, and return with the back button', async () => {
    // Prepare: the largest cohort, its most chosen kindergarten, and its general queue (more than one page)
    const queued = applications().filter((a) => a.status === 'queued');
    const birthYear = mostCommon(queued.map(birthYearOf));
    const kindergartenId = mostCommon(seeded('queued', birthYear).flatMap((a) => a.preferredKindergartenIds));
    const inKindergarten = seeded('queued', birthYear, { kindergartenId });
    const general = seeded('queued', birthYear, { priority: 'none' });
    const name = runtime.seed!.data.kindergartens.find((k) => k.kindergartenId === kindergartenId)!.name.kk;
    const { context, page } = await staffOnPhone('kk-KZ');
    const shownIds = () => page.locator('[data-qa="queue-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-application-id')!));

    // Act: one kindergarten
    await page.locator('[data-qa="queue-birth-year"]').selectOption(String(birthYear));
    await page.locator('[data-qa="queue-kindergarten"]').selectOption({ label: name });
    await page.locator('[data-qa="queue-show"]').click();
    await expect.poll(() => page.locator('[data-qa="live-status"]').textContent()).toBe(`Табылған өтініштер: ${inKindergarten.length}`);

    // Assess: exactly the recount, in Kazakh
    expect((await shownIds()).sort()).toEqual(inKindergarten.map((a) => a.applicationId).sort());
    expect(new URL(page.url()).searchParams.get('kindergartenId')).toBe(kindergartenId);

    // Act: the general queue of the cohort, its next page by keyboard
    await page.locator('[data-qa="queue-kindergarten"]').selectOption('');
    await page.locator('[data-qa="queue-priority"]').selectOption('none');
    await page.locator('[data-qa="queue-show"]').click();
    await page.locator('[data-qa="queue-next"]').waitFor();
    const pages = [await shownIds()];
    while ((await page.locator('[data-qa="queue-next"]').count()) > 0 && pages.length < 10) {
      await page.locator('[data-qa="queue-next"]').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('[data-qa="queue-row"]').first().getAttribute('data-application-id')).not.toBe(pages[pages.length - 1]![0]);
      pages.push(await shownIds());
    }

    // Assess: pages that together are the recount, in position order, focus on the results
    expect(general.length).toBeGreaterThan(200);
    expect(pages[0]).toHaveLength(200);
    expect(pages.flat().sort()).toEqual(general.map((a) => a.applicationId).sort());
    await page.locator('[data-qa="queue-first"]').waitFor();
    const positions = await page.locator('[data-qa="queue-row"]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-position'))));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-results');
    expect(new URL(page.url()).searchParams.get('after')).toMatch(/^\d+$/);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // Act: back through the pages to the kindergarten's list
    for (const earlier of pages.slice(0, -1).reverse()) {
      await page.goBack();
      await expect.poll(() => page.locator('[data-qa="queue-row"]').first().getAttribute('data-application-id')).toBe(earlier[0]);
    }
    await page.goBack();

    // Assess: the kindergarten's list again, the form following the URL
    await expect.poll(async () => (await shownIds()).length).toBe(inKindergarten.length);
    expect(await page.locator('[data-qa="queue-kindergarten"]').inputValue()).toBe(kindergartenId);
    expect(await page.locator('[data-qa="queue-priority"]').inputValue()).toBe('');
    await context.close();
  });
});
