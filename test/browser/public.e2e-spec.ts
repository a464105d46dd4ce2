import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '@portal/core';
import { PublicationsService } from '@portal/results';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../../scripts/demo-data';
import {
  expectLang,
  launchBrowser,
  portalContext,
  screenshot,
  seriousViolations,
  type ServedApp,
  servePortal,
} from '../setup/browser';

/**
 * The public portal and sign-in in Debian's Chromium, on the demo data: the open 2027 call on
 * the home page, the published 2021 winners, the language switch, and axe-core's check of the
 * main pages. Screenshots go to test-artifacts/screenshots/.
 */

// the instant the demo is seeded at in the other suites (it is seeded once per database)
const DEMO_INSTANT = '2026-11-22T15:00:00Z';

describe('the public portal in the browser', () => {
  let served: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    served = await servePortal(DEMO_INSTANT);
    await seedDemo(served.t.dataSource, new FixedClock(new Date(DEMO_INSTANT)));
    // the demo's worker publishes its past calls; here the jobs run as the worker runs them
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

  async function open(path: string, locale = 'hu-HU'): Promise<Page> {
    const context = await portalContext(browser, { locale });
    const page = await context.newPage();
    await page.goto(`${served.url}${path}`);
    return page;
  }

  it('shows the open call with its deadline in Budapest time, and the 2021 winners with their practices', async () => {
    const page = await open('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page
      .getByTestId('deadline')
      .getByText(/2027\. január 3\. 23:59/)
      .waitFor();
    await screenshot(page, 'home-hu');

    await page.getByRole('link', { name: 'Eredmények' }).first().click();
    await page.getByRole('link', { name: /2021/ }).first().click();
    await page.getByTestId('award').first().waitFor();
    const awards = await page.getByTestId('award').allTextContents();
    expect(awards.length).toBeGreaterThanOrEqual(8);
    expect(awards.join('\n')).toContain('Alsómocsolád');
    await screenshot(page, 'results-2021-hu');
    await page.context().close();
  }, 60_000);

  it('switches to English, and the choice sticks after a reload', async () => {
    const page = await open('/');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Results' }).first().waitFor();
    await expectLang(page, 'en');
    await page.reload();
    await page.getByRole('button', { name: 'Magyar' }).waitFor();
    await page
      .getByTestId('deadline')
      .getByText(/3 January 2027/)
      .waitFor();
    await expectLang(page, 'en');
    await screenshot(page, 'home-en');
    await page.context().close();
  }, 60_000);

  it('signs a user in from the sign-in page and shows their name', async () => {
    const coordinator = DEMO_ACCOUNTS.find((account) => account.roles.includes('coordinator'))!;
    const page = await open('/belepes');
    await page.getByLabel(/e-mail/i).fill(coordinator.email);
    await page.getByLabel(/jelszó/i).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /belépés/i }).click();
    await page.getByText(coordinator.name).first().waitFor();
    await screenshot(page, 'signed-in-hu');
    await page.context().close();
  }, 60_000);

  it('has no serious or critical accessibility violation on the main pages (axe-core)', async () => {
    const problems: string[] = [];
    for (const path of ['/', '/felhivasok', '/eredmenyek', '/eredmenyek/2021', '/belepes']) {
      const page = await open(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      problems.push(...(await seriousViolations(page)).map((line) => `${path}: ${line}`));
      await page.context().close();
    }
    expect(problems).toEqual([]);
  }, 90_000);

  it('works on a phone: the results fit the screen', async () => {
    const context = await browser.newContext({
      locale: 'hu-HU',
      viewport: { width: 375, height: 740 },
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${served.url}/eredmenyek/2021`);
    await page.getByTestId('award').first().waitFor();
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'results-2021-phone');
    await context.close();
  }, 60_000);
});
