import type { ComponentChildren } from 'preact';
import type { PublicCampaign } from '../api-types.ts';
import { usePublicCampaign } from '../campaign.ts';
import { formatKazakhstanDate } from '../format.ts';
import { useI18n } from '../i18n/context.tsx';

/**
 * The banner of a running interest-confirmation campaign (SPEC rule 4): who runs it, until when
 * (a Kazakhstan date) and what happens without a confirmation. `children` adds what the cabinet
 * offers below the text.
 */
export function CampaignBanner({ campaign, children }: { campaign: PublicCampaign; children?: ComponentChildren }) {
  const { t, language } = useI18n();
  return (
    <section class="campaign-banner" role="region" aria-label={t.campaign.label} data-qa="campaign-banner">
      <p class="campaign-banner__text" data-qa="campaign-banner-text">
        {t.campaign.banner(campaign.tenantName[language], campaign.year, formatKazakhstanDate(language, campaign.endsAt))}
      </p>
      {children}
    </section>
  );
}

/** Where the home page announces a running campaign; nothing while none runs. */
export function CampaignBannerSlot() {
  const campaign = usePublicCampaign();
  return campaign ? <CampaignBanner campaign={campaign} /> : null;
}
