import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { PublicationsService } from '@portal/results';
import { newCall, type TestCall } from '../factories/calls';
import { newJuror, scoringCall, type ScoringCall, seatJurors, wholeRanking } from '../factories/jury';
import { anyMunicipalities } from '../factories/municipalities';
import { newUser, type TestUser } from '../factories/users';
import {
  coordinatorContext,
  launchBrowser,
  portalContext,
  screenshot,
  seriousViolations,
  type ServedApp,
  servePortal,
  watchApi,
} from '../setup/browser';
import { signIn, type SignedIn } from '../setup/test-app';

/**
 * The coordinators' review pages in Debian's Chromium: the overview of the current calls from
 * one request, a call's page with its dashboard (its queries in one round), one application
 * with its content, files and the formal check, the audit log in words with its filters, the
 * award levels and the ranking page's two rounds of requests, a publication's files as
 * downloads and the public winner list's PDF; axe-core's check and screenshots of each.
 */

const DAY = 86_400_000;
/** The open call (the factory's default deadline, 2026-03-31 23:59 Budapest time) closed two days ago. */
const BEFORE_CLOSE = new Date('2026-03-20T10:00:00Z');
const NOW = new Date('2026-04-02T10:00:00Z');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function put(who: SignedIn, url: string, body: object) {
  return who.agent.put(url).set('X-CSRF-Token', who.csrf).send(body);
}
function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}
function patch(who: SignedIn, url: string, body: object) {
  return who.agent.patch(url).set('X-CSRF-Token', who.csrf).send(body);
}

