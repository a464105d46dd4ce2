import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FileStorage } from '@portal/storage';
import { newJuror, scoringCall, seatJurors, type ScoringCall } from '../factories/jury';
import { SAMPLES } from '../fixtures/files';
import type { TestUser } from '../factories/users';
import {
  launchBrowser,
  portalContext,
  screenshot,
  seriousViolations,
  type ServedApp,
  servePortal,
  signInThroughPage,
  expectTitle,
  watchApi,
} from '../setup/browser';
import { signIn, type SignedIn } from '../setup/test-app';

/**
 * A juror's work in Debian's Chromium: the declaration, the assigned applications with their
 * progress, the application with its extra questions' labels and partners by name, the scoring
 * screen (incomplete, then submitted), a stale save in two windows that keeps the juror's text,
 * a conflict declared from the list, and the not-available page of a conflicted assignment; the
 * jury pages' requests (a fixed number, at once, however many rounds); scoring with the keyboard
 * alone; axe-core on every jury page, on a desktop and on a phone. Screenshots go to
 * test-artifacts/screenshots/.
 */

const NOW = new Date('2026-05-10T08:00:00Z');
const DAY = 86_400_000;

function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}

interface Focused {
  id: string;
  tag: string;
  text: string;
  /** The focus ring: the outline's style and width. */
  outline: string;
}

/** The focused element, and whether a focus ring shows on it. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    interface El {
      id: string;
      tagName: string;
      textContent: string | null;
    }
    const g = globalThis as unknown as {
      document: { activeElement: El | null };
      getComputedStyle(el: El): { outlineStyle: string; outlineWidth: string };
    };
    const el = g.document.activeElement;
    if (!el) return { id: '', tag: '', text: '', outline: 'none' };
    const style = g.getComputedStyle(el);
    return {
      id: el.id,
      tag: el.tagName,
      text: (el.textContent ?? '').trim(),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
    };
  });
}

/** Presses Tab until the focus is on what `match` wants (at most `max` presses). */
async function tabTo(page: Page, match: (f: Focused) => boolean, max = 80): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (match(now)) return now;
  }
  throw new Error(`tabTo: not reached after ${max} presses (${JSON.stringify(await focused(page))})`);
}

