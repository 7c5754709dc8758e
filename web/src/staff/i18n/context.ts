import { useI18n } from '../../i18n/context.tsx';
import type { Language } from '../../i18n/language.ts';
import { en } from './en.ts';
import { kk } from './kk.ts';
import { ru, type StaffMessages } from './ru.ts';

const messages: Record<Language, StaffMessages> = { kk, ru, en };

/** The shared texts (`t`) and the console's own (`s`), in the chosen language. */
export function useStaffI18n() {
  const i18n = useI18n();
  return { ...i18n, s: messages[i18n.language] };
}
