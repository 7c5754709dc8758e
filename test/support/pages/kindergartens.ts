import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** `/staff`: the department's kindergartens, the console's first page. */
export class KindergartensPage extends StaffPage {
  get rows(): Locator {
    return this.qa('kindergarten-row');
  }
  /** The district cells of the rows (`data-district` holds the id, the text its name). */
  districts(districtId?: string): Locator {
    return this.page.locator(`[data-qa="kindergarten-row-district"]${districtId ? `[data-district="${districtId}"]` : ''}`);
  }
  row(kindergartenId: string): Locator {
    return this.page.locator(`[data-qa="kindergarten-row"][data-kindergarten-id="${kindergartenId}"]`);
  }
  /** The free places a row shows. */
  free(kindergartenId: string): Locator {
    return this.row(kindergartenId).locator('[data-qa="kindergarten-free"]');
  }
  /** "You have N recovery codes left", under the console's first page. */
  get recoveryCodesLeft(): Locator {
    return this.qa('recovery-codes-left');
  }
  get add(): Locator {
    return this.qa('add-kindergarten');
  }
  edit(kindergartenId: string): Locator {
    return this.row(kindergartenId).locator('[data-qa="kindergarten-edit"]');
  }
  async open(): Promise<void> {
    await this.goto('/staff');
    await this.rows.first().waitFor();
  }
}
