import type { Locator } from 'playwright-core';
import { PageObject } from './page-object.ts';

/** The public site's frame and home page: the department's name and contacts, the campaign's banner. */
export class SitePage extends PageObject {
  get siteName(): Locator {
    return this.qa('site-name');
  }
  get contacts(): Locator {
    return this.qa('site-contacts');
  }
  get banner(): Locator {
    return this.qa('campaign-banner');
  }
  get bannerTitle(): Locator {
    return this.qa('campaign-banner-title');
  }
  get bannerText(): Locator {
    return this.qa('campaign-banner-text');
  }
  async open(path = '/'): Promise<void> {
    await this.goto(path);
  }
}
