import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { LocalRuntime } from '../local/runtime.ts';
import { loginParent } from '../test/support/runtime.ts';

export interface LighthousePage {
  readonly path: string;
  /** Measured with a parent's session cookie (the logged-in cabinet). */
  readonly loggedIn?: boolean;
  readonly score: number;
  readonly lcpMs: number;
  readonly tbtMs: number;
  readonly cls: number;
}

export interface LighthouseMeasurement {
  /** Lighthouse's mobile performance score (0–100) of each page, by path. */
  readonly pages: readonly LighthousePage[];
  /** The lowest of the public (logged-out) pages' scores. */
  readonly score: number;
  readonly chromium: string;
  /** When it was measured (a Lighthouse-only run, `npm run bench:lighthouse`, may follow the full bench). */
  readonly measuredAt?: string;
}

/** The flags our browser tests use for Debian's chromium; nothing reaches beyond localhost. */
const chromiumFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Lighthouse 12's default run (mobile form factor, simulated slow 4G and 4× CPU slowdown),
 * performance category only, against pages of a running local runtime; `loggedIn` pages are
 * loaded with the session cookie sent as an extra header on every request (the page's API calls too).
 */
export async function measureLighthouse(options: {
  baseUrl: string;
  paths: readonly string[];
  loggedIn?: { readonly paths: readonly string[]; readonly cookie: string };
  chromiumPath: string;
  log: (line: string) => void;
}): Promise<LighthouseMeasurement> {
  const chrome = await launch({ chromePath: options.chromiumPath, chromeFlags: chromiumFlags, logLevel: 'silent' });
  try {
    const pages: LighthousePage[] = [];
    const runs = [...options.paths.map((path) => ({ path, cookie: undefined })), ...(options.loggedIn?.paths ?? []).map((path) => ({ path, cookie: options.loggedIn!.cookie }))];
    for (const { path, cookie } of runs) {
      const result = await lighthouse(`${options.baseUrl}${path}`, {
        port: chrome.port,
        onlyCategories: ['performance'],
        logLevel: 'error',
        output: 'json',
        ...(cookie && { extraHeaders: { Cookie: cookie } }),
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      // A logged-in page that ended anywhere else (the login page) would measure the wrong page.
      if (cookie && !lhr.finalDisplayedUrl.endsWith(path)) throw new Error(`Lighthouse: ${path} with a session ended at ${lhr.finalDisplayedUrl}`);
      const score = Math.round((lhr.categories.performance?.score ?? 0) * 100);
      const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      pages.push({ path, ...(cookie && { loggedIn: true }), score, lcpMs: numeric('largest-contentful-paint'), tbtMs: numeric('total-blocking-time'), cls: numeric('cumulative-layout-shift') });
      options.log(`    Lighthouse ${path}${cookie ? ' (logged in)' : ''}: performance ${score}, CLS ${numeric('cumulative-layout-shift').toFixed(3)}`);
      // What moved, for whoever looks into a layout shift (KEZEK_BENCH_LOG=1).
      if (process.env.KEZEK_BENCH_LOG) {
        const shifts = (lhr.audits['layout-shifts']?.details as { items?: { node?: { selector?: string; snippet?: string }; score?: number }[] } | undefined)?.items ?? [];
        for (const item of shifts) options.log(`      shift ${item.score?.toFixed(3)} ${item.node?.selector ?? ''} ${item.node?.snippet?.slice(0, 120) ?? ''}`);
      }
    }
    const scores = pages.filter((p) => !p.loggedIn).map((p) => p.score);
    return { pages, score: scores.length > 0 ? Math.min(...scores) : Number.NaN, chromium: options.chromiumPath, measuredAt: new Date().toISOString() };
  } finally {
    chrome.kill();
  }
}

/**
 * The bench's Lighthouse part: the home and parent login pages, and the cabinet of the first demo
 * parent (two children in the queue) logged in through the API as the tests do.
 */
export async function measureSitePages(runtime: LocalRuntime, chromiumPath: string, log: (line: string) => void): Promise<LighthouseMeasurement> {
  const parent = await loginParent(runtime, runtime.seed!.data.demoParents[0]!);
  const cookie = [...parent.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return measureLighthouse({ baseUrl: runtime.url, paths: ['/', '/login'], loggedIn: { paths: ['/cabinet'], cookie }, chromiumPath, log });
}

/** The logged-in cabinet's page of a measurement (absent in results written before it was measured). */
export const cabinetPage = (measurement: LighthouseMeasurement): LighthousePage | undefined => measurement.pages.find((p) => p.loggedIn && p.path === '/cabinet');
