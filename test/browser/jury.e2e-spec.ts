import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newJuror, scoringCall, seatJurors, type ScoringCall } from '../factories/jury';
import type { TestUser } from '../factories/users';
import {
  launchBrowser,
  portalContext,
  screenshot,
  seriousViolations,
  type ServedApp,
  servePortal,
  signInThroughPage,
} from '../setup/browser';
import { signIn, type SignedIn } from '../setup/test-app';

/**
 * A juror's work in Debian's Chromium: the declaration, the assigned applications with their
 * progress, the scoring screen (incomplete, then submitted), a conflict declared from the list,
 * and the not-available page of a conflicted assignment; axe-core on the list and scoring
 * pages; the scoring screen on a phone. Screenshots go to test-artifacts/screenshots/.
 */

const NOW = new Date('2026-05-10T08:00:00Z');
const DAY = 86_400_000;

function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}

/** Scrolls to the top: the application column is sticky, and a full-page screenshot keeps its offset. */
async function toTop(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
}

describe('the jury in the browser', () => {
  let served: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let call: ScoringCall;
  let juror: TestUser;
  let criteria: Array<{ id: string; nameHu: string; maxPoints: number }>;
  /** The juror's assignment id by application index. */
  const assignmentOf: string[] = [];

  beforeAll(async () => {
    served = await servePortal(NOW);
    const { t } = served;
    call = await scoringCall(t.dataSource, { now: NOW, applications: 3 });
    juror = await newJuror(t.dataSource, { organisationCode: 'BM', name: 'Bíró Ágnes' });
    const [memberId] = await seatJurors(t.dataSource, call.id, [juror], {
      addedBy: call.coordinator.id,
      declared: false,
    });
    const coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    });
    expect(round.status).toBe(201);
    criteria = round.body.criteria;
    for (const application of call.applications) {
      const res = await post(coordinator, `/api/rounds/${round.body.id}/assignments`, {
        applicationId: application.id,
        juryMemberId: memberId,
      });
      expect(res.status).toBe(201);
      assignmentOf.push(res.body.id as string);
    }
    // a conflict a coordinator sets after the assignment: the juror loses it
    const conflict = await post(coordinator, `/api/calls/${call.id}/conflicts`, {
      juryMemberId: memberId,
      applicationId: call.applications[2].id,
      reason: 'A zsűritag a projekt tanácsadója volt.',
    });
    expect(conflict.status).toBe(201);

    browser = await launchBrowser();
    context = await portalContext(browser);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.close();
  });

  it('signs in and accepts the declaration before seeing any application', async () => {
    await signInThroughPage(page, served.url, juror.email, juror.password);
    await page.getByText(juror.name).first().waitFor();

    await page.getByRole('link', { name: 'Zsűri', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Zsűrimunka' }).waitFor();
    await page.getByText('Titoktartási és összeférhetetlenségi nyilatkozat').waitFor();
    await screenshot(page, 'jury-declaration-hu');
    expect(await seriousViolations(page)).toEqual([]);
    // not ticked: refused in the page
    await page.getByRole('button', { name: 'Nyilatkozat elfogadása' }).click();
    await page.getByText('A folytatáshoz jelölje be az elfogadást.').waitFor();
    await page.getByLabel('Elolvastam, és elfogadom a nyilatkozatot.').check();
    await page.getByRole('button', { name: 'Nyilatkozat elfogadása' }).click();
    await page.getByText('Nyilatkozat elfogadva:').waitFor();
  }, 60_000);

  it('lists the applications of the juror’s themes with their conflicts, and keeps a preference', async () => {
    await page.getByRole('link', { name: /összeférhetetlenség és preferenciák/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Pályázatok a témaköreiben' }).waitFor();
    await page.getByTestId('candidate').first().waitFor();
    expect(await page.getByTestId('candidate').count()).toBe(3);
    const third = page.getByTestId('candidate').filter({ hasText: 'Gyakorlat 3' });
    await third.getByText('összeférhetetlen (koordinátor rögzítette)').waitFor();
    expect(await third.getByText('Összefoglaló 3').count()).toBe(0);
    const first = page.getByTestId('candidate').filter({ hasText: 'Gyakorlat 1' });
    const saved = page.waitForResponse((res) => res.url().includes('/preferences/') && res.status() === 200);
    await first.getByLabel('Szívesen értékelné?').selectOption('keen');
    await saved;
    await page.reload();
    await page.getByTestId('candidate').first().waitFor();
    expect(await first.getByLabel('Szívesen értékelné?').inputValue()).toBe('keen');
    await screenshot(page, 'jury-candidates-hu');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('lists the assigned applications with their status and the round’s progress', async () => {
    await page.getByRole('link', { name: 'Értékelés', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Értékelendő pályázatok' }).waitFor();
    await page.getByTestId('assignment').first().waitFor();
    // the coordinator's conflict already took application 3 away
    expect(await page.getByTestId('assignment').count()).toBe(2);
    expect(await page.getByTestId('assignment-status').allTextContents()).toEqual(['teendő', 'teendő']);
    await page
      .getByTestId('round-progress')
      .getByText(/0 beküldve, 0 piszkozat, összesen 2/)
      .waitFor();
    await screenshot(page, 'jury-assignments-hu');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('scores an application: Enter does not submit, an incomplete card names what is missing, then it is submitted', async () => {
    await page.goto(`${served.url}/zsuri/ertekeles/${assignmentOf[0]}`);
    await page.getByRole('heading', { level: 1, name: /Értékelés: Gyakorlat 1/ }).waitFor();
    await page.getByText('Összefoglaló 1').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const [impact, sustainability] = criteria;
    const impactPoints = page.locator(`#points-${impact.id}`);
    await impactPoints.fill('8');
    await impactPoints.press('Enter');
    // the draft saves itself; Enter submitted nothing
    await page
      .getByTestId('save-state')
      .getByText(/Mentve:/)
      .waitFor();
    expect(await page.getByTestId('assignment-status').textContent()).toBe('piszkozat');
    expect(await page.getByTestId('incomplete').count()).toBe(0);

    await page.getByRole('button', { name: 'Értékelés beküldése' }).click();
    const incomplete = page.getByTestId('incomplete');
    await incomplete.waitFor();
    expect(await incomplete.getByRole('link').allTextContents()).toEqual([sustainability.nameHu]);
    expect(await page.locator(`#points-${sustainability.id}`).getAttribute('aria-invalid')).toBe('true');
    await toTop(page);
    await screenshot(page, 'jury-scoring-incomplete-hu');

    await page.locator(`#points-${sustainability.id}`).fill('4');
    await page
      .getByLabel(/Visszajelzés a pályázónak/)
      .fill('Példaértékű, átvehető gyakorlat; a fenntarthatóság erősíthető.');
    await page.getByLabel(/Belső megjegyzés/).fill('Őszintén jó pályázat.');
    await page.getByRole('button', { name: 'Értékelés beküldése' }).click();
    await page
      .getByTestId('save-state')
      .getByText(/Beküldve:/)
      .waitFor();
    expect(await page.getByTestId('assignment-status').textContent()).toBe('beküldve');
    await toTop(page);
    await screenshot(page, 'jury-scoring-submitted-hu');

    // after a reload the card is the saved one
    await page.reload();
    await page.getByTestId('assignment-status').getByText('beküldve').waitFor();
    expect(await page.locator(`#points-${impact.id}`).inputValue()).toBe('8');
    expect(await page.locator(`#points-${sustainability.id}`).inputValue()).toBe('4');

    await page.getByRole('link', { name: 'Vissza az értékelendő pályázatokhoz' }).first().click();
    await page
      .getByTestId('round-progress')
      .getByText(/1 beküldve, 0 piszkozat, összesen 2/)
      .waitFor();
    const first = page.getByTestId('assignment').filter({ hasText: 'Gyakorlat 1' });
    expect(await first.getByTestId('assignment-status').textContent()).toBe('beküldve');
  }, 60_000);

  it('declares a conflict with a reason; a conflicted application does not open', async () => {
    const second = page.getByTestId('assignment').filter({ hasText: 'Gyakorlat 2' });
    await second.getByRole('button', { name: /Összeférhetetlenség bejelentése/ }).click();
    await second.getByLabel('Az összeférhetetlenség oka').fill('A település jegyzője a testvérem.');
    await screenshot(page, 'jury-conflict-hu');
    await second.getByRole('button', { name: 'Bejelentés', exact: true }).click();
    await page.getByText(/Az összeférhetetlenséget rögzítettük/).waitFor();
    await page.getByTestId('assignment').filter({ hasText: 'Gyakorlat 2' }).waitFor({ state: 'detached' });
    expect(await page.getByTestId('assignment').count()).toBe(1);

    for (const index of [1, 2]) {
      await page.goto(`${served.url}/zsuri/ertekeles/${assignmentOf[index]}`);
      await page.getByRole('heading', { level: 1, name: 'A pályázat nem érhető el' }).waitFor();
      expect(await page.getByText(`Gyakorlat ${index + 1}`).count()).toBe(0);
    }
    await screenshot(page, 'jury-unavailable-hu');

    // in English
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'This application is not available' }).waitFor();
    await page.getByRole('link', { name: 'Back to the applications to score' }).click();
    await page.getByRole('heading', { level: 1, name: 'Applications to score' }).waitFor();
    expect(await page.getByTestId('assignment-status').allTextContents()).toEqual(['submitted']);
    await screenshot(page, 'jury-assignments-en');
    await page.getByRole('button', { name: 'Magyar' }).click();
  }, 60_000);

  it('works on a phone: the scoring screen is one column that fits the screen', async () => {
    const phone = await browser.newContext({
      locale: 'hu-HU',
      viewport: { width: 375, height: 740 },
      isMobile: true,
      storageState: await context.storageState(),
    });
    const small = await phone.newPage();
    await small.goto(`${served.url}/zsuri/ertekeles/${assignmentOf[0]}`);
    await small.getByRole('heading', { level: 1 }).waitFor();
    await small.getByTestId('criterion').first().waitFor();
    const layout = await small.evaluate(() => {
      interface Box {
        top: number;
        bottom: number;
      }
      interface Doc {
        documentElement: { scrollWidth: number; clientWidth: number };
        querySelector(selector: string): { getBoundingClientRect(): Box };
      }
      const doc = (globalThis as unknown as { document: Doc }).document;
      const application = doc.querySelector('.scoring-application').getBoundingClientRect();
      const card = doc.querySelector('.scoring-card').getBoundingClientRect();
      return {
        overflow: doc.documentElement.scrollWidth - doc.documentElement.clientWidth,
        stacked: card.top >= application.bottom,
      };
    });
    expect(layout).toEqual({ overflow: 0, stacked: true });
    await screenshot(small, 'jury-scoring-phone');
    await phone.close();
  }, 60_000);
});
