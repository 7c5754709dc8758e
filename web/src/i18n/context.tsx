import { createContext, type ComponentChildren } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { en } from './en.ts';
import { kk } from './kk.ts';
import { chooseLanguage, currentLanguage, type Language } from './language.ts';
import { ru, type Messages } from './ru.ts';

const messages: Record<Language, Messages> = { kk, ru, en };

export interface I18n {
  readonly language: Language;
  readonly t: Messages;
  readonly setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n>({ language: 'ru', t: ru, setLanguage: () => undefined });

/** Holds the chosen language; every page re-renders in place when it changes. */
export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [language, setLanguageState] = useState<Language>(currentLanguage);
  const setLanguage = (next: Language) => {
    chooseLanguage(next);
    setLanguageState(next);
  };
  return <I18nContext.Provider value={{ language, t: messages[language], setLanguage }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
