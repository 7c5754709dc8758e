import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, launchChromium, staffLogsIn } from '../support/browser.ts';
import { startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(60), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const qa = (page: Page, name: string) => page.locator(`[data-qa="${name}"]`);

describe('the audit trail page', () => {
  it('should show a queue view in the trail, filtered by action, and download it as CSV, in Russian', async () => {
    // Prepare: the staff member opens the queue (an audited read).
    const context = await browser.newContext({ locale: 'ru-RU', acceptDownloads: true });
    const page = await context.newPage();
    await staffLogsIn(page, runtime);
    await qa(page, 'nav-queue').click();
    await qa(page, 'queue-form').waitFor();

    // Act
    await qa(page, 'nav-audit').click();
    await qa(page, 'audit-form').waitFor();
    await qa(page, 'audit-action').fill('queue.view');
    await qa(page, 'audit-show').click();
    await page.waitForURL(/action=queue\.view/);
    await qa(page, 'audit-row').first().waitFor();

    // Assess
    expect(await page.locator('h1').textContent()).toBe('Журнал действий сотрудников');
    const actions = await page.locator('[data-qa="audit-row"] td:nth-child(3)').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((action) => action === 'queue.view')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Act: the CSV of the same filter
    const [download] = await Promise.all([page.waitForEvent('download'), qa(page, 'audit-csv').click()]);

    // Assess
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    await context.close();
  });

  it('should read in Kazakh and pass axe with no events found', async () => {
    // Prepare
    const context = await browser.newContext({ locale: 'kk-KZ' });
    const page = await context.newPage();
    await staffLogsIn(page, runtime);

    // Act
    await page.goto(`${runtime.url}/staff/audit?action=campaign.cancel`);
    await qa(page, 'audit-empty').waitFor();

    // Assess
    expect(await page.locator('h1').textContent()).toBe('Қызметкерлер әрекеттерінің журналы');
    expect(await qa(page, 'audit-empty').textContent()).toBe('Оқиға жоқ.');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
