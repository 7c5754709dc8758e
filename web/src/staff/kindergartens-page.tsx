import type { StaffKindergarten } from '../api-types.ts';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Link } from '../router.tsx';
import { formatList, formatNumber } from '../format.ts';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { totalFreePlaces, totalPlaces } from './places.ts';
import { RecoveryCodesNote } from './recovery-codes-note.tsx';
import { may, StaffFrame } from './staff-frame.tsx';
import { useDistrictNames } from './use-districts.ts';

/**
 * The tenant's kindergartens. On a phone each row becomes a stacked block; `data-label` gives
 * each cell its column name there.
 */
function KindergartenTable({ kindergartens, editable }: { kindergartens: readonly StaffKindergarten[]; editable: boolean }) {
  const { t, s, language } = useStaffI18n();
  const districtName = useDistrictNames(language);
  return (
    <table class="table table--wide" data-qa="kindergartens">
      <caption>{t.staff.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.staff.name}</th>
          <th scope="col">{t.staff.ownership}</th>
          <th scope="col">{t.staff.languages}</th>
          <th scope="col">{t.staff.district}</th>
          <th scope="col" class="numeric">
            {t.staff.places}
          </th>
          <th scope="col" class="numeric">
            {s.kindergartens.free}
          </th>
          {editable && <th scope="col">{s.kindergartenForm.actions}</th>}
        </tr>
      </thead>
      <tbody>
        {kindergartens.map((kindergarten) => (
          <tr key={kindergarten.kindergartenId} data-qa="kindergarten-row" data-kindergarten-id={kindergarten.kindergartenId}>
            <th scope="row" data-label={t.staff.name}>
              {kindergarten.name[language]}
            </th>
            <td data-label={t.staff.ownership}>{t.ownership[kindergarten.ownership]}</td>
            <td data-label={t.staff.languages}>
              {formatList(
                language,
                kindergarten.languages.map((code) => t.instructionLanguage[code]),
              )}
            </td>
            <td data-label={t.staff.district} data-qa="kindergarten-row-district" data-district={kindergarten.district}>
              {districtName(kindergarten.district)}
            </td>
            <td data-label={t.staff.places} class="numeric">
              {formatNumber(language, totalPlaces(kindergarten))}
            </td>
            <td data-label={s.kindergartens.free} class="numeric" data-qa="kindergarten-free">
              {formatNumber(language, totalFreePlaces(kindergarten))}
            </td>
            {editable && (
              <td data-label={s.kindergartenForm.actions}>
                {/* The name makes each link unique for a screen reader's list of links. */}
                <Link href={`/staff/kindergartens/${encodeURIComponent(kindergarten.kindergartenId)}`} data-qa="kindergarten-edit">
                  {s.kindergartenForm.edit}
                  <span class="visually-hidden"> {kindergarten.name[language]}</span>
                </Link>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The staff console's first page: the department's kindergartens. */
export function KindergartensPage() {
  const { t, s } = useStaffI18n();
  const page = useSessionPage('GET /api/staff/kindergartens', {}, '/staff/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  return (
    <StaffFrame identity={identity}>
      <PageHeading>{t.staff.title}</PageHeading>
      <LiveStatus message={page.state === 'loading' ? t.common.loading : ''} />
      {page.state === 'ready' && <RecoveryCodesNote />}
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {page.state === 'ready' && may(page.identity, 'staff-create-kindergarten') && (
        <p>
          <Link href="/staff/kindergartens/new" class="button" data-qa="add-kindergarten">
            {s.kindergartenForm.add}
          </Link>
        </p>
      )}
      {page.state === 'ready' &&
        (page.data.kindergartens.length === 0 ? (
          <p data-qa="kindergartens-empty">{t.staff.empty}</p>
        ) : (
          <KindergartenTable kindergartens={page.data.kindergartens} editable={may(page.identity, 'staff-update-kindergarten')} />
        ))}
    </StaffFrame>
  );
}
