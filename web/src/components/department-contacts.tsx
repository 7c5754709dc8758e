import type { PublicCampaign } from '../api-types.ts';
import { useI18n } from '../i18n/context.tsx';

/**
 * Whom a parent contacts when the SMS does not come or the phone number changed: the education
 * department. The public API has no department contacts yet, so this names the department when
 * the page knows it and says what to bring; once the API carries phone and address, only this
 * component changes.
 */
export function DepartmentContacts({ tenantName, qa = 'department-contacts' }: { tenantName?: PublicCampaign['tenantName'] | undefined; qa?: string }) {
  const { t, language } = useI18n();
  const department = tenantName?.[language];
  return (
    <div class="contacts" data-qa={qa}>
      <p>{department ? t.help.contactNamed(department) : t.help.contactGeneric}</p>
      <p class="hint">{t.help.bring}</p>
    </div>
  );
}
