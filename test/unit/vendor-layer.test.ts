import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vendorModules, vendorStartGroups } from '../../lib/vendor-layer.ts';
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

  it('should build together, as the start groups, exactly the modules some function imports statically (decision 68)', () => {
    // Prepare
    const imported = vendorImports(root, ['@aws-sdk', '@aws-lambda-powertools']);
    const grouped = Object.values(vendorStartGroups).flat() as string[];
    // Act
    const loadedAtStart = [...new Set(imported.filter((i) => i.kind === 'static').map((i) => i.module))].sort();
    // Assess: a static import outside the groups would load a client's own module and chunks at every start;
    // a grouped module no function imports statically would be parsed at every start for nothing
    expect(loadedAtStart).toEqual([...grouped].sort());
    expect(loadedAtStart).toEqual([
      '@aws-lambda-powertools/logger',
      '@aws-lambda-powertools/logger/middleware',
      '@aws-lambda-powertools/metrics',
      '@aws-lambda-powertools/metrics/middleware',
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/lib-dynamodb',
    ]);
    // …each module in one group, and a group's module exports each name once (its modules' names meet in one file)
    expect(new Set(grouped).size).toBe(grouped.length);
    for (const [group, members] of Object.entries(vendorStartGroups)) {
      const names = members.flatMap((member) => [...vendorModules[member]]);
      expect(new Set(names).size, group).toBe(names.length);
    }
  });
});
