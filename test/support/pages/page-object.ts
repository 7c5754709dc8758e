import type { Locator, Page } from 'playwright-core';
import type { LocalRuntime } from '../../../local/runtime.ts';
import { axeViolations } from '../browser.ts';
import type { Session } from '../browser-fixture.ts';

/**
 * What every page object has (issue 15 item 7): the page, the runtime behind it, its locators as
 * fields (`[data-qa]` names in one place) and its journeys as methods. A test reads as what a person
 * does; a renamed `data-qa` changes one file.
 */
export abstract class PageObject {
  readonly page: Page;
  readonly url: string;
  readonly runtime: LocalRuntime;

  constructor(session: Pick<Session, 'page' | 'url' | 'runtime'>) {
    this.page = session.page;
    this.url = session.url;
    this.runtime = session.runtime;
  }

  /** The element with this `data-qa` name. */
  qa(name: string): Locator {
    return this.page.locator(`[data-qa="${name}"]`);
  }

  /** The page's one `h1`. */
  get heading(): Locator {
    return this.page.locator('h1');
  }

  /** The page's polite live region(s). */
  get liveStatus(): Locator {
    return this.qa('live-status');
  }

  /** Opens a path of the runtime's site. */
  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.url}${path}`);
  }

  /** How far the document is wider than the window (0 or less: no sideways scroll). */
  overflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }

  /** axe's WCAG 2.1 AA findings on the page as it is now (empty when clean). */
  axe(): Promise<string[]> {
    return axeViolations(this.page);
  }

  /** The `data-qa` (else the id) of the element that has the focus. */
  focused(): Promise<string> {
    return this.page.evaluate(() => document.activeElement?.getAttribute('data-qa') ?? document.activeElement?.id ?? '');
  }
}
