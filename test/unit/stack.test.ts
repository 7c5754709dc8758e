import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { functionBuildOptions, functionSourceMap } from '../../lib/vendor-layer.ts';
import { decodeStack } from '../../scripts/stack.ts';

const root = join(import.meta.dirname, '..', '..');

describe('npm run stack', () => {
  it('should turn a minified function\'s stack, logged without source maps, back into our files and lines', async () => {
    // Prepare: a module bundled as every function is (minified ESM, its map beside it), run in a
    // fresh Node without --enable-source-maps, as the functions run (decision 63)
    const dir = mkdtempSync(join(tmpdir(), 'kezek-stack-'));
    await build({
      entryPoints: [join(root, 'test', 'fixtures', 'stack-thrower.ts')],
      ...functionBuildOptions,
      outfile: join(dir, 'index.mjs'),
      ...functionSourceMap,
      logLevel: 'silent',
    });
    const stack = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `import { handler } from ${JSON.stringify(join(dir, 'index.mjs'))}; try { handler(); } catch (error) { process.stdout.write(error.stack); }`],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
    );
    expect(stack).toMatch(/index\.mjs:\d+:\d+/);
    expect(stack).not.toContain('stack-thrower.ts');

    // Act
    const decoded = decodeStack(stack, JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')));

    // Assess: the throw (line 5, column 11) and its caller (line 10), in our source
    const lines = decoded.split('\n');
    expect(lines[0]).toBe('RangeError: quota 7 is over 3');
    expect(lines[1]).toMatch(/^ {4}at \S+ \(test\/fixtures\/stack-thrower\.ts:5:11\)$/);
    expect(lines[2]).toMatch(/^ {4}at \S+ \(test\/fixtures\/stack-thrower\.ts:10:38\)$/);
    expect(decoded).not.toMatch(/index\.mjs:\d+:\d+/);
  });

  it('should leave a line that names no bundle position as it is', () => {
    // Act
    const decoded = decodeStack('Error: boom\n    at node:internal/process/task_queues:95:5', { version: 3, file: 'index.mjs', sources: [], sourcesContent: [], sourceRoot: '', names: [], mappings: '' });

    // Assess
    expect(decoded).toBe('Error: boom\n    at node:internal/process/task_queues:95:5');
  });
});
