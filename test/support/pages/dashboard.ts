import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** `/staff/campaigns/<id>`: a campaign's dashboard (load map and table, progress, by day, answers, exports). */
export class DashboardPage extends StaffPage {
  get root(): Locator {
    return this.qa('dashboard');
  }
  /** A progress counter (`inScope`, `confirmed`, `unreachable`...); its number is in `data-value`. */
  progress(name: string): Locator {
    return this.qa(`progress-${name}`);
  }
  /** The link from "Parents not reached" to their list. */
  get unreachableList(): Locator {
    return this.qa('progress-unreachable-list');
  }
  get status(): Locator {
    return this.qa('dashboard-status');
  }
  /** The status element once it says `status`. */
  statusIs(status: string): Locator {
    return this.page.locator(`[data-qa="dashboard-status"][data-status="${status}"]`);
  }
  get announcement(): Locator {
    return this.qa('dashboard-announcement');
  }
  get mapCanvas(): Locator {
    return this.qa('map-canvas');
  }
  get mapPoints(): Locator {
    return this.qa('map-point');
  }
  get mapDistricts(): Locator {
    return this.qa('map-district');
  }
  get loadRows(): Locator {
    return this.qa('load-row');
  }
  get dayBars(): Locator {
    return this.qa('day-bar');
  }
  get distributions(): Locator {
    return this.qa('distributions');
  }
  get questionCharts(): Locator {
    return this.qa('question-chart');
  }
  /** The sort button of a load-table column (`chosen`, `load`), and its header. */
  sort(column: string): Locator {
    return this.qa(`sort-${column}`);
  }
  sortHeader(column: string): Locator {
    return this.page.locator(`th:has([data-qa="sort-${column}"])`);
  }
  /** An export's panel (`answers`...). */
  exportOf(kind: string): Locator {
    return this.page.locator(`[data-qa="export"][data-kind="${kind}"]`);
  }

  async open(campaignId: string, query = ''): Promise<void> {
    await this.goto(`/staff/campaigns/${campaignId}${query ? `?${query}` : ''}`);
  }

  /** Waits until the dashboard has the data of the filter in the URL (`''` = all answers, else `?district=…`). */
  async shows(filter: string): Promise<void> {
    await this.page.locator(`[data-qa="dashboard"][data-loading="false"][data-filter="${filter}"]`).waitFor();
  }

  /** Filters by a district with the form. */
  async filterByDistrict(district: string): Promise<void> {
    await this.qa('filter-district').selectOption(district);
    await this.qa('filter-apply').click();
  }
}
