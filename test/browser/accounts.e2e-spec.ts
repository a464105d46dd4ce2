import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { loadEnv, overrideEnv } from '@portal/config';
import { FixedClock, fromRoot, WEB_PATHS, type WebPath } from '@portal/core';
import { MAIL_TEMPLATES } from '@portal/mail';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../../scripts/demo-data';
import { auditRows, mailsTo, newUser } from '../factories/users';
import {
  launchBrowser,
  portalContext,
  screenshot,
  seriousViolations,
  type ServedApp,
  servePortal,
  signInThroughPage,
  expectLang,
  expectTitle,
} from '../setup/browser';
import { eventually } from '../setup/eventually';
import { recipients, type SmtpSink, startSmtpSink } from '../setup/smtp-sink';
import { signIn, type SignedIn } from '../setup/test-app';
import { isolateQueuePrefix, startTestWorker, type TestWorker } from '../setup/test-worker';

/**
 * Accounts in Debian's Chromium, with the real worker delivering mail to an SMTP server in
 * the test: a juror invited by a coordinator accepts from the link of the mail and lands
 * signed in on the jury pages; used, revoked and expired invitation links say so; a user
 * resets a forgotten password from the mail's link and signs in with the new one; the
 * account's language wins over the browser's choice and a switch is saved on the account.
 * And every link any mail sends opens a page the web routes (never "page not found").
 */

const NOW = new Date('2026-11-22T15:00:00Z');
const DAY = 86_400_000;
const NOT_FOUND_HU = 'Az oldal nem található';

