import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** `/staff/import`: a CSV of kindergartens or applications, checked whole, imported in slices. */
export class ImportPage extends StaffPage {
  get form(): Locator {
    return this.qa('import-form');
  }
  get file(): Locator {
    return this.qa('import-file');
  }
  get start(): Locator {
    return this.qa('import-start');
  }
  get rejected(): Locator {
    return this.qa('import-rejected');
  }
  /** The line numbers of a rejected file's problems. */
  get problemLines(): Locator {
    return this.page.locator('[data-qa="import-problem"] td:first-child');
  }
  get finished(): Locator {
    return this.qa('import-finished');
  }

  /** The description of the file formats (columns, templates, examples). */
  get format(): Locator {
    return this.qa('import-format');
  }
  /** The columns listed for a kind of file (each `data-column`). */
  columns(kind: 'applications' | 'kindergartens'): Locator {
    return this.page.locator(`[data-qa="import-columns-${kind}"] [data-qa="import-column"]`);
  }
  example(kind: 'applications' | 'kindergartens'): Locator {
    return this.qa(`import-example-${kind}`);
  }
  /** The text of a kind's template file (a `data:` link). */
  async template(kind: 'applications' | 'kindergartens'): Promise<string> {
    const href = (await this.qa(`import-template-${kind}`).getAttribute('href'))!;
    return decodeURIComponent(href.slice(href.indexOf(',') + 1));
  }

  async open(): Promise<void> {
    await this.goto('/staff/import');
    await this.format.waitFor();
  }

  /** Chooses the kind, the file, and starts. */
  async upload(kind: 'applications' | 'kindergartens', csv: string, name = 'queue.csv'): Promise<void> {
    await this.qa(`import-kind-${kind}`).check();
    await this.file.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await this.start.click();
  }
}
