import type { DomainErrorCode } from '#domain/errors';
import type { Language, LocalizedText } from '#domain/language';

/** The refusals of the HTTP layer itself (no domain error carries them). */
type HttpProblemCode = 'role_not_allowed' | 'method_not_allowed' | 'payload_too_large' | 'unsupported_media_type' | 'cross_site_request' | 'bad_request' | 'malformed_body' | 'internal';

/**
 * Every error the API answers with: its HTTP status and its message in kk / ru / en.
 * Domain errors carry a code from this table; a 500 is always the generic `internal`.
 * Written inside a function that `problems()` calls once: Node only scans its 20-odd kB of texts
 * at a function's start, and builds the table when the first refusal needs it (DECISIONS.md 66).
 */
const problemTable = () => ({
  unauthenticated: {
    status: 401,
    message: { kk: 'Жүйеге кіріңіз.', ru: 'Войдите в систему.', en: 'Please log in.' },
  },
  forbidden: {
    status: 403,
    message: { kk: 'Бұл әрекетке рұқсатыңыз жоқ.', ru: 'У вас нет доступа к этому действию.', en: 'You are not allowed to do this.' },
  },
  role_not_allowed: {
    status: 403,
    message: {
      kk: 'Сіздің рөліңізге бұл әрекет рұқсат етілмеген. Басқармаңыздың әкімшісіне жүгініңіз.',
      ru: 'Ваша роль не позволяет это действие. Обратитесь к администратору вашего управления.',
      en: 'Your role does not allow this. Ask your department\'s administrator.',
    },
  },
  invalid_login_code: {
    status: 401,
    message: {
      kk: 'Код сәйкес келмеді. SMS-тегі цифрларды тексеріңіз; 5 қате әрекеттен кейін немесе код ескірсе, жаңа код сұратыңыз.',
      ru: 'Код не подошёл. Проверьте цифры из SMS; после 5 неверных попыток или если код устарел, запросите новый.',
      en: 'The code does not match. Check the digits in the SMS; after 5 wrong tries, or if the code has expired, ask for a new one.',
    },
  },
  invalid_credentials: {
    status: 401,
    // One answer for a wrong login, password or code, and a missing code: it tells no part right.
    message: {
      kk: 'Логин, құпиясөз немесе растау коды қате.',
      ru: 'Неверный логин, пароль или код подтверждения.',
      en: 'Wrong login, password or verification code.',
    },
  },
  validation_failed: {
    status: 400,
    message: { kk: 'Енгізілген деректерді тексеріңіз.', ru: 'Проверьте введённые данные.', en: 'Please check what you entered.' },
  },
  rate_limited: {
    status: 429,
    message: {
      kk: 'Сұраныстар тым көп. {minutes} минуттан кейін қайталап көріңіз.',
      ru: 'Слишком много запросов. Повторите через {minutes} мин.',
      en: 'Too many requests. Try again in {minutes} min.',
    },
  },
  malformed_body: {
    status: 400,
    message: { kk: 'Сұраныс денесі JSON болуы керек.', ru: 'Тело запроса должно быть в формате JSON.', en: 'The request body must be JSON.' },
  },
  not_found: {
    status: 404,
    message: { kk: 'Табылмады.', ru: 'Не найдено.', en: 'Not found.' },
  },
  method_not_allowed: {
    status: 405,
    message: {
      kk: 'Бұл мекенжай мұндай әдісті қабылдамайды.',
      ru: 'Этот адрес не принимает такой метод запроса.',
      en: 'This address does not accept this request method.',
    },
  },
  payload_too_large: {
    status: 413,
    message: { kk: 'Сұраныс тым үлкен.', ru: 'Запрос слишком большой.', en: 'The request is too large.' },
  },
  unsupported_media_type: {
    status: 415,
    message: {
      kk: 'Сұраныс JSON түрінде жіберілуі керек (Content-Type: application/json).',
      ru: 'Запрос нужно отправлять в формате JSON (Content-Type: application/json).',
      en: 'Send the request as JSON (Content-Type: application/json).',
    },
  },
  cross_site_request: {
    status: 403,
    message: {
      kk: 'Басқа сайттан келген сұраныс қабылданбайды.',
      ru: 'Запросы с других сайтов не принимаются.',
      en: 'Requests from other sites are not accepted.',
    },
  },
  bad_request: {
    status: 400,
    message: { kk: 'Сұраныс мекенжайы қате.', ru: 'Неверный адрес запроса.', en: 'The request address is malformed.' },
  },
  transition_not_allowed: {
    status: 409,
    message: {
      kk: 'Өтініштің қазіргі күйінде бұл әрекет мүмкін емес.',
      ru: 'В текущем статусе заявления это действие невозможно.',
      en: 'This action is not possible in the application’s current status.',
    },
  },
  restores_automatically: {
    status: 409,
    message: {
      kk: 'Жолдаманың мерзімі өткендіктен стоп-парақтағы өтініш кезекке өзі оралады: {date}.',
      ru: 'Заявление, остановленное из-за истёкшего направления, вернётся в очередь автоматически: {date}.',
      en: 'An application stopped after an expired referral returns to the queue by itself on {date}.',
    },
  },
  concurrent_change: {
    status: 409,
    message: {
      kk: 'Мұны жаңа ғана басқа қойындыда немесе басқа адам өзгертті. Бетті жаңартып, қайталап көріңіз.',
      ru: 'Это только что изменили — в другой вкладке или другой человек. Обновите страницу и повторите.',
      en: 'This was changed meanwhile, in another tab or by someone else. Reload the page and try again.',
    },
  },
  no_free_place: {
    status: 409,
    message: {
      kk: 'Бұл балабақшада баланың жас тобында бос орын жоқ.',
      ru: 'В этом детском саду нет свободного места в возрастной группе ребёнка.',
      en: 'This kindergarten has no free place in the child’s age group.',
    },
  },
  campaign_closed: {
    status: 409,
    message: {
      kk: 'Растау науқаны аяқталды. Стоп-парақтағы өтініштерді жеке кабинетте «Кезекке қайтару» батырмасымен қайтаруға болады.',
      ru: 'Кампания подтверждения завершена. Остановленные заявления можно вернуть в очередь в личном кабинете кнопкой «Вернуть в очередь».',
      en: 'The confirmation campaign has ended. Stopped applications can be brought back with “Return to the queue” in your cabinet.',
    },
  },
  survey_version_changed: {
    status: 409,
    message: {
      kk: 'Сауалнаманың сұрақтары өзгерді. Бетті жаңартып, сауалнаманы қайта толтырыңыз.',
      ru: 'Вопросы анкеты изменились. Обновите страницу и заполните анкету ещё раз.',
      en: 'The survey’s questions have changed. Reload the page and fill in the survey again.',
    },
  },
  campaign_not_started: {
    status: 409,
    message: {
      kk: 'Растау науқаны әлі басталған жоқ. Басталуы: {date}, {time} (Қазақстан уақыты).',
      ru: 'Кампания подтверждения ещё не началась. Начало: {date}, {time} (время Казахстана).',
      en: 'The confirmation campaign has not started yet. It starts on {date} at {time} (Kazakhstan time).',
    },
  },
  nothing_to_confirm: {
    status: 409,
    message: {
      kk: 'Сауалнама кезекте тұрған өтініштерді растау үшін толтырылады, ал сізде кезекте тұрған өтініш жоқ. Жауап сақталмады.',
      ru: 'Анкета заполняется для подтверждения заявлений в очереди, а у вас нет заявлений в очереди. Ответы не сохранены.',
      en: 'The survey confirms applications in the queue, and you have none in the queue. Your answers were not saved.',
    },
  },
  campaign_already_active: {
    status: 409,
    message: {
      kk: 'Бұл білім бөлімінде науқан жүріп жатыр: бір уақытта біреуі ғана болады.',
      ru: 'В этом отделе образования уже идёт кампания: одновременно может идти только одна.',
      en: 'This education department already runs a campaign: only one can run at a time.',
    },
  },
  campaign_state: {
    status: 409,
    message: {
      kk: 'Науқанның қазіргі күйінде бұл әрекет мүмкін емес.',
      ru: 'В текущем состоянии кампании это действие невозможно.',
      en: 'This is not possible in the campaign’s current state.',
    },
  },
  import_rejected: {
    status: 400,
    message: {
      kk: 'Файлда қателер бар, ештеңе жүктелмеді. Әр қатені түзетіп, файлды қайта жүктеңіз.',
      ru: 'В файле есть ошибки, ничего не загружено. Исправьте каждую строку из списка и загрузите файл снова.',
      en: 'The file has errors and nothing was imported. Fix every row listed and upload the file again.',
    },
  },
  child_already_queued: {
    status: 409,
    message: {
      kk: 'Бұл баланың осы білім бөлімінде белсенді өтініші бар.',
      ru: 'У этого ребёнка уже есть действующее заявление в этом отделе образования.',
      en: 'This child already has an active application with this education department.',
    },
  },
  kindergarten_exists: {
    status: 409,
    message: {
      kk: 'Мұндай идентификаторы бар балабақша бар. Басқа идентификатор жазыңыз немесе бар балабақшаны өңдеңіз.',
      ru: 'Детский сад с таким идентификатором уже есть. Укажите другой идентификатор или измените существующий детский сад.',
      en: 'A kindergarten with this id exists. Give another id or edit the existing kindergarten.',
    },
  },
  kindergarten_changed: {
    status: 409,
    message: {
      kk: 'Балабақшаны осы уақытта басқа біреу өзгертті. Бетті жаңартып, өзгерістерді қайта енгізіңіз.',
      ru: 'Детский сад только что изменил кто-то другой. Обновите страницу и внесите изменения заново.',
      en: 'Someone else changed the kindergarten meanwhile. Reload the page and make your changes again.',
    },
  },
  phone_on_file_differs: {
    status: 409,
    message: {
      kk: 'Бұл ата-ананың кабинетінде басқа телефон тіркелген: {phone}. Телефонды өзгерту үшін ата-ананың өтініш бетіндегі «Телефонды өзгерту» формасын пайдаланыңыз.',
      ru: 'У этого родителя в кабинете записан другой телефон: {phone}. Чтобы его сменить, воспользуйтесь формой «Сменить телефон» на странице заявления родителя.',
      en: 'This parent’s cabinet has another phone on file: {phone}. To change it, use “Change phone” on the page of one of the parent’s applications.',
    },
  },
  phone_changed_meanwhile: {
    status: 409,
    message: {
      kk: 'Ата-ананың телефонын осы уақытта басқа біреу өзгертті. Бетті жаңартып, қайталап көріңіз.',
      ru: 'Телефон родителя только что изменил кто-то другой. Обновите страницу и повторите.',
      en: 'Someone else changed the parent’s phone meanwhile. Reload the page and try again.',
    },
  },
  try_again: {
    status: 409,
    message: {
      kk: 'Дәл қазір бір уақытта көп өзгеріс жасалып жатыр, сондықтан ештеңе сақталмады. Бірнеше секундтан кейін қайталап көріңіз.',
      ru: 'Сейчас одновременно вносится много изменений, поэтому ничего не сохранено. Повторите через несколько секунд.',
      en: 'Many changes are being made at this moment, so nothing was saved. Please try again in a few seconds.',
    },
  },
  department_exists: {
    status: 409,
    message: {
      kk: 'Мұндай идентификаторы бар білім бөлімі бар.',
      ru: 'Отдел образования с таким идентификатором уже есть.',
      en: 'A department with this id exists already.',
    },
  },
  site_host_taken: {
    status: 409,
    message: {
      kk: '{host} мекенжайы басқа білім бөліміне тиесілі.',
      ru: 'Адрес {host} уже принадлежит другому отделу образования.',
      en: 'The address {host} belongs to another department already.',
    },
  },
  staff_login_taken: {
    status: 409,
    message: {
      kk: 'Мұндай логині бар қызметкер бар.',
      ru: 'Сотрудник с таким логином уже есть.',
      en: 'A staff account with this login exists already.',
    },
  },
  site_not_found: {
    status: 404,
    message: {
      kk: 'Бұл мекенжайда білім бөлімінің сайты жоқ.',
      ru: 'По этому адресу нет сайта отдела образования.',
      en: 'No education department’s site is at this address.',
    },
  },
  invitation_invalid: {
    status: 410,
    message: {
      kk: 'Сілтеме жарамсыз немесе пайдаланылған. Әкімшіден жаңа сілтеме сұраңыз.',
      ru: 'Ссылка недействительна или уже использована. Попросите администратора о новой ссылке.',
      en: 'The link is not valid or was used already. Ask your administrator for a new link.',
    },
  },
  email_link_invalid: {
    status: 410,
    message: {
      kk: 'Растау сілтемесі жарамсыз: ол пайдаланылған, жаңа хатпен ауыстырылған немесе басқа мекенжайға арналған. Байланыстар бөлімінде жаңа хат сұраңыз.',
      ru: 'Ссылка подтверждения недействительна: она уже использована, заменена новым письмом или относится к другому адресу. Запросите новое письмо в разделе «Контакты».',
      en: 'This confirmation link is not valid: it was used already, replaced by a newer e-mail, or is for another address. Ask for a new e-mail in the Contacts section.',
    },
  },
  email_link_expired: {
    status: 410,
    message: {
      kk: 'Растау сілтемесінің мерзімі өтті (24 сағат). Байланыстар бөлімінде жаңа хат сұраңыз.',
      ru: 'Срок действия ссылки подтверждения истёк (24 часа). Запросите новое письмо в разделе «Контакты».',
      en: 'This confirmation link has expired (it works for 24 hours). Ask for a new e-mail in the Contacts section.',
    },
  },
  invitation_expired: {
    status: 410,
    message: {
      kk: 'Сілтеменің мерзімі өтті. Әкімшіден жаңа сілтеме сұраңыз.',
      ru: 'Срок действия ссылки истёк. Попросите администратора о новой ссылке.',
      en: 'The link has expired. Ask your administrator for a new link.',
    },
  },
  last_admin: {
    status: 409,
    message: {
      kk: 'Басқармада кемінде бір белсенді әкімші қалуы керек. Алдымен басқа қызметкерге әкімші рөлін беріңіз.',
      ru: 'В управлении должен остаться хотя бы один активный администратор. Сначала назначьте администратором другого сотрудника.',
      en: 'The department must keep at least one active administrator. Make another staff member an administrator first.',
    },
  },
  staff_disabled: {
    status: 409,
    message: {
      kk: 'Тіркелгі өшірілген. Алдымен оны қосыңыз.',
      ru: 'Учётная запись отключена. Сначала включите её.',
      en: 'The account is disabled. Enable it first.',
    },
  },
  internal: {
    status: 500,
    message: {
      kk: 'Қызметте қате шықты. Кейінірек қайталап көріңіз.',
      ru: 'В сервисе произошла ошибка. Попробуйте позже.',
      en: 'Something went wrong on our side. Please try again later.',
    },
  },
}) as const satisfies Record<DomainErrorCode | HttpProblemCode, { status: number; message: LocalizedText }>;

