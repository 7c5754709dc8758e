import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** `/staff/audit`: the department's audit trail, its filters and CSV. */
export class AuditPage extends StaffPage {
  get form(): Locator {
    return this.qa('audit-form');
  }
  get action(): Locator {
    return this.qa('audit-action');
  }
  get show(): Locator {
    return this.qa('audit-show');
  }
  get rows(): Locator {
    return this.qa('audit-row');
  }
  /** The action column of every row shown. */
  get actions(): Locator {
    return this.page.locator('[data-qa="audit-row"] td:nth-child(3)');
  }
  get empty(): Locator {
    return this.qa('audit-empty');
  }
  get csv(): Locator {
    return this.qa('audit-csv');
  }

  /** Opens the trail with a query as typed in the address bar (`action=...`). */
  async open(query = ''): Promise<void> {
    await this.goto(`/staff/audit${query ? `?${query}` : ''}`);
  }

  /** Filters by an action with the form; waits for the URL and the first row. */
  async filterByAction(action: string): Promise<void> {
    await this.form.waitFor();
    await this.action.fill(action);
    await this.show.click();
    await this.page.waitForURL((url) => url.searchParams.get('action') === action);
    await this.rows.first().waitFor();
  }

  /** Downloads the CSV of the filter shown; the file's suggested name. */
  async downloadCsv(): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.csv.click()]);
    return download.suggestedFilename();
  }
}
