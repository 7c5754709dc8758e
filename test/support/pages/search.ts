import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** `/staff/search`: the help desk's search by child's IIN, name or application number. */
export class SearchPage extends StaffPage {
  get form(): Locator {
    return this.qa('search-form');
  }
  get query(): Locator {
    return this.qa('search-q');
  }
  get queryError(): Locator {
    return this.qa('search-q-error');
  }
  get submit(): Locator {
    return this.qa('search-submit');
  }
  get results(): Locator {
    return this.qa('search-results');
  }
  get resultLinks(): Locator {
    return this.qa('queue-row-link');
  }

  async open(): Promise<void> {
    await this.goto('/staff/search');
    await this.form.waitFor();
  }

  /** Types the text and sends it with Enter, as a keyboard user would; the ids of the applications found. */
  async searchFor(text: string): Promise<string[]> {
    await this.query.fill(text);
    await this.query.press('Enter');
    await this.page.waitForURL((url) => url.searchParams.get('q') === text);
    await this.qa('search-results-title').waitFor();
    await this.page.waitForFunction(() => document.activeElement?.getAttribute('data-qa') === 'search-results-title');
    return this.page.locator('[data-qa="search-results"] [data-qa="queue-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-application-id') ?? ''));
  }
}