/** "2026. április 2. 12:00": an instant as the portal shows it in Hungarian, in Budapest time. */
function budapestHu(instant: Date): string {
  const date = new Intl.DateTimeFormat('hu-HU', {
    timeZone: 'Europe/Budapest',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(instant);
  const time = new Intl.DateTimeFormat('hu-HU', {
    timeZone: 'Europe/Budapest',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${date} ${time}`;
}

describe('the coordinator reviews in the browser', () => {
  let served: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let coordinator: TestUser;
  /** The open call, closed now: two submitted applications (one with an attachment), a draft. */
  let open: TestCall;
  let reviewed: { id: string; title: string; attachmentId: string };
  let other: { id: string; title: string };
  /** A call in scoring with a closed round, nothing decided. */
  let scoring: ScoringCall;
  let roundId: string;
  /** A published call. */
  let published: ScoringCall;
  let publicationId: string;

  beforeAll(async () => {
    served = await servePortal(BEFORE_CLOSE);
    const { t } = served;
    coordinator = await newUser(t.dataSource, { roles: ['coordinator'], name: 'Koordinátor Győző' });

    // the open call: a weighted criterion, two questions of its own
    open = await newCall(t.dataSource, {
      questions: [
        {
          kind: 'short_text',
          required: true,
          labelHu: 'Hány önkéntes vesz részt?',
          labelEn: 'How many volunteers take part?',
        },
        { kind: 'single_choice', labelHu: 'Van-e saját forrás?', labelEn: 'Is there own funding?' },
      ],
    });
    await t.dataSource.query(`UPDATE call_criterion SET weight = 1.5 WHERE call_id = $1`, [open.id]);
    const [mA, mB] = anyMunicipalities(2);
    const staffA = await newUser(t.dataSource, { municipalityKsh: mA.kshCode, name: 'Ügyintéző Ágnes' });
    const staffB = await newUser(t.dataSource, { municipalityKsh: mB.kshCode });
    const sa = await signIn(t.server, staffA.email, staffA.password);
    const sb = await signIn(t.server, staffB.email, staffB.password);
    const content = (title: string) => ({
      title,
      summary: `Összefoglaló: ${title}.`,
      problem: 'Az idősek elszigetelten éltek.',
      practice: 'Falugondnoki hálózat, heti három látogatással.',
      results: 'A résztvevők száma 35-ről 120-ra nőtt.',
      costHuf: 1_250_000,
      communityParticipation: 'Önkéntesek a szomszédságból.',
      sustainability: 'A költségvetés fedezi.',
      adoption: 'Egy falugondnok kell hozzá.',
      startDate: '2019-09-01',
      contact: { name: 'Őri Dezső', position: 'jegyző', email: 'ori.dezso@teszt.hu', phone: '+36 30 123 4567' },
      answers: { [open.questions[0].id]: 'Harmincöt önkéntes', [open.questions[1].id]: 'igen' },
    });
    const submit = async (who: SignedIn, ksh: string, theme: number, title: string, withFile: boolean) => {
      const created = await post(who, `/api/calls/${open.id}/applications`, {
        themeId: open.themes[theme].id,
        municipalityKsh: ksh,
      }).expect(201);
      const id = created.body.id as string;
      let attachmentId = '';
      if (withFile) {
        const file = await who.agent
          .post(`/api/applications/${id}/attachments`)
          .set('X-CSRF-Token', who.csrf)
          .attach('file', PDF, 'költségvetés-összesítő.pdf')
          .expect(201);
        attachmentId = file.body.id as string;
      }
      const current = await who.agent.get(`/api/applications/${id}`).expect(200);
      const saved = await patch(who, `/api/applications/${id}`, {
        version: current.body.version,
        content: content(title),
      }).expect(200);
      await post(who, `/api/applications/${id}/submit`, { version: saved.body.version }).expect(201);
      return { id, title, attachmentId };
    };
    reviewed = await submit(sa, mA.kshCode, 0, 'Árvíztűrő falugondnoki hálózat', true);
    other = await submit(sb, mB.kshCode, 1, 'Közösségi kert Őriszentpéteren', false);
    await post(sa, `/api/calls/${open.id}/applications`, {
      themeId: open.themes[2].id,
      municipalityKsh: mA.kshCode,
    }).expect(201);
    t.clock.set(NOW);

    // a call in scoring (deadline 10 days ago): two jurors scored every application, the round is closed
    scoring = await scoringCall(t.dataSource, { now: NOW, applications: 4 });
    roundId = await scoreAndClose(scoring);

    // a published call
    published = await scoringCall(t.dataSource, { now: NOW, applications: 3 });
    const publishedRound = await scoreAndClose(published);
    const publishedCoordinator = await signIn(t.server, published.coordinator.email, published.coordinator.password);
    const ranking = await wholeRanking(publishedCoordinator.agent, publishedRound);
    for (const theme of published.themes) {
      const best = ranking.filter((row) => row.themeId === theme.id).sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
      await put(publishedCoordinator, `/api/calls/${published.id}/themes/${theme.id}/awards`, {
        awards: best.slice(0, 1).map((row) => ({ applicationId: row.applicationId, level: 'winner' })),
      }).expect(200);
    }
    await post(publishedCoordinator, `/api/calls/${published.id}/decide`).expect(200);
    const publication = await post(publishedCoordinator, `/api/calls/${published.id}/publications`).expect(202);
    publicationId = publication.body.id as string;
    await t.app.get(PublicationsService).run(publicationId);

    browser = await launchBrowser();
    context = await coordinatorContext(browser, served.url, coordinator);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.close();
  }, 60_000);

  /** Two jurors score every application of the call's round 1, which is then closed; its id. */
  async function scoreAndClose(call: ScoringCall): Promise<string> {
    const { t } = served;
    const jurors = [
      await newJuror(t.dataSource, { organisationCode: 'BM', name: `Bíráló Ödön ${call.year}` }),
      await newJuror(t.dataSource, { organisationCode: 'MÖSZ', name: `Bíráló Űrsula ${call.year}` }),
    ];
    await seatJurors(t.dataSource, call.id, jurors, { addedBy: call.coordinator.id });
    const c = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    await put(c, `/api/calls/${call.id}/jury/settings`, { jurorsPerApplication: 2 }).expect(200);
    const round = await post(c, `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    }).expect(201);
    const id = round.body.id as string;
    const criteria = round.body.criteria as Array<{ id: string; maxPoints: number }>;
    await post(c, `/api/rounds/${id}/auto-assign`).expect(200);
    for (const [j, juror] of jurors.entries()) {
      const agent = await signIn(t.server, juror.email, juror.password);
      const mine = await agent.agent.get(`/api/jury/assignments?roundId=${id}&pageSize=100`).expect(200);
      for (const [a, assignment] of (mine.body.items as Array<{ id: string }>).entries()) {
        await put(agent, `/api/assignments/${assignment.id}/scorecard`, {
          scores: criteria.map((criterion, k) => ({
            criterionId: criterion.id,
            points: (a * 3 + j + k) % (criterion.maxPoints + 1),
          })),
          submit: true,
        }).expect(200);
      }
    }
    await post(c, `/api/rounds/${id}/close`).expect(200);
    return id;
  }

  async function visit(path: string, target: Page | undefined = undefined): Promise<Page> {
    const page = target ?? (await context.newPage());
    await page.goto(`${served.url}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  it('shows the current calls with their key numbers from one request', async () => {
    const page = await context.newPage();
    const traffic = watchApi(page);
    await visit('/koordinator', page);
    const card = page.getByTestId('current-call').filter({ hasText: open.titleHu });
    await card.waitFor();
    const numbers = card.getByRole('definition');
    expect(await numbers.allTextContents()).toEqual(['2', '1', '0', '2', '0', '0']);
    expect(await card.getByRole('term').allTextContents()).toEqual([
      'Beadott pályázat',
      'Piszkozat',
      'Visszavont',
      'Formai ellenőrzésre vár',
      'Formailag megfelelt',
      'Formailag nem felelt meg',
    ]);
    await card.getByText('lezárt').waitFor();
    await page.getByTestId('current-call').filter({ hasText: scoring.titleHu }).waitFor();
    expect(await page.getByTestId('current-call').filter({ hasText: published.titleHu }).count()).toBe(0);
    await traffic.settled();
    const paths = traffic.paths();
    expect(paths.filter((p) => p === '/api/statistics/calls')).toHaveLength(1);
    expect(paths.filter((p) => /^\/api\/calls\/[^/]+\/statistics$/.test(p))).toEqual([]);
    expect(traffic.roundsByPath()).toEqual(
      new Map([
        ['/api/auth/me', 1],
        ['/api/statistics/calls', 1],
      ]),
    );
    await screenshot(page, 'coordinator-overview-hu');
    await page.close();
  }, 60_000);

  it("starts the call page's queries in one round, and shows its dashboard and exports", async () => {
    const page = await context.newPage();
    const traffic = watchApi(page);
    await visit(`/koordinator/felhivasok/${open.id}`, page);
    const perStatus = page.locator('figure', { hasText: 'Pályázatok állapot szerint' });
    await perStatus.waitFor();
    expect(await perStatus.locator('li').allTextContents()).toEqual(['piszkozat: 1', 'beadva: 2', 'visszavonva: 0']);
    const perTheme = page.locator('figure', { hasText: 'Beadott pályázatok témakörönként' });
    expect(await perTheme.locator('li').allTextContents()).toEqual(
      open.themes.map((theme, i) => `${theme.titleHu}: ${i < 2 ? 1 : 0}`),
    );
    const perCounty = page.locator('figure', { hasText: 'Beadott pályázatok megyénként' });
    expect(await perCounty.locator('li').count()).toBe(20);
    // the criterion's weight in the locale's number format
    await page.getByText('súly 1,5 · legfeljebb 10 pont').waitFor();
    // the exports, built from the client's operations
    const hrefs = await page
      .getByRole('region', { name: 'Letöltések (CSV)' })
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs).toEqual([
      `/api/calls/${open.id}/applications.csv`,
      `/api/calls/${open.id}/ranking.csv`,
      `/api/calls/${open.id}/scores.csv`,
    ]);
    const csv = await page.request.get(`${served.url}${hrefs[0]}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');

    await traffic.settled();
    expect(traffic.roundsByPath()).toEqual(
      new Map([
        ['/api/auth/me', 1],
        [`/api/calls/${open.id}`, 1],
        [`/api/calls/${open.id}/statistics`, 1],
      ]),
    );
    await screenshot(page, 'coordinator-call-dashboard-hu');
    await page.close();
  }, 60_000);

  it('opens an application from the list with its content, files and submissions, and records the formal check there', async () => {
    const page = await visit(`/koordinator/felhivasok/${open.id}/palyazatok`);
    await page.getByRole('link', { name: `Megtekintés és formai ellenőrzés: ${reviewed.title}` }).click();
    await page.getByRole('heading', { level: 1, name: reviewed.title }).waitFor();
    const contentList = page.getByTestId('application-content');
    await contentList.getByText('Falugondnoki hálózat, heti három látogatással.').waitFor();
    expect(await contentList.getByText(/1\s250\s000\sFt/).count()).toBe(1);
    expect(await contentList.getByText('2019. szeptember 1.').count()).toBe(1);
    // the call's questions come with the call, which may answer after the application
    const answers = page.getByTestId('application-answers');
    await answers.locator('dt').first().waitFor();
    expect(await answers.locator('dt').allTextContents()).toEqual(['Hány önkéntes vesz részt?', 'Van-e saját forrás?']);
    expect(await answers.locator('dd').allTextContents()).toEqual(['Harmincöt önkéntes', 'Igen']);

    // the attachment and the receipt download
    const attachment = page.getByRole('link', { name: 'költségvetés-összesítő.pdf' });
    expect(await attachment.getAttribute('href')).toBe(
      `/api/applications/${reviewed.id}/attachments/${reviewed.attachmentId}`,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), attachment.click()]);
    expect(download.suggestedFilename()).toBe('költségvetés-összesítő.pdf');
    const receipt = page.getByTestId('submission').getByRole('link', { name: 'Átvételi elismervény (PDF)' });
    expect(await receipt.getAttribute('href')).toBe(`/api/applications/${reviewed.id}/submissions/1/receipt`);
    const pdf = await page.request.get(`${served.url}/api/applications/${reviewed.id}/submissions/1/receipt`);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'coordinator-application-hu');

    // ineligible, with a reason
    await page.getByRole('button', { name: 'Nem felelt meg' }).click();
    await page.getByLabel('Az elutasítás indoka').fill('Hiányzik a képviselő-testületi határozat.');
    await page.getByRole('button', { name: 'Nem felelt meg' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Formai ellenőrzés rögzítve: ${reviewed.title}` })
      .waitFor();
    await page
      .getByTestId('formal-check-state')
      .getByText(/nem felelt meg · Hiányzik a képviselő-testületi határozat\./)
      .waitFor();
    const [row] = await served.t.dataSource.query<Array<{ formal_check: string; formal_check_reason: string }>>(
      `SELECT formal_check, formal_check_reason FROM application WHERE id = $1`,
      [reviewed.id],
    );
    expect(row).toEqual({
      formal_check: 'ineligible',
      formal_check_reason: 'Hiányzik a képviselő-testületi határozat.',
    });

    // the other one eligible; the list shows both results
    await page.goto(`${served.url}/koordinator/felhivasok/${open.id}/palyazatok/${other.id}`);
    await page.getByRole('heading', { level: 1, name: other.title }).waitFor();
    await page.getByRole('button', { name: 'Megfelelt', exact: true }).click();
    await page.getByTestId('formal-check-state').getByText('megfelelt', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Vissza a pályázatokhoz' }).click();
    await page.getByTestId('application').filter({ hasText: 'nem felelt meg · Hiányzik' }).waitFor();
    await page.getByTestId('application').filter({ hasText: other.title }).getByText('megfelelt').waitFor();
    await page.close();
  }, 90_000);

  it('reads the audit log in words, in Budapest time, and filters it through the api', async () => {
    const [entry] = await served.t.dataSource.query<Array<{ occurred_at: Date }>>(
      `SELECT occurred_at FROM audit_log WHERE action = 'application.formal_checked' AND target_id = $1`,
      [reviewed.id],
    );
    const page = await visit('/koordinator/naplo');
    const row = page.getByTestId('audit-entry').filter({ hasText: 'Formai ellenőrzés' }).filter({
      hasText: reviewed.title,
    });
    await row.waitFor();
    await row.getByRole('link', { name: 'Koordinátor Győző' }).waitFor();
    await row.getByRole('link', { name: new RegExp(reviewed.title) }).waitFor();
    expect(await row.locator('time').getAttribute('datetime')).toBe(entry.occurred_at.toISOString());
    expect(await row.locator('time').textContent()).toBe(budapestHu(entry.occurred_at));
    await row.getByText('Részletek').click();
    await row.getByText('null → ineligible').waitFor();

    // by event: only formal checks
    await page.getByLabel('Esemény').selectOption({ label: 'Formai ellenőrzés' });
    await page.getByRole('button', { name: 'Szűrés' }).click();
    await page.waitForURL(/action=application\.formal_checked/);
    await page.getByText(/Összesen: 2$/).waitFor();
    await page.getByTestId('audit-entry').filter({ hasText: other.title }).waitFor();
    expect(await page.getByTestId('audit-entry').count()).toBe(2);
    await screenshot(page, 'coordinator-audit-hu');

    // by actor, from a row: the applicant's staff member's events only
    await page.getByLabel('Esemény').selectOption({ label: 'Mind' });
    await page.getByLabel('Végrehajtó (név vagy e-mail-cím részlete)').fill('ügyintéző ág');
    await page.getByRole('button', { name: 'Szűrés' }).click();
    await page.getByTestId('audit-entry').filter({ hasText: 'Pályázat beadása' }).first().waitFor();
    const actors = await page.getByTestId('audit-entry').locator('td:nth-child(4)').allTextContents();
    expect(new Set(actors)).toEqual(new Set(['Ügyintéző Ágnes']));

    // a day range the wrong way round: the api names the field
    await page.getByRole('button', { name: 'Szűrők törlése' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.getByTestId('audit-entry').filter({ hasText: 'Koordinátor Győző' }).first().waitFor();
    await page.getByLabel('Első nap').fill('2026-04-02');
    await page.getByLabel('Utolsó nap').fill('2026-04-01');
    await page.getByRole('button', { name: 'Szűrés' }).click();
    await page.waitForURL(/from=2026-04-02&to=2026-04-01/);
    await page.getByText('A záró nap nem lehet korábbi a kezdő napnál.').waitFor();
    expect(await page.getByLabel('Utolsó nap').getAttribute('aria-invalid')).toBe('true');
    await page.close();
  }, 60_000);

  it('asks the ranking page in two rounds: the round-independent queries at once, the round views after the rounds', async () => {
    const page = await context.newPage();
    const traffic = watchApi(page);
    await visit(`/koordinator/felhivasok/${scoring.id}/rangsor`, page);
    await page.getByTestId('ranking-row').first().waitFor();
    await page.getByRole('heading', { name: 'Díjfokozatok' }).waitFor();
    await traffic.settled();
    expect(traffic.roundsByPath()).toEqual(
      new Map([
        ['/api/auth/me', 1],
        [`/api/calls/${scoring.id}`, 1],
        [`/api/calls/${scoring.id}/rounds`, 1],
        [`/api/calls/${scoring.id}/award-levels`, 1],
        [`/api/calls/${scoring.id}/decisions`, 1],
        [`/api/rounds/${roundId}/progress/jurors`, 2],
        [`/api/rounds/${roundId}/ranking`, 2],
        [`/api/rounds/${roundId}/sensitivity`, 2],
      ]),
    );
    // the juror progress stays on the ranking page
    await page.locator('figure', { hasText: 'Értékelés állása bírálónként' }).waitFor();
    await page.close();
  }, 60_000);

  it('sets the award levels before any decision, refuses a bad code naming it, and freezes them once a theme is decided', async () => {
    const page = await visit(`/koordinator/felhivasok/${scoring.id}/rangsor`);
    const levels = page.getByTestId('award-level');
    await levels.first().waitFor();
    const before = await levels.count();
    await page.getByRole('button', { name: 'Új fokozat' }).click();
    const added = levels.nth(before);
    await added.getByLabel('Kód (pl. nyertes)').fill('kulondij');
    await added.getByLabel('Név magyarul').fill('Különdíj – közösségépítés');
    await added.getByLabel('Név angolul').fill('Special prize – community building');
    await page.getByRole('button', { name: `Feljebb: ${before + 1}. fokozat` }).click();
    await page.getByRole('button', { name: 'Díjfokozatok mentése' }).click();
    await page.getByRole('status').filter({ hasText: 'A díjfokozatok elmentve.' }).waitFor();
    const stored = await served.t.dataSource.query<Array<{ code: string; name_hu: string }>>(
      `SELECT code, name_hu FROM award_level WHERE call_id = $1 ORDER BY position`,
      [scoring.id],
    );
    expect(stored).toHaveLength(before + 1);
    expect(stored[before - 1]).toEqual({ code: 'kulondij', name_hu: 'Különdíj – közösségépítés' });
    const audited = await served.t.dataSource.query<unknown[]>(
      `SELECT 1 FROM audit_log WHERE action = 'results.award_levels_set' AND target_id = $1`,
      [scoring.id],
    );
    expect(audited).toHaveLength(1);
    // the decision form offers the new level
    await page.getByRole('option', { name: 'Különdíj – közösségépítés' }).first().waitFor({ state: 'attached' });
    await screenshot(page, 'coordinator-award-levels-hu');
    expect(await seriousViolations(page)).toEqual([]);

    // a code the api refuses: named, nothing saved
    await levels.nth(0).getByLabel('Kód (pl. nyertes)').fill('Rossz Kód');
    await page.getByRole('button', { name: 'Díjfokozatok mentése' }).click();
    await page
      .getByRole('alert')
      .getByText(/Kisbetűvel kezdődő kód/)
      .waitFor();
    const unchanged = await served.t.dataSource.query<Array<{ code: string }>>(
      `SELECT code FROM award_level WHERE call_id = $1 ORDER BY position`,
      [scoring.id],
    );
    expect(unchanged.map((l) => l.code)).toEqual(stored.map((l) => l.code));

    // a theme decided: the levels are shown, no longer editable
    const c = await signIn(served.t.server, scoring.coordinator.email, scoring.coordinator.password);
    const ranking = await wholeRanking(c.agent, roundId);
    const theme = scoring.themes[0];
    const best = ranking.filter((r) => r.themeId === theme.id).sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))[0];
    await put(c, `/api/calls/${scoring.id}/themes/${theme.id}/awards`, {
      awards: [{ applicationId: best.applicationId, level: 'kulondij' }],
    }).expect(200);
    await page.reload();
    await page.getByText('Már van témaköri döntés: a díjfokozatok nem módosíthatók.').waitFor();
    expect(await page.getByTestId('award-level').count()).toBe(0);
    expect(await page.getByTestId('award-levels').getByRole('listitem').count()).toBe(before + 1);
    await page.close();
  }, 60_000);

  it("links a publication's files, and the public page the winner list's PDF in the chosen language", async () => {
    const page = await visit(`/koordinator/felhivasok/${published.id}/kihirdetes`);
    const files = page.getByTestId('publication-files');
    const hu = files.getByRole('link', { name: 'A díjazottak listája, magyarul (PDF)' });
    await hu.waitFor();
    expect(await hu.getAttribute('href')).toBe(`/api/publications/${publicationId}/winner-list.pdf?lang=hu`);
    const [download] = await Promise.all([page.waitForEvent('download'), hu.click()]);
    expect(download.suggestedFilename()).toBe(`LÖGY ${published.year} – díjazottak (1. változat).pdf`);
    expect(await files.getByRole('link', { name: 'A díjazottak listája, angolul (PDF)' }).getAttribute('href')).toBe(
      `/api/publications/${publicationId}/winner-list.pdf?lang=en`,
    );
    await page.getByText(/Oklevelek \(PDF\)/).click();
    const certificates = page.getByTestId('certificates').getByRole('link');
    await certificates.first().waitFor();
    expect(await certificates.count()).toBe(published.themes.length);
    const href = await certificates.first().getAttribute('href');
    expect(href).toMatch(new RegExp(`^/api/publications/${publicationId}/certificates/[0-9a-f-]{36}$`));
    const certificate = await page.request.get(`${served.url}${href}`);
    expect(certificate.status()).toBe(200);
    expect((await certificate.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'coordinator-publication-files-hu');

    // the public page, signed out
    const visitor = await portalContext(browser);
    const pub = await visitor.newPage();
    await pub.goto(`${served.url}/eredmenyek/${published.year}`);
    const link = pub.getByTestId('winner-list-pdf');
    await link.waitFor();
    expect(await link.textContent()).toBe('A díjazottak listája (PDF)');
    expect(await link.getAttribute('href')).toBe(`/api/public/calls/${published.id}/results.pdf?lang=hu`);
    const anonymous = await request(served.t.server).get((await link.getAttribute('href'))!);
    expect(anonymous.status).toBe(200);
    await pub.getByRole('button', { name: 'English' }).click();
    await pub.getByText('The winner list (PDF)').waitFor();
    expect(await link.getAttribute('href')).toBe(`/api/public/calls/${published.id}/results.pdf?lang=en`);
    const [english] = await Promise.all([pub.waitForEvent('download'), link.click()]);
    expect(english.suggestedFilename()).toBe(`LOGY ${published.year} – awarded (version 1).pdf`);
    await screenshot(pub, 'public-results-pdf-link-en');
    await visitor.close();
    await page.close();
  }, 60_000);

  it('has no serious or critical accessibility violation on these pages (axe-core)', async () => {
    const problems: string[] = [];
    for (const [name, path] of [
      ['overview', '/koordinator'],
      ['call', `/koordinator/felhivasok/${open.id}`],
      ['application', `/koordinator/felhivasok/${open.id}/palyazatok/${reviewed.id}`],
      ['audit', '/koordinator/naplo?action=application.formal_checked'],
      ['ranking', `/koordinator/felhivasok/${scoring.id}/rangsor`],
      ['publishing', `/koordinator/felhivasok/${published.id}/kihirdetes`],
    ] as const) {
      const page = await visit(path);
      await page.waitForLoadState('networkidle');
      problems.push(...(await seriousViolations(page)).map((line) => `${path}: ${line}`));
      await screenshot(page, `coordinator-review-${name}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
