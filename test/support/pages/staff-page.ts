import type { Locator } from 'playwright-core';
import { PageObject } from './page-object.ts';

/** The console's sections, by the `data-qa` of their link in the navigation (`nav-<section>`). */
export type StaffSection = 'kindergartens' | 'queue' | 'search' | 'register' | 'import' | 'campaigns' | 'unreachable' | 'staff' | 'settings' | 'audit';

/** Any page of the staff console: its navigation, and whatever is common to its pages. */
export abstract class StaffPage extends PageObject {
  get nav(): Locator {
    return this.qa('staff-nav');
  }
  /** The navigation's links' `data-qa` names, in order. */
  sections(): Promise<(string | null)[]> {
    return this.nav.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('data-qa')));
  }
  /** Follows a section's link in the console's navigation. */
  async navigateTo(section: StaffSection): Promise<void> {
    await this.qa(`nav-${section}`).click();
  }
  /** The "not allowed" notice of a page the role may not see. */
  get notAllowed(): Locator {
    return this.qa('not-allowed');
  }
}
