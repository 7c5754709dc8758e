import type { Locator } from 'playwright-core';
import type { Language } from '../browser-fixture.ts';
import { PageObject } from './page-object.ts';
import { ParentLoginPage } from './parent-login.ts';

/** The cabinet's "Contacts" section: the language of messages and a second phone. */
export class ContactsSection {
  readonly root: Locator;
  constructor(private readonly cabinet: CabinetPage) {
    this.root = cabinet.qa('contacts');
  }
  language(language: 'kk' | 'ru' | 'en'): Locator {
    return this.cabinet.qa(`contacts-language-${language}`);
  }
  get languageDefault(): Locator {
    return this.root.locator('[data-qa="contacts-language-default"]');
  }
  get phone(): Locator {
    return this.root.locator('[data-qa="contacts-phone"]');
  }
  get secondPhone(): Locator {
    return this.cabinet.qa('contacts-second-phone');
  }
  get secondPhoneError(): Locator {
    return this.cabinet.qa('contacts-second-phone-error');
  }
  get submit(): Locator {
    return this.cabinet.qa('contacts-submit');
  }
  get notice(): Locator {
    return this.cabinet.qa('contacts-notice');
  }
  /** Saves and waits for the section to say `saved`. */
  async save(saved: string): Promise<void> {
    await this.submit.click();
    await this.cabinet.page.locator(`[data-qa="contacts-notice"]:has-text("${saved}")`).waitFor();
  }
}

/** One application's card in the cabinet: its status, position, history and the parent's actions. */
export class ApplicationCard {
  constructor(readonly root: Locator) {}
  private qa(name: string): Locator {
    return this.root.locator(`[data-qa="${name}"]`);
  }
  get child(): Locator {
    return this.qa('application-child');
  }
  get status(): Locator {
    return this.qa('application-status');
  }
  /** The status element once it says `status`. */
  statusIs(status: string): Locator {
    return this.root.locator(`[data-qa="application-status"][data-status="${status}"]`);
  }
  get position(): Locator {
    return this.qa('application-position');
  }
  get positionChanges(): Locator {
    return this.qa('position-change');
  }
  history(action: string): Locator {
    return this.root.locator(`[data-qa="history-event"][data-action="${action}"]`);
  }
  get validUntil(): Locator {
    return this.qa('application-valid-until');
  }
  /** The chance of a place at the first chosen kindergarten, in words (`data-chance`), and the list of them all. */
  get placeChance(): Locator {
    return this.qa('place-chance');
  }
  get placeChances(): Locator {
    return this.qa('application-place-chances');
  }
  get referralGuidance(): Locator {
    return this.qa('referral-guidance');
  }
  get restore(): Locator {
    return this.qa('restore');
  }
  get withdraw(): Locator {
    return this.qa('withdraw');
  }
  get withdrawCancel(): Locator {
    return this.qa('withdraw-cancel');
  }
  get withdrawConfirm(): Locator {
    return this.qa('withdraw-confirm');
  }
}

/** `/cabinet`: the parent's applications, notices and contacts. */
export class CabinetPage extends PageObject {
  readonly contacts = new ContactsSection(this);

  get applications(): Locator {
    return this.qa('application');
  }
  get children(): Locator {
    return this.qa('application-child');
  }
  get statuses(): Locator {
    return this.qa('application-status');
  }
  /** The card of an application, by its id (else the first card). */
  card(applicationId?: string): ApplicationCard {
    return new ApplicationCard(applicationId === undefined ? this.applications.first() : this.page.locator(`[data-qa="application"][data-application-id="${applicationId}"]`));
  }
  /** The link to the survey; `data-needed` says whether an answer is due. */
  get surveyLink(): Locator {
    return this.qa('survey-link');
  }
  /** The campaign's banner (its `data-standing` says what the campaign asks of this parent). */
  get banner(): Locator {
    return this.qa('campaign-banner');
  }
  get notifications(): Locator {
    return this.qa('notifications');
  }
  get unread(): Locator {
    return this.qa('notifications-unread');
  }
  /** The first notice of a kind. */
  notice(kind: string): Locator {
    return this.page.locator(`[data-qa="notification"][data-kind="${kind}"]`).first();
  }
  /** The notices' live region (what "mark as read" announces). */
  get notificationsStatus(): Locator {
    return this.page.locator('[data-qa="notifications"] [data-qa="live-status"]');
  }
  /** The unread count once it is `count`. */
  unreadIs(count: number): Locator {
    return this.page.locator(`[data-qa="notifications-unread"][data-unread="${count}"]`);
  }

  async open(): Promise<void> {
    await this.goto('/cabinet');
  }

  /**
   * The parent logs in with the SMS code (the site's language switch first, when given) and ends in
   * the cabinet: one with applications to confirm lands on the survey first, the cabinet is one link away.
   */
  async logIn(parent: { readonly iin: string; readonly phone: string }, language?: Language): Promise<void> {
    const login = new ParentLoginPage(this);
    await login.open();
    if (language) await login.chooseLanguage(language);
    await login.logIn(parent);
    await this.page.waitForURL(/\/(survey|cabinet)$/);
    if (this.page.url().endsWith('/survey')) await this.open();
    await this.applications.first().waitFor();
  }
}
