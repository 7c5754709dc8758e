import './dashboard.css';
import { useEffect, useState } from 'preact/hooks';
import type { Dashboard } from '../../api-types.ts';
import { LiveStatus } from '../../components/live-status.tsx';
import { LoadProblem } from '../../components/load-problem.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { formatDateTime } from '../../format.ts';
import { Link } from '../../router.tsx';
import type { Language } from '../../i18n/language.ts';
import { useStaffI18n } from '../i18n/context.ts';
import type { StaffMessages } from '../i18n/ru.ts';
import { may, StaffFrame } from '../staff-frame.tsx';
import { ByDayChart } from './by-day-chart.tsx';
import { Exports } from './exports.tsx';
import { DashboardFilters } from './filters.tsx';
import { Distributions } from './distributions.tsx';
import { LoadMap } from './load-map.tsx';
import { LoadTable } from './load-table.tsx';
import { CampaignProgress } from './progress.tsx';
import { filterFromSearch, searchOf, useDashboard, type DashboardFilter } from './use-dashboard.ts';

function CampaignFacts({ dashboard }: { dashboard: Dashboard }) {
  const { s, language } = useStaffI18n();
  const { campaign } = dashboard;
  const running = campaign.status === 'active' || campaign.status === 'closing';
  return (
    <>
      <p class={`tag tag--${campaign.status}`} data-qa="dashboard-status" data-status={campaign.status}>
        {s.campaigns.status[campaign.status]}
      </p>
      <p>
        {s.dashboard.dates(formatDateTime(language, campaign.startsAt), formatDateTime(language, campaign.endsAt))}
        {running && ` ${s.dashboard.live}`}
      </p>
    </>
  );
}

/** "Load" in plain words: which choices count, which children and which places. */
function LoadDefinition({ dashboard }: { dashboard: Dashboard }) {
  const { s } = useStaffI18n();
  const text = s.dashboard.load.definition;
  const from = dashboard.cohorts[0];
  const to = dashboard.cohorts[dashboard.cohorts.length - 1];
  return (
    <div class="load-definition" data-qa="load-definition">
      <h3>{text.heading}</h3>
      <p>{text.choices}</p>
      {from !== undefined && to !== undefined && <p>{text.ages(from, to)}</p>}
      <p>{text.districts}</p>
    </div>
  );
}

/** What the filter shows, in words: "all answers", or the district and the year of birth. */
function filterText(dashboard: Dashboard, s: StaffMessages, language: Language): string {
  const { district, cohort } = dashboard.filter;
  const parts = [
    ...(district ? [`${s.dashboard.filters.district}: ${dashboard.districts.find((d) => d.id === district)?.name[language] ?? district}`] : []),
    ...(cohort !== undefined ? [`${s.dashboard.filters.cohort}: ${cohort}`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : s.dashboard.map.filterAll;
}

/** Load per kindergarten, first on the page: the map as wide as the page, then what "load" means. */
function Load({ dashboard }: { dashboard: Dashboard }) {
  const { s, language } = useStaffI18n();
  return (
    <section aria-labelledby="load-heading" data-qa="load">
      <h2 id="load-heading">{s.dashboard.load.heading}</h2>
      <p>{s.dashboard.load.intro}</p>
      {/* Keyed by language: Leaflet's zoom button titles are set when the map is made. */}
      <LoadMap key={language} dashboard={dashboard} filterText={filterText(dashboard, s, language)} />
      <LoadDefinition dashboard={dashboard} />
    </section>
  );
}

/** The map's text alternative: every kindergarten's numbers, sortable. */
function LoadNumbers({ dashboard }: { dashboard: Dashboard }) {
  const { s, language } = useStaffI18n();
  const names = new Map(dashboard.districts.map((district) => [district.id, district.name[language]]));
  return (
    <section aria-labelledby="load-table-heading" data-qa="load-numbers">
      <h2 id="load-table-heading">{s.dashboard.load.caption}</h2>
      <LoadTable kindergartens={dashboard.kindergartens} districtName={(id) => names.get(id) ?? id} />
    </section>
  );
}

/**
 * A campaign's dashboard (SPEC "What staff see"): first the load map (overloaded zones at a
 * glance) with what "load" means, the filter, the load table (the map's text alternative), then
 * progress with this campaign's stop-list and a by-day chart, the distributions of questions 2–6
 * filtered by district and cohort (the filter lives in the URL), and CSV exports. Fetched again every few seconds while
 * the campaign runs or closes.
 */
export function DashboardPage({ campaignId }: { campaignId: string }) {
  const { t, s } = useStaffI18n();
  const [filter, setFilter] = useState<DashboardFilter>(() => filterFromSearch(location.search));
  useEffect(() => {
    const onPopState = () => setFilter(filterFromSearch(location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const { page, dashboard, loading, announcement } = useDashboard(campaignId, filter);
  const identity = page.state === 'loading' ? undefined : page.identity;

  const applyFilter = (next: DashboardFilter) => {
    const url = `${location.pathname}${searchOf(next)}`;
    if (url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
    setFilter(next);
  };

  const problem = page.state === 'forbidden' || page.state === 'failed';
  return (
    <StaffFrame identity={identity}>
      <p class="back-link">
        <Link href="/staff/campaigns" data-qa="back-to-campaigns">
          {s.dashboard.back}
        </Link>
      </p>
      <PageHeading>{dashboard ? s.dashboard.title(dashboard.campaign.year) : s.dashboard.heading}</PageHeading>
      <LiveStatus message={loading && !problem ? t.common.loading : ''} />
      <p class="visually-hidden" role="status" data-qa="dashboard-announcement">
        {announcement}
      </p>
      {problem && <LoadProblem page={page} />}
      {!problem && dashboard && (
        <div class="dashboard" data-qa="dashboard" data-campaign-id={campaignId} data-loading={loading ? 'true' : 'false'} data-filter={searchOf(dashboard.filter)}>
          <CampaignFacts dashboard={dashboard} />
          <Load dashboard={dashboard} />
          <DashboardFilters dashboard={dashboard} filter={filter} onApply={applyFilter} />
          <LoadNumbers dashboard={dashboard} />
          <CampaignProgress dashboard={dashboard} mayListUnreachable={may(identity, 'staff-unreachable-parents')} />
          <ByDayChart days={dashboard.byDay} />
          <Distributions dashboard={dashboard} />
          <Exports campaignId={campaignId} />
        </div>
      )}
    </StaffFrame>
  );
}
