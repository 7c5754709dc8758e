import { useEffect, useState } from 'preact/hooks';
import { apiGet } from './api.ts';
import type { PublicCampaign, PublicCampaignAnswer } from './api-types.ts';
import { loadSite } from './tenant.ts';

/**
 * The department's running confirmation campaign, or `undefined` while loading, when none runs
 * or when it could not be had (the banner is news, not a reason to fail the page).
 */
export function usePublicCampaign(): PublicCampaign | undefined {
  const [campaign, setCampaign] = useState<PublicCampaign | undefined>();
  useEffect(() => {
    let current = true;
    void loadSite().then(async (site) => {
      // A host no department has shows no department's banner.
      if (!site) return;
      const result = await apiGet<PublicCampaignAnswer>(`/api/public/campaign?tenantId=${encodeURIComponent(site.tenantId)}`);
      if (current && result.ok) setCampaign(result.data.campaign ?? undefined);
    });
    return () => {
      current = false;
    };
  }, []);
  return campaign;
}
