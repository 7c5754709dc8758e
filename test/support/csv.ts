import { makeIin } from '#domain/iin';
import { applicationColumns } from '#domain/import-rows';

/** A queue CSV of `count` valid synthetic rows (children born in `birthYear`), for import tests and samples. */
export function queueCsv(count: number, options: { birthYear: number; kindergartenIds: readonly string[]; language?: 'kk' | 'ru'; prefix?: string; serialBase?: number }): string {
  const lines = [applicationColumns.join(',')];
  for (let i = 0; i < count; i++) {
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 28) + 1).padStart(2, '0');
    const childIin = makeIin(`${options.birthYear}-${month}-${day}`, i % 2 ? 'male' : 'female', (options.serialBase ?? 5000) + (i % 4000));
    const applicantIin = makeIin(`19${80 + (i % 20)}-0${(i % 9) + 1}-1${i % 9}`, 'female', 100 + (i % 8000));
    const kindergartens = [options.kindergartenIds[i % options.kindergartenIds.length], options.kindergartenIds[(i + 1) % options.kindergartenIds.length]];
    const registered = `${options.birthYear + 1}-0${(i % 9) + 1}-15`;
    lines.push(
      [
        `${options.prefix ?? 'T'}${String(i + 1).padStart(6, '0')}`,
        childIin,
        `"Ребёнок ${i + 1}, тест"`,
        applicantIin,
        `+7701${String(1000000 + i).slice(-7)}`,
        `Родитель ${i + 1}`,
        registered,
        i % 20 === 0 ? 'large_family' : 'none',
        [...new Set(kindergartens)].join(';'),
        options.language ?? 'ru',
        '',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
