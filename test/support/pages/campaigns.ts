import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** One campaign's row on the campaigns page: its status, counters, preview and actions. */
export class CampaignRow {
  constructor(readonly root: Locator) {}
  private qa(name: string): Locator {
    return this.root.locator(`[data-qa="${name}"]`);
  }
  /** The status element once it says `status`. */
  statusIs(status: string): Locator {
    return this.root.locator(`[data-qa="campaign-status"][data-status="${status}"]`);
  }
  get previewButton(): Locator {
    return this.qa('preview-campaign');
  }
  get preview(): Locator {
    return this.qa('campaign-preview');
  }
  get start(): Locator {
    return this.qa('start-campaign');
  }
  get startQuestion(): Locator {
    return this.qa('start-campaign-question');
  }
  get startConfirm(): Locator {
    return this.qa('start-campaign-confirm');
  }
  get confirmed(): Locator {
    return this.qa('campaign-confirmed');
  }
  get stopped(): Locator {
    return this.qa('campaign-stopped');
  }
  get dashboardLink(): Locator {
    return this.qa('campaign-dashboard-link');
  }
}

/** `/staff/campaigns`: the campaigns, the form that creates one (with its demo helper), their rows. */
export class CampaignsPage extends StaffPage {
  get createForm(): Locator {
    return this.qa('create-campaign-form');
  }
  field(name: 'year' | 'start' | 'end'): Locator {
    return this.qa(`campaign-${name}`);
  }
  fieldError(name: 'year' | 'end'): Locator {
    return this.qa(`campaign-${name}-error`);
  }
  get demoLength(): Locator {
    return this.qa('demo-length');
  }
  get demoFill(): Locator {
    return this.qa('demo-fill');
  }
  get create(): Locator {
    return this.qa('create-campaign');
  }
  get errorSummary(): Locator {
    return this.qa('error-summary');
  }
  get announcement(): Locator {
    return this.qa('campaigns-announcement');
  }
  get rows(): Locator {
    return this.qa('campaign-row');
  }
  /** A campaign's row by its id. */
  row(campaignId: string): CampaignRow {
    return new CampaignRow(this.page.locator(`[data-qa="campaign-row"][data-campaign-id="${campaignId}"]`));
  }
  /** The newest campaign's row (the first). */
  get newest(): CampaignRow {
    return new CampaignRow(this.rows.first());
  }

  async open(): Promise<void> {
    await this.goto('/staff/campaigns');
    await this.createForm.waitFor();
  }

  /**
   * A demo campaign of `year` starting at `start` (typed as the console's browser, in Kazakhstan's
   * time: `YYYY-MM-DDTHH:MM`), its end filled by the demo helper `minutes` later; waits for the draft.
   */
  async createDemo(campaign: { readonly year: number; readonly start: string; readonly minutes: string }): Promise<CampaignRow> {
    await this.field('year').fill(String(campaign.year));
    await this.field('start').fill(campaign.start);
    await this.demoLength.selectOption(campaign.minutes);
    await this.demoFill.click();
    await this.create.click();
    await this.newest.statusIs('draft').waitFor();
    return this.newest;
  }
}
