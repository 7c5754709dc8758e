import { readFileSync } from 'node:fs';
import { benchFigures } from '../bench/figures.ts';
import { benchmarksMarkdown } from '../bench/benchmarks-md.ts';
const prev = JSON.parse(readFileSync('bench/results.json', 'utf8'));
const d = prev.details;
const counters = { ...d.counters, aggregationCatchUpSeconds: 1.7, aggregation: { handed: 1000, failedInvocations: 0 } };
const figures = benchFigures({ web: d.web, bundles: d.bundles, api: d.api, lighthouse: d.lighthouse, close: d.close, counters, jobs: d.jobs }, d.sizes);
const md = benchmarksMarkdown(figures, { ...d, counters });
console.log(md.split('\n').filter((l) => /aggregat|Counters|counters/.test(l)).join('\n'));
