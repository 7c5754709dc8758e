import { useEffect, useState } from 'preact/hooks';
import { api } from './client.ts';
import type { PublicCampaign } from './api-types.ts';
import { loadSite } from './tenant.ts';

/**
 * The department's running confirmation campaign; `undefined` while loading, `null` when none
 * runs or when it could not be had (the banner is news, not a reason to fail the page).
 */
export function usePublicCampaign(): PublicCampaign | null | undefined {
  const [campaign, setCampaign] = useState<PublicCampaign | null | undefined>();
  useEffect(() => {
    let current = true;
    void loadSite().then(async (site) => {
      // A host no department has shows no department's banner.
      if (!site) {
        if (current) setCampaign(null);
        return;
      }
      const result = await api('GET /api/public/campaign', { query: { tenantId: site.tenantId } });
      if (current) setCampaign(result.ok ? (result.data.campaign ?? null) : null);
    });
    return () => {
      current = false;
    };
  }, []);
  return campaign;
}
