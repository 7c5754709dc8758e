import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildVendorLayer, functionShims, layerShims } from '../../lib/vendor-layer.ts';

const root = join(import.meta.dirname, '..', '..');

/** Every `.mjs` file below `dir`. */
function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.mjs')).map((entry) => join(entry.parentPath, entry.name));
}

describe('the built-in modules taken from shims (decision 69)', () => {
  it("should answer `instanceof ReadableStream` as Node's own class does", async () => {
    // Prepare
    const { ReadableStream } = (await import(functionShims['node:stream/web']!)) as { ReadableStream: new () => unknown };
    const web = new globalThis.ReadableStream();
    const fromNode = Readable.toWeb(Readable.from(['a']));
    // Act, Assess
    expect(web instanceof ReadableStream).toBe(true);
    expect(fromNode instanceof ReadableStream).toBe(true);
    for (const other of [Readable.from(['a']), 'text', null, undefined, {}, { getReader: () => null }]) expect(other instanceof ReadableStream).toBe(false);
  });

  it('should use `ReadableStream` in @middy/core only after `instanceof`, all the shim answers', () => {
    // Prepare: middy's module as installed (the lock file's version)
    const source = readFileSync(join(root, 'node_modules', '@middy', 'core', 'index.js'), 'utf8');
    // Act: each use of the name in code (the texts of its errors left out), but its import
    const code = source.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
    const uses = [...code.matchAll(/(.{0,12})\bReadableStream\b/g)].map((match) => match[1]!.trim()).filter((before) => !/^import\s*\{$/.test(before));
    // Assess: a new use (a `new ReadableStream`, `ReadableStream.from`) fails here, not in AWS
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.every((before) => before.endsWith('instanceof'))).toBe(true);
    expect(source).toMatch(/import\s*\{\s*ReadableStream\s*\}\s*from\s*"node:stream\/web"/);
  });

  it('should give the layer `process.env` and `process.versions` themselves', async () => {
    // Act
    const shim = (await import(layerShims['node:process']!)) as { default: NodeJS.Process; env: NodeJS.ProcessEnv; versions: NodeJS.ProcessVersions };
    // Assess
    expect(shim.default).toBe(process);
    expect(shim.env).toBe(process.env);
    expect(shim.versions).toBe(process.versions);
  });

  it('should leave no import of `node:process` in the layer as built', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'kezek-shims-'));
    try {
      // Act
      const { vendorDir } = buildVendorLayer(dir);
      const files = modules(vendorDir);
      // Assess: the SDK's user agent imports `env` and `versions` from it, in the main build and in S3's, built apart
      expect(files.length).toBeGreaterThan(20);
      const importing = files.filter((file) => /from\s*"node:process"/.test(readFileSync(file, 'utf8')));
      expect(importing).toEqual([]);
      expect(files.some((file) => readFileSync(file, 'utf8').includes('globalThis.process'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
