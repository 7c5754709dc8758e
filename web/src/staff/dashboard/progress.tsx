import type { Dashboard } from '../../api-types.ts';
import { formatNumber } from '../../format.ts';
import { Link } from '../../router.tsx';
import { useStaffI18n } from '../i18n/context.ts';
import { formatPercent } from './percent.ts';

type ProgressKey = Exclude<keyof Dashboard['progress'], 'unreachable'>;

/** One counter: its number, and beside it its share of the whole it is part of (none when that whole is 0). */
function StatCard({ name, value, share }: { name: ProgressKey; value: number; share?: { of: number; text: (share: string) => string } }) {
  const { s, language } = useStaffI18n();
  return (
    <div class={`stat-card stat-card--${name}`}>
      <dt>{s.dashboard.progress[name]}</dt>
      <dd data-qa={`progress-${name}`} data-value={value}>
        {formatNumber(language, value)}
      </dd>
      {share && share.of > 0 && (
        <dd class="stat-card__share" data-qa={`progress-${name}-share`}>
          {share.text(formatPercent(language, value / share.of))}
        </dd>
      )}
    </div>
  );
}

/**
 * The campaign's counters as cards, each with its share of the applications in scope, and the
 * stop-list this campaign made: stopped at its close, and beside it how many came back since
 * (a restore counts for the campaign whose close stopped the application, wherever it happens).
 * A progress bar while the close runs. The parents not reached link to their list (whom to call)
 * for the roles that may read it.
 */
export function CampaignProgress({ dashboard, mayListUnreachable = false }: { dashboard: Dashboard; mayListUnreachable?: boolean }) {
  const { s, language } = useStaffI18n();
  const text = s.dashboard.progress;
  const { campaign, progress } = dashboard;
  const closing = campaign.status === 'closing' ? campaign.closeProgress : undefined;
  const ofInScope = { of: progress.inScope, text: text.ofInScope };
  return (
    <section aria-labelledby="progress-heading" data-qa="dashboard-progress">
      <h2 id="progress-heading">{text.heading}</h2>
      <dl class="stat-cards">
        <StatCard name="inScope" value={progress.inScope} />
        <StatCard name="applicants" value={progress.applicants} />
        <StatCard name="confirmed" value={progress.confirmed} share={ofInScope} />
        <StatCard name="pending" value={progress.pending} share={ofInScope} />
      </dl>
      <div class="stop-list" role="group" aria-labelledby="stop-list-heading" data-qa="stop-list">
        <h3 id="stop-list-heading">{text.stopList}</h3>
        <p class="hint">{text.stopListHint}</p>
        <dl class="stat-cards stat-cards--pair">
          <StatCard name="stopped" value={progress.stopped} share={ofInScope} />
          <StatCard name="restored" value={progress.restored} share={{ of: progress.stopped, text: text.ofStopped }} />
        </dl>
      </div>
      <p class="hint" id="unreachable-hint">
        {text.unreachableHint}
      </p>
      <dl class="stat-cards" aria-describedby="unreachable-hint">
        <div class="stat-card stat-card--unreachable">
          <dt>{text.unreachable}</dt>
          <dd data-qa="progress-unreachable" data-value={progress.unreachable}>
            {formatNumber(language, progress.unreachable)}
          </dd>
          {mayListUnreachable && progress.unreachable > 0 && (
            <dd class="stat-card__share">
              <Link href={`/staff/unreachable?campaignId=${encodeURIComponent(campaign.campaignId)}`} data-qa="progress-unreachable-list">
                {text.unreachableList}
              </Link>
            </dd>
          )}
        </div>
      </dl>
      {closing && (
        <div class="campaign-progress" data-qa="dashboard-close-progress">
          <label for="close-progress">{s.campaigns.closeProgress}</label>
          <progress id="close-progress" max={Math.max(closing.total, 1)} value={closing.processed} />
          <p>
            {s.campaigns.closeProgressText(formatNumber(language, closing.processed), formatNumber(language, closing.total))}
            {closing.total > 0 && ` (${formatPercent(language, closing.processed / closing.total)})`}
          </p>
        </div>
      )}
    </section>
  );
}
