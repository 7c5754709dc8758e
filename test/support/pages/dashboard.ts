import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** `/staff/campaigns/<id>`: a campaign's dashboard (progress, by day, load, answers, exports). */
export class DashboardPage extends StaffPage {
  /** A progress counter (`inScope`, `confirmed`, `unreachable`...); its number is in `data-value`. */
  progress(name: string): Locator {
    return this.qa(`progress-${name}`);
  }
  /** The link from "Parents not reached" to their list. */
  get unreachableList(): Locator {
    return this.qa('progress-unreachable-list');
  }
  async open(campaignId: string, query = ''): Promise<void> {
    await this.goto(`/staff/campaigns/${campaignId}${query ? `?${query}` : ''}`);
  }
}
