import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** A runtime import of classic zod (`zod`, `zod/v4`, `zod/v4/classic`, `zod/v3`), static or dynamic; both tests below use it. */
const classic = /^\s*(?:import|export)\s[^;]*?\bfrom\s+'zod(?:\/v4|\/v4\/classic|\/v3)?'|\bimport\(\s*'zod(?:\/v4|\/v4\/classic|\/v3)?'\s*\)/m;
/** The text without its types-only imports and exports, which the bundle erases. */
const withoutTypeImports = (text: string) => text.replace(/^\s*(?:import|export) type [^;]*;/gm, '');

describe('zod in the Lambda functions', () => {
  it('should be imported as a namespace, so esbuild leaves its 40-odd locales out of every bundle', () => {
    // Prepare: `import { z } from 'zod'` makes esbuild keep the whole `z` object, locales included
    // (about 450 kB minified per function instead of about 110 kB); types-only imports are erased.
    const offenders = sourceFiles(join(root, 'functions')).filter((file) => /^import\s+\{[^}]*\bz\b[^}]*\}\s+from\s+'zod'/m.test(readFileSync(file, 'utf8').replace(/^import type .*$/gm, '')));
    // Assess
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('should be zod/mini at run time, so no bundle carries the classic API (about 100 kB minified of each, issue 19)', () => {
    // Prepare: classic zod's method chains (`z.string().trim().min(1)`) keep all of it in a bundle;
    // `zod/mini`'s functions are tree-shaken. Types-only imports are erased, so they may name any.
    const runtime = (file: string) => withoutTypeImports(readFileSync(file, 'utf8'));
    // Act
    const offenders = sourceFiles(join(root, 'functions')).filter((file) => classic.test(runtime(file)));
    // Assess
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('should tell a runtime import of classic zod from a types-only one and from zod/mini', () => {
    // Prepare: the pattern the test above applies, on written-out lines.
    const runtime = withoutTypeImports;
    // Act and assess
    expect(classic.test(runtime("import * as z from 'zod';"))).toBe(true);
    expect(classic.test(runtime("import { z } from 'zod/v4';"))).toBe(true);
    expect(classic.test(runtime("import {\n  string,\n} from 'zod';"))).toBe(true);
    expect(classic.test(runtime("const z = await import('zod');"))).toBe(true);
    expect(classic.test(runtime("import * as z from 'zod/mini';"))).toBe(false);
    expect(classic.test(runtime("import type { ZodType } from 'zod';"))).toBe(false);
    expect(classic.test(runtime("import type * as core from 'zod/v4/core';"))).toBe(false);
  });
});

describe('zod in the web app', () => {
  it('should be imported for its types only, so the browser bundle carries none of it', () => {
    // Prepare
    const offenders = sourceFiles(join(root, 'web', 'src')).filter((file) => /^\s*import\s(?!type\b)[^;]*?\bfrom\s+'zod[^']*'/m.test(readFileSync(file, 'utf8')));
    // Assess
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });
});
