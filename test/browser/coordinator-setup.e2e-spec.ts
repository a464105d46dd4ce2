import type { Browser, BrowserContext, Page } from 'playwright-core';
import { budapest, newCall, type TestCall } from '../factories/calls';
import { newJuror, scoringCall, type ScoringCall } from '../factories/jury';
import { anyMunicipality } from '../factories/municipalities';
import type { TestUser } from '../factories/users';
import {
  coordinatorContext,
  launchBrowser,
  screenshot,
  seriousViolations,
  type ServedApp,
  servePortal,
} from '../setup/browser';

/**
 * The coordinator's set-up screens in Debian's Chromium: seating jurors on a call in scoring,
 * opening round 1 and running the automatic assignment (its report), granting a deadline
 * extension on an open call, sending an invitation and revoking it, changing a juror's themes;
 * axe-core's check of these pages.
 */

const NOW = new Date('2026-06-10T08:00:00Z');

describe('the coordinator sets up a call in the browser', () => {
  let served: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let call: ScoringCall;
  let open: TestCall;
  let jurors: TestUser[];

  beforeAll(async () => {
    served = await servePortal(NOW);
    const { dataSource } = served.t;
    call = await scoringCall(dataSource, { now: NOW, applications: 4 });
    open = await newCall(dataSource, { closesAt: budapest('2026-06-30T23:59') });
    jurors = [
      await newJuror(dataSource, { organisationCode: 'BM', name: 'Bíráló Ödön' }),
      await newJuror(dataSource, { organisationCode: 'TÖOSZ', name: 'Bíráló Űrsula' }),
    ];
    browser = await launchBrowser();
    context = await coordinatorContext(browser, served.url, call.coordinator);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.close();
  });

  async function visit(path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${served.url}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  it('seats two jurors, opens round 1 and runs the automatic assignment with its report', async () => {
    const page = await visit(`/koordinator/felhivasok/${call.id}`);
    await page.getByRole('link', { name: 'Zsűri és összeférhetetlenség' }).click();
    await page.getByRole('heading', { level: 1, name: /zsűri/ }).waitFor();
    for (const juror of jurors) {
      await page.locator('#seat-user').selectOption({ label: `${juror.name} (${juror.email})` });
      await page.getByRole('button', { name: 'Felvétel a zsűribe' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${juror.name} a zsűri tagja lett.` })
        .waitFor();
    }
    await page.getByTestId('jury-member').nth(1).waitFor();
    expect(await page.getByTestId('jury-member').count()).toBe(2);

    // the first juror's themes: every theme ticked (the automatic assignment below stays the same)
    const [first] = jurors;
    await page.getByRole('button', { name: `Témakörök módosítása: ${first.name}` }).click();
    const edit = page.getByRole('form', { name: `Témakörök módosítása: ${first.name}` });
    for (const theme of call.themes) await edit.getByLabel(theme.titleHu, { exact: true }).check();
    await screenshot(page, 'coordinator-jury-edit-hu');
    await edit.getByRole('button', { name: 'Témakörök mentése' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${first.name} témakörei módosultak.` })
      .waitFor();
    const row = page.getByTestId('jury-member').filter({ hasText: first.name });
    await row.filter({ hasText: call.themes[0].titleHu }).waitFor();
    expect(await row.textContent()).not.toContain('minden témakör');
    const [member] = await served.t.dataSource.query<Array<{ theme_ids: string[] }>>(
      `SELECT theme_ids FROM jury_member WHERE call_id = $1 AND user_id = $2`,
      [call.id, first.id],
    );
    expect([...member.theme_ids].sort()).toEqual(call.themes.map((t) => t.id).sort());
    await screenshot(page, 'coordinator-jury-hu');

    await page.getByRole('link', { name: call.titleHu }).click();
    await page.getByRole('link', { name: 'Fordulók és kiosztás' }).click();
    await page.getByLabel('Zárás (budapesti idő)').fill('2026-06-20T12:00');
    await page.getByRole('button', { name: '1. forduló megnyitása' }).click();
    const round = page.getByTestId('round');
    await round.getByRole('heading', { name: /nyitva/ }).waitFor();
    await round.getByRole('button', { name: 'Automatikus kiosztás' }).click();
    const report = page.getByTestId('auto-assign-report');
    await report.waitFor();
    expect(await report.getByTestId('load').count()).toBe(2);
    // three jurors per application by default, two on the jury: every application falls short
    const shortfalls = await report.getByTestId('shortfall').allTextContents();
    expect(shortfalls).toHaveLength(call.applications.length);
    for (const application of call.applications) {
      expect(shortfalls.some((line) => line.includes(application.title))).toBe(true);
    }
    expect(shortfalls[0]).toContain('kevés a bíráló');
    await page
      .getByTestId('assignment')
      .nth(2 * call.applications.length - 1)
      .waitFor();
    await screenshot(page, 'coordinator-rounds-hu');

    const rows = await served.t.dataSource.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM assignment a JOIN scoring_round r ON r.id = a.round_id WHERE r.call_id = $1`,
      [call.id],
    );
    expect(Number(rows[0].n)).toBe(2 * call.applications.length);

    // closing asks for a confirmation; then round 2 can be opened with a shortlist
    await round.getByRole('button', { name: 'Forduló lezárása' }).click();
    await round.getByRole('button', { name: /Lezárás megerősítése/ }).click();
    await round.getByRole('heading', { name: /lezárva/ }).waitFor();
    await page.getByRole('heading', { name: '2. forduló megnyitása' }).waitFor();
    await page.getByRole('checkbox', { name: new RegExp(call.applications[0].title) }).waitFor();
    await page.close();
  }, 90_000);

  it('grants a deadline extension on an open call and lists it', async () => {
    const municipality = anyMunicipality();
    const page = await visit(`/koordinator/felhivasok/${open.id}/hataridok`);
    await page.getByLabel('Önkormányzat keresése (legalább 2 betű)').fill(municipality.name);
    const label = `${municipality.name} (${municipality.county})`;
    await page.locator('#extension-municipality option', { hasText: label }).first().waitFor({ state: 'attached' });
    await page.locator('#extension-municipality').selectOption({ label });
    await page.getByLabel('Új határidő (budapesti idő)').fill('2026-07-03T12:00');
    await page.getByLabel('Indoklás').fill('Áramszünet a hivatalban.');
    await page.getByRole('button', { name: 'Hosszabbítás megadása' }).click();
    await page.getByRole('status').filter({ hasText: 'Hosszabbítás megadva' }).waitFor();
    const row = page.getByTestId('extension').filter({ hasText: municipality.name });
    await row.waitFor();
    expect(await row.textContent()).toContain('2026. július 3. 12:00');
    expect(await row.textContent()).toContain('érvényes');
    await screenshot(page, 'coordinator-extensions-hu');

    const saved = await served.t.dataSource.query<Array<{ closes_at: Date; reason: string }>>(
      `SELECT closes_at, reason FROM deadline_extension WHERE call_id = $1 AND municipality_ksh = $2`,
      [open.id, municipality.kshCode],
    );
    expect(saved).toHaveLength(1);
    expect(saved[0].closes_at.toISOString()).toBe(budapest('2026-07-03T12:00').toISOString());
    expect(saved[0].reason).toBe('Áramszünet a hivatalban.');
    await page.close();
  }, 60_000);

  it('invites a juror by e-mail, sees the invitation listed and revokes it', async () => {
    const page = await context.newPage();
    // the page's clock at the api's: the invitation is pending (not expired) only then
    await page.clock.setFixedTime(NOW);
    await page.goto(`${served.url}/koordinator`);
    await page.getByRole('link', { name: 'Meghívók' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meghívók' }).waitFor();
    await page.getByLabel('E-mail-cím').fill('uj.biralo@example.hu');
    await page.getByLabel('Név').fill('Új Bíráló Őrs');
    await page.getByLabel('Szerepkör').selectOption('juror');
    const bm = await page
      .locator('#invite-organisation option', { hasText: '(BM)' })
      .first()
      .getAttribute('value', { timeout: 10_000 });
    await page.locator('#invite-organisation').selectOption(bm ?? '');
    await page.getByRole('button', { name: 'Meghívó küldése' }).click();
    await page.getByRole('status').filter({ hasText: 'Meghívó elküldve: uj.biralo@example.hu' }).waitFor();
    const row = page.getByTestId('invitation').filter({ hasText: 'uj.biralo@example.hu' });
    await row.waitFor();
    expect(await row.textContent()).toContain('bíráló');
    await screenshot(page, 'coordinator-invitations-hu');
    const saved = await served.t.dataSource.query<Array<{ role: string }>>(
      `SELECT role FROM invitation WHERE email = $1`,
      ['uj.biralo@example.hu'],
    );
    expect(saved.map((r) => r.role)).toEqual(['juror']);

    // revoking asks for a confirmation; the row then shows it revoked, without the button
    await row.getByRole('button', { name: 'Visszavonás: uj.biralo@example.hu' }).click();
    await row.getByRole('button', { name: 'Visszavonás megerősítése: uj.biralo@example.hu' }).click();
    await page.getByRole('status').filter({ hasText: 'vissza lett vonva' }).waitFor();
    await row.getByText('visszavonva').waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    await screenshot(page, 'coordinator-invitations-revoked-hu');
    const revoked = await served.t.dataSource.query<Array<{ revoked_at: Date | null }>>(
      `SELECT revoked_at FROM invitation WHERE email = $1`,
      ['uj.biralo@example.hu'],
    );
    expect(revoked[0].revoked_at).toBeInstanceOf(Date);
    await page.close();
  }, 60_000);

  it('switches to English and fits a phone screen', async () => {
    const phone = await browser.newContext({
      locale: 'hu-HU',
      viewport: { width: 375, height: 740 },
      isMobile: true,
      storageState: await context.storageState(),
    });
    const page = await phone.newPage();
    await page.goto(`${served.url}/koordinator/felhivasok/${call.id}/fordulok`);
    await page.getByRole('heading', { level: 1, name: /értékelési fordulók/ }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: /Scoring rounds of/ }).waitFor();
    await page.getByRole('heading', { name: 'Open round 2' }).waitFor();
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'coordinator-rounds-phone-en');
    await phone.close();
  }, 60_000);

  it('has no serious or critical accessibility violation on the new pages (axe-core)', async () => {
    const problems: string[] = [];
    for (const path of [
      `/koordinator/felhivasok/${call.id}`,
      `/koordinator/felhivasok/${call.id}/zsuri`,
      `/koordinator/felhivasok/${call.id}/fordulok`,
      `/koordinator/felhivasok/${open.id}/hataridok`,
      '/koordinator/meghivok',
    ]) {
      const page = await visit(path);
      await page.waitForLoadState('networkidle');
      problems.push(...(await seriousViolations(page)).map((line) => `${path}: ${line}`));
      await screenshot(
        page,
        `coordinator-setup${path.replaceAll('/', '-').replace(call.id, 'call').replace(open.id, 'open-call')}`,
      );
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
