import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newUser, type TestUser } from '../factories/users';
import {
  coordinatorContext,
  launchBrowser,
  portalContext,
  screenshot,
  seriousViolations,
  type ServedApp,
  servePortal,
} from '../setup/browser';

/**
 * A coordinator creates a call in the browser, fills in its theme, criterion and question,
 * moves its submission deadline (Budapest wall time), sets the jury's size and announces it;
 * the public home page then shows it as the current call with the new deadline.
 */

const NOW = new Date('2026-06-10T08:00:00Z');

describe('the coordinator edits a call in the browser', () => {
  let served: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let coordinator: TestUser;

  beforeAll(async () => {
    served = await servePortal(NOW);
    coordinator = await newUser(served.t.dataSource, { roles: ['coordinator'], name: 'Koordinátor Kálmán' });
    browser = await launchBrowser();
    context = await coordinatorContext(browser, served.url, coordinator);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.close();
  });

  async function createCall(page: Page): Promise<string> {
    await page.goto(`${served.url}/koordinator/felhivasok`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('#new-year').fill('2026');
    await page.locator('#new-titleHu').fill('Közösségi kertek 2026');
    await page.locator('#new-titleEn').fill('Community gardens 2026');
    await page.locator('#new-submissionOpensAt').fill('2026-06-01T00:00');
    await page.locator('#new-submissionClosesAt').fill('2026-06-30T23:59');
    await page.locator('#new-scoringClosesAt').fill('2026-07-31T23:59');
    await page.locator('#new-resultsAt').fill('2026-08-31T12:00');
    await page.getByRole('button', { name: 'Felhívás létrehozása' }).click();
    await page.getByRole('heading', { level: 1, name: 'Közösségi kertek 2026' }).waitFor();
    return page.url().split('/').pop() ?? '';
  }

  it('creates, fills in, reschedules and announces a call, which the home page then shows', async () => {
    const page = await context.newPage();
    const id = await createCall(page);
    await page.getByRole('link', { name: 'Felhívás szerkesztése' }).click();
    await page.getByRole('heading', { level: 1, name: '2026. évi felhívás szerkesztése' }).waitFor();

    // announcing without a theme and a criterion: the api's refusal is shown
    await page.getByRole('button', { name: 'Felhívás meghirdetése' }).click();
    await page.getByRole('button', { name: 'Meghirdetés megerősítése' }).click();
    await page.getByRole('alert').first().waitFor();

    await page.getByLabel('Témakör címe (magyarul)').fill('Iskolakertek');
    await page.getByLabel('Témakör címe (angolul)').fill('School gardens');
    await page.getByRole('button', { name: 'Új témakör' }).click();
    await page.getByRole('button', { name: 'Szerkesztés: Iskolakertek' }).waitFor();

    // a criterion without a name: the refusal stands next to the field
    const criterionForm = page.getByRole('form', { name: 'Új értékelési szempont' });
    await criterionForm.getByRole('button', { name: 'Új értékelési szempont' }).click();
    await criterionForm.locator('.field-error').first().waitFor();
    await screenshot(page, 'coordinator-call-edit-refusal-hu');
    await criterionForm.getByLabel('Szempont neve (magyarul)').fill('Közösségi haszon');
    await criterionForm.getByLabel('Szempont neve (angolul)').fill('Community benefit');
    await criterionForm.getByLabel('Súly').fill('2');
    await criterionForm.getByLabel('Legfeljebb adható pont').fill('20');
    await criterionForm.getByRole('button', { name: 'Új értékelési szempont' }).click();
    await page.getByRole('button', { name: /^Szerkesztés: Közösségi haszon/ }).waitFor();

    const questionForm = page.getByRole('form', { name: 'Új kérdés' });
    await questionForm.getByLabel('Kérdés (magyarul)').fill('A kert helyrajzi száma');
    await questionForm.getByLabel('Kérdés (angolul)').fill('Land registry number of the garden');
    await questionForm.getByLabel('Válasz típusa').selectOption('short_text');
    await questionForm.getByLabel('Kötelező megválaszolni').check();
    await questionForm.getByRole('button', { name: 'Új kérdés' }).click();
    await page.getByRole('button', { name: /^Szerkesztés: A kert helyrajzi száma/ }).waitFor();

    // edit inline: the theme's English title
    await page.getByRole('button', { name: 'Szerkesztés: Iskolakertek' }).click();
    const themeEdit = page.getByRole('form', { name: 'Szerkesztés: Iskolakertek' });
    await themeEdit.getByLabel('Témakör címe (angolul)').fill('School and kindergarten gardens');
    await themeEdit.getByRole('button', { name: 'Mentés' }).click();
    await themeEdit.waitFor({ state: 'detached' });

    // someone else's change meanwhile: the stale version is refused, said and the call read again
    await served.t.dataSource.query(`UPDATE call SET version = version + 1 WHERE id = $1`, [id]);
    const details = page.getByRole('form', { name: 'Alapadatok és szakaszok' });
    await details.getByLabel('Beadási határidő (budapesti idő)').fill('2026-07-15T16:30');
    await details.getByRole('button', { name: 'Mentés' }).click();
    await page.getByRole('status').filter({ hasText: 'Időközben valaki más módosította' }).waitFor();
    await expect(details.getByLabel('Beadási határidő (budapesti idő)').inputValue()).resolves.toBe('2026-06-30T23:59');
    await details.getByLabel('Beadási határidő (budapesti idő)').fill('2026-07-15T16:30');
    await details.getByRole('button', { name: 'Mentés' }).click();
    await page.getByRole('status').filter({ hasText: 'A változások elmentve.' }).waitFor();

    const jury = page.getByRole('form', { name: 'Zsűri beállításai' });
    await jury.getByLabel('Bírálók száma pályázatonként').fill('2');
    await jury.getByRole('button', { name: 'Mentés' }).click();
    await page.getByRole('status').filter({ hasText: 'A zsűri beállításai elmentve.' }).waitFor();

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'coordinator-call-edit-hu');

    await page.getByRole('button', { name: 'Felhívás meghirdetése' }).click();
    await page.getByRole('button', { name: 'Meghirdetés megerősítése' }).click();
    await page.getByRole('status').filter({ hasText: 'A felhívás meghirdetve.' }).waitFor();
    await page.getByRole('button', { name: 'Értékelés indítása' }).waitFor();

    const db = served.t.dataSource;
    const [call] = await db.query<Array<{ closes: Date; announced: Date | null }>>(
      `SELECT submission_closes_at AS closes, announced_at AS announced FROM call WHERE id = $1`,
      [id],
    );
    // 16:30 in Budapest in July (CEST, +02:00)
    expect(call.closes.toISOString()).toBe('2026-07-15T14:30:00.000Z');
    expect(call.announced).not.toBeNull();
    const [settings] = await db.query<Array<{ k: number }>>(
      `SELECT jurors_per_application AS k FROM jury_settings WHERE call_id = $1`,
      [id],
    );
    expect(settings.k).toBe(2);
    const content = await db.query<Array<{ theme: string; weight: string; kind: string }>>(
      `SELECT t.title_en AS theme, c.weight, q.kind FROM call_theme t, call_criterion c, call_question q
        WHERE t.call_id = $1 AND c.call_id = $1 AND q.call_id = $1`,
      [id],
    );
    expect(content).toHaveLength(1);
    expect(content[0]).toMatchObject({ theme: 'School and kindergarten gardens', kind: 'short_text' });
    expect(Number(content[0].weight)).toBe(2);

    await page.goto(`${served.url}/`);
    await page.getByRole('heading', { level: 2, name: 'Közösségi kertek 2026' }).waitFor();
    expect(await page.getByTestId('deadline').textContent()).toContain('2026. július 15. 16:30');
    await screenshot(page, 'coordinator-call-edit-home-hu');
    await page.close();
  }, 120_000);

  it('fits a phone', async () => {
    const phone = await portalContext(browser, {
      viewport: { width: 375, height: 800 },
      storageState: await context.storageState(),
    });
    const page = await phone.newPage();
    const id = (await served.t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM call LIMIT 1`))[0].id;
    await page.goto(`${served.url}/koordinator/felhivasok/${id}/szerkesztes`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('form', { name: 'Zsűri beállításai' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'coordinator-call-edit-phone-hu');
    await phone.close();
  }, 60_000);
});