/** The language the portal keeps in the browser's localStorage. */
function storedLang(page: Page): Promise<string | null> {
  return page.evaluate(() =>
    (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem(
      'logy.lang',
    ),
  );
}

describe('accounts in the browser: invitations, password reset, the account’s language, mail links', () => {
  let served: ServedApp;
  let worker: TestWorker;
  let sink: SmtpSink;
  let browser: Browser;
  let coordinator: SignedIn;
  let bmId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    isolateQueuePrefix();
    sink = await startSmtpSink();
    overrideEnv({ SMTP_URL: sink.url });
    served = await servePortal(NOW);
    worker = await startTestWorker();
    await seedDemo(served.t.dataSource, new FixedClock(NOW));
    const staff = await newUser(served.t.dataSource, { roles: ['coordinator'], name: 'Koordinátor Kornélia' });
    coordinator = await signIn(served.t.server, staff.email, staff.password);
    [{ id: bmId }] = await served.t.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM organisation WHERE code = 'BM'`,
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await served?.close();
    await sink?.close();
    overrideEnv({ SMTP_URL: '' });
  });

  /** The link of a delivered mail as the recipient got it (text part), and its path on the served portal. */
  function linkIn(mail: ParsedMail, pathPrefix: string): string {
    const publicUrl = loadEnv().PUBLIC_URL;
    const escaped = `${publicUrl}${pathPrefix}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const found = (mail.text ?? '').match(new RegExp(`${escaped}\\S*`));
    if (!found) throw new Error(`no ${publicUrl}${pathPrefix} link in the mail: ${mail.text}`);
    const url = new URL(found[0]);
    return `${served.url}${url.pathname}${url.search}`;
  }

  async function invite(email: string, name: string): Promise<{ id: string; link: string }> {
    const created = await coordinator.agent
      .post('/api/invitations')
      .set('X-CSRF-Token', coordinator.csrf)
      .send({ email, name, role: 'juror', organisationId: bmId });
    expect(created.status).toBe(201);
    const mail = await sink.waitFor((m) => recipients(m).includes(email), 20_000);
    expect(mail.subject).toBeTruthy();
    return { id: created.body.id as string, link: linkIn(mail, '/meghivo?token=') };
  }

  it('a juror accepts the invitation from the mail’s link and ends up signed in on the jury pages', async () => {
    const email = `biralo-${randomUUID().slice(0, 8)}@bm.teszt.hu`;
    const { id, link } = await invite(email, 'Bíráló Őszike');
    const context = await portalContext(browser);
    const page = await context.newPage();
    await page.goto(link);

    const invitation = page.getByTestId('invitation');
    await invitation.getByText('Belügyminisztérium').waitFor();
    expect(await invitation.textContent()).toContain('bíráló, az Irányító Bizottság tagja');
    expect(await invitation.textContent()).toContain(email);
    await expectTitle(page, 'Meghívás elfogadása – LÖGY portál');
    expect(await page.getByLabel('Név').inputValue()).toBe('Bíráló Őszike');
    problems.push(...(await seriousViolations(page)).map((line) => `/meghivo: ${line}`));
    await screenshot(page, 'account-invitation');

    // the api's refusal on the field; nothing is created
    await page.getByLabel(/^Jelszó/).fill('rövid');
    await page.getByRole('button', { name: 'Elfogadom a meghívást' }).click();
    await page.locator('#invitation-password-error').getByText('Legalább 10 karakter hosszú legyen.').waitFor();
    expect(await page.getByLabel(/^Jelszó/).getAttribute('aria-invalid')).toBe('true');
    expect(await served.t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email.toLowerCase()])).toEqual(
      [],
    );

    await page.getByLabel(/^Jelszó/).fill('Bírálói-jelszó-2026');
    await page.getByRole('button', { name: 'Elfogadom a meghívást' }).click();
    await page.waitForURL(`${served.url}/zsuri`);
    await page.getByRole('heading', { level: 1, name: 'Zsűrimunka' }).waitFor();
    await page.getByText('Bíráló Őszike').first().waitFor();
    await page.getByRole('button', { name: 'Kilépés' }).waitFor();
    await screenshot(page, 'account-invitation-accepted');

    const [user] = await served.t.dataSource.query<Array<{ id: string; roles: string[]; organisation_id: string }>>(
      `SELECT id, roles, organisation_id FROM app_user WHERE email = $1`,
      [email.toLowerCase()],
    );
    expect(user).toMatchObject({ roles: ['juror'], organisation_id: bmId });
    expect((await auditRows(served.t.dataSource, id)).map((row) => row.action)).toEqual([
      'invitation.created',
      'invitation.accepted',
    ]);

    // the same link again, in another browser: used
    const other = await portalContext(browser);
    const again = await other.newPage();
    await again.goto(link);
    await again.getByRole('heading', { level: 1, name: 'A meghívó nem érvényes' }).waitFor();
    await again
      .getByRole('alert')
      .getByText(/lejárt, már elfogadták vagy visszavonták/)
      .waitFor();
    await other.close();
    await context.close();
  }, 90_000);

  it('a revoked or expired invitation link says so, and accepts nothing', async () => {
    const revokedEmail = `visszavont-${randomUUID().slice(0, 8)}@teszt.hu`;
    const revoked = await invite(revokedEmail, 'Visszavont Vilmos');
    const refused = await coordinator.agent
      .post(`/api/invitations/${revoked.id}/revoke`)
      .set('X-CSRF-Token', coordinator.csrf);
    expect(refused.status).toBe(200);
    const expiredEmail = `lejart-${randomUUID().slice(0, 8)}@teszt.hu`;
    const expired = await invite(expiredEmail, 'Lejárt Lenke');

    const context = await portalContext(browser);
    const page = await context.newPage();
    await page.goto(revoked.link);
    await page.getByRole('heading', { level: 1, name: 'A meghívó nem érvényes' }).waitFor();
    expect(await page.getByRole('button', { name: 'Elfogadom a meghívást' }).count()).toBe(0);
    await screenshot(page, 'account-invitation-invalid');

    served.t.clock.set(new Date(NOW.getTime() + 15 * DAY));
    try {
      await page.goto(expired.link);
      await page.getByRole('heading', { level: 1, name: 'A meghívó nem érvényes' }).waitFor();
    } finally {
      served.t.clock.set(NOW);
    }

    // a link without its token
    await page.goto(`${served.url}/meghivo`);
    await page.getByText('A hivatkozásból hiányzik a meghívó azonosítója.', { exact: false }).waitFor();
    const users = await served.t.dataSource.query(`SELECT id FROM app_user WHERE email IN ($1, $2)`, [
      revokedEmail.toLowerCase(),
      expiredEmail.toLowerCase(),
    ]);
    expect(users).toEqual([]);
    await context.close();
  }, 60_000);

  it('an existing account accepts with its own password, signs in and reaches its new pages', async () => {
    const existing = await newUser(served.t.dataSource, { name: 'Meglévő Mátyás', municipalityKsh: '17385' });
    const created = await coordinator.agent
      .post('/api/invitations')
      .set('X-CSRF-Token', coordinator.csrf)
      .send({ email: existing.email, name: 'Meglévő Mátyás', role: 'coordinator' });
    expect(created.status).toBe(201);
    const mail = await sink.waitFor((m) => recipients(m).includes(existing.email), 20_000);
    const context = await portalContext(browser);
    const page = await context.newPage();
    await page.goto(linkIn(mail, '/meghivo?token='));
    await page.getByText('Ehhez az e-mail-címhez már tartozik fiók.', { exact: false }).waitFor();
    expect(await page.getByLabel(/^Jelszó/).count()).toBe(0);
    await page.getByRole('button', { name: 'Elfogadom a meghívást' }).click();
    await page.getByRole('status').getByText('Elfogadta a meghívást.', { exact: false }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Belépés' }).click();
    await page.waitForURL(`${served.url}/belepes?next=%2Fkoordinator`);
    await page.getByLabel(/e-mail/i).fill(existing.email);
    await page.getByLabel(/jelszó/i).fill(existing.password);
    await page.getByRole('button', { name: /belépés/i }).click();
    await page.waitForURL(`${served.url}/koordinator`);
    await page.getByRole('heading', { level: 1, name: 'Koordináció' }).waitFor();
    const [user] = await served.t.dataSource.query<Array<{ roles: string[] }>>(
      `SELECT roles FROM app_user WHERE id = $1`,
      [existing.id],
    );
    expect([...user.roles].sort()).toEqual(['applicant', 'coordinator']);

    // ?next= goes only to the portal's own pages
    await page.getByRole('button', { name: 'Kilépés' }).click();
    await page.getByRole('link', { name: 'Belépés' }).first().waitFor();
    await page.goto(`${served.url}/belepes?next=${encodeURIComponent('//pelda.example/csalas')}`);
    await page.getByLabel(/e-mail/i).fill(existing.email);
    await page.getByLabel(/jelszó/i).fill(existing.password);
    await page.getByRole('button', { name: /belépés/i }).click();
    await page.getByRole('button', { name: 'Kilépés' }).waitFor();
    expect(page.url()).toBe(`${served.url}/`);
    await context.close();
  }, 60_000);

  it('resets a forgotten password from the mail’s link, and signs in with the new one', async () => {
    const user = await newUser(served.t.dataSource, { name: 'Feledékeny Ferenc', municipalityKsh: '17385' });
    const context = await portalContext(browser);
    const page = await context.newPage();
    await page.goto(`${served.url}/belepes`);
    await page.getByRole('link', { name: 'Elfelejtette a jelszavát?' }).click();
    await page.waitForURL(`${served.url}/elfelejtett-jelszo`);
    await expectTitle(page, 'Elfelejtett jelszó – LÖGY portál');

    // a malformed address: the api's refusal on the field, no mail
    await page.getByLabel('E-mail-cím').fill('nem-cim');
    await page.getByRole('button', { name: 'Hivatkozás küldése' }).click();
    await page.locator('#forgot-email-error').getByText('Érvénytelen e-mail-cím.').waitFor();

    await page.getByLabel('E-mail-cím').fill(user.email);
    await page.getByRole('button', { name: 'Hivatkozás küldése' }).click();
    await page
      .getByRole('status')
      .getByText(/elküldtük rá a hivatkozást/)
      .waitFor();
    problems.push(...(await seriousViolations(page)).map((line) => `/elfelejtett-jelszo: ${line}`));
    const mail = await sink.waitFor(
      (m) => recipients(m).includes(user.email) && (m.text ?? '').includes('/uj-jelszo?token='),
      20_000,
    );
    const link = linkIn(mail, '/uj-jelszo?token=');

    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Új jelszó beállítása' }).waitFor();
    // the api refuses a short password on its field
    await page.getByLabel(/^Új jelszó –/).fill('rövid');
    await page.getByLabel('Új jelszó még egyszer').fill('rövid');
    await page.getByRole('button', { name: 'Jelszó beállítása' }).click();
    await page.locator('#reset-password-error').getByText('Legalább 10 karakter hosszú legyen.').waitFor();
    // the two must agree (checked before asking the api)
    await page.getByLabel(/^Új jelszó –/).fill('Új-jelszó-2026-ősz');
    await page.getByLabel('Új jelszó még egyszer').fill('Új-jelszó-2026-tél');
    await page.getByRole('button', { name: 'Jelszó beállítása' }).click();
    await page.locator('#reset-password-again-error').getByText('A két jelszó nem egyezik.').waitFor();
    problems.push(...(await seriousViolations(page)).map((line) => `/uj-jelszo: ${line}`));
    await screenshot(page, 'account-reset-password');
    await page.getByLabel('Új jelszó még egyszer').fill('Új-jelszó-2026-ősz');
    await page.getByRole('button', { name: 'Jelszó beállítása' }).click();
    await page.getByRole('status').getByText('Az új jelszavát beállítottuk. Lépjen be vele.').waitFor();

    // the old password no longer works, the new one does
    const oldLogin = await request(served.t.server)
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password });
    expect(oldLogin.status).toBe(401);
    await page.getByRole('main').getByRole('link', { name: 'Belépés' }).click();
    await page.waitForURL(`${served.url}/belepes`);
    await signInThroughPage(page, served.url, user.email, 'Új-jelszó-2026-ősz');
    await page.getByText('Feledékeny Ferenc').first().waitFor();
    expect((await auditRows(served.t.dataSource, user.id)).map((row) => row.action)).toEqual(
      expect.arrayContaining(['user.password_reset_requested', 'user.password_reset', 'user.logged_in']),
    );

    // the link works once
    await page.goto(link);
    await page.getByLabel(/^Új jelszó –/).fill('Harmadik-jelszó-2026');
    await page.getByLabel('Új jelszó még egyszer').fill('Harmadik-jelszó-2026');
    await page.getByRole('button', { name: 'Jelszó beállítása' }).click();
    await page.getByRole('alert').getByText('Érvénytelen, lejárt vagy már felhasznált hivatkozás.').waitFor();
    await page.getByRole('alert').getByRole('link', { name: 'Új hivatkozás kérése' }).waitFor();
    await context.close();
  }, 90_000);

  it('shows the demo juror the account’s English after sign-in, and saves a switch on the account', async () => {
    const toosz = DEMO_ACCOUNTS.find((account) => account.email === 'juror.toosz@demo.logy.hu')!;
    expect(toosz.language).toBe('en');
    const context = await portalContext(browser);
    const page = await context.newPage();
    const patches: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'PATCH') patches.push(new URL(req.url()).pathname);
    });
    await page.goto(`${served.url}/belepes`);
    await expectLang(page, 'hu');
    await signInThroughPage(page, served.url, toosz.email, DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('link', { name: 'Results', exact: true }).waitFor();
    await expectLang(page, 'en');
    await expectTitle(page, 'Best Practices of Local Governments Programme – LÖGY portal');
    expect(patches).toEqual([]);
    await page.getByTestId('deadline').waitFor();
    await screenshot(page, 'account-language-en');

    // a reload keeps it (the account, and the browser remembers it for the first paint)
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    // switching while signed in is saved on the account: mails follow it
    await page.getByRole('button', { name: 'Magyar' }).click();
    await page.getByRole('button', { name: 'Kilépés' }).waitFor();
    const [{ id }] = await served.t.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM app_user WHERE email = $1`,
      [toosz.email],
    );
    await eventually(async () => {
      const [row] = await served.t.dataSource.query<Array<{ language: string }>>(
        `SELECT language FROM app_user WHERE id = $1`,
        [id],
      );
      return row.language === 'hu';
    }, 10_000);
    expect(patches).toEqual(['/api/auth/me']);
    expect((await auditRows(served.t.dataSource, id)).map((row) => row.action)).toContain('user.profile_updated');
    const reset = await request(served.t.server).post('/api/auth/password-reset').send({ email: toosz.email });
    expect(reset.status).toBe(202);
    const ledger = (await mailsTo(served.t.dataSource, toosz.email)).filter((m) => m.template === 'password-reset');
    expect(ledger.at(-1)?.language).toBe('hu');

    // signed out, a switch is the browser's only
    await page.getByRole('button', { name: 'Kilépés' }).click();
    await page.getByRole('link', { name: 'Belépés' }).first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    expect(patches).toEqual(['/api/auth/me']);
    await context.close();
  }, 90_000);

  it('keeps an anonymous visitor’s choice in the browser only, and gives a Hungarian account Hungarian', async () => {
    const context = await portalContext(browser);
    const page = await context.newPage();
    const writes: string[] = [];
    page.on('request', (req) => {
      if (req.method() !== 'GET') writes.push(`${req.method()} ${new URL(req.url()).pathname}`);
    });
    await page.goto(`${served.url}/belepes`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectTitle(page, 'Sign in – LÖGY portal');
    expect(await storedLang(page)).toBe('en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(writes).toEqual([]);

    const hungarian = await newUser(served.t.dataSource, { name: 'Magyar Margit', language: 'hu' });
    await page.getByLabel(/e-mail/i).fill(hungarian.email);
    await page.getByLabel(/password/i).fill(hungarian.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Kilépés' }).waitFor();
    await expectLang(page, 'hu');
    expect(await storedLang(page)).toBe('hu');
    expect(writes).toEqual(['POST /api/auth/login']);
    await context.close();
  }, 60_000);

  describe('the links in the mails', () => {
    /** Each link a mail template carries, and the page of the web it points at (as the service builds it). */
    const MAIL_LINKS: Record<string, WebPath> = {
      'membership-approved.loginUrl': 'signIn',
      'invitation.acceptUrl': 'acceptInvitation',
      'password-reset.resetUrl': 'resetPassword',
      'application-submitted.receiptUrl': 'receipt',
      'jury-reminder.scoringUrl': 'jurorScoring',
      'results-outcome.resultsUrl': 'results',
      'jury-progress.progressUrl': 'roundProgress',
    };
    const id = '0f0e0d0c-0b0a-4908-8706-050403020100';
    /** A path of every entry of WEB_PATHS, with sample values (the compiler asks for a new entry's). */
    const SAMPLES: Record<WebPath, string> = {
      signIn: WEB_PATHS.signIn(WEB_PATHS.myApplications()),
      acceptInvitation: WEB_PATHS.acceptInvitation('a'.repeat(43)),
      resetPassword: WEB_PATHS.resetPassword('b'.repeat(43)),
      myApplications: WEB_PATHS.myApplications(),
      results: WEB_PATHS.results(2021),
      jurorScoring: WEB_PATHS.jurorScoring(),
      roundProgress: WEB_PATHS.roundProgress(id),
      receipt: WEB_PATHS.receipt(id, 1),
    };

    it('names the page of every link parameter of every mail template', () => {
      const linkParams = Object.entries(MAIL_TEMPLATES).flatMap(([template, params]) =>
        (params as readonly string[]).filter((param) => param.endsWith('Url')).map((param) => `${template}.${param}`),
      );
      expect(Object.keys(MAIL_LINKS).sort()).toEqual(linkParams.sort());
    });

    it('builds every mail link from WEB_PATHS (no service writes a path of its own)', () => {
      const offenders: string[] = [];
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) return walk(path);
          return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
        });
      for (const file of walk(fromRoot('libs'))) {
        if (file.endsWith(join('config', 'src', 'env.schema.ts'))) continue;
        const text = readFileSync(file, 'utf8');
        for (const match of text.matchAll(/PUBLIC_URL/g)) {
          const around = text.slice(Math.max(0, match.index - 20), match.index + 60);
          if (file.endsWith(join('core', 'src', 'web-paths.ts'))) continue;
          if (!/webUrl\(\s*this\.env\.PUBLIC_URL,\s*WEB_PATHS\.\w+\(/.test(around))
            offenders.push(`${file}: ${around}`);
        }
      }
      expect(offenders).toEqual([]);
    });

    it('opens every page a mail links to, and none is "page not found"', async () => {
      const context = await portalContext(browser);
      const page = await context.newPage();
      const notFound = async (path: string): Promise<boolean> => {
        await page.goto(`${served.url}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        return (await page.getByRole('heading', { level: 1, name: NOT_FOUND_HU }).count()) > 0;
      };
      // the check can fail: the paths the mails used to link to are not pages of the web
      for (const old of [
        '/login',
        '/invitations/accept?token=x',
        '/password-reset?token=x',
        '/results/2021',
        '/jury',
      ]) {
        expect(await notFound(old)).toBe(true);
      }
      const pages = (Object.entries(SAMPLES) as Array<[WebPath, string]>).filter(
        ([, path]) => !path.startsWith('/api/'),
      );
      const missing: string[] = [];
      for (const [name, path] of pages) if (await notFound(path)) missing.push(`${name}: ${path}`);
      expect(missing).toEqual([]);
      expect(new Set(Object.values(MAIL_LINKS)).size).toBeGreaterThan(0);
      for (const key of Object.values(MAIL_LINKS)) expect(SAMPLES[key]).toBeDefined();
      await context.close();

      // the api's downloads: served by the api (a sign-in is asked for, not a missing route)
      const downloads = Object.values(SAMPLES).filter((path) => path.startsWith('/api/'));
      expect(downloads).toHaveLength(1);
      for (const path of downloads) {
        const res = await request(served.t.server).get(path);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHENTICATED');
      }
    }, 60_000);
  });

  it('has no serious or critical accessibility violation on the account pages (axe-core)', () => {
    expect(problems).toEqual([]);
  });
});
