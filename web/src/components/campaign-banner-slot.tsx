/**
 * Where the home page will announce a running interest-confirmation campaign (SPEC rule 4).
 * Empty until the public campaign endpoint exists; kept so the page layout already has its place.
 */
export function CampaignBannerSlot() {
  return null;
}
