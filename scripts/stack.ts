/**
 * `npm run stack -- <index.mjs.map> [file]`: an error's stack as a function logged it, with every
 * position in the minified bundle (`index.mjs:1:23456`) turned into the source file, line and
 * column it came from. Functions ship their source map (mappings only) next to `index.mjs` but
 * do not read it at start (`--enable-source-maps` cost every cold start about 5 ms, DECISIONS.md
 * 63): the map is in the function's code (Lambda console, "Download", or
 * `cdk.out/asset.<hash>/index.mjs.map` of the synth that deployed it). The stack is read from
 * the file named, or from standard input.
 */
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';

/** A stack frame's position in a bundle: `index.mjs:<line>:<column>` (1-based, as V8 prints them). */
const bundlePosition = /((?:file:\/\/)?[^\s()]*index\.mjs):(\d+):(\d+)/g;

/** Where a source lies for a reader: from the repository's top folder on (`functions/…`, `node_modules/…`), however the bundler's directory was placed. */
function readablePath(source: string): string {
  const path = source.replace(/^file:\/\//, '').replace(/^(\.\.\/)+/, '');
  const fromTop = /(?:^|\/)((?:functions|node_modules|test|local|lib|bench|scripts)\/.*)$/.exec(path);
  return fromTop ? fromTop[1]! : path;
}

/** The stack with each bundle position replaced by `<source>:<line>:<column>` (1-based, as V8 prints them). */
export function decodeStack(stack: string, map: SourceMapPayload): string {
  const sourceMap = new SourceMap(map);
  return stack.replace(bundlePosition, (whole, _file: string, line: string, column: string) => {
    // `findEntry` takes 0-based offsets and answers the closest mapping at or before them.
    // (A frame's own name stays minified: the map names identifiers, not the function around a position.)
    const entry = sourceMap.findEntry(Number(line) - 1, Number(column) - 1) as Partial<{ originalSource: string; originalLine: number; originalColumn: number }>;
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return whole;
    return `${readablePath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

async function main(): Promise<void> {
  const [mapPath, stackPath] = process.argv.slice(2);
  if (!mapPath) {
    process.stderr.write('usage: npm run stack -- <path/to/index.mjs.map> [file with the stack]  (or the stack on standard input)\n');
    process.exit(2);
  }
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as SourceMapPayload;
  const stack = stackPath ? readFileSync(stackPath, 'utf8') : readFileSync(0, 'utf8');
  process.stdout.write(decodeStack(stack, map));
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
