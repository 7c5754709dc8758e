import type { Dashboard } from '../../api-types.ts';
import { formatNumber } from '../../format.ts';
import { useStaffI18n } from '../i18n/context.ts';

type ProgressKey = keyof Dashboard['progress'];
const shownCounts: readonly ProgressKey[] = ['inScope', 'applicants', 'confirmed', 'pending', 'stopped', 'restored'];

/** The campaign's counters as cards, and a progress bar while its close runs. */
export function CampaignProgress({ dashboard }: { dashboard: Dashboard }) {
  const { s, language } = useStaffI18n();
  const { campaign, progress } = dashboard;
  const closing = campaign.status === 'closing' ? campaign.closeProgress : undefined;
  return (
    <section aria-labelledby="progress-heading" data-qa="dashboard-progress">
      <h2 id="progress-heading">{s.dashboard.progress.heading}</h2>
      <dl class="stat-cards">
        {shownCounts.map((key) => (
          <div key={key} class={`stat-card stat-card--${key}`}>
            <dt>{s.dashboard.progress[key]}</dt>
            <dd data-qa={`progress-${key}`} data-value={progress[key]}>
              {formatNumber(language, progress[key])}
            </dd>
          </div>
        ))}
      </dl>
      {closing && (
        <div class="campaign-progress" data-qa="dashboard-close-progress">
          <label for="close-progress">{s.campaigns.closeProgress}</label>
          <progress id="close-progress" max={Math.max(closing.total, 1)} value={closing.processed} />
          <p>{s.campaigns.closeProgressText(formatNumber(language, closing.processed), formatNumber(language, closing.total))}</p>
        </div>
      )}
    </section>
  );
}
