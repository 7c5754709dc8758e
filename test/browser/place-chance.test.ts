import { describe, expect, it } from 'vitest';
import { makeIin } from '#domain/iin';
import { browserWorld } from '../support/browser-fixture.ts';
import { CabinetPage } from '../support/pages/cabinet.ts';
import { loginParent, loginStaff, settle } from '../support/runtime.ts';

/*
 * Issue 16 item 6 on a phone: the cabinet says, for each chosen kindergarten, the chance of a
 * place in a word, what it rests on (the child's place among those who chose the kindergarten,
 * the places of the age group there) and how sure it is.
 */

let year: number;
let last: string;
let first: string;
const parent = { iin: makeIin('1989-05-05', 'female', 4343), phone: '+77015550198' };
const kindergartenId = 'chance-phone';

const world = browserWorld({
  timeout: 180_000,
  prepare: async (runtime) => {
    const staff = await loginStaff(runtime);
    // 2 places in every group, none taken; 7 children of one cohort chose it.
    const created = await staff.request('POST', '/api/staff/kindergartens', {
      body: {
        kindergartenId,
        name: { kk: '«Бөбек» балабақшасы', ru: 'Детский сад «Бөбек»', en: '' },
        ownership: 'state',
        languages: ['kk', 'ru'],
        district: runtime.seed!.data.tenant.districts[0]!.id,
        address: 'ул. Мира, 14',
        location: { lat: 50.06, lon: 72.96 },
        capacity: { nursery: 2, junior: 2, middle: 2, senior: 2, preschool: 2 },
      },
    });
    expect(created.status).toBe(201);
    year = runtime.clock.now().getUTCFullYear() - 3;
    for (let i = 1; i <= 7; i++) {
      const registered = await staff.request('POST', '/api/staff/applications', {
        body: {
          childIin: makeIin(`${year}-0${i}-2${i}`, i % 2 ? 'male' : 'female', 700 + i),
          childName: `Бала ${i}`,
          applicantIin: parent.iin,
          applicantPhone: parent.phone,
          applicantName: 'Ана Тест',
          priority: 'none',
          kindergartenIds: [kindergartenId],
          language: 'kk',
        },
      });
      expect(registered.status).toBe(201);
    }
    await settle(runtime);
    const cards = (await (await loginParent(runtime, parent)).request('GET', '/api/cabinet/applications')).body.applications as { applicationId: string; placeChances: { rank: number }[] }[];
    last = cards.find((a) => a.placeChances[0]!.rank === 7)!.applicationId;
    first = cards.find((a) => a.placeChances[0]!.rank === 1)!.applicationId;
  },
});

const texts = {
  kk: {
    last: () =>
      `Орын алу мүмкіндігі: төмен. Осы балабақшаны таңдаған ${year} жылы туған 7 баланың ішінде балаңыз 7-орында. Мұнда оның жас тобына 2 орын бар: қазір 2 орын бос, 1 қыркүйекке дейін тағы 0 орын босайды деп күтілуде. Бұл бағалау біршама сенімді.`,
    first: 'Орын алу мүмкіндігі: жоғары.',
    caveat: 'Жеңілдігі бар балалар алға шығуы мүмкін',
  },
  ru: {
    last: () =>
      `Шанс получить место: низкий. Ваш ребёнок — 7-й из 7 детей ${year} года рождения, выбравших этот сад. Для его возрастной группы здесь 2 места: свободно сейчас — 2, освободится к 1 сентября — 0. Оценка довольно надёжная.`,
    first: 'Шанс получить место: высокий.',
    caveat: 'Дети с льготами могут оказаться впереди',
  },
} as const;

describe('the chance of a place in the cabinet on a phone', () => {
  for (const language of ['kk', 'ru'] as const) {
    it(`should say in plain words that a child far down the queue has a low chance, and why (${language})`, async () => {
      // Prepare

      // Act
      const cabinet = new CabinetPage(await world.parent(parent, { language, chooseLanguage: true, device: 'phone' }));
      const lastChance = cabinet.card(last).placeChance;
      const firstChance = cabinet.card(first).placeChance;
      await lastChance.waitFor();

      // Assess
      expect((await lastChance.textContent())!.replace(/\s+/g, ' ').trim()).toBe(texts[language].last());
      expect(await lastChance.getAttribute('data-chance')).toBe('low');
      expect((await firstChance.textContent())!).toContain(texts[language].first);
      expect(await cabinet.card(last).placeChances.textContent()).toContain(texts[language].caveat);
      expect(await cabinet.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await cabinet.axe()).toEqual([]);
    });
  }

  it('should not move while it loads: the layout shift of the cabinet stays within 0.1 (issue 16 item 8)', async () => {
    // Prepare: a session cookie, and every layout shift recorded from the first paint
    const { context, page } = await world.visitor({ language: 'ru', device: 'phone' });
    const api = await loginParent(world.runtime, parent);
    await context.addCookies([...api.cookies].map(([name, value]) => ({ name, value, url: world.runtime.url })));
    const cabinet = new CabinetPage({ page, url: world.runtime.url, runtime: world.runtime });
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { shifts: number[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });

    // Act
    await cabinet.open();
    await cabinet.qa('place-chance').first().waitFor();
    await cabinet.notifications.waitFor();
    await page.waitForTimeout(500);

    // Assess
    const total = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts.reduce((sum, value) => sum + value, 0));
    expect(total).toBeLessThanOrEqual(0.1);
  });
});
