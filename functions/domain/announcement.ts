import type { Language, LocalizedText } from './language.ts';

/**
 * The campaign start's public announcement on the department's channel (SNS topic: e-mail
 * lists, a webhook to its social channels): one message per language the department offers, so
 * a subscriber filtered on `language` reads one language, with the dates and the site's address.
 */
export interface CampaignAnnouncement {
  readonly language: Language;
  readonly subject: string;
  readonly message: string;
}

/** `YYYY-MM-DD` → `DD.MM.YYYY`: reads right in kk, ru and en (before "дейін" a number needs no ending). */
const numericDate = (day: string) => day.split('-').reverse().join('.');

export function campaignAnnouncements(input: {
  readonly department: LocalizedText | undefined;
  readonly fallbackName: string;
  readonly year: number;
  /** The Kazakhstan dates the campaign starts and ends (`YYYY-MM-DD`). */
  readonly from: string;
  readonly until: string;
  /** The public site (`SITE_URL`); left out when unknown. */
  readonly siteUrl: string;
  readonly languages: readonly Language[];
}): CampaignAnnouncement[] {
  const name = (language: Language) => input.department?.[language] ?? input.fallbackName;
  const from = numericDate(input.from);
  const until = numericDate(input.until);
  const site = input.siteUrl ? ` ${input.siteUrl}` : '';
  const texts: Record<Language, () => CampaignAnnouncement> = {
    kk: () => ({
      language: 'kk',
      subject: `kezek: ${input.year} жылғы кезекті растау науқаны`,
      message: `${name('kk')}: балабақша кезегіндегі өтініштерді растау ${from} бастап ${until} дейін жүреді. Жеке кабинетке кіріп, орын әлі қажет екенін растаңыз, әйтпесе өтініш стоп-параққа түседі.${site}`,
    }),
    ru: () => ({
      language: 'ru',
      subject: `kezek: кампания подтверждения очереди ${input.year}`,
      message: `${name('ru')}: подтверждение заявлений в очереди в детский сад идёт с ${from} до ${until}. Войдите в личный кабинет и подтвердите, что место ещё нужно, иначе заявление попадёт в стоп-лист.${site}`,
    }),
    en: () => ({
      language: 'en',
      subject: `kezek: queue confirmation campaign ${input.year}`,
      message: `${name('en')}: confirmation of kindergarten queue applications runs from ${from} until ${until}. Log in to your cabinet and confirm you still need a place, or the application goes to the stop-list.${site}`,
    }),
  };
  return input.languages.map((language) => texts[language]());
}
