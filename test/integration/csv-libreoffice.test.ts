import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { csvLine, utf8Bom } from '#domain/csv-write';

const dir = mkdtempSync(join(tmpdir(), 'kezek-csv-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What LibreOffice reads from a CSV file opened with `separator` (headless convert to HTML, UTF-8), as cell texts per row. */
async function libreOfficeCells(text: string, separator: ';' | ',', name: string): Promise<string[][]> {
  writeFileSync(join(dir, `${name}.csv`), text);
  // Its own profile, so it never joins a LibreOffice another test has running.
  const profile = pathToFileURL(join(dir, `profile-${name}`)).href;
  await promisify(execFile)('soffice', [`-env:UserInstallation=${profile}`, '--headless', `--infilter=CSV:${separator.charCodeAt(0)},34,76,1`, '--convert-to', 'html', '--outdir', dir, join(dir, `${name}.csv`)], { timeout: 60_000 });
  const html = readFileSync(join(dir, `${name}.html`), 'utf8');
  return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => cell!.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#39;|&apos;/g, "'").replace(/&nbsp;/g, ' ').trim()),
  );
}

describe('a CSV export opened in LibreOffice with either separator', () => {
  it('should keep a kindergarten named with the other separator and a formula in one text cell', async () => {
    // Prepare: a file written with ";" (the Kazakh and Russian one)
    const text = utf8Bom + csvLine(['Балабақша', 'Саны'], ';') + csvLine(['Сад,=1+1', 7], ';') + csvLine(['Сад;+2+3', 8], ';');

    // Act
    const bySemicolon = await libreOfficeCells(text, ';', 'semicolon');
    const byComma = await libreOfficeCells(text, ',', 'comma');

    // Assess: opened with ";", the names arrive whole; either way nothing is computed (no "2" or "5" from a formula)
    expect(bySemicolon).toEqual([
      ['Балабақша', 'Саны'],
      ["Сад,'=1+1", '7'],
      ["Сад;'+2+3", '8'],
    ]);
    // Opened with ",", LibreOffice splits a quoted cell that its separator does not close, at the comma inside it:
    // the part after it is the one the defusing keeps a text.
    expect(byComma).toEqual([['Балабақша;Саны', ''], ['"Сад', `'=1+1";7`], [`"Сад;'+2+3";8`, '']]);
  });
});
