import type { Locator } from 'playwright-core';
import type { Language } from '../browser-fixture.ts';
import { PageObject } from './page-object.ts';

/** `/login`: the parent's IIN, then the code sent by SMS (read from the local outbox). */
export class ParentLoginPage extends PageObject {
  get iin(): Locator {
    return this.qa('iin-input');
  }
  get sendCode(): Locator {
    return this.qa('send-code');
  }
  get code(): Locator {
    return this.qa('code-input');
  }
  get verify(): Locator {
    return this.qa('verify-code');
  }
  get resend(): Locator {
    return this.qa('resend-code');
  }
  get resendCountdown(): Locator {
    return this.qa('resend-countdown');
  }
  get errorSummary(): Locator {
    return this.qa('error-summary');
  }
  /** The "no SMS?" disclosure and the department's contacts in it. */
  get helpToggle(): Locator {
    return this.page.locator('[data-qa="login-help"] summary');
  }
  get contacts(): Locator {
    return this.qa('login-contacts');
  }

  async open(): Promise<void> {
    await this.goto('/login');
  }

  /** From the home page, by its "log in" link. */
  async openFromHome(): Promise<void> {
    await this.goto('/');
    await this.qa('parent-login-link').click();
  }

  /** The language switch of the site's header. */
  async chooseLanguage(language: Language): Promise<void> {
    await this.qa(`lang-${language}`).click();
  }

  /** Types the IIN and asks for a code; waits for the code field. */
  async askCode(parent: { readonly iin: string }): Promise<void> {
    await this.iin.fill(parent.iin);
    await this.sendCode.click();
    await this.code.waitFor();
  }

  /** The code of the latest SMS to the phone. */
  codeSentTo(phone: string): string {
    return /\d{6}/.exec(this.runtime.notifier.lastTo(phone)!.text)![0];
  }

  /** Asks for a code and types the one the SMS brought. */
  async logIn(parent: { readonly iin: string; readonly phone: string }): Promise<void> {
    await this.askCode(parent);
    await this.code.fill(this.codeSentTo(parent.phone));
    await this.verify.click();
  }
}
