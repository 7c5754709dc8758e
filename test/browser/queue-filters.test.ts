import { describe, expect, it } from 'vitest';
import type { Application, ApplicationStatus } from '#domain/application';
import { browserWorld, type Language } from '../support/browser-fixture.ts';
import { QueuePage } from '../support/pages/queue.ts';

// Enough applications for a filtered queue of more than one 200-row page.
const world = browserWorld({ applications: 3000 });

const applications = () => world.runtime.seed!.data.applications;
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

/** Staff on a phone, on the queue from the console's navigation. */
async function staffOnPhone(language: Language): Promise<QueuePage> {
  const queue = new QueuePage(await world.staff({ language, device: 'phone' }));
  await queue.navigateTo('queue');
  await queue.rows.first().waitFor();
  return queue;
}

describe('the queue browser with filters', () => {
  it('should show one cohort’s stopped applications of one priority in Russian on a phone, by keyboard, with the count announced', async () => {
    // Prepare: the cohort with most stopped applications and their most common priority
    const stopped = applications().filter((a) => a.status === 'stopped');
    const birthYear = mostCommon(stopped.map(birthYearOf));
    const priority = mostCommon(seeded('stopped', birthYear).map((a) => a.priority));
    const expected = seeded('stopped', birthYear, { priority });
    const queue = await staffOnPhone('ru');
    const page = queue.page;

    // Act: choose in the form, send it with the keyboard
    await queue.filter('status').selectOption('stopped');
    await queue.filter('birth-year').selectOption(String(birthYear));
    await queue.filter('priority').selectOption(priority);
    await queue.showButton.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-qa="queue-row"][data-status="stopped"]').first().waitFor();

    // Assess: exactly the recount, each row saying its status and priority in Russian, IINs masked
    expect((await queue.shownIds()).sort()).toEqual(expected.map((a) => a.applicationId).sort());
    expect(await queue.qa('queue-row-priority').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-priority')))).toEqual(expected.map(() => priority));
    const statuses = await queue.qa('queue-row-status').allTextContents();
    expect(statuses.every((text) => text.includes('В стоп-листе'))).toBe(true);
    expect(await queue.table.textContent()).not.toMatch(/\d{12}/);
    expect(await queue.liveStatus.textContent()).toBe(`Найдено заявлений: ${expected.length}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-results');
    expect(new URL(page.url()).searchParams.get('status')).toBe('stopped');
    expect(new URL(page.url()).searchParams.get('priority')).toBe(priority);
    expect(await queue.axe()).toEqual([]);
    expect(await queue.overflow()).toBeLessThanOrEqual(0);
  });

  it('should narrow a cohort’s queue to one kindergarten, page through its general queue, and return with the back button', async () => {
    // Prepare: the largest cohort, its most chosen kindergarten, and its general queue (more than one page)
    const queued = applications().filter((a) => a.status === 'queued');
    const birthYear = mostCommon(queued.map(birthYearOf));
    const kindergartenId = mostCommon(seeded('queued', birthYear).flatMap((a) => a.preferredKindergartenIds));
    const inKindergarten = seeded('queued', birthYear, { kindergartenId });
    const general = seeded('queued', birthYear, { priority: 'none' });
    const name = world.runtime.seed!.data.kindergartens.find((k) => k.kindergartenId === kindergartenId)!.name.kk;
    const queue = await staffOnPhone('kk');
    const page = queue.page;
    const shownIds = () => queue.shownIds();

    // Act: one kindergarten
    await queue.filter('birth-year').selectOption(String(birthYear));
    await queue.filter('kindergarten').selectOption({ label: name });
    await queue.showButton.click();
    await expect.poll(() => queue.liveStatus.textContent()).toBe(`Табылған өтініштер: ${inKindergarten.length}`);

    // Assess: exactly the recount, in Kazakh
    expect((await shownIds()).sort()).toEqual(inKindergarten.map((a) => a.applicationId).sort());
    expect(new URL(page.url()).searchParams.get('kindergartenId')).toBe(kindergartenId);

    // Act: the general queue of the cohort, its next page by keyboard
    await queue.show({ kindergarten: '', priority: 'none' });
    await queue.next.waitFor();
    const pages = [await shownIds()];
    while ((await queue.next.count()) > 0 && pages.length < 10) {
      await queue.next.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => queue.rows.first().getAttribute('data-application-id')).not.toBe(pages[pages.length - 1]![0]);
      pages.push(await shownIds());
    }

    // Assess: pages that together are the recount, in position order, focus on the results
    expect(general.length).toBeGreaterThan(200);
    expect(pages[0]).toHaveLength(200);
    expect(pages.flat().sort()).toEqual(general.map((a) => a.applicationId).sort());
    await queue.first.waitFor();
    const positions = await queue.rows.evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-position'))));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-results');
    expect(new URL(page.url()).searchParams.get('after')).toMatch(/^\d+$/);
    expect(await queue.axe()).toEqual([]);
    expect(await queue.overflow()).toBeLessThanOrEqual(0);

    // Act: back through the pages to the kindergarten's list
    for (const earlier of pages.slice(0, -1).reverse()) {
      await page.goBack();
      await expect.poll(() => queue.rows.first().getAttribute('data-application-id')).toBe(earlier[0]);
    }
    await page.goBack();

    // Assess: the kindergarten's list again, the form following the URL
    await expect.poll(async () => (await shownIds()).length).toBe(inKindergarten.length);
    expect(await queue.filter('kindergarten').inputValue()).toBe(kindergartenId);
    expect(await queue.filter('priority').inputValue()).toBe('');
  });
});
