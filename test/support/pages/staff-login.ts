import type { Locator } from 'playwright-core';
import { nextStaffCode } from '../runtime.ts';
import { PageObject } from './page-object.ts';

/** `/staff/login`: login, password and the authenticator's code. */
export class StaffLoginPage extends PageObject {
  get form(): Locator {
    return this.qa('staff-login-form');
  }
  get login(): Locator {
    return this.qa('staff-login');
  }
  get password(): Locator {
    return this.qa('staff-password');
  }
  get code(): Locator {
    return this.qa('staff-code');
  }
  get submit(): Locator {
    return this.qa('staff-submit');
  }

  async open(): Promise<void> {
    await this.goto('/staff/login');
  }

  /** Fills the form as the person would: login, password and the code their authenticator shows now (from the stored secret and the runtime's clock). */
  async fill(account: { readonly login: string; readonly password: string }): Promise<void> {
    await this.login.fill(account.login);
    await this.password.fill(account.password);
    await this.code.fill(await nextStaffCode(this.runtime, account.login));
  }

  /** Logs in (the page is on the form already). */
  async as(account: { readonly login: string; readonly password: string }): Promise<void> {
    await this.fill(account);
    await this.submit.click();
  }
}
