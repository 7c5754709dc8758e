import type { LocalizedText } from './language.ts';

/**
 * The survey definitions, as versioned data (SPEC "The survey"). A campaign names the version it
 * asks; a new year's questions are a new entry here, never an edit of one that was asked.
 */

export interface SurveyOption {
  readonly id: string;
  readonly label: LocalizedText;
  /** One line under the label saying what the option means (the source instruction has one for each digital service). */
  readonly description?: LocalizedText;
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
const described = (option: SurveyOption, kk: string, ru: string, en: string): SurveyOption => ({ ...option, description: { kk, ru, en } });
const fee = (amount: number): SurveyOption => {
  // Grouped by hand ("10 000"), not with `toLocaleString('ru-RU')`: this runs when every function is
  // imported, and the first use of a locale loads its ICU data (about 25 ms of a cold start here).
  const text = String(amount).replace(/\B(?=(\d{3})+$)/g, ' ');
  return { id: `up-to-${amount}`, label: { kk: `${text} ₸-ге дейін`, ru: `до ${text} ₸`, en: `up to ${text} ₸` } };
};

/** The survey asked in 2026's first campaigns: kept as it was asked, forever. */
const firstVersion: SurveyDefinition = {
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
};

/** What a later version changes in a question of the first: its wording, hints and option descriptions (ids and options stay, so answers compare across years). */
type Revision = { readonly title?: LocalizedText; readonly hint: LocalizedText; readonly descriptions?: Readonly<Record<string, LocalizedText>> };

function revised(question: SurveyQuestion, revision: Revision): SurveyQuestion {
  const { descriptions, ...wording } = revision;
  if (question.kind === 'kindergartens') return { ...question, ...wording };
  const options = question.options.map((option) => (descriptions?.[option.id] ? { ...option, description: descriptions[option.id]! } : option));
  return { ...question, ...wording, options };
}

const text = (kk: string, ru: string, en: string): LocalizedText => ({ kk, ru, en });

/**
 * The second version restores what the source instruction asks with each question and the first
 * version dropped: Q1 "1 to 3, and not an enrolment", Q2 how important ownership is, Q3 the wished
 * language, Q4 "be objective", Q5 "if offered for a fee", Q6 what each personal-cabinet feature is.
 */
const secondRevisions: Readonly<Record<string, Revision>> = {
  kindergartens: {
    title: text('Балаңызды қай балабақшаға бергіңіз келеді? (1–3)', 'В какие детские сады вы хотели бы устроить ребёнка? (от 1 до 3)', 'Which kindergartens would you like for your child? (1 to 3)'),
    hint: text(
      '1-ден 3-ке дейін балабақша таңдаңыз. Бұл таңдау балаңыз міндетті түрде сол балабақшаға қабылданады дегенді білдірмейді: ол әр балабақшаның жүктемесін көрсетеді, ал сіз онда орын алу мүмкіндігін көре аласыз.',
      'Выберите от 1 до 3 детских садов. Это не значит, что ребёнка зачислят именно в них: ответ показывает нагрузку на каждый сад, а вы сможете оценить вероятность получить в нём место.',
      'Choose 1 to 3 kindergartens. This does not mean your child will be enrolled there: the answer shows the load on each kindergarten, and you can see the chance of a place in it.',
    ),
  },
  ownership: {
    title: text('Мемлекеттік пе, жекеменшік пе?', 'Государственный или частный детский сад?', 'A state or a private kindergarten?'),
    hint: text('Балабақшаның меншік түрі сіз үшін қаншалықты маңызды екенін көрсетіңіз.', 'Укажите, насколько для вас важна форма собственности детского сада.', 'Say how much the kindergarten’s ownership matters to you.'),
  },
  language: {
    hint: text('Балаңыз қай тілде оқығанын қалайсыз?', 'Укажите желаемый язык обучения.', 'The language you would like your child taught in.'),
  },
  fee: {
    hint: text(
      'Шынайы жауап беріңіз: көбірек төлеуге дайын болсаңыз, ең төменгі мөлшерді көрсетпеңіз. Бұл келесі жылғы мемлекеттік білім беру тапсырысын дұрыс жоспарлауға көмектеседі.',
      'Пожалуйста, будьте объективны: не указывайте минимальный уровень, если готовы платить больше. Это поможет правильно спланировать государственный образовательный заказ на следующий год.',
      'Please be objective: do not give the lowest amount if you would pay more. This helps plan next year’s state order correctly.',
    ),
  },
  activities: {
    hint: text(
      'Балабақша ақылы түрде ұсынса, қандай қосымша үйірмелер сізге қызық болар еді?',
      'Какие дополнительные занятия были бы вам интересны, если детский сад предложит их за плату?',
      'Which extra classes would interest you if the kindergarten offered them for a fee?',
    ),
  },
  digital: {
    title: text('Жеке кабинетте сізге қандай мүмкіндіктер пайдалы болар еді?', 'Какие возможности личного кабинета были бы вам полезны?', 'Which features of the personal cabinet would be useful to you?'),
    hint: text('Керегінің бәрін белгілеңіз: әр нұсқаның астында ол не беретіні жазылған.', 'Отметьте всё, что подходит: под каждым вариантом сказано, что он даёт.', 'Tick all that apply: under each option it says what it gives you.'),
    descriptions: {
      'online-invoices': text('Балабақша қызметтеріне төлем шоты автоматты түрде жасалып, электрондық құжат болып келеді', 'Счёт за услуги детского сада формируется автоматически и приходит электронным документом', 'Invoices for the kindergarten’s services are made automatically and arrive as electronic documents'),
      'teacher-profile': text('Балаңыздың тәрбиешілерінің білімі, тәжірибесі, жетістіктері мен марапаттары', 'Образование, опыт, достижения и награды воспитателей вашего ребёнка', 'The education, experience, achievements and awards of your child’s teachers'),
      cashless: text('Шоттарды жеке кабинет арқылы қолма-қолсыз төлеу', 'Оплата выставленных счетов безналичным способом через личный кабинет', 'Pay the invoices without cash through the personal cabinet'),
      'meal-control': text('Баланың күнделікті мәзірі, тағамдардың калориясы, азық-түлік жеткізушісі', 'Текущее меню ребёнка, калорийность блюд, поставщик продуктов', 'Your child’s current menu, the calories of each dish, the food supplier'),
      recalculation: text('Бала балабақшаға бармаған күндердегі тамақ пен қосымша қызметтер ақысын қайта есептеу', 'Пересчёт оплаты питания и дополнительных услуг за дни, когда ребёнка не было в саду', 'Meals and extra services recalculated for the days your child was absent'),
      'e-contracts': text('Балабақшамен шартты қолданыстағы заңнамаға сай электрондық түрде жасасу', 'Заключение договоров с детским садом в электронном виде по действующему законодательству', 'Sign contracts with the kindergarten electronically, as the law allows'),
      attendance: text('Баланың қатысу журналы: балабақша оны қаржыландыру үшін білім бөліміне жібереді', 'Журнал посещаемости ребёнка, который сад передаёт в отдел образования для финансирования', 'Your child’s attendance record, which the kindergarten sends to the education department for funding'),
      android: text('Android телефондарына арналған қосымшадағы жеке кабинет (Samsung, Xiaomi, Huawei және т.б.)', 'Личный кабинет в приложении для телефонов на Android (Samsung, Xiaomi, Huawei и другие)', 'The personal cabinet as an app for Android phones (Samsung, Xiaomi, Huawei and others)'),
      ios: text('iPhone телефондарына арналған қосымшадағы жеке кабинет', 'Личный кабинет в приложении для iPhone', 'The personal cabinet as an app for iPhone'),
      'health-passport': text('Балабақша балаға жүргізетін барлық медициналық тексерулер мен шаралар', 'Все медицинские осмотры и мероприятия, которые детский сад проводит для ребёнка', 'Every medical check and measure the kindergarten carries out for your child'),
      portfolio: text('Оқу бағдарламасы бойынша баланың жетістіктері мен дағдылары', 'Достижения и умения ребёнка по ходу учебной программы', 'Your child’s achievements and skills as the programme goes on'),
      'online-reception': text('Балабақшаға ресми хаттар, шағымдар мен өтініштер жіберу', 'Официальные письма, жалобы и обращения в детский сад', 'Official letters, complaints and requests to the kindergarten'),
    },
  },
};

const secondVersion: SurveyDefinition = {
  version: 'kezek-2026-2',
  questions: firstVersion.questions.map((question) => (secondRevisions[question.id] ? revised(question, secondRevisions[question.id]!) : question)),
};

/** Every version kezek can ask, oldest first. A campaign asks the one it recorded when it was created. */
const released: readonly SurveyDefinition[] = [firstVersion, secondVersion];
const definitions: SurveyDefinition[] = [...released];

/**
 * The version a department without a choice of its own asks. Named, not "the newest released":
 * releasing a version (departments may then choose it) and making it every other department's
 * default are two decisions, and the second changes what every campaign created after it asks
 * (docs/CHANGE-COSTS.md counts both).
 */
const defaultVersion: SurveyDefinition = secondVersion;

/** The versions kezek has, oldest first (what a department may choose for its next campaign). */
export function surveyDefinitions(): readonly SurveyDefinition[] {
  return definitions;
}

/** The version a department without a choice of its own asks (`defaultVersion`). */
export function currentSurvey(): SurveyDefinition {
  return defaultVersion;
}

/** Campaigns created before versions were recorded asked the first one. */
export const versionBeforeRecording = firstVersion.version;

/** The definition of a version, or undefined if kezek has no such version. */
export function surveyDefinition(version: string): SurveyDefinition | undefined {
  return definitions.find((definition) => definition.version === version);
}

/** The definition a campaign asks (the one it recorded; the first one for campaigns from before that was recorded). */
export function surveyOfCampaign(campaign: { readonly surveyVersion?: string }): SurveyDefinition {
  const version = campaign.surveyVersion ?? versionBeforeRecording;
  const definition = surveyDefinition(version);
  if (!definition) throw new Error(`survey version ${version} is not defined`);
  return definition;
}

/**
 * For tests only: adds a version (e.g. one with a 7th question) before the first request builds
 * the route schemas. Production code never calls it: the versions are the ones above.
 */
export function addSurveyVersionForTests(definition: SurveyDefinition): void {
  if (definitions.some((d) => d.version === definition.version)) return;
  definitions.push(definition);
}
