import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface WebSizeMeasurement {
  readonly gzipBytes: number;
  readonly rawBytes: number;
  readonly files: readonly { readonly file: string; readonly rawBytes: number; readonly gzipBytes: number }[];
}

/**
 * JS + CSS the first parent page loads: what `index.html` names (module scripts, module preloads,
 * style sheets), each gzipped at level 9. Lazy chunks (staff console, survey) are not counted.
 */
export function measureParentPage(distDir: string): WebSizeMeasurement {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const referenced = new Set<string>();
  for (const [, src] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) referenced.add(src!);
  for (const [tag] of html.matchAll(/<link[^>]*>/g)) {
    const href = /\shref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\srel="(stylesheet|modulepreload)"/.test(tag)) referenced.add(href);
  }
  const files = [...referenced]
    .filter((path) => path.startsWith('/') && /\.(js|css)$/.test(path))
    .map((path) => {
      const content = readFileSync(join(distDir, path));
      return { file: path, rawBytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
  if (files.length === 0) throw new Error(`index.html in ${distDir} loads no JS or CSS`);
  return {
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    rawBytes: files.reduce((sum, f) => sum + f.rawBytes, 0),
    files,
  };
}
