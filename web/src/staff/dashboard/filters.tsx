import { useEffect, useState } from 'preact/hooks';
import type { Dashboard } from '../../api-types.ts';
import { useStaffI18n } from '../i18n/context.ts';
import { SelectField } from '../select-field.tsx';
import type { DashboardFilter } from './use-dashboard.ts';

/**
 * Narrow the answers to a district and a birth year. Applied with a button, not on change, so
 * moving through a select with the keyboard does not reload the page under the reader.
 */
export function DashboardFilters({ dashboard, filter, onApply }: { dashboard: Dashboard; filter: DashboardFilter; onApply: (filter: DashboardFilter) => void }) {
  const { s, language } = useStaffI18n();
  const text = s.dashboard.filters;
  const [district, setDistrict] = useState(filter.district ?? '');
  const [cohort, setCohort] = useState(filter.cohort ? String(filter.cohort) : '');
  // Back and forward move the filter in the URL: the selects follow it.
  useEffect(() => {
    setDistrict(filter.district ?? '');
    setCohort(filter.cohort ? String(filter.cohort) : '');
  }, [filter.district, filter.cohort]);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    onApply({ ...(district !== '' && { district }), ...(cohort !== '' && { cohort: Number(cohort) }) });
  };
  return (
    <form class="dashboard-filters" aria-labelledby="filters-heading" onSubmit={onSubmit} data-qa="dashboard-filters">
      <h2 id="filters-heading">{text.heading}</h2>
      <p class="hint">{text.hint}</p>
      <div class="dashboard-filters__fields">
        <SelectField
          id="filter-district"
          label={text.district}
          value={district}
          onValue={setDistrict}
          options={[{ value: '', label: text.allDistricts }, ...dashboard.districts.map((d) => ({ value: d.id, label: d.name[language] }))]}
          qa="filter-district"
        />
        <SelectField
          id="filter-cohort"
          label={text.cohort}
          value={cohort}
          onValue={setCohort}
          options={[{ value: '', label: text.allCohorts }, ...dashboard.cohorts.map((year) => ({ value: String(year), label: String(year) }))]}
          qa="filter-cohort"
        />
      </div>
      <button type="submit" class="button" data-qa="filter-apply">
        {text.apply}
      </button>
    </form>
  );
}
