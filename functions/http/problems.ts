import type { Language, LocalizedText } from '#domain/language';

/**
 * Every error the API answers with: its HTTP status and its message in kk / ru / en.
 * Domain errors carry a code from this table; a 500 is always the generic `internal`.
 */
export const problems = {
  unauthenticated: {
    status: 401,
    message: { kk: 'Жүйеге кіріңіз.', ru: 'Войдите в систему.', en: 'Please log in.' },
  },
  forbidden: {
    status: 403,
    message: { kk: 'Бұл әрекетке рұқсатыңыз жоқ.', ru: 'У вас нет доступа к этому действию.', en: 'You are not allowed to do this.' },
  },
  invalid_login_code: {
    status: 401,
    message: {
      kk: 'Код қате немесе оның мерзімі өтті. Жаңа код сұратыңыз.',
      ru: 'Код неверный или устарел. Запросите новый код.',
      en: 'The code is wrong or has expired. Ask for a new code.',
    },
  },
  invalid_credentials: {
    status: 401,
    message: { kk: 'Логин немесе құпиясөз қате.', ru: 'Неверный логин или пароль.', en: 'Wrong login or password.' },
  },
  validation_failed: {
    status: 400,
    message: { kk: 'Енгізілген деректерді тексеріңіз.', ru: 'Проверьте введённые данные.', en: 'Please check what you entered.' },
  },
  malformed_body: {
    status: 400,
    message: { kk: 'Сұраныс денесі JSON болуы керек.', ru: 'Тело запроса должно быть в формате JSON.', en: 'The request body must be JSON.' },
  },
  not_found: {
    status: 404,
    message: { kk: 'Табылмады.', ru: 'Не найдено.', en: 'Not found.' },
  },
  internal: {
    status: 500,
    message: {
      kk: 'Қызметте қате шықты. Кейінірек қайталап көріңіз.',
      ru: 'В сервисе произошла ошибка. Попробуйте позже.',
      en: 'Something went wrong on our side. Please try again later.',
    },
  },
} as const satisfies Record<string, { status: number; message: LocalizedText }>;

export type ProblemCode = keyof typeof problems;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(problems, code);
}

/** Field-level messages named by our schemas (`{ message: 'iin_format' }`). */
export const fieldMessages = {
  iin_format: { kk: 'ЖСН 12 цифрдан тұрады.', ru: 'ИИН состоит из 12 цифр.', en: 'An IIN has 12 digits.' },
  code_format: { kk: 'Код 6 цифрдан тұрады.', ru: 'Код состоит из 6 цифр.', en: 'The code has 6 digits.' },
} as const satisfies Record<string, LocalizedText>;

export function fieldMessage(key: string, language: Language): string | undefined {
  return Object.hasOwn(fieldMessages, key) ? fieldMessages[key as keyof typeof fieldMessages][language] : undefined;
}