let problemsMade: ReturnType<typeof problemTable> | undefined;

/** The table of problems (`problemTable`), made on first use and kept. */
export function problems(): ReturnType<typeof problemTable> {
  return (problemsMade ??= problemTable());
}

export type ProblemCode = keyof ReturnType<typeof problemTable>;

/** A date in a message: `07.04.2026` reads right in kk, ru and en. */
function formatParam(value: string): string {
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return date ? `${date[3]}.${date[2]}.${date[1]}` : value;
}

/** The message of a problem in a language, with `{name}` placeholders filled. */
export function problemMessage(code: ProblemCode, language: Language, params: Readonly<Record<string, string>> = {}): string {
  return problems()[code].message[language].replace(/\{(\w+)\}/g, (_m, name: string) => (params[name] !== undefined ? formatParam(params[name]) : '…'));
}

/** Field-level messages named by our schemas (`{ message: 'iin_format' }`); inside a function, as the problems' texts. */
const fieldMessageTable = () => ({
  iin_format: { kk: 'ЖСН 12 цифрдан тұрады.', ru: 'ИИН состоит из 12 цифр.', en: 'An IIN has 12 digits.' },
  staff_login_format: {
    kk: 'Логин — электрондық пошта мекенжайы, мысалы name@example.kz.',
    ru: 'Логин — адрес электронной почты, например name@example.kz.',
    en: 'The login is an email address, e.g. name@example.kz.',
  },
  staff_change_empty: { kk: 'Рөлді немесе күйді өзгертіңіз.', ru: 'Измените роль или состояние.', en: 'Change the role or the state.' },
  code_format: { kk: 'Код 6 цифрдан тұрады.', ru: 'Код состоит из 6 цифр.', en: 'The code has 6 digits.' },
  required: { kk: 'Міндетті өріс.', ru: 'Обязательное поле.', en: 'Required.' },
  end_before_start: { kk: 'Аяқталуы басталуынан кейін болуы керек.', ru: 'Окончание должно быть позже начала.', en: 'The end must come after the start.' },
  campaign_year: {
    kk: 'Науқан жылы басталу күнінің жылына сай келуі керек.',
    ru: 'Год кампании должен соответствовать дате начала.',
    en: 'The campaign year must match the start date.',
  },
  column_missing: { kk: 'Міндетті баған жоқ.', ru: 'Нет такого столбца.', en: 'This column is missing.' },
  column_unknown: { kk: 'Белгісіз баған.', ru: 'Неизвестный столбец.', en: 'Unknown column.' },
  csv_syntax: {
    kk: 'CSV құрылымы бұзылған (тырнақшалар немесе бағандар саны).',
    ru: 'Нарушена структура CSV (кавычки или число столбцов).',
    en: 'Broken CSV structure (quotes or number of columns).',
  },
  file_empty: { kk: 'Файлда деректер жоқ.', ru: 'В файле нет данных.', en: 'The file has no data rows.' },
  id_format: {
    kk: 'Тек әріптер, сандар, «-» және «_», 40 таңбаға дейін.',
    ru: 'Только буквы, цифры, «-» и «_», до 40 символов.',
    en: 'Letters, digits, “-” and “_” only, up to 40 characters.',
  },
  date_format: {
    kk: 'Күнді ЖЖЖЖ-АА-КК түрінде жазыңыз.',
    ru: 'Укажите дату в формате ГГГГ-ММ-ДД.',
    en: 'Write the date as YYYY-MM-DD.',
  },
  date_in_future: { kk: 'Күн болашақта болмауы керек.', ru: 'Дата не может быть в будущем.', en: 'The date cannot be in the future.' },
  priority_unknown: {
    kk: 'Белгісіз жеңілдік санаты.',
    ru: 'Неизвестная категория льготы.',
    en: 'Unknown priority category.',
  },
  language_unknown: { kk: 'Тіл kk немесе ru болуы керек.', ru: 'Язык должен быть kk или ru.', en: 'The language must be kk or ru.' },
  duplicate_in_file: {
    kk: 'Бұл мән файлда бұрын кездесті.',
    ru: 'Это значение уже встречалось в файле выше.',
    en: 'This value already appears earlier in the file.',
  },
  ownership_unknown: { kk: 'state немесе private болуы керек.', ru: 'Должно быть state или private.', en: 'Must be state or private.' },
  cohort_unknown: {
    kk: 'Бұл науқанда мұндай туған жыл жоқ.',
    ru: 'В этой кампании нет такого года рождения.',
    en: 'This campaign has no such birth year.',
  },
  district_unknown: {
    kk: 'Бұл білім бөлімінде мұндай аудан жоқ.',
    ru: 'В этом отделе образования нет такого района.',
    en: 'This education department has no such district.',
  },
  coordinate_range: {
    kk: 'Координата Қазақстаннан тыс.',
    ru: 'Координата вне Казахстана.',
    en: 'The coordinate lies outside Kazakhstan.',
  },
  coordinate_number: {
    kk: 'Координатаны градуспен сан түрінде жазыңыз, мысалы 50.0591.',
    ru: 'Укажите координату числом в градусах, например 50.0591.',
    en: 'Write the coordinate as a number of degrees, e.g. 50.0591.',
  },
  whole_number: { kk: 'Бүтін сан жазыңыз.', ru: 'Укажите целое число.', en: 'Write a whole number.' },
  child_already_queued: {
    kk: 'Бұл баланың осы білім бөлімінде басқа белсенді өтініші бар.',
    ru: 'У этого ребёнка уже есть другое действующее заявление в этом отделе образования.',
    en: 'This child already has another active application with this education department.',
  },
  iin_invalid: {
    kk: 'Мұндай ЖСН болмайды: туған күні немесе бақылау цифры қате.',
    ru: 'Такого ИИН не существует: неверная дата или контрольная цифра.',
    en: 'This IIN cannot exist: its date or check digit is wrong.',
  },
  phone_format: {
    kk: 'Телефонды +7XXXXXXXXXX түрінде жазыңыз.',
    ru: 'Укажите телефон в формате +7XXXXXXXXXX.',
    en: 'Write the phone as +7XXXXXXXXXX.',
  },
  email_format: {
    kk: 'Электрондық поштаны name@example.kz түрінде жазыңыз (254 таңбадан аспайды).',
    ru: 'Укажите электронную почту в виде name@example.kz (не длиннее 254 символов).',
    en: 'Write the e-mail as name@example.kz (at most 254 characters).',
  },
  email_latin: {
    kk: 'Хаттар тек латын әріптерімен жазылған мекенжайға жетеді: @ белгісіне дейін латын әріптерін, цифрларды және . _ - + белгілерін жазыңыз.',
    ru: 'Письма доходят только до адресов латиницей: до знака @ используйте латинские буквы, цифры и знаки . _ - +.',
    en: 'Mail reaches only addresses in Latin letters: before the @ use Latin letters, digits and . _ - +.',
  },
  email_token_format: {
    kk: 'Растау сілтемесі бүлінген: оны хаттан толық көшіріңіз.',
    ru: 'Ссылка подтверждения повреждена: скопируйте её из письма целиком.',
    en: 'The confirmation link is damaged: copy it from the e-mail in full.',
  },
  email_token_alone: {
    kk: 'Растау сілтемесі байланыстардан бөлек жіберіледі.',
    ru: 'Ссылка подтверждения отправляется отдельно от контактов.',
    en: 'A confirmation link is sent on its own, without the contacts.',
  },
  email_unavailable: {
    kk: 'Бұл сайт әзірге электрондық пошта жібермейді.',
    ru: 'Этот сайт пока не отправляет электронную почту.',
    en: 'This site does not send e-mail yet.',
  },
  second_phone_same: {
    kk: 'Екінші телефон біріншісінен өзгеше болуы керек.',
    ru: 'Второй телефон должен отличаться от первого.',
    en: 'The second phone must differ from the first.',
  },
  cursor_invalid: {
    kk: 'Бет сілтемесі бүлінген: тізімді басынан ашыңыз.',
    ru: 'Ссылка на страницу повреждена: откройте список с начала.',
    en: 'The page link is damaged: open the list from the start.',
  },
  queue_paging: {
    kk: '«after» тек кезектегі өтініштерді, «cursor» басқа мәртебелерді парақтайды.',
    ru: '«after» листает только заявления в очереди, «cursor» — остальные статусы.',
    en: '“after” pages the queued list only, “cursor” the other statuses.',
  },
  child_age: {
    kk: 'Бала 0 мен 6 жас аралығында болуы керек.',
    ru: 'Ребёнку должно быть от 0 до 6 полных лет.',
    en: 'The child must be 0 to 6 full years old.',
  },
  kindergartens_distinct: {
    kk: '1-ден 3-ке дейін әртүрлі балабақша таңдаңыз.',
    ru: 'Выберите от 1 до 3 разных детских садов.',
    en: 'Choose 1 to 3 different kindergartens.',
  },
  options_distinct: { kk: 'Әр нұсқаны бір рет таңдаңыз.', ru: 'Выберите каждый вариант один раз.', en: 'Choose each option once.' },
  kindergarten_unknown: {
    kk: 'Бұл білім бөлімінде мұндай балабақша жоқ.',
    ru: 'В этом отделе образования нет такого детского сада.',
    en: 'This education department has no such kindergarten.',
  },
  languages_required: {
    kk: 'Кемінде бір оқыту тілін таңдаңыз.',
    ru: 'Выберите хотя бы один язык обучения.',
    en: 'Choose at least one language of instruction.',
  },
  places_count: {
    kk: 'Орын санын 0-ден 9999-ға дейінгі бүтін санмен жазыңыз.',
    ru: 'Укажите число мест целым числом от 0 до 9999.',
    en: 'Write the number of places as a whole number from 0 to 9999.',
  },
  capacity_below_occupancy: {
    kk: 'Орын саны қазір бос емес орындардан аз болмауы керек (қабылданған балалар мен берілген жолдамалар).',
    ru: 'Мест не может быть меньше, чем уже занято (зачисленные дети и выданные направления).',
    en: 'Cannot be fewer than the places already taken (children enrolled and referrals issued).',
  },
  kindergarten_id_format: {
    kk: 'Тек латын әріптері, сандар, «-» және «_», 60 таңбаға дейін.',
    ru: 'Только латинские буквы, цифры, «-» и «_», до 60 символов.',
    en: 'Latin letters, digits, “-” and “_” only, up to 60 characters.',
  },
  phone_on_file_differs: {
    kk: 'Ата-ананың кабинетінде басқа телефон тіркелген: {phone}.',
    ru: 'У родителя в кабинете записан другой телефон: {phone}.',
    en: 'The parent’s cabinet has another phone on file: {phone}.',
  },
  phone_differs_in_file: {
    kk: 'Файлдың жоғарғы жолында осы ата-анаға басқа телефон берілген: {phone}.',
    ru: 'Выше в файле у этого родителя указан другой телефон: {phone}.',
    en: 'An earlier row gives this parent another phone: {phone}.',
  },
  phone_unchanged: {
    kk: 'Бұл телефон кабинетте тіркелген телефонмен бірдей.',
    ru: 'Этот телефон уже записан в кабинете.',
    en: 'This is already the phone on file.',
  },
  totp_code: {
    kk: 'Бұл код сәйкес келмейді. Қосымшадағы қазіргі 6 цифрлы кодты енгізіңіз.',
    ru: 'Код не подошёл. Введите текущий 6-значный код из приложения.',
    en: 'That code does not match. Enter the current 6-digit code from the app.',
  },
  password_length: {
    kk: 'Құпиясөз кемінде 12 таңбадан тұруы керек.',
    ru: 'Пароль должен быть не короче 12 символов.',
    en: 'The password must be at least 12 characters long.',
  },
  id_invalid: { kk: 'Идентификатор қате.', ru: 'Неверный идентификатор.', en: 'Not a valid identifier.' },
  settings_campaign_length: {
    kk: 'Науқан ұзақтығы — 1-ден 12-ге дейінгі бүтін ай саны.',
    ru: 'Длительность кампании — целое число месяцев от 1 до 12.',
    en: 'The campaign length is a whole number of months from 1 to 12.',
  },
  settings_age_years: {
    kk: 'Жасты 0-ден 7-ге дейінгі толық жылмен жазыңыз.',
    ru: 'Укажите возраст целым числом полных лет от 0 до 7.',
    en: 'Write the age as whole years from 0 to 7.',
  },
  settings_extension_years: {
    kk: 'Ұзарту мерзімі — 1-ден 5-ке дейінгі бүтін жыл саны.',
    ru: 'Продление — целое число лет от 1 до 5.',
    en: 'The extension is a whole number of years from 1 to 5.',
  },
  settings_working_days: {
    kk: '1-ден 60-қа дейінгі жұмыс күнінің бүтін санын жазыңыз.',
    ru: 'Укажите целое число рабочих дней от 1 до 60.',
    en: 'Write a whole number of working days from 1 to 60.',
  },
  settings_reminder_days: {
    kk: 'Еске салу: аяқталуға дейін 1-ден 60-қа дейінгі бүтін күн саны.',
    ru: 'Напоминание: целое число дней до окончания, от 1 до 60.',
    en: 'A reminder is a whole number of days before the end, from 1 to 60.',
  },
  settings_reminders: {
    kk: 'Ең көбі 5 еске салу, әр күн бір рет.',
    ru: 'Не больше 5 напоминаний, каждый день один раз.',
    en: 'At most 5 reminders, each day once.',
  },
  settings_reminder_within_campaign: {
    kk: 'Еске салу науқан ішінде болуы керек: аяқталуға дейінгі күндер науқанның ұзақтығынан аз болсын (айына 28 күн).',
    ru: 'Напоминание должно попасть в кампанию: дней до окончания должно быть меньше её длительности (28 дней в месяце).',
    en: 'A reminder must fall within the campaign: fewer days before the end than the campaign lasts (28 days a month).',
  },
  settings_ratio: {
    kk: 'Арақатынас бөлігі — 1-ден 10-ға дейінгі бүтін сан.',
    ru: 'Часть соотношения — целое число от 1 до 10.',
    en: 'Each side of the ratio is a whole number from 1 to 10.',
  },
  settings_priorities: {
    kk: 'Тізімдегі жеңілдік санаттарын таңдаңыз, әрқайсысын бір рет.',
    ru: 'Выберите категории льгот из списка, каждую один раз.',
    en: 'Choose priority categories from the list, each once.',
  },
  settings_survey_version: {
    kk: 'Мұндай сауалнама нұсқасы жоқ: тізімнен таңдаңыз.',
    ru: 'Такой версии анкеты нет: выберите из списка.',
    en: 'There is no such survey version: choose one from the list.',
  },
  settings_email: {
    kk: 'Электрондық поштаны name@example.kz түрінде жазыңыз (100 таңбаға дейін).',
    ru: 'Укажите электронную почту в виде name@example.kz (до 100 символов).',
    en: 'Write the email as name@example.kz (up to 100 characters).',
  },
  settings_text: {
    kk: 'Үш тілде де 1-ден 200 таңбаға дейін толтырыңыз немесе үшеуін де бос қалдырыңыз.',
    ru: 'Заполните на всех трёх языках, от 1 до 200 символов, или оставьте пустыми все три.',
    en: 'Fill in all three languages, 1 to 200 characters, or leave all three empty.',
  },
  settings_languages: {
    kk: 'Сайттың кемінде бір тілін таңдаңыз (kk, ru, en), әрқайсысын бір рет.',
    ru: 'Выберите хотя бы один язык сайта (kk, ru, en), каждый один раз.',
    en: 'Choose at least one language of the site (kk, ru, en), each once.',
  },
  one_line: {
    kk: 'Бір жолға жазыңыз: жол ауыстыру мен басқару таңбаларынсыз.',
    ru: 'Напишите в одну строку: без переносов строк и управляющих символов.',
    en: 'Write it on one line: no line breaks or control characters.',
  },
  search_text: {
    kk: 'Баланың ЖСН-ін, аты-жөнін (кемінде 2 әріп) немесе өтініш нөмірін жазыңыз, 100 таңбаға дейін.',
    ru: 'Введите ИИН ребёнка, его фамилию и имя (не меньше 2 букв) или номер заявления, до 100 символов.',
    en: "Enter the child's IIN, name (at least 2 letters) or the application number, up to 100 characters.",
  },
  priority_not_offered: {
    kk: 'Білім бөлімі бұл жеңілдік санатын ұсынбайды (баптауларды қараңыз).',
    ru: 'Отдел образования не предлагает эту категорию льготы (см. настройки).',
    en: 'The department does not offer this priority category (see its settings).',
  },
  kindergarten_language: {
    kk: 'Бұл балабақшада таңдалған тілде топ жоқ.',
    ru: 'В этом детском саду нет групп на выбранном языке.',
    en: 'This kindergarten has no groups in the chosen language.',
  },
}) as const satisfies Record<string, LocalizedText>;

let fieldMessagesMade: ReturnType<typeof fieldMessageTable> | undefined;

/** A field message with its `{name}` placeholders filled (`params` never holds personal data in clear). */
export function fieldMessage(key: string, language: Language, params: Readonly<Record<string, string>> = {}): string | undefined {
  const fieldMessages = (fieldMessagesMade ??= fieldMessageTable());
  if (!Object.hasOwn(fieldMessages, key)) return undefined;
  return fieldMessages[key as keyof typeof fieldMessages][language].replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? '…');
}
