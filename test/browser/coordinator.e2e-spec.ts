import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newJuror, scoringCall, type ScoringCall, seatJurors, wholeRanking } from '../factories/jury';
import { anyMunicipality } from '../factories/municipalities';
import { newUser, type TestUser } from '../factories/users';
import {
  coordinatorContext,
  launchBrowser,
  screenshot,
  seriousViolations,
  type ServedApp,
  servePortal,
  expectTitle,
} from '../setup/browser';
import { eventually } from '../setup/eventually';
import { signIn, type SignedIn } from '../setup/test-app';
import { isolateQueuePrefix, startTestWorker, type TestWorker } from '../setup/test-worker';

/**
 * The coordinator's screens in Debian's Chromium: approving and rejecting membership requests,
 * and publishing a decided call's results with the worker running the job, after which the
 * public results page shows the winners; axe-core's check of the coordinator pages.
 */

const NOW = new Date('2026-06-10T08:00:00Z');
const DAY = 86_400_000;

function put(who: SignedIn, url: string, body: object) {
  return who.agent.put(url).set('X-CSRF-Token', who.csrf).send(body);
}
function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}

/** Scores every application with four jurors, closes the round, awards each theme's first and decides. */
async function decide(served: ServedApp, call: ScoringCall): Promise<void> {
  const { t } = served;
  const jurors: TestUser[] = [];
  for (const code of ['BM', 'TÖOSZ', 'HOA', 'MÖSZ']) {
    jurors.push(await newJuror(t.dataSource, { organisationCode: code, name: `Bíráló ${code}` }));
  }
  await seatJurors(t.dataSource, call.id, jurors, { addedBy: call.coordinator.id });
  const coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
  await put(coordinator, `/api/calls/${call.id}/jury/settings`, { jurorsPerApplication: 3 }).expect(200);
  const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
    closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
  }).expect(201);
  const roundId = round.body.id as string;
  const criteria = round.body.criteria as Array<{ id: string }>;
  await post(coordinator, `/api/rounds/${roundId}/auto-assign`).expect(200);
  for (const [j, juror] of jurors.entries()) {
    const agent = await signIn(t.server, juror.email, juror.password);
    const mine = await agent.agent.get(`/api/jury/assignments?roundId=${roundId}&pageSize=100`);
    for (const assignment of mine.body.items as Array<{ id: string; applicationId: string }>) {
      const a = call.applications.findIndex((x) => x.id === assignment.applicationId);
      await put(agent, `/api/assignments/${assignment.id}/scorecard`, {
        scores: [
          { criterionId: criteria[0].id, points: (a * 3 + j) % 11 },
          { criterionId: criteria[1].id, points: (a * 7 + 2 * j + 1) % 6 },
        ],
        feedback: `Visszajelzés ${a + 1}: jól átvehető gyakorlat.`,
        submit: true,
      }).expect(200);
    }
  }
  await post(coordinator, `/api/rounds/${roundId}/close`).expect(200);
  await put(coordinator, `/api/calls/${call.id}/award-levels`, {
    levels: [
      { code: 'winner', nameHu: 'Nyertes', nameEn: 'Winner' },
      { code: 'commendation', nameHu: 'Elismerő oklevél', nameEn: 'Commendation' },
    ],
  }).expect(200);
  const ranking = await wholeRanking(coordinator.agent, roundId);
  for (const theme of call.themes) {
    const ordered = ranking.filter((r) => r.themeId === theme.id).sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
    await put(coordinator, `/api/calls/${call.id}/themes/${theme.id}/awards`, {
      awards: ordered.slice(0, 1).map((row) => ({ applicationId: row.applicationId, level: 'winner' })),
    }).expect(200);
  }
  await post(coordinator, `/api/calls/${call.id}/decide`).expect(200);
}

