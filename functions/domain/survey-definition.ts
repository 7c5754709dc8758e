import type { LocalizedText } from './language.ts';

/**
 * The survey definitions, as versioned data (SPEC "The survey"). A campaign names the version it
 * asks; a new year's questions are a new entry here, never an edit of one that was asked.
 */

export interface SurveyOption {
  readonly id: string;
  readonly label: LocalizedText;
}

export type SurveyQuestion =
  | { readonly id: 'kindergartens'; readonly kind: 'kindergartens'; readonly title: LocalizedText; readonly hint: LocalizedText; readonly min: number; readonly max: number }
  | {
      readonly id: string;
      readonly kind: 'single';
      readonly title: LocalizedText;
      readonly hint?: LocalizedText;
      readonly options: readonly SurveyOption[];
      /** Optional follow-up: reasons for the choice (any of). */
      readonly reasons?: { readonly title: LocalizedText; readonly options: readonly SurveyOption[] };
    }
  | {
      readonly id: string;
      readonly kind: 'multiple';
      readonly title: LocalizedText;
      readonly hint?: LocalizedText;
      readonly options: readonly SurveyOption[];
      /** A short free text for "other", when offered. */
      readonly otherMaxLength?: number;
    };

export interface SurveyDefinition {
  readonly version: string;
  readonly questions: readonly SurveyQuestion[];
}

const o = (id: string, kk: string, ru: string, en: string): SurveyOption => ({ id, label: { kk, ru, en } });
const fee = (amount: number): SurveyOption => {
  // Grouped by hand ("10 000"), not with `toLocaleString('ru-RU')`: this runs when every function is
  // imported, and the first use of a locale loads its ICU data (about 25 ms of a cold start here).
  const text = String(amount).replace(/\B(?=(\d{3})+$)/g, ' ');
  return { id: `up-to-${amount}`, label: { kk: `${text} ₸-ге дейін`, ru: `до ${text} ₸`, en: `up to ${text} ₸` } };
};

