import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** `/staff/accounts`: the department's staff, a new account's link, enabling and disabling. */
export class StaffAccountsPage extends StaffPage {
  get root(): Locator {
    return this.qa('staff-accounts');
  }
  get submit(): Locator {
    return this.qa('add-staff-submit');
  }
  field(name: 'login' | 'name' | 'role'): Locator {
    return this.qa(`new-staff-${name}`);
  }
  fieldError(name: 'login' | 'name'): Locator {
    return this.qa(`new-staff-${name}-error`);
  }
  /** The set-password link handed over for the new account. */
  get link(): Locator {
    return this.qa('staff-link-url');
  }
  row(login: string): Locator {
    return this.page.locator(`[data-qa="staff-row"][data-login="${login}"]`);
  }
  state(login: string): Locator {
    return this.row(login).locator('[data-qa="staff-row-state"]');
  }
  toggle(login: string): Locator {
    return this.row(login).locator('[data-qa="staff-row-toggle"]');
  }

  /** Fills the new account's form and sends it. */
  async add(account: { readonly login: string; readonly name: string; readonly role: string }): Promise<void> {
    await this.field('login').fill(account.login);
    await this.field('name').fill(account.name);
    await this.field('role').selectOption(account.role);
    await this.submit.click();
  }
}
