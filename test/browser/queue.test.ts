import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageGroupOn } from '#domain/age';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import type { LocalRuntime } from '../../local/runtime.ts';
import { launchChromium, parentLogsIn, staffLogsIn } from '../support/browser.ts';
import { loginStaff, settle, startTestRuntime, type Client } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;
let staffApi: Client;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
  staffApi = await loginStaff(runtime);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});



/** A demo parent's queued application with a general-queue application ahead of it in its cohort. */
async function applicationWithOneAhead() {
  const parent = runtime.seed!.data.demoParents[0]!;
  const own = runtime.seed!.data.applications.filter((a) => a.applicantIin === parent.iin && a.status === 'queued');
  for (const application of own) {
    const { body } = await staffApi.request('GET', `/api/staff/applications/${application.applicationId}`);
    const position: number | undefined = body.application.position;
    if (position === undefined || position < 2) continue;
    const queue = await staffApi.request('GET', `/api/staff/queue?birthYear=${application.birthDate.slice(0, 4)}`);
    const ahead = (queue.body.entries as { applicationId: string; position?: number; priority: string; birthDate: string }[]).find(
      (entry) => entry.position !== undefined && entry.position < position && entry.priority === 'none' && !own.some((a) => a.applicationId === entry.applicationId),
    );
    if (ahead) return { parent, application, position, ahead };
  }
  throw new Error('no demo application with a general application ahead');
}

describe('queue positions in the browser', () => {
  it('should show the parent why their position moved after staff issued a referral ahead', async () => {
    // Prepare: the application ahead, and a kindergarten with a free place in its child's age group
    const { parent, application, position, ahead } = await applicationWithOneAhead();
    const group = ageGroupOn(ahead.birthDate, kazakhstanDate(runtime.clock.now()));
    const kindergartens = (await staffApi.request('GET', '/api/staff/kindergartens')).body.kindergartens as {
      kindergartenId: string;
      capacity: Record<string, number>;
      occupancy?: Record<string, number>;
    }[];
    const withPlace = kindergartens.find((k) => (k.capacity[group] ?? 0) - (k.occupancy?.[group] ?? 0) > 0)!;
    const staffContext = await browser.newContext({ locale: 'ru-RU' });
    const staffPage = await staffContext.newPage();
    await staffLogsIn(staffPage, runtime);

    // Act: staff issue the referral on the application's page
    await staffPage.goto(`${runtime.url}/staff/applications/${ahead.applicationId}`);
    await staffPage.locator('[data-qa="referral-kindergarten"]').selectOption(withPlace.kindergartenId);
    await staffPage.locator('[data-qa="issue-referral"]').click();
    await staffPage.locator('[data-qa="application-status"][data-status="referred"]').waitFor();
    await staffContext.close();
    // The positions job runs soon after the change; let it finish before the parent looks.
    await settle(runtime);

    const parentContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
    const page = await parentContext.newPage();
    await parentLogsIn(page, runtime, parent);

    // Assess: the card shows a better position and explains the move
    const card = page.locator(`[data-qa="application"][data-application-id="${application.applicationId}"]`);
    const newPosition = Number(await card.locator('[data-qa="application-position"]').getAttribute('data-position'));
    expect(newPosition).toBeLessThan(position);
    const latest = await card.locator('[data-qa="position-change"]').first().textContent();
    expect(latest).toContain(`Moved from ${position} to ${newPosition}`);
    expect(latest).toMatch(/1 application ahead received a referral/);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    await parentContext.close();
  });

  it('should let a parent restore an application stopped by the campaign and show its position', async () => {
    // Prepare
    const parent = runtime.seed!.data.demoParents[2]!;
    const stopped = runtime.seed!.data.applications.find((a) => a.applicantIin === parent.iin && a.status === 'stopped' && a.stopReason === 'cleanup')!;
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await parentLogsIn(page, runtime, parent);
    const card = page.locator(`[data-qa="application"][data-application-id="${stopped.applicationId}"]`);

    // Act
    await card.locator('[data-qa="restore"]').click();

    // Assess: queued, the restore in the history, focus on the card, the position on its way
    await card.locator('[data-qa="application-status"][data-status="queued"]').waitFor();
    expect(await card.locator('[data-qa="restore"]').count()).toBe(0);
    expect(await card.locator('[data-qa="history-event"][data-action="restore_cleanup"]').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('application-child');
    // Assess: once the positions job has run, the reloaded cabinet shows its place in the cohort
    await settle(runtime);
    await page.reload();
    expect(await card.locator('[data-qa="application-position"]').textContent()).toContain(`среди детей ${stopped.birthDate.slice(0, 4)} года рождения`);
    await context.close();
  });

  it('should ask before a parent withdraws an application, keep it on cancel and withdraw it on confirm', async () => {
    // Prepare
    const parent = runtime.seed!.data.demoParents[1]!;
    const context = await browser.newContext({ locale: 'kk-KZ' });
    const page = await context.newPage();
    await parentLogsIn(page, runtime, parent);
    const card = page.locator('[data-qa="application"]').first();

    // Act
    await card.locator('[data-qa="withdraw"]').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Өтінішті шынымен кері қайтарып аласыз ба?');
    await card.locator('[data-qa="withdraw-cancel"]').click();

    // Assess: focus is back on the button and nothing changed
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('withdraw');
    expect(await card.locator('[data-qa="application-status"]').getAttribute('data-status')).toBe('queued');

    // Act: now confirm
    await card.locator('[data-qa="withdraw"]').click();
    await card.locator('[data-qa="withdraw-confirm"]').click();

    // Assess: withdrawn, no more actions
    await card.locator('[data-qa="application-status"][data-status="withdrawn"]').waitFor();
    expect(await card.locator('[data-qa="withdraw"], [data-qa="restore"]').count()).toBe(0);
    await context.close();
  });
});
