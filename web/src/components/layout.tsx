import type { ComponentChildren } from 'preact';
import type { Identity } from '../api-types.ts';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { SessionBar, SessionBarSpace } from './session-bar.tsx';
import { SiteContacts } from './site-contacts.tsx';
import { useSite } from '../tenant.ts';

interface LayoutProps {
  /** Shown once the page knows who is logged in. */
  readonly identity?: Identity | undefined;
  /** A page behind a login: the session bar's space is kept while `identity` loads, so the page does not move when it comes. */
  readonly reserveSession?: boolean;
  readonly children: ComponentChildren;
}

/** The frame of every page: skip link, header with the language switch, main, footer. */
export function Layout({ identity, reserveSession = false, children }: LayoutProps) {
  const { t, language } = useI18n();
  const site = useSite();
  // The skip link moves focus by script: a "#main" URL would be taken for a page change.
  const skipToMain = (event: MouseEvent) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <>
      <a class="skip-link" href="#main" onClick={skipToMain} data-qa="skip-link">
        {t.layout.skipLink}
      </a>
      <header class="site-header">
        <div class="container site-header__inner">
          <div class="site-brand">
            <Link href="/" class="brand" aria-label={t.layout.homeLink} data-qa="home-link">
              kezek
            </Link>
            {/* Which department's site this is: found by host name at run time (one build, many departments). */}
            <p class="site-name" data-qa="site-name">
              {site?.name[language] ?? ''}
            </p>
          </div>
          <LanguageSwitch />
        </div>
        {identity ? (
          <div class="container">
            <SessionBar identity={identity} />
          </div>
        ) : (
          reserveSession && (
            <div class="container">
              <SessionBarSpace />
            </div>
          )
        )}
      </header>
      <main id="main" class="container main" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="container">
          {site && <SiteContacts site={site} />}
          <p>{t.layout.footer}</p>
        </div>
      </footer>
    </>
  );
}
