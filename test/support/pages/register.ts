import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

export interface Registration {
  readonly childIin: string;
  readonly childName: string;
  readonly applicantIin: string;
  readonly applicantName: string;
  readonly applicantPhone: string;
  readonly kindergartenId: string;
  readonly language: string;
}

/** `/staff/applications/new`: an application registered by staff. */
export class RegisterPage extends StaffPage {
  get form(): Locator {
    return this.qa('register-form');
  }
  field(name: keyof Registration | 'kindergarten-1'): Locator {
    return this.qa(`register-${name}`);
  }
  fieldError(name: keyof Registration): Locator {
    return this.qa(`register-${name}-error`);
  }
  get submit(): Locator {
    return this.qa('register-submit');
  }
  get errorSummary(): Locator {
    return this.qa('error-summary');
  }

  async open(): Promise<void> {
    await this.goto('/staff/applications/new');
    await this.form.waitFor();
  }

  async fill(registration: Registration): Promise<void> {
    await this.field('childIin').fill(registration.childIin);
    await this.field('childName').fill(registration.childName);
    await this.field('applicantIin').fill(registration.applicantIin);
    await this.field('applicantName').fill(registration.applicantName);
    await this.field('applicantPhone').fill(registration.applicantPhone);
    await this.field('kindergarten-1').selectOption(registration.kindergartenId);
    await this.field('language').selectOption(registration.language);
  }

  /** Fills the form and sends it. */
  async register(registration: Registration): Promise<void> {
    await this.fill(registration);
    await this.submit.click();
  }
}
