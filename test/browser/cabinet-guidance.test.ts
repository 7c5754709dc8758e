import { describe, expect, it } from 'vitest';
import { browserWorld } from '../support/browser-fixture.ts';
import { CabinetPage } from '../support/pages/cabinet.ts';
import { loginParent } from '../support/runtime.ts';

/*
 * The cabinet's cards say what a date means today and what to do next: a referral names where
 * to go, by when and what happens otherwise; a stopped card does not show its old validity as if
 * it held; a lapsed validity is explained; a restore shows the new place without a reload.
 */

type Parent = { iin: string; phone: string };
type Card = { applicationId: string; status: string; actions: string[]; referral?: { kindergarten: { kindergartenId: string } } };

let referred: { parent: Parent; application: Card };
let queued: { parent: Parent; application: Card };

const world = browserWorld({
  timeout: 180_000,
  prepare: async (runtime) => {
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
  },
});

/** A parent whose application is in the stop-list for cleanup right now (each test restores one). */
async function aRestorableApplication(): Promise<{ parent: Parent; application: Card }> {
  const { demoParents, parents } = world.runtime.seed!.data;
  for (const parent of [...demoParents, ...parents]) {
    const applications = (await (await loginParent(world.runtime, parent)).request('GET', '/api/cabinet/applications')).body.applications as Card[];
    const stopped = applications.find((a) => a.status === 'stopped' && a.actions.includes('restore'));
    if (stopped) return { parent, application: stopped };
  }
  throw new Error('no restorable application left in the seed');
}

const texts = {
  kk: { ifNot: '10 жұмыс күніне стоп-параққа түседі', stopped: 'Өтініш стоп-парақта тұрғанда жарамсыз', lapsed: 'Мерзімі өтті:' },
  ru: { ifNot: 'на 10 рабочих дней попадёт в стоп-лист', stopped: 'Не действует, пока заявление в стоп-листе', lapsed: 'Истёк' },
} as const;

describe('the cabinet’s guidance on a phone', () => {
  for (const language of ['kk', 'ru'] as const) {
    it(`should tell a parent with a referral where to go, by when and what happens otherwise (${language})`, async () => {
      // Prepare
      const kindergarten = world.runtime.seed!.data.kindergartens.find((k) => k.kindergartenId === referred.application.referral!.kindergarten.kindergartenId)!;

      // Act
      const cabinet = new CabinetPage(await world.parent(referred.parent, { language, chooseLanguage: true, device: 'phone' }));
      const guidance = cabinet.card(referred.application.applicationId).referralGuidance;
      await guidance.waitFor();

      // Assess
      expect(await guidance.locator('[data-qa="referral-address"]').textContent()).toContain(kindergarten.address);
      expect(await guidance.locator('[data-qa="referral-if-not"]').textContent()).toContain(texts[language].ifNot);
      expect(await cabinet.axe()).toEqual([]);
    });

    it(`should not show a stopped application's old validity as current, and show the place after a restore without a reload (${language})`, async () => {
      // Prepare
      const { parent, application } = await aRestorableApplication();
      const cabinet = new CabinetPage(await world.parent(parent, { language, chooseLanguage: true, device: 'phone' }));
      const stoppedCard = cabinet.card(application.applicationId);
      const validity = stoppedCard.validUntil;

      // Assess: no date offered as the validity of a stopped application
      expect(await validity.getAttribute('data-state')).toBe('stopped');
      expect(await validity.textContent()).toBe(texts[language].stopped);
      expect(await cabinet.axe()).toEqual([]);

      // Act: restore, and let the position job run
      await stoppedCard.restore.click();
      await stoppedCard.statusIs('queued').waitFor();
      await world.runtime.pollSchedules();

      // Assess: the place appears on its own
      await stoppedCard.position.waitFor({ timeout: 20_000 });
      expect(Number(await stoppedCard.position.getAttribute('data-position'))).toBeGreaterThan(0);
      expect(await cabinet.axe()).toEqual([]);
    });

    it(`should explain a validity date that has passed (${language})`, async () => {
      // Prepare: the phone's clock two years on, so the queued application's validity has lapsed
      const cabinet = new CabinetPage(await world.visitor({ language, device: 'phone' }));
      await cabinet.page.clock.setFixedTime(new Date(Date.now() + 2 * 366 * 86_400_000));

      // Act
      await cabinet.logIn(queued.parent, language);
      const validity = cabinet.card(queued.application.applicationId).validUntil;

      // Assess
      expect(await validity.getAttribute('data-state')).toBe('lapsed');
      expect(await validity.textContent()).toContain(texts[language].lapsed);
      expect(await cabinet.axe()).toEqual([]);
    });
  }
});
