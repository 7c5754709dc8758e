import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('zod in the Lambda functions', () => {
  it('should be imported as a namespace, so esbuild leaves its 40-odd locales out of every bundle', () => {
    // Prepare: `import { z } from 'zod'` makes esbuild keep the whole `z` object, locales included
    // (about 450 kB minified per function instead of about 110 kB); types-only imports are erased.
    const offenders = sourceFiles(join(root, 'functions')).filter((file) => /^import\s+\{[^}]*\bz\b[^}]*\}\s+from\s+'zod'/m.test(readFileSync(file, 'utf8').replace(/^import type .*$/gm, '')));
    // Assess
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });
});