describe('the coordinator in the browser', () => {
  let served: ServedApp;
  let worker: TestWorker;
  let browser: Browser;
  let context: BrowserContext;
  let call: ScoringCall;
  let pending: TestUser[];

  beforeAll(async () => {
    isolateQueuePrefix();
    served = await servePortal(NOW);
    worker = await startTestWorker();
    call = await scoringCall(served.t.dataSource, { now: NOW, applications: 6 });
    await decide(served, call);
    pending = [];
    for (const name of ['Kérelmező Ödön', 'Kérelmező Űrsula']) {
      pending.push(
        await newUser(served.t.dataSource, {
          name,
          municipalityKsh: anyMunicipality().kshCode,
          membershipStatus: 'pending',
        }),
      );
    }
    browser = await launchBrowser();
    context = await coordinatorContext(browser, served.url, call.coordinator);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await worker?.close();
    await served?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${served.url}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  it('approves one membership request and rejects another with a reason', async () => {
    const page = await open('/');
    await page.getByRole('link', { name: 'Koordináció' }).click();
    await page.getByRole('link', { name: 'Tagsági kérelmek' }).click();
    const first = page.getByTestId('membership').filter({ hasText: pending[0].name });
    await first.waitFor();
    await screenshot(page, 'coordinator-memberships-hu');
    await first.getByRole('button', { name: 'Jóváhagyás' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /jóváhagyva/ })
      .waitFor();
    await first.waitFor({ state: 'detached' });

    const second = page.getByTestId('membership').filter({ hasText: pending[1].name });
    await second.getByRole('button', { name: 'Elutasítás' }).click();
    await second.getByLabel('Az elutasítás indoka').fill('Nem az önkormányzat munkatársa.');
    await second.getByRole('button', { name: 'Elutasítás megerősítése' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /elutasítva/ })
      .waitFor();

    const rows = await served.t.dataSource.query<Array<{ user_id: string; status: string; decision_note: string }>>(
      `SELECT user_id, status, decision_note FROM membership WHERE user_id = ANY($1)`,
      [pending.map((user) => user.id)],
    );
    const byUser = new Map(rows.map((row) => [row.user_id, row]));
    expect(byUser.get(pending[0].id)?.status).toBe('approved');
    expect(byUser.get(pending[1].id)).toMatchObject({
      status: 'rejected',
      decision_note: 'Nem az önkormányzat munkatársa.',
    });
    await page.close();
  }, 60_000);

  it("shows the round's ranking with its disagreement flags, the sensitivity view and the decisions", async () => {
    const page = await open(`/koordinator/felhivasok/${call.id}/rangsor`);
    await page.getByTestId('ranking-row').first().waitFor();
    expect(await page.getByTestId('ranking-row').count()).toBe(call.applications.length);
    // the scoring progress per juror (4 jurors, every scorecard submitted)
    const progress = page.locator('figure', { hasText: 'Értékelés állása bírálónként' });
    await progress.waitFor();
    expect(await progress.locator('li').count()).toBe(4);
    await page.getByRole('heading', { name: 'Érzékenységvizsgálat: nyertesek módszerenként' }).waitFor();
    await page.getByRole('heading', { name: 'Döntések témakörönként' }).waitFor();
    // only the flagged rows: what the api answers for the filter, every row marked
    const answer = page.waitForResponse((res) => /\/ranking\?.*flagged=true/.test(res.url()));
    await page.getByRole('checkbox', { name: 'Csak a nagy eltérésűek' }).check();
    const flagged = ((await (await answer).json()) as { items: Array<{ flagged: boolean }> }).items;
    expect(flagged.every((row) => row.flagged)).toBe(true);
    const rows = page.getByTestId('ranking-row');
    await eventually(async () => (await rows.count()) === flagged.length, 5_000);
    expect(await rows.filter({ hasText: 'nagy eltérés' }).count()).toBe(flagged.length);
    await screenshot(page, 'coordinator-ranking-hu');
    await page.close();
  }, 60_000);

  it('publishes the decided call, watches the progress reach done, and the public page shows the winners', async () => {
    const page = await open('/koordinator/felhivasok');
    await page.getByRole('link', { name: call.titleHu }).click();
    await page.getByRole('heading', { level: 1, name: call.titleHu }).waitFor();
    await expectTitle(page, `${call.titleHu} – LÖGY portál`);
    // the call's dashboard: submissions per theme and per county (every county listed, zeros too)
    const perCounty = page.locator('figure', { hasText: 'Beadott pályázatok megyénként' });
    await perCounty.waitFor();
    expect(await perCounty.locator('li').count()).toBe(20);
    const counted = (await perCounty.locator('li').allTextContents()).map((text) =>
      Number(/(\d+)\s*$/.exec(text)?.[1]),
    );
    expect(counted.reduce((sum, n) => sum + n, 0)).toBe(call.applications.length);
    await screenshot(page, 'coordinator-call-hu');
    await page.getByRole('link', { name: 'Eredményhirdetés' }).click();
    await page.getByRole('button', { name: 'Eredmények kihirdetése' }).click();
    await page.getByTestId('publication-status').waitFor();
    await page.getByTestId('publication-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('publication-status').textContent()).toContain('kész');
    await screenshot(page, 'coordinator-published-hu');

    await page.getByRole('link', { name: 'A nyilvános eredménylap' }).click();
    await page.getByTestId('award').first().waitFor();
    const awards = await page.getByTestId('award').allTextContents();
    const winners = call.applications.filter((a) => awards.some((text) => text.includes(a.title)));
    expect(awards.length).toBe(call.themes.length);
    expect(winners.length).toBeGreaterThan(0);
    await screenshot(page, 'coordinator-public-results-hu');
    await page.close();
  }, 90_000);

  it('switches to English and fits a phone screen', async () => {
    const phone = await browser.newContext({
      locale: 'hu-HU',
      viewport: { width: 375, height: 740 },
      isMobile: true,
      storageState: await context.storageState(),
    });
    const page = await phone.newPage();
    await page.goto(`${served.url}/koordinator/felhivasok/${call.id}/kihirdetes`);
    await page.getByRole('heading', { level: 1, name: /eredmények kihirdetése/ }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: /Publishing the results/ }).waitFor();
    await page.getByTestId('publication-status').getByText('done').waitFor();
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'coordinator-publishing-phone-en');
    await phone.close();
  }, 60_000);

  it('has no serious or critical accessibility violation on the coordinator pages (axe-core)', async () => {
    const problems: string[] = [];
    for (const path of [
      '/koordinator',
      '/koordinator/tagsagok',
      '/koordinator/felhivasok',
      `/koordinator/felhivasok/${call.id}`,
      `/koordinator/felhivasok/${call.id}/palyazatok`,
      `/koordinator/felhivasok/${call.id}/palyazatok/${call.applications[0].id}`,
      `/koordinator/felhivasok/${call.id}/rangsor`,
      `/koordinator/felhivasok/${call.id}/kihirdetes`,
      '/koordinator/naplo',
      '/koordinator/levelek',
    ]) {
      const page = await open(path);
      await page.waitForLoadState('networkidle');
      problems.push(...(await seriousViolations(page)).map((line) => `${path}: ${line}`));
      await screenshot(
        page,
        `coordinator${path.replaceAll('/', '-').replace(call.id, 'call').replace(call.applications[0].id, 'application')}`,
      );
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
