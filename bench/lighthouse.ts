import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';

export interface LighthouseMeasurement {
  /** Lighthouse's mobile performance score (0–100) of each page, by path. */
  readonly pages: readonly { readonly path: string; readonly score: number; readonly lcpMs: number; readonly tbtMs: number; readonly cls: number }[];
  /** The lowest of the pages' scores. */
  readonly score: number;
  readonly chromium: string;
}

/** The flags our browser tests use for Debian's chromium; nothing reaches beyond localhost. */
const chromiumFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Lighthouse 12's default run (mobile form factor, simulated slow 4G and 4× CPU slowdown),
 * performance category only, against pages of a running local runtime.
 */
export async function measureLighthouse(options: { baseUrl: string; paths: readonly string[]; chromiumPath: string; log: (line: string) => void }): Promise<LighthouseMeasurement> {
  const chrome = await launch({ chromePath: options.chromiumPath, chromeFlags: chromiumFlags, logLevel: 'silent' });
  try {
    const pages: { path: string; score: number; lcpMs: number; tbtMs: number; cls: number }[] = [];
    for (const path of options.paths) {
      const result = await lighthouse(`${options.baseUrl}${path}`, { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error', output: 'json' });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const score = Math.round((lhr.categories.performance?.score ?? 0) * 100);
      const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      pages.push({ path, score, lcpMs: numeric('largest-contentful-paint'), tbtMs: numeric('total-blocking-time'), cls: numeric('cumulative-layout-shift') });
      options.log(`    Lighthouse ${path}: performance ${score}`);
    }
    return { pages, score: Math.min(...pages.map((p) => p.score)), chromium: options.chromiumPath };
  } finally {
    chrome.kill();
  }
}
