import { describe, expect, it } from 'vitest';
import { campaignAnnouncements } from '#domain/announcement';

describe('the campaign announcement', () => {
  it('should be one message per offered language, with the dates and the site', () => {
    // Act
    const announcements = campaignAnnouncements({
      department: { kk: 'Теміртау қаласының білім бөлімі', ru: 'Отдел образования города Темиртау', en: 'Temirtau education department' },
      fallbackName: 'temirtau',
      year: 2026,
      from: '2026-10-01',
      until: '2026-11-01',
      siteUrl: 'https://temirtau.kezek.kz',
      languages: ['kk', 'ru'],
    });

    // Assess
    expect(announcements).toEqual([
      {
        language: 'kk',
        subject: 'kezek: 2026 жылғы кезекті растау науқаны',
        message:
          'Теміртау қаласының білім бөлімі: балабақша кезегіндегі өтініштерді растау 01.10.2026 бастап 01.11.2026 дейін жүреді. Жеке кабинетке кіріп, орын әлі қажет екенін растаңыз, әйтпесе өтініш стоп-параққа түседі. https://temirtau.kezek.kz',
      },
      {
        language: 'ru',
        subject: 'kezek: кампания подтверждения очереди 2026',
        message:
          'Отдел образования города Темиртау: подтверждение заявлений в очереди в детский сад идёт с 01.10.2026 до 01.11.2026. Войдите в личный кабинет и подтвердите, что место ещё нужно, иначе заявление попадёт в стоп-лист. https://temirtau.kezek.kz',
      },
    ]);
  });

  it('should name the department by its id when it has no name, and leave the site out when unknown', () => {
    const [en] = campaignAnnouncements({ department: undefined, fallbackName: 'temirtau', year: 2026, from: '2026-10-01', until: '2026-11-01', siteUrl: '', languages: ['en'] });
    expect(en?.message).toBe(
      'temirtau: confirmation of kindergarten queue applications runs from 01.10.2026 until 01.11.2026. Log in to your cabinet and confirm you still need a place, or the application goes to the stop-list.',
    );
  });
});
