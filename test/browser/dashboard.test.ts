import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { pendingKey } from '#domain/campaign';
import { demoTenantId } from '../../local/demo-data.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { browserWorld, type Opening } from '../support/browser-fixture.ts';
import { CampaignsPage } from '../support/pages/campaigns.ts';
import { DashboardPage } from '../support/pages/dashboard.ts';
import { loginParent, loginStaff, settle } from '../support/runtime.ts';

let campaignId: string;
let endsAt: number;
/** How many parents send the survey before staff look. */
const parentsAnswering = 20;

interface Question {
  id: string;
  kind: string;
  options?: { id: string }[];
  reasons?: { options: { id: string }[] };
  otherMaxLength?: number;
}

/**
 * First choices: one kindergarten in each of three districts, so most parents want the same few
 * (the load differs, as in a real city) and a district filter takes some answers and not others.
 */
function firstChoices(runtime: LocalRuntime): string[] {
  const byDistrict = new Map<string, string>();
  for (const kindergarten of runtime.seed!.data.kindergartens) if (!byDistrict.has(kindergarten.district)) byDistrict.set(kindergarten.district, kindergarten.kindergartenId);
  return [...byDistrict.values()].slice(0, 3);
}

/** A different, valid answer for each parent, so every question has several options counted. */
function answersFor(index: number, questions: Question[], firsts: string[], kindergartenIds: string[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const others = kindergartenIds.filter((id) => !firsts.includes(id));
  for (const question of questions) {
    const options = (question.options ?? []).map((option) => option.id);
    if (question.kind === 'kindergartens') {
      const first = firsts[index % firsts.length]!;
      const second = others[index % others.length]!;
      answers[question.id] = index % 2 === 0 ? [first] : [first, second];
    } else if (question.kind === 'single') {
      answers[question.id] = {
        choice: options[index % options.length],
        ...(question.reasons && { reasons: question.reasons.options.map((o) => o.id).filter((_, j) => (index + j) % 2 === 0) }),
      };
    } else {
      answers[question.id] = { options: options.filter((_, j) => (index + j) % 3 === 0), ...(question.otherMaxLength && index % 4 === 0 && { other: 'Домбыра, қобыз' }) };
    }
  }
  return answers;
}

/** The stored answers of the campaign, read straight from the Answers table. */
async function storedAnswers(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: world.runtime.tableNames.answers,
        KeyConditionExpression: 'campaignKey = :k',
        ExpressionAttributeValues: { ':k': pendingKey(demoTenantId, campaignId) },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Counts every option of questions 2–6 (and their reasons) in the answers, by our own reading of them. */
function recount(answerItems: Record<string, unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const item of answerItems) {
    for (const [questionId, value] of Object.entries(item.answer as Record<string, unknown>)) {
      if (Array.isArray(value)) continue; // question 1: the kindergartens
      const answer = value as { choice?: string; reasons?: string[]; options?: string[]; other?: string };
      if (answer.choice) add(`option:${questionId}:${answer.choice}`);
      for (const reason of answer.reasons ?? []) add(`reason:${questionId}:${reason}`);
      for (const option of answer.options ?? []) add(`option:${questionId}:${option}`);
      if (answer.other) add(`option:${questionId}:other`);
    }
  }
  return counts;
}

/** What the page's charts show: every non-zero option and reason count. */
async function shownCounts(dashboard: DashboardPage): Promise<Record<string, number>> {
  const rows = await dashboard.page.locator('[data-qa="option-count"], [data-qa="reason-count"]').evaluateAll((elements) =>
    elements.map((element) => ({
      kind: element.getAttribute('data-qa') === 'option-count' ? 'option' : 'reason',
      question: element.getAttribute('data-question'),
      option: element.getAttribute('data-option'),
      count: Number(element.getAttribute('data-count')),
    })),
  );
  return Object.fromEntries(rows.filter((row) => row.count !== 0).map((row) => [`${row.kind}:${row.question}:${row.option}`, row.count]));
}

const world = browserWorld({
  timeout: 180_000,
  prepare: async (runtime) => {
    // A year on, every seeded queued application has lapsed, so the campaign takes in many.
    runtime.clock.advance(365 * 86_400_000);
    await settle(runtime);
    const staff = await loginStaff(runtime);
    const now = runtime.clock.now();
    const created = await staff.request('POST', '/api/staff/campaigns', {
      // Two hours: long enough for the parents, short enough that staff sessions outlive its close.
      body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 2 * 3_600_000).toISOString() },
    });
    campaignId = created.body.campaign.campaignId;
    endsAt = Date.parse(created.body.campaign.endsAt);
    const started = await staff.request('POST', `/api/staff/campaigns/${campaignId}/start`);
    expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
    await settle(runtime);

    // Parents with an application waiting for confirmation send the survey through the API.
    let answered = 0;
    const firsts = firstChoices(runtime);
    expect(firsts).toHaveLength(3);
    for (const parent of runtime.seed!.data.parents) {
      if (answered === parentsAnswering) break;
      const api = await loginParent(runtime, parent);
      const cabinet = await api.request('GET', '/api/cabinet/applications');
      if (!cabinet.body.applications.some((a: { confirmationNeeded: boolean }) => a.confirmationNeeded)) continue;
      const survey = (await api.request('GET', '/api/cabinet/survey')).body as { definition: { version: string; questions: Question[] }; kindergartens: { kindergartenId: string }[] };
      const body = { version: survey.definition.version, answers: answersFor(answered, survey.definition.questions, firsts, survey.kindergartens.map((k) => k.kindergartenId)) };
      const sent = await api.request('POST', '/api/cabinet/survey', { body });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
      answered += 1;
    }
    expect(answered).toBe(parentsAnswering);
  },
});

