import { describe, expect, it } from 'vitest';
import { browserWorld } from '../support/browser-fixture.ts';
import { SettingsPage } from '../support/pages/settings.ts';

const world = browserWorld({ applications: 40 });

describe('the settings page', () => {
  it('should refuse bad values with errors next to their fields, then save, in Russian at 768 px', { timeout: 60_000 }, async () => {
    // Prepare: the administrator opens the settings from the console's navigation
    const settings = new SettingsPage(await world.staff({ language: 'ru', device: { width: 768, height: 1000 } }));
    const page = settings.page;
    await settings.navigateTo('settings');
    await settings.form.waitFor();
    expect(await settings.heading.textContent()).toBe('Настройки отдела образования');
    expect(await settings.version.textContent()).toBe('Настройки ещё не меняли: действуют значения по умолчанию.');
    expect(await settings.overflow()).toBe(0);
    expect(await settings.axe()).toEqual([]);

    // Act: bad values
    await settings.fill({ campaignLengthMonths: '0', reminders: '7, 7', email: 'not an email', 'address-ru': '' });
    await settings.submit.click();
    await settings.errorSummary.waitFor();

    // Assess: each error next to its field, the summary focused, the page still passes axe
    expect(await settings.fieldError('campaignLengthMonths').textContent()).toBe('Ошибка: Длительность кампании — целое число месяцев от 1 до 12.');
    expect(await settings.fieldError('reminders').textContent()).toBe('Ошибка: Не больше 5 напоминаний, каждый день один раз.');
    expect(await settings.fieldError('email').textContent()).toBe('Ошибка: Укажите электронную почту в виде name@example.kz (до 100 символов).');
    expect(await settings.fieldError('address-ru').textContent()).toBe(
      'Ошибка: Заполните на всех трёх языках, от 1 до 200 символов, или оставьте пустыми все три.',
    );
    expect(await settings.field('campaignLengthMonths').getAttribute('aria-invalid')).toBe('true');
    expect(await settings.focused()).toBe('error-summary');
    expect(await settings.overflow()).toBe(0);
    expect(await settings.axe()).toEqual([]);

    // Act: good values, the keyboard only for the checkbox
    await settings.fill({ campaignLengthMonths: '2', reminders: '10, 3', email: 'help@temirtau.kezek.kz', 'address-ru': 'Темиртау, проспект Республики, 1', referralValidityWorkingDays: '7' });
    await settings.field('priority-military').focus();
    await page.keyboard.press('Space');
    await settings.submit.click();
    await page.getByText('Настройки сохранены: версия 1.').waitFor();

    // Assess: saved as version 1, the form shows what was stored, the site's contacts changed
    expect(await settings.errorSummary.count()).toBe(0);
    expect(await settings.version.textContent()).toMatch(/^Версия 1, сохранена .+, staff@temirtau\.kezek\.kz\.$/);
    expect(await settings.field('reminders').inputValue()).toBe('10, 3');
    expect(await settings.field('priority-military').isChecked()).toBe(false);
    const site = await page.evaluate(async () => (await fetch('/api/public/site?host=localhost')).json());
    expect(site.site.contacts.email).toBe('help@temirtau.kezek.kz');
    await page.reload();
    await settings.form.waitFor();
    expect(await settings.field('campaignLengthMonths').inputValue()).toBe('2');
    expect(await settings.field('referralValidityWorkingDays').inputValue()).toBe('7');
  });

  it('should read in Kazakh and English and pass axe', async () => {
    for (const [language, title] of [
      ['kk', 'Білім бөлімінің баптаулары'],
      ['en', 'Department settings'],
    ] as const) {
      // Prepare
      const settings = new SettingsPage(await world.staff({ language }));

      // Act
      await settings.open();

      // Assess
      expect(await settings.heading.textContent()).toBe(title);
      expect(await settings.axe()).toEqual([]);
    }
  });
});