/** A focus ring shows: an outline of some style and width. */
function visibleRing(f: Focused): boolean {
  const [style, width] = f.outline.split(' ');
  return style !== 'none' && parseFloat(width) >= 2;
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
  /** The submitted attachment of application 1. */
  let attachment: { id: string; displayName: string };
  /** Another call the juror sits on, with its round's criteria and the juror's assignment there. */
  let other: ScoringCall;
  let otherCriteria: Array<{ id: string; nameHu: string }>;
  let otherAssignment: string;

  beforeAll(async () => {
    served = await servePortal(NOW);
    const { t } = served;
    call = await scoringCall(t.dataSource, {
      now: NOW,
      applications: 3,
      questions: [
        {
          kind: 'long_text',
          labelHu: 'Milyen kockázatokkal jár a gyakorlat?',
          labelEn: 'What risks does the practice carry?',
        },
        { kind: 'number', labelHu: 'Hány önkéntes vett részt?', labelEn: 'How many volunteers took part?' },
        {
          kind: 'single_choice',
          labelHu: 'Átvette-e már más település?',
          labelEn: 'Has another municipality adopted it?',
          choices: [
            { value: 'igen', hu: 'Igen, többen is', en: 'Yes, several' },
            { value: 'nem', hu: 'Még nem', en: 'Not yet' },
          ],
        },
      ],
      // given out of the form's order: the page follows the call's
      answers: { 0: { 2: 'igen', 0: 'Az őszi fagyok és a tavaszi árvíz.', 1: 12500 } },
      partners: { 0: ['MFSZ', 'KSZ'] },
    });
    // a file of application 1's submitted version
    const stored = await t.app.get(FileStorage).put(SAMPLES.pdf);
    const displayName = 'Költségvetés – őszi ütemezés.pdf';
    const [file] = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO application_attachment (application_id, storage_key, display_name, kind, mime, size_bytes, sha256, uploaded_by)
       VALUES ($1, $2, $3, 'pdf', 'application/pdf', $4, $5, $6) RETURNING id`,
      [call.applications[0].id, stored.key, displayName, stored.size, stored.sha256, call.coordinator.id],
    );
    attachment = { id: file.id, displayName };
    await t.dataSource.query(`UPDATE application_submission SET attachments = $2::jsonb WHERE application_id = $1`, [
      call.applications[0].id,
      JSON.stringify([{ id: file.id, displayName, kind: 'pdf', sizeBytes: stored.size, sha256: stored.sha256 }]),
    ]);
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
    // the page's heading is its title too
    await expectTitle(page, 'Értékelendő pályázatok – LÖGY portál');
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

  it('shows each extra answer under its question in the call’s order, partners by name, and a working download', async () => {
    await page.goto(`${served.url}/zsuri/ertekeles/${assignmentOf[0]}`);
    await page.getByRole('heading', { level: 1, name: /Értékelés: Gyakorlat 1/ }).waitFor();
    const answers = page.getByTestId('answer');
    await answers.first().waitFor();
    expect(await answers.locator('dt').allTextContents()).toEqual([
      'Milyen kockázatokkal jár a gyakorlat?',
      'Hány önkéntes vett részt?',
      'Átvette-e már más település?',
    ]);
    const values = await answers.locator('dd').allTextContents();
    expect(values[0]).toBe('Az őszi fagyok és a tavaszi árvíz.');
    expect(values[1]).toMatch(/^12\s500$/);
    expect(values[2]).toBe('Igen, többen is');
    const view = page.locator('.scoring-application');
    expect(await view.getByText(/További kérdés/).count()).toBe(0);
    await view.getByText('Magyar Faluszövetség, Kisvárosok Szövetsége').waitFor();
    expect(await view.getByText(/\bMFSZ\b|\bKSZ\b/).count()).toBe(0);

    // the download link is the api's route of the generated client, and it downloads the file
    const link = view.getByRole('link', { name: attachment.displayName });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/assignments/${assignmentOf[0]}/attachments/${attachment.id}`);
    const file = await page.request.get(`${served.url}${href}`);
    expect(file.status()).toBe(200);
    expect(Buffer.from(await file.body()).equals(SAMPLES.pdf)).toBe(true);
    await toTop(page);
    await screenshot(page, 'jury-application-answers-hu');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'The application as submitted' }).waitFor();
    expect(await answers.locator('dt').allTextContents()).toEqual([
      'What risks does the practice carry?',
      'How many volunteers took part?',
      'Has another municipality adopted it?',
    ]);
    expect((await answers.locator('dd').allTextContents()).slice(1)).toEqual(['12,500', 'Yes, several']);
    await view.getByText('Hungarian Federation of Villages, National Association of Small Cities').waitFor();
    await toTop(page);
    await screenshot(page, 'jury-application-answers-en');
    await page.getByRole('button', { name: 'Magyar' }).click();
    await page.getByRole('heading', { level: 2, name: 'A beküldött pályázat' }).waitFor();
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

  it('a stale save keeps the juror’s text: the server’s changes are shown, the edits go on top, and it saves', async () => {
    const [impact, sustainability] = criteria;
    const url = `${served.url}/zsuri/ertekeles/${assignmentOf[0]}`;
    await page.goto(url);
    await page.getByTestId('assignment-status').getByText('beküldve').waitFor();
    // the same juror in a second window
    const secondContext = await portalContext(browser, { storageState: await context.storageState() });
    const second = await secondContext.newPage();
    await second.goto(url);
    await second.getByTestId('assignment-status').getByText('beküldve').waitFor();
    const theirFeedback = 'A másik ablakban írt visszajelzés: világos, őszinte, átvehető.';
    await second.getByLabel(/Visszajelzés a pályázónak/).fill(theirFeedback);
    await second.locator(`#points-${impact.id}`).fill('9');
    const savedThere = second.waitForResponse((res) => res.url().endsWith('/scorecard'));
    await second.getByRole('button', { name: 'Módosítások mentése' }).click();
    expect((await savedThere).status()).toBe(200);

    // the first window, not knowing, writes notes and saves: stale
    const myNote = 'Első ablak: a fenntarthatósági terv részletes, az ütemezés hiányzik.';
    const myCriterionNote = 'Őszre ütemezett bővítés: jó.';
    await page.getByLabel(/Belső megjegyzés/).fill(myNote);
    await page.locator(`#criterion-${sustainability.id}-note`).fill(myCriterionNote);
    const stale = page.waitForResponse((res) => res.url().endsWith('/scorecard'));
    await page.getByRole('button', { name: 'Módosítások mentése' }).click();
    expect((await stale).status()).toBe(409);
    const panel = page.getByTestId('stale');
    await panel.waitFor();
    // what changed on the server, beside what this window has
    const changed = await panel.locator('dt').allTextContents();
    expect(changed).toEqual([`${impact.nameHu}: pontszám`, 'Visszajelzés a pályázónak']);
    await panel.getByText(theirFeedback).waitFor();
    await panel.getByText(/Az Ön nem mentett módosításai:/).waitFor();
    // nothing the juror typed was touched, and nothing saves behind their back
    expect(await page.getByLabel(/Belső megjegyzés/).inputValue()).toBe(myNote);
    expect(await page.getByRole('button', { name: 'Módosítások mentése' }).isDisabled()).toBe(true);
    await panel.evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
    await screenshot(page, 'jury-scoring-stale-hu');
    expect(await seriousViolations(page)).toEqual([]);

    const saved = page.waitForResponse((res) => res.url().endsWith('/scorecard'));
    await panel.getByRole('button', { name: 'Módosításaim megtartása és mentése' }).click();
    expect((await saved).status()).toBe(200);
    await panel.waitFor({ state: 'detached' });
    await page
      .getByTestId('save-state')
      .getByText(/Beküldve:/)
      .waitFor();
    // both windows' work: the server's points and feedback, this window's notes
    expect(await page.locator(`#points-${impact.id}`).inputValue()).toBe('9');
    expect(await page.getByLabel(/Visszajelzés a pályázónak/).inputValue()).toBe(theirFeedback);
    expect(await page.getByLabel(/Belső megjegyzés/).inputValue()).toBe(myNote);
    const [row] = await served.t.dataSource.query<Array<{ private_note: string; feedback: string; status: string }>>(
      `SELECT private_note, feedback, status FROM assignment WHERE id = $1`,
      [assignmentOf[0]],
    );
    expect(row).toEqual({ private_note: myNote, feedback: theirFeedback, status: 'submitted' });
    const scores = await served.t.dataSource.query<
      Array<{ criterion_id: string; points: string; note: string | null }>
    >(`SELECT criterion_id, points, note FROM score WHERE assignment_id = $1`, [assignmentOf[0]]);
    const byCriterion = new Map(scores.map((r) => [r.criterion_id, r]));
    expect(Number(byCriterion.get(impact.id)?.points)).toBe(9);
    expect(Number(byCriterion.get(sustainability.id)?.points)).toBe(4);
    expect(byCriterion.get(sustainability.id)?.note).toBe(myCriterionNote);
    await secondContext.close();
    // back to the list, where the next step starts
    await page.getByRole('link', { name: 'Vissza az értékelendő pályázatokhoz' }).first().click();
    await page.getByTestId('assignment').filter({ hasText: 'Gyakorlat 2' }).waitFor();
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
    // the heading shows before the list, which this fresh page asks for only then
    await page.getByTestId('assignment').first().waitFor();
    expect(await page.getByTestId('assignment-status').allTextContents()).toEqual(['submitted']);
    await screenshot(page, 'jury-assignments-en');
    await page.getByRole('button', { name: 'Magyar' }).click();
  }, 60_000);

  it('loads the jury pages with a fixed number of requests made at once, however many rounds there are', async () => {
    // the juror also sits on another call's jury, with a round of its own: two rounds now
    const { t } = served;
    other = await scoringCall(t.dataSource, { now: NOW, applications: 1 });
    const [otherMember] = await seatJurors(t.dataSource, other.id, [juror], { addedBy: other.coordinator.id });
    const otherCoordinator = await signIn(t.server, other.coordinator.email, other.coordinator.password);
    const round = await post(otherCoordinator, `/api/calls/${other.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 3 * DAY).toISOString(),
    });
    expect(round.status).toBe(201);
    otherCriteria = round.body.criteria;
    const assigned = await post(otherCoordinator, `/api/rounds/${round.body.id}/assignments`, {
      applicationId: other.applications[0].id,
      juryMemberId: otherMember,
    });
    expect(assigned.status).toBe(201);
    otherAssignment = assigned.body.id as string;

    const list = await context.newPage();
    const listLog = watchApi(list);
    await list.goto(`${served.url}/zsuri/ertekeles`);
    await list.getByTestId('round-progress').nth(1).waitFor();
    await listLog.settled();
    expect(await list.getByTestId('round-progress').allTextContents()).toEqual([
      expect.stringMatching(/^1 beküldve, 0 piszkozat, összesen 1 · nyitva · Zárás:/),
      expect.stringMatching(/^0 beküldve, 0 piszkozat, összesen 1 · nyitva · Zárás:/),
    ]);
    // one request for each thing the page shows, none per round, all at once
    expect([...listLog.paths()].sort()).toEqual([
      '/api/auth/me',
      '/api/jury/assignments',
      '/api/jury/calls',
      '/api/jury/progress',
    ]);
    expect(listLog.rounds()).toBe(1);
    await screenshot(list, 'jury-assignments-two-rounds-hu');
    expect(await seriousViolations(list)).toEqual([]);
    await list.close();

    const home = await context.newPage();
    const homeLog = watchApi(home);
    await home.goto(`${served.url}/zsuri`);
    await home.getByRole('heading', { level: 1, name: 'Zsűrimunka' }).waitFor();
    await home.getByText('Nyilatkozat elfogadva:').nth(1).waitFor();
    await homeLog.settled();
    expect([...homeLog.paths()].sort()).toEqual(['/api/auth/me', '/api/jury/calls', '/api/jury/declaration']);
    expect(homeLog.rounds()).toBe(1);
    expect(await seriousViolations(home)).toEqual([]);
    await home.close();
  }, 60_000);

  it('scores with the keyboard alone: every criterion’s points, then submitted, the focus always visible', async () => {
    const [first, second] = otherCriteria;
    await page.goto(`${served.url}/zsuri/ertekeles/${otherAssignment}`);
    await page.getByTestId('criterion').first().waitFor();
    await page.getByTestId('assignment-status').getByText('teendő').waitFor();

    const points1 = await tabTo(page, (f) => f.id === `points-${first.id}`);
    expect(visibleRing(points1)).toBe(true);
    await page.keyboard.type('7');
    // the abstention and the note of the criterion are on the way, each with its ring
    const abstain = await tabTo(page, (f) => f.id === `criterion-${first.id}-abstain`, 1);
    expect(visibleRing(abstain)).toBe(true);
    const note = await tabTo(page, (f) => f.id === `criterion-${first.id}-note`, 1);
    expect(visibleRing(note)).toBe(true);
    await page.keyboard.type('Billentyűzettel írt megjegyzés.');

    const points2 = await tabTo(page, (f) => f.id === `points-${second.id}`);
    expect(visibleRing(points2)).toBe(true);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    expect(await page.locator(`#points-${second.id}`).inputValue()).toBe('3');
    // the draft saved itself
    await page
      .getByTestId('save-state')
      .getByText(/Mentve:/)
      .waitFor();

    const submit = await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Értékelés beküldése');
    expect(visibleRing(submit)).toBe(true);
    await toTop(page);
    await screenshot(page, 'jury-scoring-keyboard-hu');
    await page.keyboard.press('Enter');
    await page
      .getByTestId('save-state')
      .getByText(/Beküldve:/)
      .waitFor();
    expect(await page.getByTestId('assignment-status').textContent()).toBe('beküldve');
    const scores = await served.t.dataSource.query<
      Array<{ criterion_id: string; points: string; note: string | null }>
    >(`SELECT criterion_id, points, note FROM score WHERE assignment_id = $1`, [otherAssignment]);
    const byCriterion = new Map(scores.map((r) => [r.criterion_id, r]));
    expect(Number(byCriterion.get(first.id)?.points)).toBe(7);
    expect(byCriterion.get(first.id)?.note).toBe('Billentyűzettel írt megjegyzés.');
    expect(Number(byCriterion.get(second.id)?.points)).toBe(3);
    const [row] = await served.t.dataSource.query<Array<{ status: string }>>(
      `SELECT status FROM assignment WHERE id = $1`,
      [otherAssignment],
    );
    expect(row.status).toBe('submitted');
  }, 60_000);

  it('works on a phone: the scoring screen is one column that fits the screen', async () => {
    const phone = await portalContext(browser, {
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
    await small.getByTestId('answer').first().waitFor();
    await screenshot(small, 'jury-scoring-phone');
    expect(await seriousViolations(small)).toEqual([]);

    // the list and the home page on the phone
    await small.goto(`${served.url}/zsuri/ertekeles`);
    await small.getByTestId('round-progress').nth(1).waitFor();
    await screenshot(small, 'jury-assignments-phone');
    expect(await seriousViolations(small)).toEqual([]);
    await small.goto(`${served.url}/zsuri`);
    await small.getByText('Nyilatkozat elfogadva:').nth(1).waitFor();
    await screenshot(small, 'jury-home-phone');
    expect(await seriousViolations(small)).toEqual([]);
    await phone.close();
  }, 60_000);
});
