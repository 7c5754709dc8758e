import type { Locator } from 'playwright-core';
import { StaffPage } from './staff-page.ts';

/** The queue's filters, by the `data-qa` suffix of their field (`queue-<name>`). */
export interface QueueFilter {
  readonly birthYear?: string;
  readonly kindergarten?: string;
  readonly status?: string;
  readonly priority?: string;
}

/** `/staff/queue`: the queue of a birth year, its filters, rows and pages. */
export class QueuePage extends StaffPage {
  get form(): Locator {
    return this.qa('queue-form');
  }
  get table(): Locator {
    return this.qa('queue');
  }
  get caption(): Locator {
    return this.table.locator('caption');
  }
  get rows(): Locator {
    return this.qa('queue-row');
  }
  get rowLinks(): Locator {
    return this.qa('queue-row-link');
  }
  get showButton(): Locator {
    return this.qa('queue-show');
  }
  get next(): Locator {
    return this.qa('queue-next');
  }
  get first(): Locator {
    return this.qa('queue-first');
  }
  filter(name: 'birth-year' | 'kindergarten' | 'status' | 'priority'): Locator {
    return this.qa(`queue-${name}`);
  }

  /** The ids of the applications shown, in order. */
  shownIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-application-id')!));
  }

  async open(query = ''): Promise<void> {
    await this.goto(`/staff/queue${query ? `?${query}` : ''}`);
  }

  /** Chooses the filters given and shows the queue. */
  async show(filter: QueueFilter): Promise<void> {
    if (filter.birthYear !== undefined) await this.filter('birth-year').selectOption(filter.birthYear);
    if (filter.kindergarten !== undefined) await this.filter('kindergarten').selectOption(filter.kindergarten);
    if (filter.status !== undefined) await this.filter('status').selectOption(filter.status);
    if (filter.priority !== undefined) await this.filter('priority').selectOption(filter.priority);
    await this.showButton.click();
  }
}
