import type {
  AgeGroup,
  Application,
  ApplicationStatus,
  InstructionLanguage,
  Kindergarten,
  PriorityCategory,
  Referral,
  StopReason,
  Tenant,
} from '#domain/application';
import { makeIin, type Sex } from '#domain/iin';
import type { LocalizedText } from '#domain/language';

/**
 * Demo data for the local runtime: a Temirtau-like education department with its kindergartens,
 * a queue of a few thousand applications, the parents behind them and one staff login.
 * Pure and deterministic: the same `now` and `seed` always give the same data.
 */

/** A parent with a cabinet account. */
export interface DemoParent {
  readonly iin: string;
  readonly phone: string;
  readonly displayName: string;
}

/** The department login printed at `npm start`. */
export interface DemoStaff {
  readonly login: string;
  readonly password: string;
  readonly displayName: string;
  readonly tenantId: string;
}

export interface DemoData {
  readonly tenant: Tenant;
  readonly kindergartens: readonly Kindergarten[];
  readonly applications: readonly Application[];
  /** Every applicant with a cabinet account (all applicants of the applications). */
  readonly parents: readonly DemoParent[];
  /** The few parents printed at `npm start` as demo logins, with a note on what each shows. */
  readonly demoParents: readonly (DemoParent & { readonly note: string })[];
  readonly staff: DemoStaff;
}

export interface DemoDataOptions {
  /** The reference time: children's ages, registrations and referrals are placed relative to it. */
  readonly now: Date;
  /** How many applications to generate (default 5,200; at least 6, the demo parents' share). */
  readonly applicationCount?: number;
  readonly seed?: number;
}

export const demoTenantId = 'temirtau';
export const defaultApplicationCount = 5_200;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Almaty time is UTC+5; office hours 09:00–18:00 local are 04:00–13:00 UTC. */
const OFFICE_START_UTC_MS = 4 * HOUR_MS;
const OFFICE_END_UTC_MS = 13 * HOUR_MS;
/** Referrals stay valid this many working days (naively Mon–Fri here). */
const REFERRAL_WORKING_DAYS = 5;
/** An expired referral is restored automatically after this many working days (SPEC rule 10). */
const RESTORE_AFTER_EXPIRY_WORKING_DAYS = 10;
/** The brief's bounds for the validity of queued applications, relative to `now`. */
const VALID_UNTIL_MIN_OFFSET_DAYS = -60;
const VALID_UNTIL_MAX_OFFSET_DAYS = 330;

/** mulberry32: tiny, fast and good enough for demo data. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in `[min, max]`. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}

// --- Dates as UTC day numbers (days since 1970-01-01) ----------------------------------------

function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

function utcDay(year: number, monthIndex: number, day: number): number {
  return dayOf(Date.UTC(year, monthIndex, day));
}

/**
 * Year, month (1–12) and day of a day number, without allocating a `Date` (H. Hinnant's
 * civil-from-days): the generator does this a few hundred thousand times for 50,000 applications.
 */
