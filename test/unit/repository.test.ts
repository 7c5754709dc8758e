import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const skipped = new Set(['node_modules', '.cache', '.data', '.git', 'cdk.out', 'dist', 'coverage']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (skipped.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs|js|json|md|html|css)$/.test(name) ? [path] : [];
  });
}

describe('the repository', () => {
  it('should stand alone: no file refers to a folder outside it', () => {
    // Prepare: the design notes the team started from lived beside the repository; the product is
    // described in docs/PRODUCT.md instead.
    const outside = /\.\.\/shared\b|\/work\/shared\b/;

    // Act
    const offenders = sourceFiles(root)
      .filter((path) => !path.endsWith('repository.test.ts'))
      .filter((path) => outside.test(readFileSync(path, 'utf8')))
      .map((path) => relative(root, path));

    // Assess
    expect(offenders).toEqual([]);
  });

  it('should describe the product in its own docs', () => {
    const product = readFileSync(join(root, 'docs', 'PRODUCT.md'), 'utf8');
    expect(product).toContain('## Rules');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('docs/PRODUCT.md');
  });
});
