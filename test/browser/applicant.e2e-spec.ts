import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { PublicationsService } from '@portal/results';
import { newCall, type TestCall } from '../factories/calls';
import { anyMunicipalities } from '../factories/municipalities';
import { newJuror, scoringCall, seatJurors } from '../factories/jury';
import { newUser, type TestUser } from '../factories/users';
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
 * A municipal user's whole job in Debian's Chromium: registering for Alsómocsolád (found by
 * typing without accents), approval by a coordinator (through the api), signing in, starting
 * an application in an open call, writing the draft in Hungarian (saved as they type, still
 * there after a reload), a stale save by a colleague kept apart, an attachment, the
 * submission check jumping to a missing field, submitting and the receipt PDF. axe-core checks
 * the register page, the list and the form; screenshots go to test-artifacts/screenshots/.
 */

const NOW = new Date('2026-11-22T15:00:00Z');
const DAY = 86_400_000;
const PASSWORD = 'Hosszú-jelszó-2026';

describe('the municipal staff in the browser', () => {
  let served: ServedApp;
  let browser: Browser;
  let call: TestCall;
  let coordinator: SignedIn;
  let ksh: string;
  const email = `ugyintezo-${randomUUID().slice(0, 8)}@alsomocsolad.teszt.hu`;
  const problems: string[] = [];

  beforeAll(async () => {
    served = await servePortal(NOW);
    const ds = served.t.dataSource;
    call = await newCall(ds, {
      opensAt: new Date(NOW.getTime() - 10 * DAY),
      closesAt: new Date(NOW.getTime() + 40 * DAY),
      titleHu: 'Próbafelhívás a böngészőteszthez',
      titleEn: 'Browser test call',
      questions: [
        { kind: 'short_text', required: true, labelHu: 'Hány lakos vett részt?', labelEn: 'How many took part?' },
      ],
    });
    const staff: TestUser = await newUser(ds, { roles: ['coordinator'], name: 'Koordinátor Kálmán' });
    coordinator = await signIn(served.t.server, staff.email, staff.password);
    [{ ksh_code: ksh }] = await ds.query<Array<{ ksh_code: string }>>(
      `SELECT ksh_code FROM municipality WHERE name = 'Alsómocsolád'`,
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  async function axe(page: Page, name: string): Promise<void> {
    problems.push(...(await seriousViolations(page)).map((line) => `${name}: ${line}`));
  }

  it('registers, is approved, writes and submits an application, and gets the receipt', async () => {
    const context = await portalContext(browser);
    const page = await context.newPage();

    // register: the municipality found by typing without accents
    await page.goto(`${served.url}/`);
    await page.getByRole('link', { name: 'Regisztráció' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await axe(page, '/regisztracio');
    await page.getByLabel('Név', { exact: true }).fill('Kovács Ödön');
    await page.getByLabel('E-mail-cím').fill(email);
    await page.getByLabel(/^Jelszó/).fill(PASSWORD);
    await page.getByRole('combobox', { name: 'Település' }).pressSequentially('alsomocsolad', { delay: 20 });
    await page.getByRole('option', { name: /Alsómocsolád/ }).waitFor();
    await screenshot(page, 'applicant-register-combobox');
    await page.getByRole('option', { name: /Alsómocsolád/ }).click();
    await page.getByText('Kiválasztott település:').waitFor();
    await screenshot(page, 'applicant-register');
    await page.getByRole('button', { name: 'Regisztráció' }).click();
    await page.getByTestId('membership').getByText('jóváhagyásra vár').waitFor();
    await page.getByText('Kovács Ödön').first().waitFor();
    await screenshot(page, 'applicant-registered');

    // a coordinator approves the membership through the api
    const pending = await coordinator.agent.get('/api/memberships').query({ status: 'pending', pageSize: 100 });
    expect(pending.status).toBe(200);
    const membership = (pending.body.items as Array<{ id: string; user?: { email: string } }>).find(
      (item) => item.user?.email === email,
    );
    expect(membership).toBeDefined();
    const approved = await coordinator.agent
      .post(`/api/memberships/${membership!.id}/approve`)
      .set('X-CSRF-Token', coordinator.csrf)
      .send({});
    expect(approved.status).toBe(200);

    // signs out and in again
    await page.getByRole('button', { name: 'Kilépés' }).click();
    await page.getByRole('link', { name: 'Belépés' }).first().click();
    await page.getByLabel(/e-mail/i).fill(email);
    await page.getByLabel(/jelszó/i).fill(PASSWORD);
    await page.getByRole('button', { name: /belépés/i }).click();
    await page.getByRole('link', { name: 'Pályázataim', exact: true }).click();
    await page.getByTestId('membership').getByText('jóváhagyva').waitFor();

    // starts an application in the open call
    const start = page.getByRole('form', { name: new RegExp(call.titleHu) });
    await start.getByLabel('Idősgondozás').check();
    await axe(page, '/palyazataim (empty)');
    await screenshot(page, 'applicant-start');
    await start.getByRole('button', { name: 'Pályázat indítása' }).click();
    await page.waitForURL(/\/palyazataim\/[0-9a-f-]{36}$/);
    const applicationId = page.url().split('/').pop()!;

    // writes in Hungarian; saved as they type
    const title = 'Időskorúak gondozása – tűzőgép és őszi műhely';
    await page.getByLabel(/A gyakorlat címe/).fill(title);
    await page
      .getByTestId('save-state')
      .getByText(/Mentve/)
      .waitFor();
    // the submission check lists what is missing and jumps to it
    await page
      .getByTestId('missing')
      .getByRole('link', { name: /Összefoglaló/ })
      .click();
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
      ),
    ).toBe('f-summary');
    const texts: Record<string, string> = {
      Összefoglaló: 'Az idősek otthoni gondozását a falu önkéntesei végzik, hűséggel és örömmel.',
      'A probléma': 'Elöregedő falu, kevés szakdolgozó, nagy távolságok a kistérségben.',
      'A gyakorlat leírása': 'Heti két látogatás, közös főzés, gyógyszerkiváltás és bevásárlás.',
      'Eredmények és hatás': 'Negyvenkét idős ember él tovább a saját otthonában, 30%-kal kevesebb kórházi nap.',
      'A lakosság bevonása': 'Tizenöt önkéntes, az iskola diákjai és a nyugdíjasklub.',
      Fenntarthatóság: 'Az önkormányzat költségvetéséből és pályázati forrásból működik tovább.',
      'Mi kell az átvételéhez': 'Egy koordinátor, önkéntesek és egy gépkocsi.',
    };
    for (const [label, text] of Object.entries(texts)) await page.getByLabel(new RegExp(label)).fill(text);
    await page.getByLabel(/A gyakorlat kezdete/).fill('2019-09-01');
    await page.getByLabel(/Teljes költség/).fill('1200000');
    await page.getByLabel(/Kapcsolattartó neve/).fill('Kovács Ödön');
    await page.getByLabel(/Kapcsolattartó beosztása/).fill('jegyző');
    await page.getByLabel(/Kapcsolattartó e-mail-címe/).fill(email);
    await page.getByLabel(/Kapcsolattartó telefonszáma/).fill('+36 72 123 456');
    await page.getByLabel(/Hány lakos vett részt/).fill('negyvenkettő');
    // a partner organisation of the steering committee (its jurors are then in conflict)
    await page.getByRole('checkbox', { name: /\(BM\)/ }).check();
    await page
      .getByTestId('save-state')
      .getByText(/Mentve/)
      .waitFor();
    await page.getByText('Minden kötelező mező ki van töltve.').waitFor();

    // reloads and finds the draft
    await page.reload();
    await expect(page.getByLabel(/A gyakorlat címe/).inputValue()).resolves.toBe(title);
    await expect(page.getByLabel(/Összefoglaló/).inputValue()).resolves.toBe(texts['Összefoglaló']);
    await expect(page.getByRole('checkbox', { name: /\(BM\)/ }).isChecked()).resolves.toBe(true);
    await axe(page, '/palyazataim/:id');
    await screenshot(page, 'applicant-form');

    // a colleague saves meanwhile: the stale save shows what changed, and the user keeps their text
    const colleague = await newUser(served.t.dataSource, { municipalityKsh: ksh, name: 'Szabó Ünige' });
    const other = await signIn(served.t.server, colleague.email, colleague.password);
    const current = await other.agent.get(`/api/applications/${applicationId}`);
    expect(current.body.content.partnerOrganisations).toEqual(['BM']);
    const patched = await other.agent
      .patch(`/api/applications/${applicationId}`)
      .set('X-CSRF-Token', other.csrf)
      .send({ version: current.body.version, content: { partners: 'Baranya megyei könyvtár' } });
    expect(patched.status).toBe(200);
    const mine = 'Heti három látogatás, közös főzés, gyógyszerkiváltás, bevásárlás és őszi kertészkedés.';
    await page.getByLabel(/A gyakorlat leírása/).fill(mine);
    const conflict = page.getByTestId('conflict');
    await conflict.getByText('Baranya megyei könyvtár').waitFor();
    await conflict.getByText(/nem mentett módosításai: A gyakorlat leírása/).waitFor();
    await screenshot(page, 'applicant-conflict');
    await conflict.getByRole('button', { name: 'Az én szövegem megtartása' }).click();
    await page
      .getByTestId('save-state')
      .getByText(/Mentve/)
      .waitFor();
    const merged = await other.agent.get(`/api/applications/${applicationId}`);
    expect(merged.body.content.practice).toBe(mine);
    expect(merged.body.content.partners).toBe('Baranya megyei könyvtár');

    // an attachment, listed after the upload
    await page.getByLabel(/Fájl feltöltése/).setInputFiles({
      name: 'bemutató-előadás.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await page.getByRole('button', { name: 'Feltöltés', exact: true }).click();
    await page
      .getByTestId('attachments')
      .getByRole('link', { name: /bemutató/ })
      .waitFor();

    // submits after a clear confirmation, and gets the receipt
    await page.getByRole('button', { name: 'Pályázat beadása' }).click();
    const dialog = page.getByRole('dialog', { name: 'Biztosan beadja a pályázatot?' });
    await dialog.getByText('Alsómocsolád nevében').waitFor();
    await screenshot(page, 'applicant-confirm');
    await dialog.getByRole('button', { name: 'Igen, beadom' }).click();
    const receipt = page.getByRole('link', { name: /Átvételi elismervény/ });
    await receipt.waitFor();
    await screenshot(page, 'applicant-submitted');
    const href = await receipt.getAttribute('href');
    expect(href).toBe(`/api/applications/${applicationId}/submissions/1/receipt`);
    const pdf = await page.request.get(`${served.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // the list shows it submitted
    await page.getByRole('link', { name: 'Pályázataim', exact: true }).click();
    const item = page.getByTestId('application').filter({ hasText: title });
    await item.getByText('beadva', { exact: true }).waitFor();
    // the theme applied in is not offered again
    await expect(page.getByLabel(/Idősgondozás/).isDisabled()).resolves.toBe(true);
    await axe(page, '/palyazataim');
    await screenshot(page, 'applicant-list');
    await context.close();

    expect(problems).toEqual([]);
  }, 180_000);

  it('works on a phone: the form fits the screen, and switches to English', async () => {
    const user = await newUser(served.t.dataSource, { municipalityKsh: ksh });
    const context = await browser.newContext({
      locale: 'hu-HU',
      viewport: { width: 375, height: 740 },
      isMobile: true,
    });
    const page = await context.newPage();
    await signInThroughPage(page, served.url, user.email, user.password);
    await page.getByText(user.name).first().waitFor();
    await page.goto(`${served.url}/palyazataim`);
    await page.getByRole('link', { name: /Időskorúak gondozása/ }).click();
    await page.getByLabel(/A gyakorlat címe/).waitFor();
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'applicant-form-phone');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Back to my applications' }).waitFor();
    await page.getByText('Receipt (PDF, submission 1)').waitFor();
    await context.close();
  }, 60_000);

  it('keeps text typed while the server cannot be reached, and saves it on the next visit', async () => {
    const user = await newUser(served.t.dataSource, { municipalityKsh: ksh, name: 'Fekete Győző' });
    const api = await signIn(served.t.server, user.email, user.password);
    const created = await api.agent
      .post(`/api/calls/${call.id}/applications`)
      .set('X-CSRF-Token', api.csrf)
      .send({ themeId: call.themes[2].id, municipalityKsh: ksh });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const context = await browser.newContext({ locale: 'hu-HU', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInThroughPage(page, served.url, user.email, user.password);
    await page.getByText(user.name).first().waitFor();
    await page.goto(`${served.url}/palyazataim/${id}`);
    // the server is away: the save fails, the text stays in the browser
    await page.route(`**/api/applications/${id}`, (route) =>
      route.request().method() === 'PATCH' ? route.abort() : route.continue(),
    );
    const text = 'Önkéntes tűzoltók és a falugondnok közös ügyelete, éjjel-nappal.';
    await page.getByLabel(/A gyakorlat leírása/).fill(text);
    await page
      .getByTestId('save-state')
      .getByText(/nem sikerült/)
      .waitFor();
    await page.close();

    const again = await context.newPage();
    await again.goto(`${served.url}/palyazataim/${id}`);
    await again.getByText(/visszaállítottuk/).waitFor();
    await again
      .getByTestId('save-state')
      .getByText(/Mentve/)
      .waitFor();
    expect(await again.getByLabel(/A gyakorlat leírása/).inputValue()).toBe(text);
    const saved = await api.agent.get(`/api/applications/${id}`);
    expect(saved.body.content.practice).toBe(text);
    await context.close();
  }, 60_000);

  it('shows the published outcome and the jury’s feedback on the list and the application', async () => {
    const ds = served.t.dataSource;
    const past = await scoringCall(ds, { now: NOW, applications: 1, municipalityKsh: [ksh] });
    const [application] = past.applications;
    const jurorUser = await newJuror(ds, { organisationCode: 'BM', name: 'Bíráló Bence' });
    await seatJurors(ds, past.id, [jurorUser], { addedBy: past.coordinator.id });
    const coord = await signIn(served.t.server, past.coordinator.email, past.coordinator.password);
    const write = (who: SignedIn, method: 'put' | 'post', url: string, body: object = {}) =>
      who.agent[method](url).set('X-CSRF-Token', who.csrf).send(body);
    expect((await write(coord, 'put', `/api/calls/${past.id}/jury/settings`, { jurorsPerApplication: 1 })).status).toBe(
      200,
    );
    const round = await write(coord, 'post', `/api/calls/${past.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    });
    expect(round.status).toBe(201);
    expect((await write(coord, 'post', `/api/rounds/${round.body.id as string}/auto-assign`)).status).toBe(200);
    const juror = await signIn(served.t.server, jurorUser.email, jurorUser.password);
    const mine = await juror.agent.get(`/api/jury/assignments?roundId=${round.body.id as string}&pageSize=100`);
    const feedback = 'Példaértékű összefogás; érdemes lenne a költségeket részletesebben bemutatni.';
    for (const assignment of mine.body.items as Array<{ id: string }>) {
      const scored = await write(juror, 'put', `/api/assignments/${assignment.id}/scorecard`, {
        scores: (round.body.criteria as Array<{ id: string; maxPoints: number }>).map((c) => ({
          criterionId: c.id,
          points: c.maxPoints,
        })),
        privateNote: 'Csak a zsűrinek szól.',
        feedback,
        submit: true,
      });
      expect(scored.status).toBe(200);
    }
    expect((await write(coord, 'post', `/api/rounds/${round.body.id as string}/close`)).status).toBe(200);
    expect(
      (
        await write(coord, 'put', `/api/calls/${past.id}/themes/${application.themeId}/awards`, {
          awards: [{ applicationId: application.id, level: 'winner' }],
        })
      ).status,
    ).toBe(200);
    for (const theme of past.themes.filter((item) => item.id !== application.themeId)) {
      expect(
        (await write(coord, 'put', `/api/calls/${past.id}/themes/${theme.id}/awards`, { awards: [] })).status,
      ).toBe(200);
    }
    expect((await write(coord, 'post', `/api/calls/${past.id}/decide`)).status).toBe(200);
    const publication = await write(coord, 'post', `/api/calls/${past.id}/publications`);
    expect(publication.status).toBe(202);
    await served.t.app.get(PublicationsService).run(publication.body.id as string);

    const user = await newUser(ds, { municipalityKsh: ksh, name: 'Eredmény Emőke' });
    const context = await portalContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, served.url, user.email, user.password);
    await page.getByText(user.name).first().waitFor();
    await page.goto(`${served.url}/palyazataim`);
    const card = page.getByTestId('application').filter({ hasText: application.title });
    await card.getByText('Díjazott: Nyertes').waitFor();
    await card.getByRole('link', { name: application.title }).click();
    const outcome = page.getByTestId('outcome');
    await outcome.getByText('Díjazott: Nyertes').waitFor();
    await outcome.getByText(feedback).waitFor();
    expect(await outcome.textContent()).not.toContain('Bíráló Bence');
    expect(await outcome.textContent()).not.toContain('Csak a zsűrinek');
    await screenshot(page, 'applicant-outcome');
    await axe(page, 'outcome');
    await page.getByRole('button', { name: 'English' }).click();
    await outcome.getByText('Awarded: Winner').waitFor();
    await outcome.getByRole('heading', { name: 'The jury’s feedback' }).waitFor();
    await context.close();
    expect(problems).toEqual([]);
  }, 90_000);

  it('loads /palyazataim in two requests however many applications and open calls there are', async () => {
    const ds = served.t.dataSource;
    const [many, one] = anyMunicipalities(3)
      .filter((m) => m.kshCode !== ksh)
      .map((m) => m.kshCode);
    // three applications in a call whose results are out, three in a call being scored, one in each open call
    const earlier = await scoringCall(ds, { now: NOW, applications: 3, municipalityKsh: [many] });
    await ds.query(`UPDATE call SET decided_at = $2, results_published_at = $2 WHERE id = $1`, [
      earlier.id,
      new Date(NOW.getTime() - DAY),
    ]);
    await scoringCall(ds, { now: NOW, applications: 3, municipalityKsh: [many] });
    const second = await newCall(ds, {
      opensAt: new Date(NOW.getTime() - 2 * DAY),
      closesAt: new Date(NOW.getTime() + 20 * DAY),
      titleHu: 'Második nyitott felhívás',
      titleEn: 'Second open call',
    });
    const manyUser = await newUser(ds, { municipalityKsh: many, name: 'Sokpályázatú Soma' });
    const oneUser = await newUser(ds, { municipalityKsh: one, name: 'Egypályázatú Enikő' });
    for (const [user, municipalityKsh, open] of [
      [manyUser, many, call],
      [manyUser, many, second],
      [oneUser, one, call],
    ] as const) {
      const api = await signIn(served.t.server, user.email, user.password);
      const created = await api.agent
        .post(`/api/calls/${open.id}/applications`)
        .set('X-CSRF-Token', api.csrf)
        .send({ themeId: open.themes[0].id, municipalityKsh });
      expect(created.status).toBe(201);
    }

    async function requestsOfTheList(user: TestUser, cards: number): Promise<string[]> {
      const context = await portalContext(browser);
      const page = await context.newPage();
      const traffic = watchApi(page);
      await signInThroughPage(page, served.url, user.email, user.password);
      await page.getByText(user.name).first().waitFor();
      // what the page after sign-in asks for is not the list's
      await traffic.settled();
      let from = traffic.requests().length;
      await page.goto(`${served.url}/palyazataim`);
      await page
        .getByTestId('application')
        .nth(cards - 1)
        .waitFor();
      expect(await page.getByTestId('application').count()).toBe(cards);
      // both open calls offer their themes for a new application
      for (const open of [call, second]) {
        const form = page.getByRole('form', { name: new RegExp(open.titleHu) });
        await form.getByRole('radio').first().waitFor();
        expect(await form.getByRole('radio').count()).toBe(open.themes.length);
      }
      await traffic.settled();
      const onLoad = traffic.requests().slice(from);
      await expectTitle(page, 'Pályázataim – LÖGY portál');
      if (cards > 1) await screenshot(page, 'applicant-list-many');

      // and the same when reached from another page of the portal
      await page.getByRole('link', { name: 'Felhívások' }).click();
      await page.getByRole('heading', { level: 1, name: 'Pályázati felhívások' }).waitFor();
      await traffic.settled();
      from = traffic.requests().length;
      await page.getByRole('link', { name: 'Pályázataim', exact: true }).click();
      await page
        .getByTestId('application')
        .nth(cards - 1)
        .waitFor();
      expect(await page.getByTestId('application').count()).toBe(cards);
      // the user is known by then: both at once, in one round
      await traffic.settled();
      const afterNavigation = traffic.requests().slice(from).sort();
      await context.close();
      return [...onLoad.sort(), '|', ...afterNavigation];
    }

    const expected = [
      'GET /api/auth/me',
      'GET /api/my-applications',
      '|',
      'GET /api/auth/me',
      'GET /api/my-applications',
    ];
    expect(await requestsOfTheList(manyUser, 8)).toEqual(expected);
    expect(await requestsOfTheList(oneUser, 1)).toEqual(expected);
  }, 120_000);

  it('shows a file operation the server never answered in the user’s language', async () => {
    const [other] = anyMunicipalities(2).filter((m) => m.kshCode !== ksh);
    const user = await newUser(served.t.dataSource, { municipalityKsh: other.kshCode, name: 'Csatoló Csilla' });
    const api = await signIn(served.t.server, user.email, user.password);
    const created = await api.agent
      .post(`/api/calls/${call.id}/applications`)
      .set('X-CSRF-Token', api.csrf)
      .send({ themeId: call.themes[1].id, municipalityKsh: other.kshCode });
    expect(created.status).toBe(201);
    const context = await portalContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, served.url, user.email, user.password);
    await page.getByText(user.name).first().waitFor();
    await page.goto(`${served.url}/palyazataim/${created.body.id as string}`);
    await page.route('**/api/applications/*/attachments', (route) => route.abort());
    await page.getByLabel(/Fájl feltöltése/).setInputFiles({
      name: 'leiras.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await page.getByRole('button', { name: 'Feltöltés', exact: true }).click();
    const alert = page.getByTestId('attachments').locator('xpath=..').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^(A fájlművelet nem sikerült\.|A szerver nem érhető el\.) Ellenőrizze az internetkapcsolatot, és próbálja újra\.$/,
    );
    await context.close();
  }, 60_000);
});
