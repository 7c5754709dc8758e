import type { Locator } from 'playwright-core';
import { totpCodeAt, totpStep } from '#use-cases/second-factor';
import { PageObject } from './page-object.ts';

/** `/staff/set-password#token=…`: a new staff member's password and authenticator key, then their recovery codes. */
export class SetPasswordPage extends PageObject {
  get form(): Locator {
    return this.qa('set-password-form');
  }
  get submit(): Locator {
    return this.qa('set-password-submit');
  }
  get done(): Locator {
    return this.qa('set-password-done');
  }
  get refused(): Locator {
    return this.qa('set-password-refused');
  }
  get recoveryCodes(): Locator {
    return this.page.locator('[data-qa="recovery-codes"] li');
  }
  get recoverySaved(): Locator {
    return this.qa('recovery-saved');
  }
  get loginLink(): Locator {
    return this.qa('set-password-login-link');
  }

  /** Opens the link the administrator handed over. */
  async open(link: string): Promise<void> {
    await this.page.goto(link);
  }

  /** Types the password twice and the current code of the key the page shows, as a person who added the key to their authenticator app would. */
  async fill(password: string): Promise<void> {
    await this.qa('new-password').fill(password);
    await this.qa('repeat-password').fill(password);
    const secret = ((await this.qa('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await this.qa('totp-code').fill(totpCodeAt(secret, totpStep(this.runtime.clock.now())));
  }

  /** Sets the password and waits for the page to say so. */
  async setPassword(password: string): Promise<void> {
    await this.fill(password);
    await this.submit.click();
    await this.done.waitFor();
  }
}
