import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { overrideEnv } from '@portal/config';
import { fromRoot } from '@portal/core';
import { eventually } from './eventually';
import { createOwnDatabase } from './own-database';
import { createTestApp, type TestApp } from './test-app';

/**
 * Browser tests: Debian's Chromium (`.ci/run` installs it; `npx playwright install` cannot work
 * here) driven by playwright-core, against the real api serving the built portal on a port of
 * its own. Screenshots of the pages go to test-artifacts/screenshots/.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SCREENSHOTS = fromRoot('test-artifacts', 'screenshots');
const WEB_SOURCES = ['apps/web/src', 'apps/web/index.html', 'apps/web/public', 'scripts/build-web.mjs'];
const WEB_INDEX = fromRoot('dist', 'web', 'index.html');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium), as .ci/run does, or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** The newest modification time under the given paths (files and folders, recursively). */
function newest(paths: string[]): number {
  let latest = 0;
  for (const path of paths.map((p) => fromRoot(p))) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const children = readdirSync(path).map((name) => join(path, name));
      latest = Math.max(latest, newest(children.map((c) => c.slice(fromRoot().length + 1))));
    } else latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}

/** Builds the portal (Vite, into dist/web) when it is missing or older than its sources: `npm test` works without `npm run build`. */
export function ensureWebBuilt(): void {
  if (existsSync(WEB_INDEX) && statSync(WEB_INDEX).mtimeMs >= newest(WEB_SOURCES)) return;
  execFileSync(process.execPath, [fromRoot('scripts', 'build-web.mjs')], { cwd: fromRoot(), stdio: 'pipe' });
}

export interface ServedApp {
  t: TestApp;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Closes the api and drops its database (close a worker of that database first). */
  close(): Promise<void>;
}

/**
 * The api (with the built portal) listening on a free loopback port, its clock at `now`, on a
 * database of its own: the pages list what the database holds (open calls, pending
 * memberships), which in the run's shared database would be every other suite's too.
 */
export async function servePortal(now?: Date | string): Promise<ServedApp> {
  ensureWebBuilt();
  const original = { DATABASE_URL: process.env.DATABASE_URL };
  const database = await createOwnDatabase();
  overrideEnv({ DATABASE_URL: database.url });
  let t: TestApp;
  try {
    t = await createTestApp({ now });
    await t.app.listen(0, '127.0.0.1');
  } catch (error) {
    await database.drop().catch(() => undefined);
    overrideEnv(original);
    throw error;
  }
  const address = t.app.getHttpServer().address() as { port: number };
  return {
    t,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await t.close();
      await database.drop();
      overrideEnv(original);
    },
  };
}

/**
 * A browser context for the portal: Hungarian, a desktop window, and bypassCSP (the api's CSP,
 * script-src 'self', would keep axe-core out of the page); `options` override these.
 */
export function portalContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: 'hu-HU', viewport: { width: 1280, height: 900 }, bypassCSP: true, ...options });
}

