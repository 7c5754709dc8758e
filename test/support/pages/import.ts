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

  /** Chooses the kind, the file, and starts. */
  async upload(kind: 'applications' | 'kindergartens', csv: string, name = 'queue.csv'): Promise<void> {
    await this.qa(`import-kind-${kind}`).check();
    await this.file.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await this.start.click();
  }
}
