import { describe, expect, it } from 'vitest';
import { browserWorld } from '../support/browser-fixture.ts';
import { CabinetPage } from '../support/pages/cabinet.ts';
import { SitePage } from '../support/pages/site.ts';
import { loginParent, loginStaff, startCampaignNow, type Client } from '../support/runtime.ts';

/*
 * The campaign banner says what is true for whoever reads it: on the home page, above the fold,
 * the end date and time and the way to the cabinet; in the cabinet, no stop-list warning once
 * the parent confirmed, and a plain "nothing to do" when nothing waits for them.
 */

type Parent = { iin: string; phone: string };
type Application = { confirmationNeeded: boolean; history: { action: string }[] };

/** The campaign's end as Astana reads it: `HH:MM`, computed here from UTC + 5 hours. */
let endsAtAstana: string;
let confirmed: Parent;
let nothingToConfirm: Parent;

async function applicationsOf(api: Client): Promise<Application[]> {
  return (await api.request('GET', '/api/cabinet/applications')).body.applications;
}

const world = browserWorld({
  timeout: 180_000,
  prepare: async (runtime) => {
    const startedAt = runtime.clock.now().getTime();
    await startCampaignNow(runtime, await loginStaff(runtime), 30);
    const end = new Date(startedAt + 30 * 86_400_000 + 5 * 3_600_000);
    endsAtAstana = `${String(end.getUTCHours()).padStart(2, '0')}:${String(end.getUTCMinutes()).padStart(2, '0')}`;
    const { demoParents, parents } = runtime.seed!.data;
    for (const candidate of [...demoParents, ...parents]) {
      if (confirmed && nothingToConfirm) break;
      const api = await loginParent(runtime, candidate);
      const applications = await applicationsOf(api);
      if (applications.length === 0) continue;
      if (!confirmed && applications.some((a) => a.confirmationNeeded)) {
        const survey = (await api.request('GET', '/api/cabinet/survey')).body as { definition: { version: string }; kindergartens: { kindergartenId: string }[] };
        const sent = await api.request('POST', '/api/cabinet/survey', {
          body: {
            version: survey.definition.version,
            answers: {
              kindergartens: [survey.kindergartens[0]!.kindergartenId],
              ownership: { choice: 'any', reasons: [] },
              language: { choice: 'kk' },
              fee: { choice: 'up-to-30000' },
              activities: { options: [] },
              digital: { options: [] },
            },
          },
        });
        expect(sent.status).toBe(200);
        confirmed = candidate;
      } else if (!nothingToConfirm && applications.every((a) => !a.confirmationNeeded && a.history.every((e) => e.action !== 'confirm'))) {
        nothingToConfirm = candidate;
      }
    }
    expect(confirmed).toBeDefined();
    expect(nothingToConfirm).toBeDefined();
  },
});

const texts = {
  kk: { stopList: /стоп-парақ/i, nothing: 'Бұл науқанда өтініштеріңізді растаудың қажеті жоқ.', confirmed: 'Сіз орынға қажеттілікті растадыңыз' },
  ru: { stopList: /стоп-лист/i, nothing: 'Вашим заявлениям подтверждение в этой кампании не нужно.', confirmed: 'Вы подтвердили потребность в месте' },
} as const;

describe('the campaign banner', () => {
  for (const language of ['kk', 'ru'] as const) {
    it(`should show the end date and time and a link to the cabinet above the fold of a phone's home page (${language})`, async () => {
      // Prepare
      const site = new SitePage(await world.visitor({ language, device: 'phone' }));
      await site.open('/');
      await site.qa(`lang-${language}`).click();

      // Act
      const banner = site.banner;
      await banner.waitFor();

      // Assess: the whole banner within the first 740 px, with the time, a cabinet link and single full stops
      const box = (await banner.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(740);
      expect(await banner.locator('[data-qa="campaign-banner-ends"]').textContent()).toContain(endsAtAstana);
      expect(await banner.locator('[data-qa="campaign-cabinet-link"]').getAttribute('href')).toBe('/cabinet');
      expect(await banner.textContent()).not.toContain('..');
      expect(await banner.textContent()).toMatch(texts[language].stopList);
      expect(await site.axe()).toEqual([]);
    });

    it(`should not warn about the stop-list once the parent has confirmed (${language})`, async () => {
      // Prepare

      // Act
      const cabinet = new CabinetPage(await world.parent(confirmed, { language, chooseLanguage: true, device: 'phone' }));
      const banner = cabinet.banner;
      await banner.waitFor();

      // Assess
      expect(await banner.getAttribute('data-standing')).toBe('confirmed');
      expect(await banner.textContent()).toContain(texts[language].confirmed);
      expect(await banner.textContent()).not.toMatch(texts[language].stopList);
      expect(await banner.textContent()).not.toContain('..');
      expect(await cabinet.axe()).toEqual([]);
    });

    it(`should tell a parent with nothing to confirm that nothing is needed (${language})`, async () => {
      // Prepare

      // Act
      const cabinet = new CabinetPage(await world.parent(nothingToConfirm, { language, chooseLanguage: true, device: 'phone' }));
      const banner = cabinet.banner;
      await banner.waitFor();

      // Assess
      expect(await banner.getAttribute('data-standing')).toBe('nothing');
      expect(await banner.locator('[data-qa="campaign-banner-text"]').textContent()).toContain(texts[language].nothing);
      expect(await banner.textContent()).not.toMatch(texts[language].stopList);
      expect(await cabinet.surveyLink.count()).toBe(0);
      expect(await cabinet.axe()).toEqual([]);
    });
  }
});