/** Signs in through the portal's sign-in page (the session then stays in the page's browser context). */
export async function signInThroughPage(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/belepes`);
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/jelszó/i).fill(password);
  await page.getByRole('button', { name: /belépés/i }).click();
}

/**
 * A portal context (portalContext) whose session is a coordinator's, signed in through the
 * sign-in page; its pages share that session.
 */
export async function coordinatorContext(
  browser: Browser,
  url: string,
  coordinator: { email: string; password: string },
): Promise<BrowserContext> {
  const context = await portalContext(browser);
  const page = await context.newPage();
  await signInThroughPage(page, url, coordinator.email, coordinator.password);
  await page.getByRole('link', { name: 'Koordináció' }).waitFor();
  await page.close();
  return context;
}

/**
 * Asserts a value of the page's document (its title, its <html lang>), waiting up to `timeout`
 * ms for it: pages set both in effects after the route has rendered, so reading them right after
 * a navigation or a language switch can still see the previous page's.
 */
async function expectDocument(page: Page, expression: string, expected: string, timeout: number): Promise<void> {
  await page
    .waitForFunction(`${expression} === ${JSON.stringify(expected)}`, undefined, { timeout })
    .catch(() => undefined);
  expect(await page.evaluate(expression)).toBe(expected);
}

/** The page's document title is `expected` (waiting for it, see expectDocument). */
export function expectTitle(page: Page, expected: string, timeout = 5_000): Promise<void> {
  return expectDocument(page, 'document.title', expected, timeout);
}

/** The page's <html lang> is `expected` (waiting for it, see expectDocument). */
export function expectLang(page: Page, expected: string, timeout = 5_000): Promise<void> {
  return expectDocument(page, 'document.documentElement.lang', expected, timeout);
}

/** A page's api requests since watchApi began, in the order they started. */
export interface ApiTraffic {
  /** "/api/..." of each request. */
  paths(): string[];
  /** "GET /api/..." of each request. */
  requests(): string[];
  /**
   * Each path's round: 1 when its request started before any api answer came back, otherwise
   * one more than the latest round among the requests that had finished when it started (for
   * a path asked more than once, its latest request's). A page without request waterfalls asks
   * everything in round 1, or in round 2 what needs round 1's answers.
   */
  roundsByPath(): Map<string, number>;
  /** The deepest round (0 when nothing was asked). */
  rounds(): number;
  /**
   * Resolves once no api request has been in flight for `quietMs`. Unlike Playwright's
   * "networkidle", which a page reaches once per load and keeps, it also waits for what a
   * click inside the portal (a route change, a refetch) asks.
   */
  settled(quietMs?: number, timeout?: number): Promise<void>;
}

export function watchApi(page: Page): ApiTraffic {
  interface Entry {
    method: string;
    path: string;
    started: number;
    finished?: number;
  }
  const entries: Entry[] = [];
  const byRequest = new Map<object, Entry>();
  let sequence = 0;
  let lastEventAt = Date.now();
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (!path.startsWith('/api/')) return;
    const entry = { method: req.method(), path, started: ++sequence };
    entries.push(entry);
    byRequest.set(req, entry);
    lastEventAt = Date.now();
  });
  const finish = (req: object) => {
    const entry = byRequest.get(req);
    if (!entry) return;
    entry.finished = ++sequence;
    lastEventAt = Date.now();
  };
  page.on('requestfinished', finish);
  page.on('requestfailed', finish);
  const roundOf = (): Map<Entry, number> => {
    const round = new Map<Entry, number>();
    for (const entry of entries) {
      const before = entries.filter((other) => other.finished !== undefined && other.finished < entry.started);
      round.set(entry, 1 + Math.max(0, ...before.map((other) => round.get(other) ?? 0)));
    }
    return round;
  };
  return {
    paths: () => entries.map((e) => e.path),
    requests: () => entries.map((e) => `${e.method} ${e.path}`),
    roundsByPath: () => {
      const byPath = new Map<string, number>();
      for (const [entry, n] of roundOf()) byPath.set(entry.path, Math.max(byPath.get(entry.path) ?? 0, n));
      return byPath;
    },
    rounds: () => Math.max(0, ...roundOf().values()),
    settled: async (quietMs = 500, timeout = 10_000) => {
      const inFlight = () => entries.filter((e) => e.finished === undefined);
      try {
        await eventually(
          () => Promise.resolve(inFlight().length === 0 && Date.now() - lastEventAt >= quietMs),
          timeout,
        );
      } catch {
        throw new Error(
          `api requests still in flight after ${timeout} ms: ${inFlight()
            .map((e) => e.path)
            .join(', ')}`,
        );
      }
    },
  };
}

/** axe-core's violations of the page with a serious or critical impact, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  // runs in the page (whose globals the Node typings do not know): axe.run() checks the whole document
  const violations = await page.evaluate(async () => {
    interface AxeResult {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
    }
    const axe = (globalThis as unknown as { axe: { run: () => Promise<AxeResult> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.slice(0, 3).join(', ')})`);
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
