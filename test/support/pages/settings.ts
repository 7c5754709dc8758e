import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** `/staff/settings`: the department's settings, saved as versions. */
export class SettingsPage extends StaffPage {
  get form(): Locator {
    return this.qa('settings-form');
  }
  get version(): Locator {
    return this.qa('settings-version');
  }
  get submit(): Locator {
    return this.qa('settings-submit');
  }
  get errorSummary(): Locator {
    return this.qa('error-summary');
  }
  /** A field by its name (`campaignLengthMonths`, `address-ru`, `priority-military`...). */
  field(name: string): Locator {
    return this.qa(`settings-${name}`);
  }
  fieldError(name: string): Locator {
    return this.qa(`settings-${name}-error`);
  }

  async open(): Promise<void> {
    await this.goto('/staff/settings');
    await this.form.waitFor();
  }

  /** Fills text fields by name. */
  async fill(values: Readonly<Record<string, string>>): Promise<void> {
    for (const [name, value] of Object.entries(values)) await this.field(name).fill(value);
  }
}
