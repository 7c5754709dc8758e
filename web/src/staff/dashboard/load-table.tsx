import { useState } from 'preact/hooks';
import type { DashboardKindergarten } from '../../api-types.ts';
import type { Language } from '../../i18n/language.ts';
import { formatNumber } from '../../format.ts';
import { formatPercent } from './percent.ts';
import { useStaffI18n } from '../i18n/context.ts';
import { bandStyle, loadBand, loadShare } from './load-bands.ts';

const columns = ['name', 'district', 'capacity', 'chosen', 'load'] as const;
type Column = (typeof columns)[number];
type Direction = 'ascending' | 'descending';

/** Load as text: a percent, or "—" for a kindergarten without places. */
export function loadText(language: Language, chosen: number, capacity: number): string {
  const share = loadShare(chosen, capacity);
  return Number.isFinite(share) ? formatPercent(language, share) : '—';
}

function sortValue(kindergarten: DashboardKindergarten, column: Column, language: Language, districtName: (id: string) => string): string | number {
  if (column === 'name') return kindergarten.name[language];
  if (column === 'district') return districtName(kindergarten.district);
  if (column === 'load') return loadShare(kindergarten.chosen, kindergarten.capacity);
  return kindergarten[column];
}

/**
 * Load per kindergarten, sortable by any column (buttons in the headers, `aria-sort` on the
 * sorted one). It is the accessible form of the map: the same numbers, readable and sortable.
 * The busiest come first, since that is where demand exceeds places. Its heading is the section's
 * (the caption stays for screen readers' table lists).
 */
export function LoadTable({ kindergartens, districtName }: { kindergartens: readonly DashboardKindergarten[]; districtName: (id: string) => string }) {
  const { s, language } = useStaffI18n();
  const text = s.dashboard.load;
  const [sort, setSort] = useState<{ column: Column; direction: Direction }>({ column: 'load', direction: 'descending' });
  const [announcement, setAnnouncement] = useState('');
  const collator = new Intl.Collator(language);
  const sorted = [...kindergartens].sort((a, b) => {
    const left = sortValue(a, sort.column, language, districtName);
    const right = sortValue(b, sort.column, language, districtName);
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : collator.compare(String(left), String(right));
    return (sort.direction === 'ascending' ? order : -order) || collator.compare(a.name[language], b.name[language]);
  });

  const sortBy = (column: Column) => {
    // Text starts from A, numbers from the largest: what staff look for first.
    const direction: Direction = sort.column === column ? (sort.direction === 'ascending' ? 'descending' : 'ascending') : column === 'name' || column === 'district' ? 'ascending' : 'descending';
    setSort({ column, direction });
    setAnnouncement(text.sorted(text.columns[column], text.direction[direction]));
  };

  return (
    <>
      <table id="load-table" class="table load-table" data-qa="load-table" data-sort-column={sort.column} data-sort-direction={sort.direction}>
        <caption class="visually-hidden">{text.caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" class={column === 'name' || column === 'district' ? undefined : 'numeric'} aria-sort={sort.column === column ? sort.direction : undefined}>
                <button type="button" class="sort-button" onClick={() => sortBy(column)} data-qa={`sort-${column}`}>
                  {text.columns[column]}
                  <span class="sort-button__mark" aria-hidden="true">
                    {sort.column === column ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((kindergarten) => {
            const band = loadBand(loadShare(kindergarten.chosen, kindergarten.capacity));
            return (
              <tr key={kindergarten.kindergartenId} data-qa="load-row" data-kindergarten-id={kindergarten.kindergartenId} data-chosen={kindergarten.chosen} data-load-band={band}>
                <th scope="row" data-label={text.columns.name}>
                  {kindergarten.name[language]}
                </th>
                <td data-label={text.columns.district}>{districtName(kindergarten.district)}</td>
                <td data-label={text.columns.capacity} class="numeric">
                  {formatNumber(language, kindergarten.capacity)}
                </td>
                <td data-label={text.columns.chosen} class="numeric">
                  {formatNumber(language, kindergarten.chosen)}
                </td>
                <td data-label={text.columns.load} class="numeric">
                  <span class="load-mark">
                    <span class="load-mark__dot" data-qa="table-band-dot" data-load-band={band} style={{ background: bandStyle[band].fill }} aria-hidden="true" />
                    {loadText(language, kindergarten.chosen, kindergarten.capacity)}
                  </span>
                  <span class="visually-hidden"> ({text.bands[band]})</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="visually-hidden" role="status" data-qa="sort-announcement">
        {announcement}
      </p>
    </>
  );
}
