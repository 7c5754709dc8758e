import type { Site } from '../api-types.ts';
import { useI18n } from '../i18n/context.tsx';

/** The department's office contacts, for parents (shown on every public page's footer). */
export function SiteContacts({ site }: { site: Site }) {
  const { t, language } = useI18n();
  const { phone, email, address, hours } = site.contacts;
  if (!phone && !email && !address && !hours) return null;
  return (
    <section class="site-contacts" aria-labelledby="site-contacts-title" data-qa="site-contacts">
      <h2 id="site-contacts-title" class="site-contacts__title">
        {t.layout.contactsTitle}
      </h2>
      <dl>
        {phone && (
          <div>
            <dt>{t.layout.contactPhone}</dt>
            <dd>
              <a href={`tel:${phone}`}>{phone}</a>
            </dd>
          </div>
        )}
        {email && (
          <div>
            <dt>{t.layout.contactEmail}</dt>
            <dd>
              <a href={`mailto:${email}`}>{email}</a>
            </dd>
          </div>
        )}
        {address && (
          <div>
            <dt>{t.layout.contactAddress}</dt>
            <dd>{address[language]}</dd>
          </div>
        )}
        {hours && (
          <div>
            <dt>{t.layout.contactHours}</dt>
            <dd>{hours[language]}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
