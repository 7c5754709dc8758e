import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
const pkgs = ['@aws-sdk/client-dynamodb','@aws-sdk/lib-dynamodb','@aws-sdk/client-sns','@aws-sdk/client-scheduler','@aws-sdk/client-s3','@aws-sdk/s3-request-presigner','@aws-sdk/client-lambda','@aws-lambda-powertools/logger','@aws-lambda-powertools/logger/middleware','@aws-lambda-powertools/metrics','@aws-lambda-powertools/metrics/middleware','@aws-lambda-powertools/tracer','@aws-lambda-powertools/tracer/middleware'];
const root = '/tmp/layer/nodejs/node_modules'; rmSync('/tmp/layer', { recursive: true, force: true });
const src = '/work/main/node_modules/.cache/layer-src'; mkdirSync(src, { recursive: true });
const entryPoints: Record<string,string> = {};
for (const p of pkgs) { const name = p.replace(/[@/]/g, '_'); writeFileSync(join(src, name + '.mjs'), `export * from '${p}';\n`); entryPoints[name] = join(src, name + '.mjs'); }
const r = await build({ entryPoints, outdir: join(root, '.kezek-vendor'), outExtension: { '.js': '.mjs' }, splitting: true, bundle: true, platform: 'node', target: 'node22', format: 'esm', minify: true, mainFields: ['module','main'], metafile: true, logLevel: 'warning', chunkNames: 'chunks/[name]-[hash]',
 banner: { js: "import { createRequire as __kezekCreateRequire } from 'module'; const require = __kezekCreateRequire(import.meta.url);" } });
for (const p of pkgs) { const parts = p.split('/'); const pkg = parts.slice(0,2).join('/'); const sub = parts.slice(2).join('/'); const dir = join(root, pkg); mkdirSync(dir, { recursive: true });
  const file = (sub || 'index') + '.mjs'; writeFileSync(join(dir, file), `export * from '../../.kezek-vendor/${p.replace(/[@/]/g,'_')}.mjs';\n`); }
for (const pkg of new Set(pkgs.map(p => p.split('/').slice(0,2).join('/')))) { const subs = pkgs.filter(p => p.startsWith(pkg + '/')).map(p => p.slice(pkg.length + 1));
  const exports: Record<string,string> = { '.': './index.mjs' }; for (const s of subs) exports['./' + s] = './' + s + '.mjs';
  writeFileSync(join(root, pkg, 'package.json'), JSON.stringify({ name: pkg, type: 'module', exports })); }
let total = 0; for (const [p, o] of Object.entries(r.metafile.outputs)) if (p.endsWith('.mjs')) total += o.bytes;
console.log('layer bytes', total);
