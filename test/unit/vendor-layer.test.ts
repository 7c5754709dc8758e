import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vendorModules } from '../../lib/vendor-layer.ts';
import { vendorImports } from '../support/vendor-imports.ts';

const root = join(import.meta.dirname, '..', '..');

describe('the vendor layer', () => {
  it('should export every name the functions import from the AWS SDK and Powertools, and nothing they do not', () => {
    // Prepare: a name missing from the layer is a link error in AWS, or `undefined` after an `await import`
    const imported = vendorImports(root, ['@aws-sdk', '@aws-lambda-powertools']);
    // Act
    const unnamed = imported.filter((i) => i.name === null).map((i) => `${i.file}: ${i.module}`);
    const used = new Map<string, Set<string>>();
    for (const { module, name } of imported) if (name) used.set(module, new Set([...(used.get(module) ?? []), name]));
    // Assess
    expect(unnamed, 'uses of a vendor module whose names the scan cannot tell (import them by name)').toEqual([]);
    expect(Object.fromEntries([...used].map(([module, names]) => [module, [...names].sort()]))).toEqual(
      Object.fromEntries(Object.entries(vendorModules).map(([module, names]) => [module, [...names].sort()])),
    );
  });
});
