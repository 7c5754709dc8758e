import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** `/staff/applications/<id>`: one application, its actions, the parent's phone and messages, its history. */
export class ApplicationPage extends StaffPage {
  get root(): Locator {
    return this.qa('staff-application');
  }
  get status(): Locator {
    return this.qa('application-status');
  }
  get childIin(): Locator {
    return this.qa('application-child-iin');
  }
  get applicantName(): Locator {
    return this.qa('application-applicant-name');
  }
  get applicantPhone(): Locator {
    return this.qa('application-applicant-phone');
  }
  /** The history's events of an action (`register`, `change_applicant_phone`...). */
  history(action: string): Locator {
    return this.page.locator(`[data-qa="history-event"][data-action="${action}"]`);
  }
  get notices(): Locator {
    return this.qa('parent-notice');
  }
  get noticesHeading(): Locator {
    return this.page.locator('#parent-notices-heading');
  }
  get actionNotice(): Locator {
    return this.qa('action-notice');
  }
  get issueReferral(): Locator {
    return this.qa('issue-referral');
  }
  get referralKindergarten(): Locator {
    return this.qa('referral-kindergarten');
  }
  get kindergartensForm(): Locator {
    return this.qa('kindergartens-form');
  }
  get withdrawForm(): Locator {
    return this.qa('withdraw-form');
  }
  get enroll(): Locator {
    return this.qa('enroll');
  }
  get restore(): Locator {
    return this.qa('restore');
  }

  // The parent's cabinet phone and the form to change it
  get phoneForm(): Locator {
    return this.qa('applicant-phone-form');
  }
  get maskedPhone(): Locator {
    return this.qa('applicant-phone-masked');
  }
  get phoneInput(): Locator {
    return this.qa('applicant-phone-input');
  }
  get phoneError(): Locator {
    return this.qa('applicant-phone-input-error');
  }
  get phoneSubmit(): Locator {
    return this.qa('applicant-phone-submit');
  }
  get phoneNotice(): Locator {
    return this.qa('applicant-phone-notice');
  }

  async open(applicationId: string): Promise<void> {
    await this.goto(`/staff/applications/${encodeURIComponent(applicationId)}`);
  }

  /** Issues a referral to a kindergarten and waits for the status to say so. */
  async issueReferralTo(kindergartenId: string): Promise<void> {
    await this.referralKindergarten.selectOption(kindergartenId);
    await this.issueReferral.click();
    await this.page.locator('[data-qa="application-status"][data-status="referred"]').waitFor();
  }

  /** Types a new phone for the parent and sends it. */
  async changePhone(phone: string): Promise<void> {
    await this.phoneInput.fill(phone);
    await this.phoneSubmit.click();
  }
}
