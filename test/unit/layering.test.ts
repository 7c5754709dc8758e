import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const config = join(root, '.dependency-cruiser.cjs');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

/** Runs dependency-cruiser with the project's rules over `paths` (relative to `baseDir`). */
function violations(baseDir: string, paths: string[]): Violation[] {
  const output = execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), ...paths, '--config', config, '--output-type', 'json', '--no-progress'],
    { cwd: baseDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('the layering', () => {
  it('should hold over the whole code base: no cycle, no import from a lower layer to a higher one', () => {
    // Act
    const found = violations(root, ['functions', 'local', 'web/src', 'lib', 'bin']);

    // Assess
    expect(found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('should refuse a domain module that imports an adapter, and the cycle it makes', () => {
    // Prepare: a fixture tree laid out like functions/ with one deliberate breach.
    const fixture = join(root, 'test', 'fixtures', 'layering');

    // Act
    const found = violations(fixture, ['functions']);

    // Assess
    const names = new Set(found.map((v) => v.rule.name));
    expect(names).toEqual(new Set(['domain-imports-only-lower-layers', 'no-circular']));
    expect(found.find((v) => v.rule.name === 'domain-imports-only-lower-layers')).toMatchObject({
      from: 'functions/domain/rule.ts',
      to: 'functions/adapters/store.ts',
    });
  });
});