/** A staff member on the campaign's dashboard, waiting for all its answers. */
async function openDashboard(opening: Opening): Promise<DashboardPage> {
  const dashboard = new DashboardPage(await world.staff(opening));
  await dashboard.open(campaignId);
  await dashboard.shows('');
  return dashboard;
}

describe('the campaign dashboard', () => {
  it('should show the load map with a point per kindergarten, coloured like the table, from the campaigns list', async () => {
    // Prepare
    const session = await world.staff({ language: 'en', timezone: 'Asia/Almaty', device: { width: 1280, height: 900 } });
    const campaigns = new CampaignsPage(session);
    const dashboard = new DashboardPage(session);
    const page = session.page;
    await campaigns.navigateTo('campaigns');

    // Act: staff follow the campaign's link to its dashboard
    await campaigns.row(campaignId).dashboardLink.click();
    await dashboard.shows('');
    await dashboard.mapPoints.first().waitFor();

    // Assess: one point per kindergarten with coordinates, each in the band of its table row
    expect(new URL(page.url()).pathname).toBe(`/staff/campaigns/${campaignId}`);
    const located = world.runtime.seed!.data.kindergartens.filter((k) => k.location && !(k.location.lat === 0 && k.location.lon === 0));
    expect(located.length).toBeGreaterThan(0);
    expect(await dashboard.mapPoints.count()).toBe(located.length);
    const pointBands = await dashboard.mapPoints.evaluateAll((points) => Object.fromEntries(points.map((p) => [p.getAttribute('data-kindergarten-id'), p.getAttribute('data-load-band')])));
    const rowBands = await dashboard.loadRows.evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-kindergarten-id'), r.getAttribute('data-load-band')])));
    expect(pointBands).toEqual(Object.fromEntries(located.map((k) => [k.kindergartenId, rowBands[k.kindergartenId]])));
    expect(new Set(Object.values(pointBands)).size).toBeGreaterThan(0);
    for (const band of Object.values(pointBands)) expect(['low', 'medium', 'high']).toContain(band);
    // No tiles are configured in tests: the map draws on a plain background, districts as outlines
    expect(await dashboard.mapCanvas.getAttribute('data-tiles')).toBe('off');
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    expect(await dashboard.mapDistricts.count()).toBeGreaterThan(0);
    // The map's shapes and district names are not Tab stops: after its zoom buttons comes the filter
    await page.locator('.leaflet-control-zoom-out').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-district');
    // The parents' choices reached the table: one kindergarten each, a second for every other parent
    expect(await dashboard.loadRows.evaluateAll((rows) => rows.reduce((sum, r) => sum + Number(r.getAttribute('data-chosen')), 0))).toBe(
      parentsAnswering + parentsAnswering / 2,
    );
    // The by-day chart holds the same confirmations as the counters
    const confirmed = Number(await dashboard.progress('confirmed').getAttribute('data-value'));
    expect(confirmed).toBeGreaterThan(0);
    expect(await dashboard.dayBars.evaluateAll((bars) => bars.reduce((sum, bar) => sum + Number(bar.getAttribute('data-confirmed')), 0))).toBe(confirmed);
    expect(await dashboard.axe()).toEqual([]);
  });

  it('should sort the load table by a header button and mark the column with aria-sort', async () => {
    // Prepare
    const dashboard = await openDashboard({ language: 'en' });
    const page = dashboard.page;

    // Act
    await dashboard.sort('chosen').click();

    // Assess: the busiest first, and the header says so
    const chosen = await dashboard.loadRows.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-chosen'))));
    expect(chosen).toEqual([...chosen].sort((a, b) => b - a));
    expect(await page.locator('th[aria-sort]').count()).toBe(1);
    expect(await dashboard.sortHeader('chosen').getAttribute('aria-sort')).toBe('descending');

    // Act: again, the other way
    await dashboard.sort('chosen').click();

    // Assess
    expect(await dashboard.sortHeader('chosen').getAttribute('aria-sort')).toBe('ascending');
    const again = await dashboard.loadRows.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-chosen'))));
    expect(again).toEqual([...chosen].sort((a, b) => a - b));
  });

  it('should count each option of questions 2–6 as a recount of the answers table does, unfiltered and for one district', async () => {
    // Prepare
    const answerItems = await storedAnswers();
    expect(answerItems).toHaveLength(parentsAnswering);
    const dashboard = await openDashboard({ language: 'ru' });
    const page = dashboard.page;

    // Assess: all answers
    expect(Number(await dashboard.distributions.getAttribute('data-answers'))).toBe(answerItems.length);
    expect(await dashboard.questionCharts.evaluateAll((charts) => charts.map((c) => c.getAttribute('data-question')))).toEqual(['ownership', 'language', 'fee', 'activities', 'digital']);
    expect(await shownCounts(dashboard)).toEqual(recount(answerItems));

    // Act: filter by the district of the most chosen first kindergarten
    const districtOf = new Map(world.runtime.seed!.data.kindergartens.map((k) => [k.kindergartenId, k.district]));
    const firstDistrict = (item: Record<string, unknown>) => districtOf.get(((item.answer as Record<string, unknown>).kindergartens as string[])[0]!);
    const district = firstDistrict(answerItems[0]!)!;
    await dashboard.filterByDistrict(district);
    await dashboard.shows(`?district=${district}`);

    // Assess: the URL keeps the filter, and the charts equal a recount of that district's answers
    expect(new URL(page.url()).searchParams.get('district')).toBe(district);
    const inDistrict = answerItems.filter((item) => firstDistrict(item) === district);
    expect(inDistrict.length).toBeGreaterThan(0);
    expect(inDistrict.length).toBeLessThan(answerItems.length);
    expect(Number(await dashboard.distributions.getAttribute('data-answers'))).toBe(inDistrict.length);
    expect(await shownCounts(dashboard)).toEqual(recount(inDistrict));
    expect(await dashboard.axe()).toEqual([]);

    // Act: back to all answers with the browser's Back
    await page.goBack();

    // Assess
    await dashboard.shows('');
    expect(await shownCounts(dashboard)).toEqual(recount(answerItems));
  });

  it('should export the anonymised answers as CSV with a progress bar, then a link to one row per answer and no IIN', async () => {
    // Prepare
    const answerItems = await storedAnswers();
    const dashboard = await openDashboard({ language: 'en' });
    const answersExport = dashboard.exportOf('answers');

    // Act
    await answersExport.locator('[data-qa="export-answers"]').click();

    // Assess: the progress bar while it runs, then the link
    await answersExport.locator('[data-qa="export-progress-bar"]').waitFor();
    const link = answersExport.locator('[data-qa="export-download"]');
    await link.waitFor({ timeout: 20_000 });
    const fileName = await link.getAttribute('download');
    expect(fileName).toMatch(/\.csv$/);
    const response = await fetch(new URL((await link.getAttribute('href'))!, world.runtime.url));
    expect(response.status).toBe(200);
    const csv = (await response.text()).replace(/^\uFEFF/, '');
    const lines = csv.split(/\r?\n/).filter((line) => line !== '');
    expect(lines).toHaveLength(answerItems.length + 1);
    expect(csv).not.toMatch(/\b\d{12}\b/);
    for (const item of answerItems) expect(csv).not.toContain(String(item.applicantIin));
    expect(lines[0]!.toLowerCase()).not.toMatch(/iin|иин|жсн|name/);
    expect(await dashboard.axe()).toEqual([]);
  });

  for (const [language, locale, width] of [
    ['kk', 'kk-KZ', 1280],
    ['kk', 'kk-KZ', 768],
    ['ru', 'ru-RU', 1280],
    ['ru', 'ru-RU', 768],
  ] as const) {
    it(`should show the load map first and large in ${language} at ${width} px, named districts, legend colours equal to the fills, shares, the load defined, no sideways scrolling`, async () => {
      // Prepare
      const dashboard = new DashboardPage(await world.staff({ language, device: { width, height: width === 768 ? 1024 : 900 } }));
      const page = dashboard.page;

      // Act
      await dashboard.open(campaignId);
      await dashboard.shows('');
      await dashboard.mapPoints.first().waitFor();

      // Assess: the map is the first thing the dashboard shows, above every other figure and table
      expect(await page.locator('[data-qa="dashboard"] > section').first().getAttribute('data-qa')).toBe('load');
      const map = (await dashboard.mapCanvas.boundingBox())!;
      for (const other of ['dashboard-filters', 'load-table', 'dashboard-progress', 'by-day', 'distributions', 'exports']) {
        const box = (await page.locator(`[data-qa="${other}"]`).first().boundingBox())!;
        expect(box.y, other).toBeGreaterThan(map.y + map.height);
      }
      // As wide as the page's content; on a 1280 px desktop that is most of the screen
      const content = await page.locator('main').evaluate((main) => main.clientWidth - parseFloat(getComputedStyle(main).paddingLeft) - parseFloat(getComputedStyle(main).paddingRight));
      expect(map.width).toBeGreaterThanOrEqual(content - 2);
      if (width === 1280) expect(map.width).toBeGreaterThan(0.7 * 1280);
      expect(map.height).toBeGreaterThanOrEqual(350);
      // Every district's name is written on the map
      const labels = await page.locator('[data-qa="map-district-label"]').allTextContents();
      for (const district of world.runtime.seed!.data.tenant.districts) expect(labels.some((label) => label.includes(district.name[language])), district.id).toBe(true);
      // The legend's colours are the fills drawn: points, district areas, and the table's marks
      const bandColours = { low: 'rgb(0, 112, 60)', medium: 'rgb(255, 221, 0)', high: 'rgb(179, 38, 30)' };
      const legendPoints = await page.locator('[data-qa="legend-point"]').evaluateAll((dots) => Object.fromEntries(dots.map((dot) => [dot.getAttribute('data-load-band'), getComputedStyle(dot).backgroundColor])));
      expect(legendPoints).toEqual(bandColours);
      const legendAreas = await page.locator('[data-qa="legend-area"]').evaluateAll((areas) => Object.fromEntries(areas.map((area) => [area.getAttribute('data-load-band'), getComputedStyle(area).backgroundColor])));
      expect(legendAreas).toEqual({ low: 'rgba(0, 112, 60, 0.35)', medium: 'rgba(255, 221, 0, 0.35)', high: 'rgba(179, 38, 30, 0.35)' });
      const drawn = await page.locator('[data-qa="map-point"], [data-qa="map-district"]').evaluateAll((shapes) =>
        shapes.map((shape) => ({ qa: shape.getAttribute('data-qa'), band: shape.getAttribute('data-load-band')!, fill: getComputedStyle(shape).fill, opacity: getComputedStyle(shape).fillOpacity })),
      );
      expect(drawn.length).toBeGreaterThan(world.runtime.seed!.data.tenant.districts.length);
      for (const shape of drawn) {
        if (shape.qa === 'map-point') expect(shape.fill).toBe(legendPoints[shape.band]);
        else expect(shape.fill.replace('rgb(', 'rgba(').replace(')', `, ${shape.opacity})`)).toBe(legendAreas[shape.band]);
      }
      const tableDots = await page.locator('[data-qa="table-band-dot"]').evaluateAll((dots) => dots.map((dot) => [dot.getAttribute('data-load-band')!, getComputedStyle(dot).backgroundColor] as const));
      expect(tableDots).toHaveLength(world.runtime.seed!.data.kindergartens.length);
      for (const [band, colour] of tableDots) expect(colour).toBe(legendPoints[band]);
      // Percentages beside the counts: progress and every option of the answers
      const inScope = Number(await dashboard.progress('inScope').getAttribute('data-value'));
      const confirmed = Number(await dashboard.progress('confirmed').getAttribute('data-value'));
      expect(inScope).toBeGreaterThan(0);
      expect(await page.locator('[data-qa="progress-confirmed-share"]').textContent()).toMatch(new RegExp(`(^|\\D)${Math.round((confirmed / inScope) * 100)}\\s?%`));
      expect(await page.locator('[data-qa="progress-pending-share"]').textContent()).toMatch(/\d\s?%/);
      expect(await page.locator('[data-qa="progress-stopped-share"]').textContent()).toMatch(/\d\s?%/);
      const optionValues = await page.locator('[data-qa="option-count"] .option-bars__value').allTextContents();
      expect(optionValues.length).toBeGreaterThan(0);
      for (const value of optionValues) expect(value).toMatch(/^\d+ \(\d+\s?%\)$/);
      // The stop-list figure says what it is, with the restores beside it; "load" is defined in words
      const stopList = await page.locator('[data-qa="stop-list"]').textContent();
      const definition = await page.locator('[data-qa="load-definition"]').textContent();
      if (language === 'kk') {
        expect(stopList).toContain('Осы науқан тоқтатқаны');
        expect(stopList).toContain('Содан бері қайтарылғаны');
        expect(definition).toContain('Жүктеме қалай есептеледі');
        expect(definition).toContain('бірінші, екінші не үшінші');
        expect(definition).toContain('барлық жас тобы');
      } else {
        expect(stopList).toContain('Остановлено этой кампанией');
        expect(stopList).toContain('Возвращено с тех пор');
        expect(definition).toContain('Что считается нагрузкой');
        expect(definition).toContain('первый, второй или третий');
        expect(definition).toContain('во всех возрастных группах');
      }
      // No sideways scrolling, nothing for axe
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      expect(await dashboard.axe()).toEqual([]);
    });
  }

  it('should follow the campaign to its close while it is open, and announce the new status politely', async () => {
    // Prepare
    const dashboard = await openDashboard({ language: 'en' });
    const page = dashboard.page;
    expect(await dashboard.status.getAttribute('data-status')).toBe('active');
    const inScope = Number(await dashboard.progress('inScope').getAttribute('data-value'));
    const confirmed = Number(await dashboard.progress('confirmed').getAttribute('data-value'));

    // Act: the end passes and the close job stops what nobody confirmed
    world.runtime.clock.set(new Date(endsAt + 5_000));
    await settle(world.runtime);

    // Assess: the page, polling, shows the closed campaign, its stops, and says so in its live region
    await dashboard.statusIs('closed').waitFor({ timeout: 15_000 });
    expect(await dashboard.announcement.textContent()).toContain('Closed');
    expect(Number(await dashboard.progress('stopped').getAttribute('data-value'))).toBe(inScope - confirmed);
    expect(await dashboard.dayBars.evaluateAll((bars) => bars.reduce((sum, bar) => sum + Number(bar.getAttribute('data-stopped')), 0))).toBe(inScope - confirmed);
  });

  it('should read in Kazakh on a 360 px phone: no sideways scrolling, a full-width map, sort buttons in view, no axe violations', async () => {
    // Prepare
    const dashboard = new DashboardPage(await world.staff({ language: 'kk', device: 'phone' }));
    const page = dashboard.page;

    // Act
    await dashboard.open(campaignId);
    await dashboard.shows('');
    await dashboard.mapPoints.first().waitFor();

    // Assess
    expect(await page.locator('h1').textContent()).toContain('жылғы науқан');
    expect(await page.locator('[data-qa="distributions"] h2').textContent()).toBe('2–6 сұрақтарға жауаптар');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const map = await dashboard.mapCanvas.boundingBox();
    const main = await page.locator('main').boundingBox();
    expect(map!.width).toBeGreaterThan(main!.width - 40);
    expect(await dashboard.sort('load').isVisible()).toBe(true);
    expect(await dashboard.loadRows.first().evaluate((row) => getComputedStyle(row).display)).toBe('block');
    expect(await dashboard.axe()).toEqual([]);
  });
});
