import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { launchChromium } from './browser.ts';
import { startTestRuntime } from './runtime.ts';
import { CabinetPage } from './pages/cabinet.ts';
import { StaffLoginPage } from './pages/staff-login.ts';
import { KindergartensPage } from './pages/kindergartens.ts';

/**
 * One fixture for a browser test file (issue 15 item 7): the file's local runtime and Chromium,
 * started together before its tests and closed after them, and pages opened as a named actor — a
 * visitor, a parent, a staff member — in a language on a device, in one call. Every browser context
 * a test opens is closed after it, even when the test fails half way.
 *
 *   const world = browserWorld({ applications: 60 });
 *   const { page } = await world.staff({ language: 'ru' });
 */

export type Language = 'kk' | 'ru' | 'en';

/**
 * `desktop`: Playwright's default window (1280 × 720); `phone`: a cheap 360 px phone with touch;
 * or a window of a given size (a tablet at 768 px, a wide screen at 1280 × 900...).
 */
export type Device = 'desktop' | 'phone' | { readonly width: number; readonly height: number };

export const locales: Readonly<Record<Language, string>> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

export const phoneViewport = { width: 360, height: 740 } as const;

export interface Opening {
  /** The browser's language (its `Accept-Language` and `navigator.language`); none: the browser's default. */
  readonly language?: Language;
  readonly device?: Device;
  /** Downloads are saved (a CSV export). */
  readonly downloads?: boolean;
  /** The browser's time zone (`Asia/Almaty`); none: the machine's. */
  readonly timezone?: string;
}

/** A browser context with one page, opened by `BrowserWorld` and closed after the test. */
export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The runtime's base URL, for page objects that open a path. */
  readonly url: string;
  readonly runtime: LocalRuntime;
}

export interface BrowserWorld {
  readonly runtime: LocalRuntime;
  readonly browser: Browser;
  /** A page of a visitor who is not logged in, on nothing yet. */
  visitor(opening?: Opening): Promise<Session>;
  /** A page of a staff member (the seed's administrator unless named) logged in through the form, on the console's first page. */
  staff(opening?: Opening & { readonly account?: { readonly login: string; readonly password: string } }): Promise<Session>;
  /** A page of a parent logged in with the SMS code, in the cabinet (on a phone unless said). */
  parent(parent: { readonly iin: string; readonly phone: string }, opening?: Opening & { readonly chooseLanguage?: boolean }): Promise<Session>;
}

export function contextOptions(opening: Opening = {}): BrowserContextOptions {
  const device = opening.device ?? 'desktop';
  return {
    ...(opening.language && { locale: locales[opening.language] }),
    ...(device === 'phone' ? { viewport: phoneViewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : device !== 'desktop' && { viewport: { width: device.width, height: device.height } }),
    ...(opening.downloads && { acceptDownloads: true }),
    ...(opening.timezone && { timezoneId: opening.timezone }),
  };
}

/**
 * Registers the file's `beforeAll` (runtime and Chromium at once, then `prepare`) and `afterAll`
 * (both closed), and an `afterEach` that closes the contexts the test opened. Call it at the top
 * of a test file; its `runtime` and `browser` are there once `beforeAll` ran.
 */
export function browserWorld(
  options: {
    /** Applications the runtime seeds (default: `startTestRuntime`'s). */
    readonly applications?: number;
    readonly runtimeOptions?: Parameters<typeof startTestRuntime>[1];
    /** Runs after the runtime started, before the first test (a campaign to start, a clock to move). */
    readonly prepare?: (runtime: LocalRuntime) => Promise<void> | void;
    /** `beforeAll`'s timeout in ms. */
    readonly timeout?: number;
  } = {},
): BrowserWorld {
  let runtime: LocalRuntime | undefined;
  let browser: Browser | undefined;
  const open: BrowserContext[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startTestRuntime(options.applications, options.runtimeOptions), launchChromium()]);
    await options.prepare?.(runtime);
  }, options.timeout ?? 120_000);

  afterEach(async () => {
    await Promise.all(open.splice(0).map((context) => context.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  const started = () => {
    if (!runtime || !browser) throw new Error('the browser world is used before its beforeAll ran');
    return { runtime, browser };
  };

  const visitor = async (opening: Opening = {}): Promise<Session> => {
    const { runtime: running, browser: chromium } = started();
    const context = await chromium.newContext(contextOptions(opening));
    open.push(context);
    return { context, page: await context.newPage(), url: running.url, runtime: running };
  };

  return {
    get runtime() {
      return started().runtime;
    },
    get browser() {
      return started().browser;
    },
    visitor,
    async staff(opening = {}) {
      const session = await visitor(opening);
      await new StaffLoginPage(session).open();
      await new StaffLoginPage(session).as(opening.account ?? session.runtime.seed!.data.staff);
      await new KindergartensPage(session).rows.first().waitFor();
      return session;
    },
    async parent(parent, opening = {}) {
      const session = await visitor({ device: 'phone', ...opening });
      await new CabinetPage(session).logIn(parent, opening.chooseLanguage ? opening.language : undefined);
      return session;
    },
  };
}
