import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../api.ts';
import type { Campaign, Dashboard } from '../../api-types.ts';
import { formatNumber } from '../../format.ts';
import { useSessionPage, type SessionPage } from '../../use-session-page.ts';
import { useStaffI18n } from '../i18n/context.ts';
import { usePoll } from '../use-poll.ts';

/** While a campaign runs or closes its counters move: the dashboard is fetched again this often. */
const pollMs = 5_000;
/** Moving counters are announced at most this often, so a screen reader is not talked over. */
const countsAnnouncedEveryMs = 60_000;

/** The answers' filter, kept in the page's query string so a filtered view can be linked. */
export interface DashboardFilter {
  readonly district?: string;
  readonly cohort?: number;
}

export function filterFromSearch(search: string): DashboardFilter {
  const params = new URLSearchParams(search);
  const district = params.get('district') ?? '';
  const cohort = Number(params.get('cohort') ?? '');
  return { ...(district !== '' && { district }), ...(Number.isInteger(cohort) && cohort > 0 && { cohort }) };
}

/** `?district=…&cohort=…`, or nothing without a filter. */
/** The filter as the dashboard route's query (no empty values). */
function queryOf(filter: DashboardFilter) {
  return { ...(filter.district && { district: filter.district }), ...(filter.cohort && { cohort: filter.cohort }) };
}

export function searchOf(filter: DashboardFilter): string {
  const params = new URLSearchParams();
  if (filter.district) params.set('district', filter.district);
  if (filter.cohort) params.set('cohort', String(filter.cohort));
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

const isRunning = (campaign: Campaign) => campaign.status === 'active' || campaign.status === 'closing';

export interface DashboardState {
  /** The first load (who is logged in, not allowed, failed). */
  readonly page: SessionPage<Dashboard>;
  /** The newest dashboard, possibly of the previous filter while the new one loads. */
  readonly dashboard: Dashboard | undefined;
  /** True while the dashboard of the current filter has not arrived yet. */
  readonly loading: boolean;
  /** What a screen reader is told politely: status changes at once, moving counters now and then. */
  readonly announcement: string;
}

/**
 * The campaign's dashboard for a filter, fetched again every few seconds while the campaign runs
 * or closes. A poll answered after the filter changed is dropped.
 */
export function useDashboard(campaignId: string, filter: DashboardFilter): DashboardState {
  const { s, language } = useStaffI18n();
  const path = `/api/staff/campaigns/${encodeURIComponent(campaignId)}/dashboard${searchOf(filter)}`;
  const page = useSessionPage('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId }, query: queryOf(filter) }, '/staff/login');
  const [shown, setShown] = useState<{ path: string; dashboard: Dashboard } | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const currentPath = useRef(path);
  currentPath.current = path;
  const previous = useRef<Dashboard | undefined>(undefined);
  const announced = useRef({ at: 0, counts: '' });

  const show = (from: string, next: Dashboard) => {
    if (from !== currentPath.current) return;
    const before = previous.current;
    const counts = `${next.progress.confirmed}/${next.progress.pending}/${next.progress.stopped}`;
    const now = Date.now();
    if (!before) announced.current = { at: now, counts };
    else if (before.campaign.status !== next.campaign.status) {
      setAnnouncement(s.campaigns.statusNow(next.campaign.year, s.campaigns.status[next.campaign.status]));
    } else if (counts !== announced.current.counts && now - announced.current.at >= countsAnnouncedEveryMs) {
      announced.current = { at: now, counts };
      setAnnouncement(s.dashboard.countsNow(formatNumber(language, next.progress.confirmed), formatNumber(language, next.progress.pending), formatNumber(language, next.progress.stopped)));
    }
    previous.current = next;
    setShown({ path: from, dashboard: next });
  };

  useEffect(() => {
    if (page.state === 'ready') show(path, page.data);
  }, [page]);

  const polled = shown?.path ?? path;
  usePoll(
    shown !== undefined && isRunning(shown.dashboard.campaign),
    pollMs,
    shown,
    () => request<Dashboard>('GET', polled),
    (next) => show(polled, next),
  );

  return { page, dashboard: shown?.dashboard, loading: shown?.path !== path, announcement };
}
