import { describe, expect, it } from 'vitest';
import { browserWorld } from '../support/browser-fixture.ts';
import { KindergartenFormPage } from '../support/pages/kindergarten-form.ts';
import { KindergartensPage } from '../support/pages/kindergartens.ts';

const world = browserWorld();

describe('kindergartens in the staff console', () => {
  it('should add a kindergarten in Russian, after an error summary for a bad coordinate', async () => {
    // Prepare
    const session = await world.staff({ language: 'ru' });
    const list = new KindergartensPage(session);
    const form = new KindergartenFormPage(session);
    await list.add.click();
    await form.form.waitFor();
    expect(await form.axe()).toEqual([]);

    // Act: everything filled in, but the latitude is far south of Kazakhstan
    await form.fill({
      kindergartenId: 'kg-browser',
      nameKk: '«Ақбота» балабақшасы',
      nameRu: 'Детский сад «Акбота»',
      ownership: 'private',
      language: 'ru',
      districtId: world.runtime.seed!.data.tenant.districts[0]!.id,
      address: 'ул. Мира, 5',
      lat: '15,06',
      lon: '72.9613',
      capacity: { nursery: '10', junior: '20', middle: '20', senior: '20', preschool: '15' },
    });
    await form.submit.click();

    // Assess: a summary linked to the field, the inline error, still on the form, nothing added
    await form.errorSummary.waitFor();
    expect(await form.summaryLink('lat').textContent()).toBe('Координата вне Казахстана.');
    expect(await form.fieldError('lat').textContent()).toContain('Координата вне Казахстана.');
    expect(await form.field('lat').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => form.focused()).toBe('error-summary');
    expect(new URL(form.page.url()).pathname).toBe('/staff/kindergartens/new');
    expect(await form.axe()).toEqual([]);

    // Act: the summary's link leads to the field; the right latitude is sent
    await form.summaryLink('lat').click();
    expect(await form.page.evaluate(() => document.activeElement?.id)).toBe('lat');
    await form.field('lat').fill('50.0611');
    await form.submit.click();

    // Assess: back on the list, with the new kindergarten and its free places
    await form.page.waitForURL(/\/staff$/);
    await list.row('kg-browser').waitFor();
    expect(await list.row('kg-browser').locator('th').textContent()).toBe('Детский сад «Акбота»');
    expect(await list.free('kg-browser').textContent()).toBe('85');
  });

  it('should edit its capacity in Kazakh on a phone, with the keyboard', async () => {
    // Prepare
    const session = await world.staff({ language: 'kk', device: 'phone' });
    const list = new KindergartensPage(session);
    const form = new KindergartenFormPage(session);
    const page = session.page;
    await list.edit('kg-browser').click();
    await form.form.waitFor();
    expect(await form.heading.textContent()).toContain('«Ақбота» балабақшасы');
    expect(await form.field('capacity-junior').inputValue()).toBe('20');
    expect(await page.locator('#capacity-junior-hint').textContent()).toBe('Қазір бос емес: 0');
    expect(await form.axe()).toEqual([]);
    expect(await form.overflow()).toBeLessThanOrEqual(0);

    // Act: into the field, a new number, Enter sends the form
    await form.field('capacity-junior').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('35');
    await page.keyboard.press('Enter');

    // Assess: 15 more places in the list, and the stored revision moved
    await page.waitForURL(/\/staff$/);
    await expect.poll(() => list.free('kg-browser').textContent()).toBe('100');
    expect(await list.overflow()).toBeLessThanOrEqual(0);
    const stored = await page.evaluate(() => fetch('/api/staff/kindergartens/kg-browser').then((r) => r.json()));
    expect(stored.kindergarten).toMatchObject({ capacity: { junior: 35 }, languages: ['ru'], ownership: 'private', version: 2 });
  });
});
