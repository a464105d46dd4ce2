import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '@portal/core';
import { PublicationsService } from '@portal/results';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../../scripts/demo-data';
import {
  launchBrowser,
  screenshot,
  seriousViolations,
  type ServedApp,
  servePortal,
  signInThroughPage,
} from '../setup/browser';

/**
 * The public municipality page (reached from the 2021 winner list), the home page's single
 * request for the current call, and the coordinators' queue dashboard, in Debian's Chromium
 * on the demo data. Screenshots go to test-artifacts/screenshots/.
 */

const DEMO_INSTANT = '2026-11-22T15:00:00Z';

describe('public pages in the browser: municipality page, home page requests, queue dashboard', () => {
  let served: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    served = await servePortal(DEMO_INSTANT);
    await seedDemo(served.t.dataSource, new FixedClock(new Date(DEMO_INSTANT)));
    const pending = await served.t.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM publication WHERE status <> 'completed'`,
    );
    for (const { id } of pending) await served.t.app.get(PublicationsService).run(id);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  async function newPage(options: { bypassCSP?: boolean } = {}): Promise<Page> {
    // bypassCSP where axe-core is injected: the api's CSP (script-src 'self') would keep it out
    const context = await browser.newContext({
      locale: 'hu-HU',
      viewport: { width: 1280, height: 900 },
      bypassCSP: options.bypassCSP ?? false,
    });
    return context.newPage();
  }

  it('a 2021 winner’s name on /eredmenyek/2021 leads to its page with that award', async () => {
    const page = await newPage();
    await page.goto(`${served.url}/eredmenyek/2021`);
    const award = page.getByTestId('award').filter({ hasText: 'Alsómocsolád' }).first();
    await award.waitFor();
    const title = (await award.locator('strong').first().textContent())?.trim();
    expect(title).toBeTruthy();
    await award.getByRole('link', { name: 'Alsómocsolád' }).click();

    await page.waitForURL(/\/onkormanyzat\/\d{5}$/);
    await page.getByRole('heading', { level: 1, name: /Alsómocsolád/ }).waitFor();
    expect(await page.getByTestId('municipality-facts').textContent()).toContain('Baranya');
    const year = page.locator('section', { has: page.getByRole('heading', { level: 2, name: /2021/ }) });
    await year.waitFor();
    const awards = await year.getByTestId('municipality-award').allTextContents();
    expect(awards.some((text) => text.includes(title!))).toBe(true);
    await screenshot(page, 'municipality-hu');
    await page.context().close();
  }, 60_000);

  it('a municipality without awards gets a friendly empty state; an unknown code says so', async () => {
    const page = await newPage();
    const [row] = await served.t.dataSource.query<Array<{ ksh_code: string; name: string }>>(
      `SELECT ksh_code, name FROM municipality m
        WHERE NOT EXISTS (SELECT 1 FROM application a WHERE a.municipality_ksh = m.ksh_code)
        ORDER BY ksh_code LIMIT 1`,
    );
    await page.goto(`${served.url}/onkormanyzat/${row.ksh_code}`);
    await page.getByTestId('no-awards').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(row.name);
    await screenshot(page, 'municipality-empty-hu');
    await page.goto(`${served.url}/onkormanyzat/99999`);
    await page.getByText('Nincs ilyen KSH-kódú település.').waitFor();
    await page.context().close();
  }, 60_000);

  it('the home page asks for the current call at once, and never for the calls list', async () => {
    const page = await newPage();
    const started: Array<{ path: string; at: number }> = [];
    const finished: Array<{ path: string; at: number }> = [];
    page.on('request', (req) => {
      const path = new URL(req.url()).pathname;
      if (path.startsWith('/api/')) started.push({ path, at: Date.now() });
    });
    page.on('requestfinished', (req) => {
      const path = new URL(req.url()).pathname;
      if (path.startsWith('/api/')) finished.push({ path, at: Date.now() });
    });
    await page.goto(`${served.url}/`);
    await page
      .getByTestId('deadline')
      .getByText(/2027\. január 3\. 23:59/)
      .waitFor();
    await page.getByRole('heading', { name: 'Témakörök' }).waitFor();
    await page.getByTestId('phases').waitFor();

    const paths = started.map((r) => r.path);
    expect(paths.filter((p) => p === '/api/public/calls/current')).toHaveLength(1);
    expect(paths.filter((p) => p === '/api/calls' || p.startsWith('/api/calls/'))).toEqual([]);
    expect(new Set(paths)).toEqual(new Set(['/api/public/calls/current', '/api/auth/me']));
    // made before any answer of the api came back: no request waits for another
    const current = started.find((r) => r.path === '/api/public/calls/current')!;
    expect(current.at).toBeLessThanOrEqual(Math.min(...finished.map((r) => r.at)));
    await screenshot(page, 'home-current-call-hu');
    await page.context().close();
  }, 60_000);

  it('has no serious or critical accessibility violation on the municipality page (axe-core)', async () => {
    const page = await newPage({ bypassCSP: true });
    await page.goto(`${served.url}/eredmenyek/2021`);
    const link = page.getByTestId('award').first().getByRole('link').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/onkormanyzat\/\d{5}$/);
    await page.goto(`${served.url}${href}`);
    await page.getByTestId('municipality-award').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows a coordinator the queue dashboard under the api’s CSP', async () => {
    const coordinator = DEMO_ACCOUNTS.find((account) => account.roles.includes('coordinator'))!;
    const page = await newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await signInThroughPage(page, served.url, coordinator.email, DEMO_PASSWORD);
    await page.getByText(coordinator.name).first().waitFor();

    const failed: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
    });
    await page.goto(`${served.url}/api/queues`);
    await page.getByText('mail', { exact: true }).first().waitFor({ timeout: 20_000 });
    await page.getByText(/^Loading/).waitFor({ state: 'detached', timeout: 20_000 });
    expect(blocked).toEqual([]);
    expect(failed).toEqual([]);
    await screenshot(page, 'queue-dashboard');
    await page.context().close();
  }, 60_000);
});
