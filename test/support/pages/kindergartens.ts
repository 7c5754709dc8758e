import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** `/staff`: the department's kindergartens, the console's first page. */
export class KindergartensPage extends StaffPage {
  get rows(): Locator {
    return this.qa('kindergarten-row');
  }
  async open(): Promise<void> {
    await this.goto('/staff');
    await this.rows.first().waitFor();
  }
}