export const surveyDefinitions: readonly SurveyDefinition[] = [
  {
    version: 'kezek-2026-1',
    questions: [
      {
        id: 'kindergartens',
        kind: 'kindergartens',
        min: 1,
        max: 3,
        title: { kk: 'Балаңызды қай балабақшаға бергіңіз келеді? (1–3)', ru: 'Какие детские сады вы ожидаете?', en: 'Which kindergartens do you hope for?' },
        hint: {
          kk: 'Бұл таңдау балаңыз міндетті түрде сол балабақшаға қабылданады дегенді білдірмейді: ол әр балабақшаның жүктемесін көрсетеді, ал сіз онда орын алу мүмкіндігін көре аласыз.',
          ru: 'Это не значит, что ребёнка обязательно зачислят туда: выбор показывает нагрузку на каждый сад, а вы увидите шансы получить в нём место.',
          en: 'This does not mean your child will be enrolled there: it shows the load on each kindergarten, and you can see the chance of a place in it.',
        },
      },
      {
        id: 'ownership',
        kind: 'single',
        title: { kk: 'Мемлекеттік пе, жекеменшік пе?', ru: 'Государственный или частный?', en: 'State or private?' },
        options: [o('any', 'Маңызды емес', 'Не важно', 'Either'), o('state', 'Мемлекеттік', 'Государственный', 'State'), o('private', 'Жекеменшік', 'Частный', 'Private')],
        reasons: {
          title: { kk: 'Неліктен?', ru: 'Почему?', en: 'Why?' },
          options: [o('quality', 'Сапасы', 'Качество', 'Quality'), o('cost', 'Құны', 'Стоимость', 'Cost')],
        },
      },
      {
        id: 'language',
        kind: 'single',
        title: { kk: 'Оқыту тілі', ru: 'Язык обучения', en: 'Language of instruction' },
        options: [o('kk', 'Қазақ тілі', 'Казахский', 'Kazakh'), o('ru', 'Орыс тілі', 'Русский', 'Russian')],
      },
      {
        id: 'fee',
        kind: 'single',
        title: {
          kk: 'Ай сайынғы ата-ана төлемінің ең жоғары мөлшері',
          ru: 'Максимальная ежемесячная родительская плата',
          en: 'Highest monthly parental fee you would pay',
        },
        hint: {
          kk: 'Шынайы жауап беріңіз: бұл келесі жылғы мемлекеттік тапсырысты жоспарлауға көмектеседі.',
          ru: 'Отвечайте объективно: это помогает планировать государственный заказ на следующий год.',
          en: 'Please be objective: this plans next year’s state order.',
        },
        options: [10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 70_000, 90_000, 110_000].map(fee),
      },
      {
        id: 'activities',
        kind: 'multiple',
        title: { kk: 'Қосымша ақылы үйірмелер', ru: 'Дополнительные платные занятия', en: 'Extra paid activities' },
        otherMaxLength: 200,
        options: [
          o('football', 'Футбол', 'Футбол', 'Football'),
          o('sports-dance', 'Спорттық би', 'Спортивные танцы', 'Sports dance'),
          o('ballroom-dance', 'Бальдық би', 'Бальные танцы', 'Ballroom dance'),
          o('chess', 'Шахмат', 'Шахматы', 'Chess'),
          o('basketball', 'Баскетбол', 'Баскетбол', 'Basketball'),
          o('drawing', 'Сурет салу', 'Рисование', 'Drawing'),
          o('young-entrepreneur', 'Жас кәсіпкер', 'Юный предприниматель', 'Young entrepreneur group'),
          o('chemistry', 'Қызықты химия', 'Занимательная химия', 'Entertaining chemistry'),
          o('karate', 'Каратэ', 'Каратэ', 'Karate'),
          o('computer-graphics', 'Компьютерлік графика', 'Компьютерная графика', 'Computer graphics'),
          o('young-ecologist', 'Жас эколог', 'Юный эколог', 'Young ecologist'),
          o('astronomy', 'Астрономия', 'Астрономия', 'Astronomy'),
        ],
      },
      {
        id: 'digital',
        kind: 'multiple',
        title: { kk: 'Жеке кабинетте сізге қандай мүмкіндіктер пайдалы болар еді?', ru: 'Какие цифровые сервисы нужны?', en: 'Which digital services do you want?' },
        options: [
          o('online-invoices', 'Төлем шоттарын онлайн алу', 'Онлайн-счета', 'Online invoices'),
          o('teacher-profile', 'Тәрбиешінің профилі', 'Профиль воспитателя', 'Teacher’s profile'),
          o('cashless', 'Қолма-қолсыз төлем', 'Безналичная оплата', 'Cashless payments'),
          o('meal-control', 'Тамақтану бақылауы (мәзір, калория, жеткізуші)', 'Контроль питания (меню, калории, поставщик)', 'Meal control (menu, calories, supplier)'),
          o('recalculation', 'Бала бармаған күндер үшін төлемді автоматты қайта есептеу', 'Автоперерасчёт за пропущенные дни', 'Automatic recalculation for missed days'),
          o('e-contracts', 'Электрондық шарттар', 'Электронные договоры', 'Electronic contracts'),
          o('attendance', 'Қатысу табелі', 'Табели посещаемости', 'Attendance tables'),
          o('android', 'Android қосымшасы', 'Приложение для Android', 'Android app'),
          o('ios', 'iOS қосымшасы', 'Приложение для iOS', 'iOS app'),
          o('health-passport', 'Денсаулық паспорты және медициналық тексерулер', 'Паспорт здоровья и медосмотры', 'Health passport and medical checks'),
          o('portfolio', 'Бала жетістіктерінің портфолиосы', 'Портфолио достижений ребёнка', 'Child’s achievement portfolio'),
          o('online-reception', 'Онлайн қабылдау (хаттар, шағымдар, өтініштер)', 'Онлайн-приёмная (письма, жалобы, запросы)', 'Online reception (letters, complaints, requests)'),
        ],
      },
    ],
  },
];

export const currentSurvey: SurveyDefinition = surveyDefinitions.at(-1)!;

export function surveyDefinition(version: string): SurveyDefinition | undefined {
  return surveyDefinitions.find((definition) => definition.version === version);
}
