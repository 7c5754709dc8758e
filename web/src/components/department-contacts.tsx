import type { PublicCampaign } from '../api-types.ts';
import { useI18n } from '../i18n/context.tsx';
import { useSite } from '../tenant.ts';

/**
 * Whom a parent contacts when the SMS does not come or the phone number changed: the education
 * department of this site, by name and, where it gave them at onboarding, its phone and e-mail.
 */
export function DepartmentContacts({ tenantName, qa = 'department-contacts' }: { tenantName?: PublicCampaign['tenantName'] | undefined; qa?: string }) {
  const { t, language } = useI18n();
  const site = useSite();
  const department = site?.name[language] ?? tenantName?.[language];
  const { phone, email } = site?.contacts ?? {};
  return (
    <div class="contacts" data-qa={qa}>
      <p>{department ? t.help.contactNamed(department) : t.help.contactGeneric}</p>
      {(phone || email) && (
        <p>
          {phone && <a href={`tel:${phone}`}>{phone}</a>}
          {phone && email && ' · '}
          {email && <a href={`mailto:${email}`}>{email}</a>}
        </p>
      )}
      <p class="hint">{t.help.bring}</p>
    </div>
  );
}
