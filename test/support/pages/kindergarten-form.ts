import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

export interface KindergartenInput {
  readonly kindergartenId: string;
  readonly nameKk: string;
  readonly nameRu: string;
  readonly ownership: string;
  readonly language: 'kk' | 'ru';
  readonly districtId: string;
  readonly address: string;
  readonly lat: string;
  readonly lon: string;
  readonly capacity: Readonly<Record<string, string>>;
}

/** `/staff/kindergartens/new` and `/staff/kindergartens/<id>`: a kindergarten's form. */
export class KindergartenFormPage extends StaffPage {
  get form(): Locator {
    return this.qa('kindergarten-form');
  }
  /** A field by its name (`kindergartenId`, `lat`, `capacity-junior`...). */
  field(name: string): Locator {
    return this.qa(`kindergarten-${name}`);
  }
  fieldError(name: string): Locator {
    return this.qa(`kindergarten-${name}-error`);
  }
  get submit(): Locator {
    return this.qa('kindergarten-submit');
  }
  get errorSummary(): Locator {
    return this.qa('error-summary');
  }
  /** The error summary's link to a field (by the field's id). */
  summaryLink(fieldId: string): Locator {
    return this.page.locator(`[data-qa="error-summary"] a[href="#${fieldId}"]`);
  }

  async fill(input: KindergartenInput): Promise<void> {
    await this.field('kindergartenId').fill(input.kindergartenId);
    await this.field('name-kk').fill(input.nameKk);
    await this.field('name-ru').fill(input.nameRu);
    await this.field('ownership').selectOption(input.ownership);
    await this.field(`language-${input.language}`).check();
    await this.field('district').selectOption(input.districtId);
    await this.field('address').fill(input.address);
    await this.field('lat').fill(input.lat);
    await this.field('lon').fill(input.lon);
    for (const [group, places] of Object.entries(input.capacity)) await this.field(`capacity-${group}`).fill(places);
  }
}
