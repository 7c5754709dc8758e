import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, launchChromium, parentLogsIn } from '../support/browser.ts';
import { loginParent, startTestRuntime } from '../support/runtime.ts';

/*
 * The cabinet's cards say what a date means today and what to do next: a referral names where
 * to go, by when and what happens otherwise; a stopped card does not show its old validity as if
 * it held; a lapsed validity is explained; a restore shows the new place without a reload.
 */

type Parent = { iin: string; phone: string };
type Card = { applicationId: string; status: string; actions: string[]; referral?: { kindergarten: { kindergartenId: string } } };

let runtime: LocalRuntime;
let browser: Browser;
let referred: { parent: Parent; application: Card };
let queued: { parent: Parent; application: Card };

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
  const { demoParents, parents } = runtime.seed!.data;
  for (const parent of [...demoParents, ...parents]) {
    if (referred && queued) break;
    const applications = (await (await loginParent(runtime, parent)).request('GET', '/api/cabinet/applications')).body.applications as Card[];
    const referral = applications.find((a) => a.status === 'referred');
    const waiting = applications.find((a) => a.status === 'queued');
    if (!referred && referral) referred = { parent, application: referral };
    else if (!queued && waiting) queued = { parent, application: waiting };
  }
  expect(referred && queued).toBeTruthy();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

function phone(language: 'kk' | 'ru'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 740 }, locale: language === 'kk' ? 'kk-KZ' : 'ru-RU', isMobile: true, hasTouch: true });
}

async function cabinetOf(page: Page, language: 'kk' | 'ru', parent: Parent): Promise<void> {
  await page.goto(`${runtime.url}/login`);
  await page.locator(`[data-qa="lang-${language}"]`).click();
  await parentLogsIn(page, runtime, parent);
}

/** A parent whose application is in the stop-list for cleanup right now (each test restores one). */
async function aRestorableApplication(): Promise<{ parent: Parent; application: Card }> {
  const { demoParents, parents } = runtime.seed!.data;
  for (const parent of [...demoParents, ...parents]) {
    const applications = (await (await loginParent(runtime, parent)).request('GET', '/api/cabinet/applications')).body.applications as Card[];
    const stopped = applications.find((a) => a.status === 'stopped' && a.actions.includes('restore'));
    if (stopped) return { parent, application: stopped };
  }
  throw new Error('no restorable application left in the seed');
}

const card = (page: Page, application: Card) => page.locator(`[data-qa="application"][data-application-id="${application.applicationId}"]`);

const texts = {
  kk: { ifNot: '10 жұмыс күніне стоп-параққа түседі', stopped: 'Өтініш стоп-парақта тұрғанда жарамсыз', lapsed: 'Мерзімі өтті:' },
  ru: { ifNot: 'на 10 рабочих дней попадёт в стоп-лист', stopped: 'Не действует, пока заявление в стоп-листе', lapsed: 'Истёк' },
} as const;

describe('the cabinet’s guidance on a phone', () => {
  for (const language of ['kk', 'ru'] as const) {
    it(`should tell a parent with a referral where to go, by when and what happens otherwise (${language})`, async () => {
      // Prepare
      const kindergarten = runtime.seed!.data.kindergartens.find((k) => k.kindergartenId === referred.application.referral!.kindergarten.kindergartenId)!;
      const context = await phone(language);
      const page = await context.newPage();

      // Act
      await cabinetOf(page, language, referred.parent);
      const guidance = card(page, referred.application).locator('[data-qa="referral-guidance"]');
      await guidance.waitFor();

      // Assess
      expect(await guidance.locator('[data-qa="referral-address"]').textContent()).toContain(kindergarten.address);
      expect(await guidance.locator('[data-qa="referral-if-not"]').textContent()).toContain(texts[language].ifNot);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });

    it(`should not show a stopped application's old validity as current, and show the place after a restore without a reload (${language})`, async () => {
      // Prepare
      const { parent, application } = await aRestorableApplication();
      const context = await phone(language);
      const page = await context.newPage();
      await cabinetOf(page, language, parent);
      const stoppedCard = card(page, application);
      const validity = stoppedCard.locator('[data-qa="application-valid-until"]');

      // Assess: no date offered as the validity of a stopped application
      expect(await validity.getAttribute('data-state')).toBe('stopped');
      expect(await validity.textContent()).toBe(texts[language].stopped);
      expect(await axeViolations(page)).toEqual([]);

      // Act: restore, and let the position job run
      await stoppedCard.locator('[data-qa="restore"]').click();
      await stoppedCard.locator('[data-qa="application-status"][data-status="queued"]').waitFor();
      await runtime.pollSchedules();

      // Assess: the place appears on its own
      await stoppedCard.locator('[data-qa="application-position"]').waitFor({ timeout: 20_000 });
      expect(Number(await stoppedCard.locator('[data-qa="application-position"]').getAttribute('data-position'))).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });

    it(`should explain a validity date that has passed (${language})`, async () => {
      // Prepare: the phone's clock two years on, so the queued application's validity has lapsed
      const context = await phone(language);
      const page = await context.newPage();
      await page.clock.setFixedTime(new Date(Date.now() + 2 * 366 * 86_400_000));

      // Act
      await cabinetOf(page, language, queued.parent);
      const validity = card(page, queued.application).locator('[data-qa="application-valid-until"]');

      // Assess
      expect(await validity.getAttribute('data-state')).toBe('lapsed');
      expect(await validity.textContent()).toContain(texts[language].lapsed);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
