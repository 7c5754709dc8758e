import { build } from 'esbuild';
import { join } from 'node:path';
const h = process.argv[2] ?? 'staff-kindergartens';
const r = await build({ entryPoints: { index: join('functions/handlers', h + '.ts') }, outdir: '/tmp/sc/' + h, outExtension: { '.js': '.mjs' }, splitting: true, bundle: true, platform: 'node', target: 'node22', format: 'esm', minify: true, mainFields: ['module', 'main'], metafile: true, logLevel: 'silent',
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" } });
const outs = r.metafile.outputs;
const entry = Object.keys(outs).find(p => p.endsWith('/index.mjs'))!;
const start = new Set([entry]);
for (const p of start) for (const i of outs[p]!.imports) if (!i.external && i.kind === 'import-statement') start.add(i.path);
for (const [p, o] of Object.entries(outs)) if (Object.keys(o.inputs).some(x => x.includes('powertools/tracer') || x.includes('aws-xray-sdk-core'))) start.add(p);
const by = new Map<string, number>();
for (const p of start) { if (!p.endsWith('.mjs')) continue; for (const [inp, { bytesInOutput }] of Object.entries(outs[p]!.inputs)) { const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(inp); const k = m ? m[1]! : 'ours:' + inp.split('/').slice(0,2).join('/'); by.set(k, (by.get(k) ?? 0) + bytesInOutput); } }
let tot = 0; for (const v of by.values()) tot += v;
console.log('static total', tot);
console.log([...by].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${String(v).padStart(8)} ${k}`).join('\n'));
