import { counted } from './plural.ts';

/** What a notice's sentence is built from: the child's name, a count, a date already formatted. */
export interface NoticeText {
  readonly child?: string;
  readonly count?: number;
  readonly date?: string;
}

const n = (forms: Parameters<typeof counted>[1]) => counted('ru', forms);

/** What a notice is about: the child's application by name when the notice carries it. */
const subjectRu = (p: NoticeText) => (p.child ? `Заявление на ребёнка ${p.child}` : 'Ваше заявление');

/** Russian: the main language module; `kk` and `en` must have exactly its keys. */
export const ru = {
  layout: {
    skipLink: 'Перейти к основному содержанию',
    homeLink: 'kezek — на главную',
    languageNav: 'Язык',
    signedInAs: 'Вы вошли как',
    logout: 'Выйти',
    footer: 'kezek — электронная очередь в детские сады для отделов образования Казахстана.',
  },
  common: {
    staffConsole: 'Кабинет сотрудника',
    sending: 'Отправляем…',
    loading: 'Загружаем…',
    errorSummaryTitle: 'Возникла проблема',
    errorPrefix: 'Ошибка:',
    networkError: 'Не удалось связаться с сервером. Проверьте подключение к интернету и попробуйте ещё раз.',
    genericError: 'Что-то пошло не так. Попробуйте ещё раз немного позже.',
    forbidden: 'У вас нет доступа к этой странице. Войдите под другой учётной записью.',
    toHome: 'На главную',
  },
  home: {
    title: 'Очередь в детский сад',
    intro:
      'kezek — электронная очередь в детские сады вашего города или района. Здесь родители видят заявления своих детей, их статус и срок действия и раз в год подтверждают, что место в детском саду всё ещё нужно.',
    parentLogin: 'Вход для родителей',
    staffLogin: 'Вход для сотрудников',
  },
  parentLogin: {
    title: 'Вход в личный кабинет',
    iinLabel: 'ИИН заявителя',
    iinHint: '12 цифр, как в удостоверении личности',
    iinMissing: 'Введите ИИН',
    iinFormat: 'ИИН должен состоять из 12 цифр',
    sendCode: 'Получить код',
    codeSent:
      'Если у этого ИИН есть личный кабинет, мы отправили одноразовый код в SMS на номер телефона, привязанный к нему.',
    codeValidFor: (minutes: number) => `Код действует ${minutes} мин.`,
    iinShown: 'ИИН',
    changeIin: 'Изменить ИИН',
    resendCode: 'Отправить код ещё раз',
    codeLabel: 'Код из SMS',
    codeHint: '6 цифр',
    codeMissing: 'Введите код из SMS',
    codeFormat: 'Код состоит из 6 цифр',
    verify: 'Войти',
  },
  cabinet: {
    title: 'Личный кабинет',
    applicationsHeading: 'Мои заявления',
    empty: 'У вас пока нет заявлений.',
    applicationNumber: 'Номер заявления',
    birthDate: 'Дата рождения',
    status: 'Статус',
    registeredAt: 'Дата постановки в очередь',
    validUntil: 'Действует до',
    priority: 'Льгота',
    language: 'Язык обучения',
    kindergartens: 'Выбранные детские сады',
    noKindergartens: 'Не выбраны',
    position: 'Место в очереди',
    cohort: (year: number) => `среди детей ${year} года рождения`,
    positionPending: (year: number) => `уточняется среди детей ${year} года рождения: обновите страницу через минуту`,
    positionMoves: 'Почему менялось место',
    referral: 'Направление',
    referralText: (kindergarten: string, date: string) => `${kindergarten}, действует по ${date} включительно`,
    autoRestore: 'Возвращение в очередь',
    autoRestoreText: (date: string) =>
      `Заявление вернётся в очередь само ${date} с прежней датой постановки. Ничего делать не нужно.`,
    restore: 'Вернуть в очередь',
    restored: 'Заявление возвращено в очередь.',
    withdraw: 'Отозвать заявление',
    withdrawn: 'Заявление отозвано.',
    withdrawQuestion: 'Вы уверены? Ребёнок покинет очередь, вернуть отозванное заявление нельзя.',
    withdrawConfirm: 'Да, отозвать',
    cancel: 'Нет, оставить',
  },
  campaign: {
    label: 'Кампания подтверждения потребности',
    banner: (tenant: string, year: number, date: string) =>
      `${tenant}: кампания подтверждения потребности в месте ${year} года идёт до ${date}. Войдите в личный кабинет и подтвердите, что место в детском саду всё ещё нужно, иначе ваши заявления попадут в стоп-лист.`,
  },
  survey: {
    fillIn: 'Заполнить анкету',
    fillInHint: 'Ответьте на 6 коротких вопросов и подтвердите, что место всё ещё нужно: все ваши заявления в очереди будут продлены на год.',
    open: 'Открыть анкету',
    openHint: 'До конца кампании ответы можно посмотреть или изменить.',
    stepOf: (step: number, total: number) => `Вопрос ${step} из ${total}`,
    back: 'Назад',
    next: 'Далее',
    chooseOne: 'Выберите один вариант ответа',
    chooseKindergarten: 'Выберите хотя бы один детский сад',
    tooManyKindergartens: (max: number) => `Выберите не больше ${max} детских садов`,
    otherTooLong: (max: number) => `Напишите не больше ${max} символов`,
    search: 'Поиск по названию',
    district: 'Район',
    allDistricts: 'Все районы',
    chosen: (count: number, max: number) => `Выбрано: ${count} из ${max}`,
    maxReached: (max: number) => `Выбрано наибольшее число садов (${max}). Чтобы выбрать другой, снимите отметку с одного из выбранных.`,
    remove: 'Убрать',
    noMatches: 'Нет детских садов, подходящих под условия поиска.',
    load: (chosen: number, capacity: number) =>
      `${n({ one: '{n} заявитель', few: '{n} заявителя', other: '{n} заявителей' })(chosen)} на ${n({ one: '{n} место', few: '{n} места', other: '{n} мест' })(capacity)}`,
    chanceLabel: 'Шанс получить место',
    chance: { good: 'хороший', fair: 'средний', low: 'низкий' },
    other: 'Другое',
    otherHint: (max: number) => `Если нужного занятия нет в списке, напишите его (до ${max} символов)`,
    nothingChosen: 'Ничего не выбрано',
    reviewTitle: 'Проверьте ответы',
    change: 'Изменить',
    submit: 'Подтвердить и продлить заявления',
    submitHint: 'Все ваши заявления в очереди будут продлены на один год.',
    successTitle: 'Ответы приняты',
    successText: (date: string) => `Ответы приняты, ваши заявления продлены на один год — до ${date}.`,
    replacedText: (date: string) => `Ответы обновлены. Ваши заявления действуют до ${date}.`,
    viewSurvey: 'Посмотреть анкету',
    toCabinet: 'Вернуться в личный кабинет',
    closedTitle: 'Анкета сейчас закрыта',
    closedText: 'Анкету можно заполнить только во время кампании подтверждения потребности в месте. Сейчас кампания не идёт.',
    stoppedText: 'Некоторые ваши заявления в стоп-листе. Их можно вернуть в очередь в личном кабинете — с прежней датой постановки.',
    restoreLink: 'Вернуть заявления в очередь',
    answeredTitle: 'Вы уже ответили на анкету',
    answeredText: (date: string) => `Ваши заявления продлены до ${date}. До конца кампании ответы можно изменить — срок действия от этого не изменится.`,
    changeAnswers: 'Изменить ответы',
    viewTitle: 'Ваши ответы на анкету',
    validUntil: (date: string) => `Ваши заявления действуют до ${date}.`,
    submittedAt: (when: string) => `Ответы отправлены ${when}.`,
    notAnswered: 'Вы ещё не отвечали на анкету в этой кампании.',
  },
  moves: {
    movedFromTo: (from: number, to: number) => `Место изменилось с ${from} на ${to}`,
    joinedAt: (to: number) => `Заявление встало в очередь на место ${to}`,
    reasons: {
      referred: n({
        one: '{n} заявление впереди получило направление',
        few: '{n} заявления впереди получили направление',
        other: '{n} заявлений впереди получили направление',
      }),
      enrolled: n({
        one: '{n} ребёнок впереди зачислен в детский сад',
        few: '{n} ребёнка впереди зачислены в детский сад',
        other: '{n} детей впереди зачислены в детский сад',
      }),
      stopped: n({
        one: '{n} заявление впереди попало в стоп-лист',
        few: '{n} заявления впереди попали в стоп-лист',
        other: '{n} заявлений впереди попали в стоп-лист',
      }),
      withdrawn: n({
        one: '{n} заявление впереди отозвано',
        few: '{n} заявления впереди отозваны',
        other: '{n} заявлений впереди отозваны',
      }),
      registered: n({
        one: '{n} новое заявление встало впереди',
        few: '{n} новых заявления встали впереди',
        other: '{n} новых заявлений встали впереди',
      }),
      restored: n({
        one: '{n} заявление вернулось из стоп-листа впереди, с прежней датой',
        few: '{n} заявления вернулись из стоп-листа впереди, с прежней датой',
        other: '{n} заявлений вернулись из стоп-листа впереди, с прежней датой',
      }),
      priority_changed: n({
        one: 'у {n} заявления изменилась льгота',
        few: 'у {n} заявлений изменилась льгота',
        other: 'у {n} заявлений изменилась льгота',
      }),
      reordered: n({
        one: '{n} место — из-за очерёдности: места выдаются по порядку, одно льготному заявлению на три общих (1 : 3)',
        few: '{n} места — из-за очерёдности: места выдаются по порядку, одно льготному заявлению на три общих (1 : 3)',
        other: '{n} мест — из-за очерёдности: места выдаются по порядку, одно льготному заявлению на три общих (1 : 3)',
      }),
    },
  },
  history: {
    title: 'История заявления',
    count: n({ one: '{n} событие', few: '{n} события', other: '{n} событий' }),
    by: 'Кто',
    actions: {
      register: 'Заявление зарегистрировано',
      refer: 'Выдано направление в детский сад',
      enroll: 'Ребёнок зачислен в детский сад',
      withdraw: 'Заявление отозвано',
      expire_referral: 'Направление не использовано вовремя: заявление в стоп-листе',
      restore_after_referral: 'Заявление вернулось в очередь после стоп-листа',
      stop_cleanup: 'Потребность не подтверждена: заявление в стоп-листе',
      restore_cleanup: 'Заявление возвращено из стоп-листа',
      change_kindergartens: 'Изменены выбранные детские сады',
      confirm: 'Потребность в месте подтверждена: срок действия продлён',
      change_applicant_phone: 'Сменён телефон кабинета родителя',
    },
    actors: {
      you: 'Вы',
      parent: 'Заявитель',
      staff: 'Сотрудник отдела образования',
      system: 'Система, автоматически',
    },
  },
  notifications: {
    heading: 'Уведомления',
    unread: (count: number) => (count === 0 ? 'непрочитанных нет' : n({ one: '{n} непрочитанное', few: '{n} непрочитанных', other: '{n} непрочитанных' })(count)),
    empty: 'Уведомлений пока нет.',
    unreadTag: 'Новое',
    channelsLabel: 'Куда отправлено:',
    markRead: 'Отметить как прочитанное',
    markAllRead: 'Отметить все как прочитанные',
    marked: n({ one: '{n} уведомление отмечено как прочитанное.', few: '{n} уведомления отмечены как прочитанные.', other: '{n} уведомлений отмечены как прочитанные.' }),
    unreadLeft: (count: number) => `Непрочитанных: ${count}.`,
    channels: {
      cabinet: { delivered: 'в личном кабинете', sent: 'в личном кабинете', failed: 'в личный кабинет не попало', pending: 'скоро появится в личном кабинете' },
      sms: { delivered: 'SMS доставлено', sent: 'SMS отправлено', failed: 'SMS не отправлено', pending: 'SMS ждёт отправки' },
      email: { delivered: 'письмо доставлено', sent: 'письмо отправлено', failed: 'письмо не отправлено', pending: 'письмо ждёт отправки' },
    },
    kinds: {
      registered: (p: NoticeText) => `${subjectRu(p)} зарегистрировано, ребёнок поставлен в очередь.`,
      refer: (p: NoticeText) => `${subjectRu(p)} получило направление в детский сад.`,
      enroll: (p: NoticeText) => `${subjectRu(p)} закрыто: ребёнок зачислен в детский сад.`,
      withdraw: (p: NoticeText) => `${subjectRu(p)} отозвано.`,
      expire_referral: (p: NoticeText) => `${subjectRu(p)} в стоп-листе: направление не использовано вовремя.`,
      restore_after_referral: (p: NoticeText) => `${subjectRu(p)} вернулось в очередь после стоп-листа с прежней датой постановки.`,
      stop_cleanup: (p: NoticeText) => `${subjectRu(p)} в стоп-листе: потребность в месте не подтверждена вовремя.`,
      restore_cleanup: (p: NoticeText) => `${subjectRu(p)} возвращено из стоп-листа в очередь с прежней датой постановки.`,
      change_kindergartens: (p: NoticeText) => `${subjectRu(p)} изменено: выбраны другие детские сады.`,
      confirm: (p: NoticeText) =>
        p.count !== undefined
          ? `Потребность в месте подтверждена: ${n({ one: '{n} заявление продлено', few: '{n} заявления продлены', other: '{n} заявлений продлены' })(p.count)}${p.date ? ` до ${p.date}` : ''}.`
          : `${subjectRu(p)} продлено: потребность в месте подтверждена${p.date ? `, заявление действует до ${p.date}` : ''}.`,
      campaign_started: (p: NoticeText) =>
        `Началась кампания подтверждения потребности в месте: подтвердите в личном кабинете${p.date ? ` до ${p.date}` : ''}, что место в детском саду всё ещё нужно.`,
      campaign_reminder: (p: NoticeText) =>
        `Напоминание: подтвердите в личном кабинете${p.date ? ` до ${p.date}` : ''}, что место в детском саду всё ещё нужно, иначе заявления попадут в стоп-лист.`,
      phone_changed: () => 'Отдел образования сменил телефон вашего кабинета: коды входа теперь приходят на новый номер. SMS об этом отправлены на прежний и на новый номер.',
    },
    other: 'Новое уведомление о вашем заявлении.',
  },
  staffLogin: {
    title: 'Вход для сотрудников',
    loginLabel: 'Логин',
    loginHint: 'Служебная электронная почта',
    loginMissing: 'Введите логин',
    passwordLabel: 'Пароль',
    passwordMissing: 'Введите пароль',
    submit: 'Войти',
  },
  staff: {
    title: 'Детские сады',
    caption: 'Детские сады вашего отдела образования',
    name: 'Название',
    ownership: 'Форма собственности',
    languages: 'Языки обучения',
    district: 'Район',
    places: 'Всего мест',
    empty: 'Детских садов пока нет.',
  },
  notFound: {
    title: 'Страница не найдена',
    text: 'Проверьте адрес или перейдите на главную страницу.',
  },
  status: {
    queued: 'В очереди',
    referred: 'Выдано направление',
    enrolled: 'Зачислен в детский сад',
    stopped: 'В стоп-листе',
    withdrawn: 'Отозвано заявителем',
  },
  stopReason: {
    cleanup: 'В стоп-листе: потребность в месте не подтверждена вовремя',
    referral_expired: 'В стоп-листе: направление не использовано вовремя',
  },
  priority: {
    none: 'Без льготы',
    extraordinary: 'Внеочередное право',
    disability: 'Ребёнок с инвалидностью',
    large_family: 'Многодетная семья',
    military: 'Семья военнослужащего',
    orphan: 'Ребёнок-сирота или оставшийся без попечения родителей',
  },
  instructionLanguage: {
    kk: 'Казахский',
    ru: 'Русский',
  },
  ownership: {
    state: 'Государственный',
    private: 'Частный',
  },
};

/** The shape every language module must have. */
export type Messages = typeof ru;
