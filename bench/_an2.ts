import { build } from 'esbuild';
import { join } from 'node:path';
const h = process.argv[2] ?? 'staff-kindergartens';
const pkg = process.argv[3] ?? '@smithy/core';
const r = await build({ entryPoints: { index: join('functions/handlers', h + '.ts') }, outdir: '/tmp/sc2/' + h, outExtension: { '.js': '.mjs' }, splitting: true, bundle: true, platform: 'node', target: 'node22', format: 'esm', minify: true, mainFields: ['module', 'main'], metafile: true, logLevel: 'silent' });
const by = new Map<string, number>();
for (const [p, o] of Object.entries(r.metafile.outputs)) for (const [inp, { bytesInOutput }] of Object.entries(o.inputs)) if (inp.includes(pkg)) by.set(inp, (by.get(inp) ?? 0) + bytesInOutput);
console.log([...by].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${String(v).padStart(8)} ${k.replace(/.*node_modules\//,'')}`).join('\n'));
