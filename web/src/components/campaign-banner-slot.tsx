import type { ComponentChildren } from 'preact';
import type { PublicCampaign } from '../api-types.ts';
import { formatDate, formatKazakhstanDate, formatKazakhstanTime } from '../format.ts';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

/**
 * Where the parent stands in the running campaign, as far as the page knows: `public` before
 * login (the general call to confirm), then in the cabinet `due`, `confirmed` (until `validUntil`)
 * or `nothing` to confirm. Only `due` and `public` warn about the stop-list: that is when it is true.
 */
export type CampaignStanding =
  | { readonly kind: 'public' }
  | { readonly kind: 'due' }
  | { readonly kind: 'confirmed'; readonly validUntil: string }
  | { readonly kind: 'nothing' };

/**
 * The banner of a running interest-confirmation campaign (SPEC rule 4): who runs it, when it ends
 * (Astana's date and time) and what it means for this parent. `children` adds what the cabinet
 * offers below the text.
 */
export function CampaignBanner({ campaign, standing, children }: { campaign: PublicCampaign; standing: CampaignStanding; children?: ComponentChildren }) {
  const { t, language } = useI18n();
  const date = formatKazakhstanDate(language, campaign.endsAt);
  const time = formatKazakhstanTime(campaign.endsAt);
  const what =
    standing.kind === 'public'
      ? t.campaign.publicText
      : standing.kind === 'due'
        ? t.campaign.dueText
        : standing.kind === 'confirmed'
          ? t.campaign.confirmedText(formatDate(language, standing.validUntil))
          : t.campaign.nothingText;
  return (
    <section class="campaign-banner" role="region" aria-label={t.campaign.label} data-qa="campaign-banner" data-standing={standing.kind}>
      <p class="campaign-banner__title" data-qa="campaign-banner-title">
        <strong>{t.campaign.title(campaign.tenantName[language], campaign.year)}</strong>
      </p>
      <p class="campaign-banner__text" data-qa="campaign-banner-text">
        {what}
      </p>
      <p class="campaign-banner__ends" data-qa="campaign-banner-ends" data-ends-at={campaign.endsAt}>
        {t.campaign.ends(date, time)}
      </p>
      {children}
    </section>
  );
}

/**
 * The home page's place for the campaign, above the fold. It keeps its room while the answer
 * loads (no layout shift) and says plainly when no campaign runs.
 */
export function CampaignBannerSlot({ campaign }: { campaign: PublicCampaign | null | undefined }) {
  const { t } = useI18n();
  if (campaign === undefined) return <div class="campaign-slot campaign-slot--loading" aria-hidden="true" data-qa="campaign-loading" />;
  if (campaign === null) {
    return (
      <p class="campaign-slot campaign-slot--none" data-qa="campaign-none">
        {t.campaign.noneText}
      </p>
    );
  }
  return (
    <CampaignBanner campaign={campaign} standing={{ kind: 'public' }}>
      <p class="campaign-banner__action">
        <Link href="/cabinet" class="button" data-qa="campaign-cabinet-link">
          {t.campaign.toCabinet}
        </Link>
      </p>
    </CampaignBanner>
  );
}
