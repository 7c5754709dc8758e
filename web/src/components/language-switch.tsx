import { useI18n } from '../i18n/context.tsx';
import { languages, type Language } from '../i18n/language.ts';

/** Each language names itself, so a reader finds theirs whatever the page shows now. */
const ownNames: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <nav class="language-switch" aria-label={t.layout.languageNav}>
      <ul>
        {languages.map((option) => (
          <li key={option}>
            <button
              type="button"
              lang={option}
              aria-pressed={option === language}
              onClick={() => setLanguage(option)}
              data-qa={`lang-${option}`}
            >
              {ownNames[option]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
