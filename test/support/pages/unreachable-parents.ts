import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** `/staff/unreachable`: the parents a notice reached on no channel, whom to call. */
export class UnreachableParentsPage extends StaffPage {
  get table(): Locator {
    return this.qa('unreachable-parents');
  }
  get caption(): Locator {
    return this.table.locator('caption');
  }
  get rows(): Locator {
    return this.qa('unreachable-row');
  }
  get empty(): Locator {
    return this.qa('unreachable-empty');
  }
  get phones(): Locator {
    return this.qa('unreachable-phone');
  }
  get campaignLink(): Locator {
    return this.qa('unreachable-campaign-link');
  }
  /** The row of the parent whose first phone is this one. */
  rowOf(phone: string): Locator {
    return this.rows.filter({ has: this.page.locator(`[data-qa="unreachable-phone"][href="tel:${phone}"]`) });
  }

  async open(campaignId?: string): Promise<void> {
    await this.goto(`/staff/unreachable${campaignId ? `?campaignId=${campaignId}` : ''}`);
  }

  /** Waits for the list's first row. */
  async listed(): Promise<void> {
    await this.rows.first().waitFor();
  }
}