function civil(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1_460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const isoDates = new Map<number, string>();

function isoDate(dayNumber: number): string {
  let text = isoDates.get(dayNumber);
  if (text === undefined) {
    const { year, month, day } = civil(dayNumber);
    text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    isoDates.set(dayNumber, text);
  }
  return text;
}

function isoDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

function addYears(dayNumber: number, years: number): number {
  const { year, month, day } = civil(dayNumber);
  return utcDay(year + years, month - 1, day);
}

/** Full years of a person born on `birthDay` on `atDay`. */
function fullYears(birthDay: number, atDay: number): number {
  const birth = civil(birthDay);
  const at = civil(atDay);
  const beforeBirthday = at.month < birth.month || (at.month === birth.month && at.day < birth.day);
  return at.year - birth.year - (beforeBirthday ? 1 : 0);
}

/** 1970-01-01 was a Thursday. */
function isWeekday(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday >= 1 && weekday <= 5;
}

function moveWorkingDays(day: number, count: number): number {
  const step = count < 0 ? -1 : 1;
  let left = Math.abs(count);
  let current = day;
  while (left > 0) {
    current += step;
    if (isWeekday(current)) left--;
  }
  return current;
}

// --- The department and its city ---------------------------------------------------------------

interface Area {
  readonly south: number;
  readonly north: number;
  readonly west: number;
  readonly east: number;
}

interface DistrictPlan {
  readonly id: string;
  readonly name: LocalizedText;
  /** A small box on land inside the district, where its kindergartens are placed. */
  readonly area: Area;
  readonly kindergartenCount: number;
  /** Relative share of the families living there. */
  readonly families: number;
  readonly address: (random: Random) => string;
}

function streetAddress(streets: readonly string[], prefix = 'г. Темиртау') {
  return (random: Random) => `${prefix}, ${random.pick(streets)}, ${random.int(1, 120)}`;
}

/**
 * Temirtau lies north-west of the Samarkand reservoir, around 50.03–50.09 N, 72.90–73.03 E.
 * The boxes stay in the north and middle of that area, away from the shore and the steelworks.
 */
const districtPlans: readonly DistrictPlan[] = [
  {
    id: 'old-town',
    name: { kk: 'Ескі қала', ru: 'Старый город', en: 'Old Town' },
    area: { south: 50.046, north: 50.058, west: 72.925, east: 72.952 },
    kindergartenCount: 10,
    families: 22,
    address: streetAddress(['ул. Ленина', 'ул. Карагандинская', 'ул. Фрунзе', 'ул. Калинина', 'ул. Абая', 'ул. Горького']),
  },
  {
    id: 'new-town',
    name: { kk: 'Жаңа қала', ru: 'Новый город', en: 'New Town' },
    area: { south: 50.056, north: 50.072, west: 72.955, east: 72.99 },
    kindergartenCount: 13,
    families: 30,
    address: streetAddress(['пр. Республики', 'пр. Металлургов', 'ул. Мира', 'ул. Комсомольская', 'ул. Химиков', 'бул. Гагарина']),
  },
  {
    id: 'microdistricts-3-9',
    name: { kk: '3–9 шағын аудандар', ru: 'Микрорайоны 3–9', en: 'Microdistricts 3–9' },
    area: { south: 50.066, north: 50.084, west: 72.992, east: 73.018 },
    kindergartenCount: 13,
    families: 30,
    address: (random) => `г. Темиртау, ${random.int(3, 9)}-й мкр., д. ${random.int(1, 45)}`,
  },
  {
    id: 'aktau-village',
    name: { kk: 'Ақтау кенті', ru: 'Посёлок Актау', en: 'Aktau Settlement' },
    area: { south: 50.076, north: 50.087, west: 72.906, east: 72.928 },
    kindergartenCount: 4,
    families: 8,
    address: streetAddress(['ул. Школьная', 'ул. Шахтёрская', 'ул. Центральная', 'ул. Строительная'], 'г. Темиртау, пос. Актау'),
  },
  {
    id: 'chkalovo',
    name: { kk: 'Чкалово кенті', ru: 'Посёлок Чкалово', en: 'Chkalovo Settlement' },
    area: { south: 50.074, north: 50.086, west: 72.936, east: 72.958 },
    kindergartenCount: 4,
    families: 10,
    address: streetAddress(['ул. Чкалова', 'ул. Садовая', 'ул. Луговая', 'ул. Степная'], 'г. Темиртау, пос. Чкалово'),
  },
];

/** A district's outline for the map: its box with a margin, cut at the corners (a closed ring of [lat, lon]). */
function outlineOf(area: Area): [number, number][] {
  const margin = 0.003;
  const [s, n, w, e] = [area.south - margin, area.north + margin, area.west - margin, area.east + margin];
  const cut = 0.002;
  return [[s, w + cut], [s, e - cut], [s + cut, e], [n - cut, e], [n, e - cut], [n, w + cut], [n - cut, w], [s + cut, w], [s, w + cut]];
}

const tenant: Tenant = {
  tenantId: demoTenantId,
  name: {
    kk: 'Теміртау қаласының білім бөлімі',
    ru: 'Отдел образования города Темиртау',
    en: 'Temirtau City Education Department',
  },
  districts: districtPlans.map(({ id, name, area }) => ({ id, name, outline: outlineOf(area) })),
};

const staff: DemoStaff = {
  login: 'staff@temirtau.kezek.kz',
  password: 'temirtau-demo',
  displayName: 'Айгүл Нұрланқызы (отдел образования)',
  tenantId: demoTenantId,
};

/** `kk|ru|en|theme`: Kazakh-themed names mostly teach in Kazakh, Russian-themed ones in Russian. */
const kindergartenNames = [
  'Балапан|Балапан|Balapan|kk', 'Ақбота|Акбота|Akbota|kk', 'Айгөлек|Айголек|Aigolek|kk',
  'Қарлығаш|Карлыгаш|Karlygash|kk', 'Еркетай|Еркетай|Erketai|kk', 'Болашақ|Болашак|Bolashak|kk',
  'Құлыншақ|Кулыншак|Kulynshak|kk', 'Бөбек|Бобек|Bobek|kk', 'Шұғыла|Шугыла|Shugyla|kk',
  'Айналайын|Айналайын|Ainalaiyn|kk', 'Ботақан|Ботакан|Botakan|kk', 'Күншуақ|Куншуак|Kunshuak|kk',
  'Аққу|Акку|Akku|kk', 'Балауса|Балауса|Balausa|kk', 'Гүлдер|Гульдер|Gulder|kk',
  'Мөлдір|Мольдир|Moldir|kk', 'Жұлдыз|Жулдыз|Zhuldyz|kk', 'Арай|Арай|Arai|kk',
  'Бәйтерек|Байтерек|Baiterek|kk', 'Ақниет|Акниет|Akniet|kk', 'Таңшолпан|Таншолпан|Tansholpan|kk',
  'Қызғалдақ|Кызгалдак|Kyzgaldak|kk', 'Балдырған|Балдырган|Baldyrgan|kk', 'Ертегі|Ертеги|Ertegi|kk',
  'Айсәуле|Айсауле|Aisaule|kk', 'Жауқазын|Жауказын|Zhaukazyn|kk', 'Самал|Самал|Samal|kk',
  'Нұршуақ|Нуршуак|Nurshuak|kk', 'Бүлдіршін|Бульдиршин|Buldirshin|kk', 'Алтын бесік|Алтын бесик|Altyn Besik|kk',
  'Бала әлемі|Бала алеми|Bala Alemi|kk',
  'Солнышко|Солнышко|Solnyshko|ru', 'Ромашка|Ромашка|Romashka|ru', 'Теремок|Теремок|Teremok|ru',
  'Золотой ключик|Золотой ключик|Zolotoy Klyuchik|ru', 'Алёнушка|Алёнушка|Alyonushka|ru', 'Радуга|Радуга|Raduga|ru',
  'Колокольчик|Колокольчик|Kolokolchik|ru', 'Ласточка|Ласточка|Lastochka|ru', 'Сказка|Сказка|Skazka|ru',
  'Дюймовочка|Дюймовочка|Dyuimovochka|ru', 'Берёзка|Берёзка|Beryozka|ru', 'Журавушка|Журавушка|Zhuravushka|ru',
  'Чебурашка|Чебурашка|Cheburashka|ru', 'Светлячок|Светлячок|Svetlyachok|ru', 'Незабудка|Незабудка|Nezabudka|ru',
  'Умка|Умка|Umka|ru',
].map((entry) => {
  const [kk, ru, en, theme] = entry.split('|') as [string, string, string, 'kk' | 'ru'];
  return { kk, ru, en, theme };
});

type LanguageWeights = readonly (readonly [readonly InstructionLanguage[], number])[];

const kindergartenLanguageWeights: Record<`${'state' | 'private'}:${'kk' | 'ru'}`, LanguageWeights> = {
  'state:kk': [[['kk'], 55], [['ru'], 10], [['kk', 'ru'], 35]],
  'state:ru': [[['kk'], 10], [['ru'], 45], [['kk', 'ru'], 45]],
  'private:kk': [[['kk'], 40], [['ru'], 20], [['kk', 'ru'], 40]],
  'private:ru': [[['kk'], 10], [['ru'], 50], [['kk', 'ru'], 40]],
};

function generateKindergartens(random: Random): Kindergarten[] {
  const names = random.shuffle([...kindergartenNames]);
  const slots = districtPlans.flatMap((district) =>
    // The first slot of each district is a state kindergarten teaching in both languages, so every
    // family finds one near home whatever its language.
    Array.from({ length: district.kindergartenCount }, (_, index) => ({ district, bilingualState: index === 0 })),
  );
  random.shuffle(slots);
  const privateCount = Math.round(slots.length * 0.25);
  const privateSlots = new Set(
    random.shuffle(slots.flatMap((slot, index) => (slot.bilingualState ? [] : [index]))).slice(0, privateCount),
  );
  const stateNumbers = random
    .shuffle(Array.from({ length: 75 }, (_, index) => index + 1))
    .slice(0, slots.length - privateCount)
    .sort((a, b) => a - b);

  return slots.map(({ district, bilingualState }, index) => {
    const name = names[index % names.length] as (typeof names)[number];
    const ownership = privateSlots.has(index) ? 'private' : 'state';
    const languages: readonly InstructionLanguage[] = bilingualState
      ? ['kk', 'ru']
      : random.weighted(kindergartenLanguageWeights[`${ownership}:${name.theme}`]);
    const { area } = district;
    const lat = area.south + random.next() * (area.north - area.south);
    const lon = area.west + random.next() * (area.east - area.west);
    return {
      tenantId: demoTenantId,
      kindergartenId: `kg-${String(index + 1).padStart(3, '0')}`,
      name: ownership === 'state' ? stateName(name, stateNumbers.shift() ?? index + 1, random.chance(0.6)) : privateName(name),
      ownership,
      languages: [...languages],
      district: district.id,
      address: district.address(random),
      location: { lat: Math.round(lat * 100_000) / 100_000, lon: Math.round(lon * 100_000) / 100_000 },
      capacity: capacityFor(ownership, random),
    };
  });
}

function stateName(name: LocalizedText, number: number, withNursery: boolean): LocalizedText {
  return withNursery
    ? { kk: `№${number} «${name.kk}» бөбекжай-бақшасы`, ru: `Ясли-сад №${number} «${name.ru}»`, en: `Nursery-kindergarten No. ${number} “${name.en}”` }
    : { kk: `№${number} «${name.kk}» балабақшасы`, ru: `Детский сад №${number} «${name.ru}»`, en: `Kindergarten No. ${number} “${name.en}”` };
}

function privateName(name: LocalizedText): LocalizedText {
  return { kk: `«${name.kk}» жеке балабақшасы`, ru: `Частный детский сад «${name.ru}»`, en: `Private kindergarten “${name.en}”` };
}

function capacityFor(ownership: 'state' | 'private', random: Random): Record<AgeGroup, number> {
  if (ownership === 'private') {
    return { nursery: random.int(8, 15), junior: random.int(10, 20), middle: random.int(10, 20), senior: random.int(10, 20), preschool: random.int(10, 20) };
  }
  return { nursery: random.int(20, 35), junior: random.int(25, 60), middle: random.int(25, 60), senior: random.int(25, 60), preschool: random.int(20, 50) };
}

// --- People ------------------------------------------------------------------------------------

/** A name as `kk|ru` spelling (one form when both agree); families choose by their language. */
type Spelled = readonly [kk: string, ru: string];

function spelled(list: string): Spelled[] {
  return list.split(' ').map((entry) => {
    const [kk, ru] = entry.split('|') as [string, string | undefined];
    return [kk.replace(/_/g, ' '), (ru ?? kk).replace(/_/g, ' ')];
  });
}

const names = {
  kazakh: {
    surnames: spelled(
      'Ахметов Серіков|Сериков Жұмабаев|Жумабаев Нұрланов|Нурланов Омаров Қасымов|Касымов Сейітов|Сеитов Тоқтаров|Токтаров ' +
        'Әбдірахманов|Абдрахманов Мұқанов|Муканов Бекболатов Ермеков Сапаров Жақсылықов|Жаксылыков Оспанов Байжанов Есенов ' +
        'Тұрсынов|Турсынов Қайратов|Кайратов Сұлтанов|Султанов Әлімжанов|Алимжанов Бейсенов Ыбыраев|Ибраев Жүнісов|Жунусов ' +
        'Смағұлов|Смагулов Кенжебаев Ахметжанов Төлеуов|Толеуов Дүйсенов|Дюсенов Рахимов Мұратов|Муратов Исабеков ' +
        'Нұрғалиев|Нургалиев Қожахметов|Кожахметов Байбосынов',
    ),
    boys: spelled(
      'Нұрсұлтан|Нурсултан Әлихан|Алихан Ерасыл Айсұлтан|Айсултан Нұрислам|Нурислам Ислам Темірлан|Темирлан Ерназар Бекзат ' +
        'Әмір|Амир Мирас Нұрали|Нурали Айбар Ансар Жансар Алдияр Санжар Тимур Ернұр|Ернур Дамир Ильяс Рамазан Арлан Расул ' +
        'Мұхаммед|Мухаммед Абылай',
    ),
    girls: spelled(
      'Айару Аяжан Томирис Айлин Медина Жасмин Інжу|Инжу Аружан Әмина|Амина Айзере Нұрай|Нурай Аймира Сафия Айша Асылым ' +
        'Еркежан Балнұр|Балнур Айсұлу|Айсулу Мадина Әсем|Асем Ясмина Дильназ',
    ),
    men: spelled(
      'Ерлан Нұрлан|Нурлан Асхат Бауыржан|Бауржан Қайрат|Кайрат Дәурен|Даурен Ержан Серік|Серик Мұрат|Мурат Жандос ' +
        'Ақылбек|Акылбек Талғат|Талгат Нұржан|Нуржан Ринат Азамат Ербол Дәулет|Даулет Мақсат|Максат Елдос Самат',
    ),
    women: spelled(
      'Айгерім|Айгерим Гүлнар|Гульнар Жанар Динара Әсел|Асель Сәуле|Сауле Мөлдір|Мольдир Назерке Ақмарал|Акмарал Балжан ' +
        'Гүлмира|Гульмира Айнұр|Айнур Салтанат Жазира Дана Меруерт Қарлығаш|Карлыгаш Перизат Аида Ләззат|Лаззат',
    ),
  },
  russian: {
    surnames: spelled(
      'Иванов Ковалёв Петров Смирнов Кузнецов Попов Васильев Новиков Морозов Волков Соколов Лебедев Козлов Павлов Семёнов ' +
        'Фёдоров Никитин Зайцев Белов Орлов Гончаров Ткаченко Шевченко Бондаренко Мельник Ким Пак Шмидт Миллер Вебер ' +
        'Коваленко Поляков Савченко Жуков Медведев Тарасов Островский Яковлев',
    ),
    boys: spelled('Александр Максим Артём Михаил Даниил Иван Кирилл Матвей Дмитрий Егор Никита Марк Лев Роман Тимофей Андрей Арсений Тимур'),
    girls: spelled('Анна София Алиса Мария Виктория Полина Ева Варвара Дарья Ксения Вероника Милана Арина Елизавета Ульяна Василиса'),
    men: spelled('Сергей Андрей Алексей Дмитрий Евгений Денис Владимир Игорь Павел Константин Виталий Максим'),
    women: spelled('Елена Ольга Наталья Татьяна Екатерина Анастасия Юлия Ирина Светлана Марина Оксана Кристина'),
  },
} as const;

type Origin = keyof typeof names;

/** The feminine form of a Kazakh or Russian surname; Ukrainian, Korean and German ones do not change. */
function surnameFor(surname: string, sex: Sex): string {
  if (sex === 'male') return surname;
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return `${surname}а`;
  if (surname.endsWith('ский')) return `${surname.slice(0, -4)}ская`;
  return surname;
}

function personName(origin: Origin, language: InstructionLanguage, sex: Sex, surname: Spelled, adult: boolean, random: Random): string {
  const pool = names[origin][adult ? (sex === 'male' ? 'men' : 'women') : sex === 'male' ? 'boys' : 'girls'];
  const spelling = language === 'kk' ? 0 : 1;
  // Surname first, as in Kazakhstan's documents and the departments' files (the search and the SMS expect it)
  return `${surnameFor(surname[spelling], sex)} ${random.pick(pool)[spelling]}`;
}

const mobileCodes = ['700', '701', '702', '705', '707', '708', '747', '771', '775', '776', '777', '778'];

// --- Applications ------------------------------------------------------------------------------

/** Share of children by full years of age at `now`: young ones wait longest, older ones got places. */
const ageWeights = [22, 20, 18, 15, 11, 8, 6];

/** Priority is mostly a family matter; disability is drawn per child on top. */
const familyPriorityWeights: readonly (readonly [PriorityCategory, number])[] = [
  ['none', 91],
  ['extraordinary', 1],
  ['large_family', 5],
  ['military', 2],
  ['orphan', 1],
];
const disabilityShareAmongNone = 3 / 91;

const districtWeights = districtPlans.map((plan) => [plan, plan.families] as const);
const familySizes = [[1, 82], [2, 15], [3, 3]] as const;
const preferenceCounts = [[1, 30], [2, 35], [3, 35]] as const;

interface ChildDraft {
  readonly applicantIin: string;
  readonly childIin: string;
  readonly childName: string;
  readonly birthDay: number;
  readonly registeredMs: number;
  readonly priority: PriorityCategory;
  readonly preferredKindergartenIds: readonly string[];
  readonly language: InstructionLanguage;
  /** Set for the demo parents' children, which the random status draw leaves alone. */
  status?: ApplicationStatus;
  stopReason?: StopReason;
  referral?: Referral;
}

interface FamilyDraft {
  readonly parent: DemoParent;
  readonly children: ChildDraft[];
}

/**
 * The last confirmation campaign: the month that ended a year before `now`. The demo department
 * is due for its yearly campaign whenever the demo runs, so the applications confirmed last time
 * have just lapsed and a campaign started now has a realistic scope.
 */
interface LastCampaign {
  readonly startDay: number;
  readonly endDay: number;
  /** Children born on or before this day were 2 by 31 December of the campaign year (SPEC rule 3). */
  readonly latestBirthInScope: number;
}

class DemoGenerator {
  private readonly random: Random;
  private readonly nowMs: number;
  private readonly nowDay: number;
  private readonly campaign: LastCampaign;
  private readonly iins = new Set<string>();
  private readonly phones = new Set<string>();
  /** Per `district:language`: the kindergartens teaching in that language, weighted to be near home. */
  private readonly choices = new Map<string, readonly (readonly [string, number])[]>();

  constructor(now: Date, kindergartens: readonly Kindergarten[], random: Random) {
    this.random = random;
    this.nowMs = now.getTime();
    this.nowDay = dayOf(this.nowMs);
    const endDay = this.nowDay - 366;
    const campaignYear = new Date((endDay - 30) * DAY_MS).getUTCFullYear();
    this.campaign = { startDay: endDay - 30, endDay, latestBirthInScope: utcDay(campaignYear - 2, 11, 31) };
    for (const district of districtPlans) {
      for (const language of ['kk', 'ru'] as const) {
        const teaching = kindergartens.filter((kindergarten) => kindergarten.languages.includes(language));
        this.choices.set(
          `${district.id}:${language}`,
          teaching.map((kindergarten) => [kindergarten.kindergartenId, kindergarten.district === district.id ? 8 : 1] as const),
        );
      }
    }
  }

  /** A family of `ages.length` children (full years at `now`), or of a drawn size when omitted. */
  family(ages?: readonly number[], maxChildren = 3): FamilyDraft {
    const random = this.random;
    const language: InstructionLanguage = random.chance(0.6) ? 'kk' : 'ru';
    const origin: Origin = language === 'kk' ? (random.chance(0.97) ? 'kazakh' : 'russian') : random.chance(0.45) ? 'kazakh' : 'russian';
    const district = random.weighted(districtWeights);
    const surname = random.pick(names[origin].surnames);
    const birthDays = ages ? ages.map((age) => this.birthDayAtAge(age)) : this.siblingBirthDays(Math.min(maxChildren, this.familySize()));
    const oldestBirthYear = civil(Math.min(...birthDays)).year;
    const youngestBirthYear = civil(Math.max(...birthDays)).year;

    const parentSex: Sex = random.chance(0.72) ? 'female' : 'male';
    // Born 1975–2003, and between 19 and 45 years older than the children.
    const latestParentYear = Math.max(1975, Math.min(2003, oldestBirthYear - 19));
    const earliestParentYear = Math.min(latestParentYear, Math.max(1975, youngestBirthYear - 45));
    const parentBirthDay = utcDay(random.int(earliestParentYear, latestParentYear), random.int(0, 11), random.int(1, 28));
    const parent: DemoParent = {
      iin: this.uniqueIin(isoDate(parentBirthDay), parentSex),
      phone: this.uniquePhone(),
      displayName: personName(origin, language, parentSex, surname, true, random),
    };

    const familyPriority = random.weighted(familyPriorityWeights);
    let preferences = this.preferredKindergartens(district.id, language);
    const childNames = new Set<string>();
    const children = birthDays
      .sort((a, b) => a - b)
      .map((birthDay, index): ChildDraft => {
        const sex: Sex = random.chance(0.51) ? 'male' : 'female';
        // Parents usually want siblings in the same kindergarten.
        if (index > 0 && random.chance(0.2)) preferences = this.preferredKindergartens(district.id, language);
        let childName = personName(origin, language, sex, surname, false, random);
        while (childNames.has(childName)) childName = personName(origin, language, sex, surname, false, random);
        childNames.add(childName);
        return {
          applicantIin: parent.iin,
          childIin: this.uniqueIin(isoDate(birthDay), sex),
          childName,
          birthDay,
          registeredMs: this.registeredAt(birthDay, ages !== undefined),
          priority: familyPriority === 'none' && random.chance(disabilityShareAmongNone) ? 'disability' : familyPriority,
          preferredKindergartenIds: preferences,
          language,
        };
      });
    return { parent, children };
  }

  private familySize(): number {
    return this.random.weighted(familySizes);
  }

  private birthDayAtAge(age: number): number {
    const random = this.random;
    // At least a few days old: nobody registers a child on the day of birth.
    const latest = age === 0 ? this.nowDay - 3 : addYears(this.nowDay, -age);
    const earliest = addYears(this.nowDay, -(age + 1)) + 1;
    for (;;) {
      const day = random.int(earliest, latest);
      if (fullYears(day, this.nowDay) === age) return day;
    }
  }

  /** The youngest child from the age mix, older siblings one to three years apart (or twins). */
  private siblingBirthDays(count: number): number[] {
    const random = this.random;
    const youngestAge = random.weighted(ageWeights.slice(0, 7 - Math.min(count - 1, 2) * 2).map((weight, age) => [age, weight] as const));
    const days = [this.birthDayAtAge(youngestAge)];
    while (days.length < count) {
      const previous = days[days.length - 1] as number;
      const next = random.chance(0.03) ? previous : previous - random.int(400, 1_100);
      if (fullYears(next, this.nowDay) > 6) break;
      days.push(next);
    }
    return days;
  }

  /** Usually within a few months after birth; some families move to the city later. */
  private registeredAt(birthDay: number, soon: boolean): number {
    const random = this.random;
    const roll = random.next();
    const delayDays = soon
      ? random.int(10, 60)
      : roll < 0.7
        ? random.int(3, 90)
        : roll < 0.9
          ? random.int(91, 365)
          : random.int(366, 1_500);
    const timeOfDay = random.int(2 * HOUR_MS, 17 * HOUR_MS);
    const registered = (birthDay + delayDays) * DAY_MS + timeOfDay;
    if (registered <= this.nowMs) return registered;
    const start = birthDay * DAY_MS + HOUR_MS;
    return start + Math.floor(random.next() * (this.nowMs - start));
  }

  /** 1–3 distinct kindergartens teaching in the family's language, mostly near home. */
  private preferredKindergartens(districtId: string, language: InstructionLanguage): string[] {
    const random = this.random;
    const candidates = this.choices.get(`${districtId}:${language}`) ?? [];
    const count = Math.min(candidates.length, random.weighted(preferenceCounts));
    const chosen: string[] = [];
    while (chosen.length < count) {
      const pick = random.weighted(candidates);
      if (!chosen.includes(pick)) chosen.push(pick);
    }
    return chosen;
  }

  private uniqueIin(birthDate: string, sex: Sex): string {
    let serial = this.random.int(0, 9_999);
    for (;;) {
      const iin = makeIin(birthDate, sex, serial);
      if (!this.iins.has(iin)) {
        this.iins.add(iin);
        return iin;
      }
      serial = (serial + 1) % 10_000;
    }
  }

  private uniquePhone(): string {
    for (;;) {
      const phone = `+7${this.random.pick(mobileCodes)}${String(this.random.int(0, 9_999_999)).padStart(7, '0')}`;
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }

  // --- Statuses ---

  /** Children who were in scope of the last campaign and whose validity had lapsed by its end. */
  canBeStoppedForCleanup(child: ChildDraft): boolean {
    return (
      child.birthDay <= this.campaign.latestBirthInScope &&
      addYears(dayOf(child.registeredMs), 1) <= this.campaign.endDay
    );
  }

  /** Referrals and places go to children of two and older who have waited a while. */
  canBeReferred(child: ChildDraft): boolean {
    return fullYears(child.birthDay, this.nowDay) >= 2 && child.registeredMs <= this.nowMs - 60 * DAY_MS;
  }

  stopForCleanup(child: ChildDraft): void {
    child.status = 'stopped';
    child.stopReason = 'cleanup';
  }

  /** A referral issued one to four working days ago, so it is still open at `now`. */
  refer(child: ChildDraft): void {
    const issuedDay = moveWorkingDays(this.nowDay, -this.random.int(1, REFERRAL_WORKING_DAYS - 1));
    child.status = 'referred';
    child.referral = this.referral(child, issuedDay);
  }

  /**
   * A referral that expired unused one to nine working days ago: still on the stop-list, waiting
   * for the automatic restore (the referral is kept so the restore date can be derived).
   */
  expireReferral(child: ChildDraft): void {
    const expiryDay = moveWorkingDays(this.nowDay, -this.random.int(1, RESTORE_AFTER_EXPIRY_WORKING_DAYS - 1));
    child.status = 'stopped';
    child.stopReason = 'referral_expired';
    child.referral = this.referral(child, moveWorkingDays(expiryDay, -REFERRAL_WORKING_DAYS));
  }

  private referral(child: ChildDraft, issuedDay: number): Referral {
    const preferred = child.preferredKindergartenIds;
    const kindergartenId = this.random.chance(0.7) ? (preferred[0] as string) : this.random.pick(preferred);
    const issuedMs = issuedDay * DAY_MS + this.random.int(OFFICE_START_UTC_MS, OFFICE_END_UTC_MS - HOUR_MS);
    const expiresMs = moveWorkingDays(issuedDay, REFERRAL_WORKING_DAYS) * DAY_MS + OFFICE_END_UTC_MS;
    return { kindergartenId, issuedAt: isoDateTime(issuedMs), expiresAt: isoDateTime(expiresMs) };
  }

  /**
   * Queued ones: a year after the confirmation at the last campaign (if in scope then) or after
   * registration, kept within now − 60 … now + 330 days. Stopped ones: a date in the past.
   */
  validUntil(child: ChildDraft): number {
    const random = this.random;
    const registeredDay = dayOf(child.registeredMs);
    if (child.stopReason === 'cleanup') {
      const earliest = Math.max(addYears(registeredDay, 1), this.campaign.endDay - 364);
      return random.int(earliest, this.campaign.endDay);
    }
    const confirmedAtCampaign =
      child.birthDay <= this.campaign.latestBirthInScope && registeredDay < this.campaign.startDay;
    const natural = confirmedAtCampaign
      ? addYears(random.int(this.campaign.startDay, this.campaign.endDay), 1)
      : addYears(registeredDay, 1);
    if (child.stopReason === 'referral_expired') {
      return natural < this.nowDay ? natural : this.nowDay - random.int(1, 60);
    }
    if (natural < this.nowDay + VALID_UNTIL_MIN_OFFSET_DAYS) return this.nowDay - random.int(1, -VALID_UNTIL_MIN_OFFSET_DAYS);
    return Math.min(natural, this.nowDay + VALID_UNTIL_MAX_OFFSET_DAYS);
  }
}

/** Status shares of the queue (SPEC "Words"): the rest is `queued`. */
const statusShares = { cleanup: 0.04, referralExpired: 0.01, referred: 0.03, enrolled: 0.01, withdrawn: 0.01 };

const demoParentNotes = [
  'two children in the queue',
  'one child in the queue',
  'one application stopped after the confirmation campaign (can be restored) and one in the queue',
  'a referral to a kindergarten was issued',
] as const;

/**
 * Generates the demo department, its kindergartens and queue. Pure: no clock, no I/O, no global
 * randomness; the same options always give the same data.
 */
export function generateDemoData(options: DemoDataOptions): DemoData {
  const applicationCount = options.applicationCount ?? defaultApplicationCount;
  if (!Number.isInteger(applicationCount) || applicationCount < 6) {
    throw new RangeError(`applicationCount must be an integer of at least 6, got ${applicationCount}`);
  }
  if (Number.isNaN(options.now.getTime())) throw new RangeError('now must be a valid date');
  const random = new Random(options.seed ?? 1);
  const kindergartens = generateKindergartens(random);
  const generator = new DemoGenerator(options.now, kindergartens, random);

  // The demo parents are built on purpose, with children of chosen ages, before the crowd.
  const demoFamilies = [generator.family([1, 3]), generator.family([2]), generator.family([4, 1]), generator.family([3])];
  const [, , cleanupFamily, referredFamily] = demoFamilies as [FamilyDraft, FamilyDraft, FamilyDraft, FamilyDraft];
  for (const family of demoFamilies) for (const child of family.children) child.status = 'queued';
  const stoppedChild = cleanupFamily.children.find((child) => generator.canBeStoppedForCleanup(child));
  const referredChild = referredFamily.children[0] as ChildDraft;
  if (!stoppedChild || !generator.canBeReferred(referredChild)) throw new Error('demo parents could not be built');
  generator.stopForCleanup(stoppedChild);
  generator.refer(referredChild);

  const families = [...demoFamilies];
  let childCount = families.reduce((sum, family) => sum + family.children.length, 0);
  while (childCount < applicationCount) {
    const family = generator.family(undefined, applicationCount - childCount);
    families.push(family);
    childCount += family.children.length;
  }

  assignStatuses(families.slice(demoFamilies.length).flatMap((family) => family.children), applicationCount, generator, random);

  const children = families.flatMap((family) => family.children);
  children.sort((a, b) => a.registeredMs - b.registeredMs || a.childIin.localeCompare(b.childIin));
  const applications = children.map((child, index) => toApplication(child, index, generator.validUntil(child)));

  return {
    tenant,
    kindergartens,
    applications,
    parents: families.map((family) => family.parent),
    demoParents: demoFamilies.map((family, index) => ({ ...family.parent, note: demoParentNotes[index] as string })),
    staff,
  };
}

/** Draws exact counts of each status among the children eligible for it; the rest are queued. */
function assignStatuses(children: readonly ChildDraft[], total: number, generator: DemoGenerator, random: Random): void {
  const take = (share: number, eligible: (child: ChildDraft) => boolean, apply: (child: ChildDraft) => void, alreadyTaken = 0) => {
    let wanted = Math.round(total * share) - alreadyTaken;
    for (const child of random.shuffle(children.filter((candidate) => candidate.status === undefined && eligible(candidate)))) {
      if (wanted-- <= 0) break;
      apply(child);
    }
  };
  take(statusShares.cleanup, (child) => generator.canBeStoppedForCleanup(child), (child) => generator.stopForCleanup(child), 1);
  take(statusShares.referralExpired, (child) => generator.canBeReferred(child), (child) => generator.expireReferral(child));
  take(statusShares.referred, (child) => generator.canBeReferred(child), (child) => generator.refer(child), 1);
  take(statusShares.enrolled, (child) => generator.canBeReferred(child), (child) => (child.status = 'enrolled'));
  take(statusShares.withdrawn, () => true, (child) => (child.status = 'withdrawn'));
  for (const child of children) child.status ??= 'queued';
}

function toApplication(child: ChildDraft, index: number, validUntilDay: number): Application {
  return {
    applicationId: `app-${String(index + 1).padStart(6, '0')}`,
    tenantId: demoTenantId,
    applicantIin: child.applicantIin,
    childIin: child.childIin,
    childName: child.childName,
    birthDate: isoDate(child.birthDay),
    registeredAt: isoDateTime(child.registeredMs),
    priority: child.priority,
    preferredKindergartenIds: child.preferredKindergartenIds,
    language: child.language,
    status: child.status ?? 'queued',
    validUntil: isoDate(validUntilDay),
    // Absent rather than undefined, so the items marshal to DynamoDB as they are.
    ...(child.stopReason ? { stopReason: child.stopReason } : {}),
    ...(child.referral ? { referral: child.referral } : {}),
  };
}
