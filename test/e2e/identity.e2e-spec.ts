import request from 'supertest';
import { SESSION_TOUCH_INTERVAL_MS } from '../../apps/api/src/http/session-store';
import { createTestApp, signIn, TestApp } from '../setup/test-app';
import { auditRows, FACTORY_PASSWORD, mailsTo, newUser } from '../factories/users';

const GYOR = '25584';
const ALSOMOCSOLAD = '17385';

describe('identity (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const [gyor]: Array<{ ksh_code: string }> = await t.dataSource.query(
      `SELECT ksh_code FROM municipality WHERE name = 'Győr'`,
    );
    expect(gyor.ksh_code).toBe(GYOR);
  });

  afterAll(async () => {
    await t.close();
  });

  const uniqueEmail = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@teszt.hu`;
  const countUsers = async (email: string) =>
    Number(
      (await t.dataSource.query('SELECT count(*) AS n FROM app_user WHERE email = $1', [email.toLowerCase()]))[0].n,
    );

  describe('registration → approval → login → me', () => {
    it('lets municipal staff act only after a coordinator approves them, with audit rows and mails', async () => {
      const email = uniqueEmail('Jegyzo');
      const reg = await request(t.server)
        .post('/api/auth/register')
        .send({ email, password: 'Hosszú-jelszó-ő', name: 'Kovács Őrs', municipalityKsh: GYOR, position: 'jegyző' })
        .expect(201);
      expect(reg.body.user.email).toBe(email.toLowerCase());
      expect(reg.body.user.roles).toEqual(['applicant']);
      expect(reg.body.membership).toMatchObject({ municipalityKsh: GYOR, status: 'pending' });
      expect(reg.body.user).not.toHaveProperty('passwordHash');

      // e-mail is unique case-insensitively
      const again = await request(t.server)
        .post('/api/auth/register')
        .send({ email: email.toUpperCase(), password: 'Hosszú-jelszó-ő', name: 'Más Valaki', municipalityKsh: GYOR })
        .expect(409);
      expect(again.body.error.code).toBe('EMAIL_TAKEN');
      expect(again.body.error.fields.email).toBeDefined();

      const applicant = await signIn(t.server, email, 'Hosszú-jelszó-ő');
      const pending = await applicant.agent.get('/api/auth/me').expect(200);
      expect(pending.body.memberships).toEqual([
        expect.objectContaining({ municipalityKsh: GYOR, municipalityName: 'Győr', status: 'pending' }),
      ]);

      // a pending applicant cannot approve anything, nor list memberships
      await applicant.agent.get('/api/memberships').expect(403);

      const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
      const coord = await signIn(t.server, coordinator.email, coordinator.password);
      const list = await coord.agent
        .get('/api/memberships')
        .query({ status: 'pending', municipalityKsh: GYOR })
        .expect(200);
      const row = list.body.items.find((m: { user: { email: string } }) => m.user.email === email.toLowerCase());
      expect(row).toMatchObject({ status: 'pending', municipality: { kshCode: GYOR, name: 'Győr' } });

      await coord.agent
        .post(`/api/memberships/${row.id}/approve`)
        .set('X-CSRF-Token', coord.csrf)
        .send({ note: 'Ellenőrizve telefonon.' })
        .expect(200);
      // deciding twice is refused
      const twice = await coord.agent
        .post(`/api/memberships/${row.id}/reject`)
        .set('X-CSRF-Token', coord.csrf)
        .send({ reason: 'mégsem' })
        .expect(409);
      expect(twice.body.error.code).toBe('MEMBERSHIP_ALREADY_DECIDED');

      // the same session sees the approval at once
      const me = await applicant.agent.get('/api/auth/me').expect(200);
      expect(me.body.memberships[0]).toMatchObject({ status: 'approved', municipalityKsh: GYOR });

      const userId = reg.body.user.id as string;
      expect((await auditRows(t.dataSource, userId)).map((a) => a.action)).toEqual([
        'user.registered',
        'user.logged_in',
      ]);
      const membershipAudit = await auditRows(t.dataSource, row.id);
      expect(membershipAudit.map((a) => a.action)).toEqual(['membership.requested', 'membership.approved']);
      expect(membershipAudit[1].actor_id).toBe(coordinator.id);
      expect(membershipAudit[1].request_id).toMatch(/.{8,}/);
      expect(membershipAudit[1].changes).toMatchObject({ status: { from: 'pending', to: 'approved' } });

      const mails = await mailsTo(t.dataSource, email);
      expect(mails.map((m) => m.template)).toEqual(['registration-received', 'membership-approved']);
      // the link signs in and goes on to the applications (the web's /belepes page)
      const login = new URL(mails[1].params.loginUrl);
      expect(`${login.pathname}${login.search}`).toBe('/belepes?next=%2Fpalyazataim');
      expect(mails[0].params).toMatchObject({ municipality: 'Győr', name: 'Kovács Őrs' });
      expect(mails.every((m) => m.language === 'hu')).toBe(true);
    });

    it('records a rejection with its reason and mails it in the applicant’s language', async () => {
      const email = uniqueEmail('english');
      const reg = await request(t.server)
        .post('/api/auth/register')
        .send({ email, password: 'Long-enough-pw', name: 'Anna Smith', municipalityKsh: ALSOMOCSOLAD, language: 'en' })
        .expect(201);
      const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
      const coord = await signIn(t.server, coordinator.email, coordinator.password);
      const res = await coord.agent
        .post(`/api/memberships/${reg.body.membership.id}/reject`)
        .set('X-CSRF-Token', coord.csrf)
        .send({ reason: 'Nem az önkormányzat munkatársa.' })
        .expect(200);
      expect(res.body.status).toBe('rejected');
      const mails = await mailsTo(t.dataSource, email);
      expect(mails[1]).toMatchObject({ template: 'membership-rejected', language: 'en' });
      expect(mails[1].params.reason).toBe('Nem az önkormányzat munkatársa.');
      const audit = await auditRows(t.dataSource, reg.body.membership.id);
      expect(audit.map((a) => a.action)).toEqual(['membership.requested', 'membership.rejected']);
    });
  });

  describe('bad input', () => {
    it('refuses unknown fields with 400 naming them, in Hungarian by default, and stores nothing', async () => {
      const email = uniqueEmail('unknown-field');
      const res = await request(t.server)
        .post('/api/auth/register')
        .send({
          email,
          password: 'Hosszú-jelszó-ő',
          name: 'Teszt',
          municipalityKsh: GYOR,
          isAdmin: true,
          roles: ['admin'],
        })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.error.fields).sort()).toEqual(['isAdmin', 'roles']);
      expect(res.body.error.fields.isAdmin).toBe('Ismeretlen mező: isAdmin.');
      expect(res.body.error.message).toMatch(/hibás adatokat/);
      expect(await countUsers(email)).toBe(0);
    });

    it('refuses wrong types with 400 naming each field, in English on request, and stores nothing', async () => {
      const res = await request(t.server)
        .post('/api/auth/register?lang=en')
        .send({ email: 12345, password: ['x'], name: 'T', municipalityKsh: 'Győr' })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.fields).toEqual({
        email: 'Invalid e-mail address.',
        password: 'Must be text.',
        name: 'Must be at least 2 characters long.',
        municipalityKsh: 'A KSH code is exactly 5 digits (for example 25584).',
      });
      expect(res.body.error.message).toBe('The request contains invalid data. Please correct the fields listed.');
      expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM app_user WHERE name = 'T'`))[0].n)).toBe(0);
    });

    it('answers Accept-Language: en in English and names an unknown municipality', async () => {
      const email = uniqueEmail('nomuni');
      const res = await request(t.server)
        .post('/api/auth/register')
        .set('Accept-Language', 'en-GB,en;q=0.9,hu;q=0.5')
        .send({ email, password: 'Long-enough-pw', name: 'Teszt Elek', municipalityKsh: '99999' })
        .expect(400);
      expect(res.body.error).toMatchObject({
        code: 'MUNICIPALITY_NOT_FOUND',
        message: 'There is no such municipality in the register.',
        fields: { municipalityKsh: 'No settlement has this KSH code.' },
      });
      expect(await countUsers(email)).toBe(0);
    });

    it('answers malformed JSON and unknown routes in the one error shape', async () => {
      const bad = await request(t.server)
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"email": "x@y.hu", ')
        .expect(400);
      expect(bad.body.error.code).toBe('MALFORMED_REQUEST');
      const missing = await request(t.server).get('/api/no-such-thing').expect(404);
      expect(missing.body.error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'Ez a cím nem létezik.' });
    });

    it('refuses a malformed id in a path with the parameter named', async () => {
      const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
      const coord = await signIn(t.server, coordinator.email, coordinator.password);
      const res = await coord.agent
        .post('/api/memberships/not-a-uuid/approve')
        .set('X-CSRF-Token', coord.csrf)
        .send({})
        .expect(400);
      expect(res.body.error.fields).toEqual({ id: 'Érvénytelen azonosító.' });
    });
  });

  describe('login throttling', () => {
    it('answers unknown e-mail and wrong password alike, then 429 with Retry-After after 5 failures for the account', async () => {
      const user = await newUser(t.dataSource);
      const unknown = await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '203.0.113.10')
        .send({ email: uniqueEmail('nobody'), password: 'whatever-123' })
        .expect(401);
      const wrong = await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '203.0.113.11')
        .send({ email: user.email, password: 'wrong-password' })
        .expect(401);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.body.error.code).toBe(wrong.body.error.code);
      expect(unknown.body.error.message).toBe(wrong.body.error.message);

      // four more failures for the account, each from another address: 5 in all
      for (let i = 0; i < 4; i++) {
        await request(t.server)
          .post('/api/auth/login')
          .set('X-Forwarded-For', `203.0.113.${20 + i}`)
          .send({ email: user.email.toUpperCase(), password: `wrong-${i}` })
          .expect(401);
      }
      const blocked = await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '203.0.113.30')
        .send({ email: user.email, password: FACTORY_PASSWORD })
        .expect(429);
      expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(
        Number(
          (
            await t.dataSource.query(`SELECT count(*) AS n FROM user_session WHERE (sess->'passport'->>'user') = $1`, [
              user.id,
            ])
          )[0].n,
        ),
      ).toBe(0);
    });

    it('blocks an address after 5 failures, whichever accounts it tried', async () => {
      const ip = '198.51.100.77';
      for (let i = 0; i < 5; i++) {
        await request(t.server)
          .post('/api/auth/login')
          .set('X-Forwarded-For', ip)
          .send({ email: uniqueEmail(`spray${i}`), password: 'guess-123456' })
          .expect(401);
      }
      const user = await newUser(t.dataSource);
      const res = await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ email: user.email, password: FACTORY_PASSWORD })
        .expect(429);
      expect(res.headers['retry-after']).toBeDefined();
      // the same account from another address still gets in
      await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '198.51.100.78')
        .send({ email: user.email, password: FACTORY_PASSWORD })
        .expect(200);
    });

    it('refuses a login body with missing fields with 400 naming them, not counting a failure', async () => {
      const res = await request(t.server).post('/api/auth/login').send({ email: 'x@teszt.hu' }).expect(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['password']);
    });
  });

  describe('sessions', () => {
    it('slides a session’s expiry on use, writing it at most once a minute', async () => {
      const user = await newUser(t.dataSource, { roles: ['juror'], organisationCode: 'BM' });
      const signedIn = await signIn(t.server, user.email, user.password);
      const expiry = async () => {
        const [row] = await t.dataSource.query<Array<{ expire: Date }>>(
          `SELECT expire FROM user_session WHERE (sess -> 'passport' ->> 'user') = $1`,
          [user.id],
        );
        return row.expire.getTime();
      };
      const pause = () => new Promise((resolve) => setTimeout(resolve, 1_100));
      // written at sign-in: the first request after it does not write it again
      const first = await expiry();
      await pause();
      await signedIn.agent.get('/api/auth/me').expect(200);
      expect(await expiry()).toBe(first);
      // within the minute: the session is used, its expiry is not written again
      await pause();
      await signedIn.agent.get('/api/auth/me').expect(200);
      expect(await expiry()).toBe(first);
      // a minute later (by the server's clock): written again, later
      t.clock.advance(SESSION_TOUCH_INTERVAL_MS);
      await signedIn.agent.get('/api/auth/me').expect(200);
      expect(await expiry()).toBeGreaterThan(first);
    });

    it('ends every session of a deactivated account at once: the next request fails', async () => {
      const juror = await newUser(t.dataSource, { roles: ['juror'], organisationCode: 'BM' });
      const session1 = await signIn(t.server, juror.email, juror.password);
      const session2 = await signIn(t.server, juror.email, juror.password);
      await session1.agent.get('/api/auth/me').expect(200);

      const admin = await newUser(t.dataSource, { roles: ['admin'] });
      const adm = await signIn(t.server, admin.email, admin.password);
      const res = await adm.agent
        .post(`/api/users/${juror.id}/deactivate`)
        .set('X-CSRF-Token', adm.csrf)
        .send({ reason: 'Kilépett a bizottságból.' })
        .expect(200);
      expect(res.body.isActive).toBe(false);

      const after1 = await session1.agent.get('/api/auth/me').expect(401);
      expect(after1.body.error.code).toBe('UNAUTHENTICATED');
      await session2.agent.get('/api/auth/me').expect(401);
      const relogin = await request(t.server)
        .post('/api/auth/login')
        .send({ email: juror.email, password: juror.password })
        .expect(401);
      expect(relogin.body.error.code).toBe('ACCOUNT_DEACTIVATED');

      const audit = await auditRows(t.dataSource, juror.id);
      expect(audit.at(-1)).toMatchObject({ action: 'user.deactivated', actor_id: admin.id });
      expect(audit.at(-1)?.changes).toMatchObject({ sessionsEnded: 2, reason: 'Kilépett a bizottságból.' });
    });

    it('lets nobody deactivate themselves, and only admins deactivate coordinators', async () => {
      const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
      const other = await newUser(t.dataSource, { roles: ['coordinator'] });
      const coord = await signIn(t.server, coordinator.email, coordinator.password);
      await coord.agent
        .post(`/api/users/${coordinator.id}/deactivate`)
        .set('X-CSRF-Token', coord.csrf)
        .send({})
        .expect(409);
      await coord.agent.post(`/api/users/${other.id}/deactivate`).set('X-CSRF-Token', coord.csrf).send({}).expect(403);
      const applicant = await newUser(t.dataSource);
      const app = await signIn(t.server, applicant.email, applicant.password);
      await app.agent.post(`/api/users/${other.id}/deactivate`).set('X-CSRF-Token', app.csrf).send({}).expect(403);
      await request(t.server).post(`/api/users/${other.id}/deactivate`).send({}).expect(401);
      expect((await t.dataSource.query('SELECT is_active FROM app_user WHERE id = $1', [other.id]))[0].is_active).toBe(
        true,
      );
    });

    it('ends the other sessions when the password changes, keeping the current one', async () => {
      const user = await newUser(t.dataSource);
      const current = await signIn(t.server, user.email, user.password);
      const other = await signIn(t.server, user.email, user.password);
      const wrong = await current.agent
        .post('/api/auth/password')
        .set('X-CSRF-Token', current.csrf)
        .send({ currentPassword: 'not-my-password', newPassword: 'Új-jelszó-2026' })
        .expect(400);
      expect(wrong.body.error.fields).toHaveProperty('currentPassword');
      await current.agent
        .post('/api/auth/password')
        .set('X-CSRF-Token', current.csrf)
        .send({ currentPassword: user.password, newPassword: 'Új-jelszó-2026' })
        .expect(204);
      await other.agent.get('/api/auth/me').expect(401);
      await current.agent.get('/api/auth/me').expect(200);
      await request(t.server).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(401);
      await signIn(t.server, user.email, 'Új-jelszó-2026');
      expect((await auditRows(t.dataSource, user.id)).map((a) => a.action)).toContain('user.password_changed');
      expect((await mailsTo(t.dataSource, user.email)).map((m) => m.template)).toEqual(['password-changed']);
    });

    it('logs out: the session is gone from the store and the cookie no longer works', async () => {
      const user = await newUser(t.dataSource);
      const s = await signIn(t.server, user.email, user.password);
      await s.agent.post('/api/auth/logout').set('X-CSRF-Token', s.csrf).expect(204);
      await s.agent.get('/api/auth/me').expect(401);
      expect((await auditRows(t.dataSource, user.id)).map((a) => a.action)).toEqual([
        'user.logged_in',
        'user.logged_out',
      ]);
    });

    it('sets the session cookie httpOnly and SameSite=Lax, and a new session id at login', async () => {
      const user = await newUser(t.dataSource);
      const agent = request.agent(t.server);
      const anon = await agent.get('/api/auth/csrf').expect(200);
      const res = await agent.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('logy.sid='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      const before = ((anon.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) =>
        c.startsWith('logy.sid='),
      );
      if (before) expect(before.split(';')[0]).not.toBe(cookie?.split(';')[0]);
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie request that changes state without the session’s token', async () => {
      const user = await newUser(t.dataSource);
      const s = await signIn(t.server, user.email, user.password);
      const missing = await s.agent.patch('/api/auth/me').send({ name: 'Átnevezett Név' }).expect(403);
      expect(missing.body.error.code).toBe('CSRF_INVALID');
      const forged = await s.agent
        .patch('/api/auth/me')
        .set('X-CSRF-Token', 'forged-token-value')
        .send({ name: 'Átnevezett Név' })
        .expect(403);
      expect(forged.body.error.code).toBe('CSRF_INVALID');

      // a token of another session does not fit this one
      const other = await newUser(t.dataSource);
      const o = await signIn(t.server, other.email, other.password);
      await s.agent.patch('/api/auth/me').set('X-CSRF-Token', o.csrf).send({ name: 'Átnevezett Név' }).expect(403);
      expect((await t.dataSource.query('SELECT name FROM app_user WHERE id = $1', [user.id]))[0].name).toBe(user.name);

      const ok = await s.agent
        .patch('/api/auth/me')
        .set('X-CSRF-Token', s.csrf)
        .send({ name: 'Átnevezett Név', language: 'en' })
        .expect(200);
      expect(ok.body).toMatchObject({ name: 'Átnevezett Név', language: 'en' });
      const fresh = await s.agent.get('/api/auth/csrf').expect(200);
      await s.agent
        .patch('/api/auth/me')
        .set('X-CSRF-Token', fresh.body.csrfToken)
        .send({ language: 'hu' })
        .expect(200);
      expect((await auditRows(t.dataSource, user.id)).filter((a) => a.action === 'user.profile_updated')).toHaveLength(
        2,
      );
    });
  });

  describe('password reset', () => {
    it('mails a one-time link that works once and expires', async () => {
      const user = await newUser(t.dataSource, { language: 'en' });
      const s = await signIn(t.server, user.email, user.password);
      await request(t.server).post('/api/auth/password-reset').send({ email: user.email.toUpperCase() }).expect(202);
      const unknown = uniqueEmail('ghost');
      await request(t.server).post('/api/auth/password-reset').send({ email: unknown }).expect(202);
      expect(await mailsTo(t.dataSource, unknown)).toHaveLength(0);

      const [mail] = await mailsTo(t.dataSource, user.email);
      expect(mail).toMatchObject({ template: 'password-reset', language: 'en' });
      const token = new URL(mail.params.resetUrl).searchParams.get('token') as string;
      expect(token.length).toBeGreaterThan(30);
      expect(new URL(mail.params.resetUrl).pathname).toBe('/uj-jelszo');
      // only the hash is stored
      expect(
        Number(
          (await t.dataSource.query('SELECT count(*) AS n FROM password_reset_token WHERE token_hash = $1', [token]))[0]
            .n,
        ),
      ).toBe(0);

      await request(t.server)
        .post('/api/auth/password-reset/confirm')
        .send({ token, newPassword: 'Visszaállított-2026' })
        .expect(204);
      await s.agent.get('/api/auth/me').expect(401);
      const reuse = await request(t.server)
        .post('/api/auth/password-reset/confirm')
        .send({ token, newPassword: 'Még-egy-jelszó-2026' })
        .expect(400);
      expect(reuse.body.error.code).toBe('TOKEN_INVALID');
      await signIn(t.server, user.email, 'Visszaállított-2026');

      // a second link, used after an hour, has expired
      await request(t.server).post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      const second = (await mailsTo(t.dataSource, user.email)).filter((m) => m.template === 'password-reset')[1];
      const token2 = new URL(second.params.resetUrl).searchParams.get('token') as string;
      t.clock.advance(61 * 60_000);
      try {
        await request(t.server)
          .post('/api/auth/password-reset/confirm')
          .send({ token: token2, newPassword: 'Lejárt-link-2026' })
          .expect(400);
      } finally {
        t.clock.set(new Date());
      }
      expect((await auditRows(t.dataSource, user.id)).map((a) => a.action)).toEqual(
        expect.arrayContaining(['user.password_reset_requested', 'user.password_reset']),
      );
    });
  });

  describe('invitations', () => {
    it('lets a coordinator invite a juror, who accepts and represents the organisation', async () => {
      const coordinator = await newUser(t.dataSource, { roles: ['coordinator'], name: 'Dr. Zongor Gábor' });
      const coord = await signIn(t.server, coordinator.email, coordinator.password);
      const [bm]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM organisation WHERE code = 'BM'`);
      const email = uniqueEmail('juror');

      const noOrg = await coord.agent
        .post('/api/invitations')
        .set('X-CSRF-Token', coord.csrf)
        .send({ email, name: 'Bíráló Béla', role: 'juror' })
        .expect(400);
      expect(noOrg.body.error.fields).toHaveProperty('organisationId');

      const created = await coord.agent
        .post('/api/invitations')
        .set('X-CSRF-Token', coord.csrf)
        .send({ email, name: 'Bíráló Béla', role: 'juror', organisationId: bm.id })
        .expect(201);
      const [mail] = await mailsTo(t.dataSource, email);
      expect(mail).toMatchObject({ template: 'invitation', language: 'hu' });
      expect(mail.params).toMatchObject({
        organisation: 'Belügyminisztérium',
        inviter: 'Dr. Zongor Gábor',
        role: 'juror',
      });
      const token = new URL(mail.params.acceptUrl).searchParams.get('token') as string;
      expect(new URL(mail.params.acceptUrl).pathname).toBe('/meghivo');

      const preview = await request(t.server).get(`/api/invitations/preview/${token}`).expect(200);
      expect(preview.body).toMatchObject({ email: email.toLowerCase(), role: 'juror', accountExists: false });

      const accepted = await request(t.server)
        .post('/api/invitations/accept')
        .send({ token, password: 'Bírálói-jelszó-1' })
        .expect(201);
      expect(accepted.body).toMatchObject({ roles: ['juror'], organisationId: bm.id, name: 'Bíráló Béla' });
      await request(t.server).post('/api/invitations/accept').send({ token, password: 'Bírálói-jelszó-1' }).expect(400);

      const juror = await signIn(t.server, email, 'Bírálói-jelszó-1');
      await juror.agent
        .post('/api/invitations')
        .set('X-CSRF-Token', juror.csrf)
        .send({ email: uniqueEmail('x'), name: 'X Y', role: 'coordinator' })
        .expect(403);
      expect((await auditRows(t.dataSource, created.body.id)).map((a) => a.action)).toEqual([
        'invitation.created',
        'invitation.accepted',
      ]);
    });

    it('grants the role to an existing account without touching its password', async () => {
      const existing = await newUser(t.dataSource, { municipalityKsh: GYOR });
      const admin = await newUser(t.dataSource, { roles: ['admin'] });
      const adm = await signIn(t.server, admin.email, admin.password);
      await adm.agent
        .post('/api/invitations')
        .set('X-CSRF-Token', adm.csrf)
        .send({ email: existing.email, name: 'Koordinátor', role: 'coordinator' })
        .expect(201);
      const [mail] = await mailsTo(t.dataSource, existing.email);
      const token = new URL(mail.params.acceptUrl).searchParams.get('token') as string;
      await request(t.server).post('/api/invitations/accept').send({ token }).expect(201);
      const s = await signIn(t.server, existing.email, existing.password);
      const me = await s.agent.get('/api/auth/me').expect(200);
      expect(me.body.roles.sort()).toEqual(['applicant', 'coordinator']);
    });

    it('refuses invitations from anonymous callers and applicants', async () => {
      await request(t.server)
        .post('/api/invitations')
        .send({ email: 'a@b.hu', name: 'A B', role: 'juror' })
        .expect(401);
      const applicant = await newUser(t.dataSource, { municipalityKsh: GYOR });
      const s = await signIn(t.server, applicant.email, applicant.password);
      await s.agent
        .post('/api/invitations')
        .set('X-CSRF-Token', s.csrf)
        .send({ email: 'a@b.hu', name: 'A B', role: 'juror' })
        .expect(403);
      await s.agent.get('/api/users').expect(403);
      await s.agent.get('/api/audit').expect(403);
      expect(await mailsTo(t.dataSource, 'a@b.hu')).toHaveLength(0);
    });

    it('lets coordinators and admins revoke a pending invitation, whose link then fails', async () => {
      const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
      const coord = await signIn(t.server, coordinator.email, coordinator.password);
      const email = uniqueEmail('revoked');
      const created = await coord.agent
        .post('/api/invitations')
        .set('X-CSRF-Token', coord.csrf)
        .send({ email, name: 'Visszavont Vilma', role: 'coordinator' })
        .expect(201);
      const [mail] = await mailsTo(t.dataSource, email);
      const token = new URL(mail.params.acceptUrl).searchParams.get('token') as string;
      const revokeUrl = `/api/invitations/${created.body.id}/revoke`;

      await request(t.server).post(revokeUrl).expect(401);
      for (const other of [
        await newUser(t.dataSource, { municipalityKsh: GYOR }),
        await newUser(t.dataSource, { roles: ['juror'], organisationCode: 'BM' }),
      ]) {
        const s = await signIn(t.server, other.email, other.password);
        await s.agent.post(revokeUrl).set('X-CSRF-Token', s.csrf).expect(403);
      }

      const revoked = await coord.agent.post(revokeUrl).set('X-CSRF-Token', coord.csrf).expect(200);
      expect(revoked.body).toMatchObject({ id: created.body.id, acceptedAt: null });
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      // idempotent: a second revoke (by an admin) keeps the first time and writes no row
      const admin = await newUser(t.dataSource, { roles: ['admin'] });
      const adm = await signIn(t.server, admin.email, admin.password);
      const again = await adm.agent.post(revokeUrl).set('X-CSRF-Token', adm.csrf).expect(200);
      expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
      const audit = await auditRows(t.dataSource, created.body.id);
      expect(audit.map((a) => a.action)).toEqual(['invitation.created', 'invitation.revoked']);
      expect(audit.at(-1)).toMatchObject({ actor_id: coordinator.id });

      const preview = await request(t.server).get(`/api/invitations/preview/${token}`).expect(400);
      expect(preview.body.error.code).toBe('INVITATION_INVALID');
      const accept = await request(t.server)
        .post('/api/invitations/accept')
        .send({ token, password: 'Visszavont-jelszó-1' })
        .expect(400);
      expect(accept.body.error.code).toBe('INVITATION_INVALID');
      expect(await countUsers(email)).toBe(0);

      const unknown = await coord.agent
        .post('/api/invitations/00000000-0000-4000-8000-000000000000/revoke')
        .set('X-CSRF-Token', coord.csrf)
        .expect(404);
      expect(unknown.body.error.code).toBe('NOT_FOUND');

      // an accepted invitation cannot be revoked
      const email2 = uniqueEmail('accepted');
      const second = await coord.agent
        .post('/api/invitations')
        .set('X-CSRF-Token', coord.csrf)
        .send({ email: email2, name: 'Elfogadó Elemér', role: 'coordinator' })
        .expect(201);
      const [mail2] = await mailsTo(t.dataSource, email2);
      const token2 = new URL(mail2.params.acceptUrl).searchParams.get('token') as string;
      await request(t.server)
        .post('/api/invitations/accept')
        .send({ token: token2, password: 'Elfogadott-jelszó-1' })
        .expect(201);
      const late = await coord.agent
        .post(`/api/invitations/${second.body.id}/revoke`)
        .set('X-CSRF-Token', coord.csrf)
        .expect(409);
      expect(late.body.error.code).toBe('INVITATION_ALREADY_ACCEPTED');
    });
  });

  describe('memberships of a signed-in user', () => {
    it('asks for another municipality, once, and a revoke ends the right to act for it at once', async () => {
      const user = await newUser(t.dataSource, { municipalityKsh: GYOR });
      const s = await signIn(t.server, user.email, user.password);
      const asked = await s.agent
        .post('/api/memberships')
        .set('X-CSRF-Token', s.csrf)
        .send({ municipalityKsh: ALSOMOCSOLAD, position: 'polgármester' })
        .expect(201);
      expect(asked.body).toMatchObject({ municipalityKsh: ALSOMOCSOLAD, status: 'pending', position: 'polgármester' });
      const again = await s.agent
        .post('/api/memberships')
        .set('X-CSRF-Token', s.csrf)
        .send({ municipalityKsh: ALSOMOCSOLAD })
        .expect(409);
      expect(again.body.error.code).toBe('MEMBERSHIP_EXISTS');
      const unknown = await s.agent
        .post('/api/memberships')
        .set('X-CSRF-Token', s.csrf)
        .send({ municipalityKsh: '00000' })
        .expect(400);
      expect(unknown.body.error.fields).toHaveProperty('municipalityKsh');
      await request(t.server).post('/api/memberships').send({ municipalityKsh: GYOR }).expect(401);

      const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
      const coord = await signIn(t.server, coordinator.email, coordinator.password);
      const approved = await coord.agent
        .get('/api/memberships')
        .query({ municipalityKsh: GYOR, status: 'approved' })
        .expect(200);
      const gyor = approved.body.items.find((m: { user: { id: string } }) => m.user.id === user.id);
      // a pending membership cannot be revoked, only an approved one
      await coord.agent
        .post(`/api/memberships/${asked.body.id}/revoke`)
        .set('X-CSRF-Token', coord.csrf)
        .send({ reason: 'Nem jóváhagyott.' })
        .expect(409);
      await coord.agent
        .post(`/api/memberships/${gyor.id}/revoke`)
        .set('X-CSRF-Token', coord.csrf)
        .send({ reason: 'Munkaviszonya megszűnt.' })
        .expect(200);
      const me = await s.agent.get('/api/auth/me').expect(200);
      expect(me.body.memberships.find((m: { municipalityKsh: string }) => m.municipalityKsh === GYOR).status).toBe(
        'revoked',
      );
      const audit = await auditRows(t.dataSource, gyor.id);
      expect(audit.at(-1)).toMatchObject({ action: 'membership.revoked', actor_id: coordinator.id });
      expect(audit.at(-1)?.changes).toMatchObject({ status: { from: 'approved', to: 'revoked' } });
      // the applicant cannot revoke anything itself
      await s.agent
        .post(`/api/memberships/${asked.body.id}/revoke`)
        .set('X-CSRF-Token', s.csrf)
        .send({ reason: 'saját magam' })
        .expect(403);
    });
  });

  describe('user administration', () => {
    it('lists users for coordinators, filtered and paginated, and reactivates an account', async () => {
      const marker = `Kereshető ${Date.now()}`;
      const juror = await newUser(t.dataSource, {
        roles: ['juror'],
        organisationCode: 'HOA',
        name: marker,
        active: false,
      });
      const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
      const coord = await signIn(t.server, coordinator.email, coordinator.password);
      const found = await coord.agent
        .get('/api/users')
        .query({ q: marker.toUpperCase(), role: 'juror', active: 'false' })
        .expect(200);
      expect(found.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(found.body.items[0]).toMatchObject({ id: juror.id, isActive: false, roles: ['juror'] });
      expect(found.body.items[0]).not.toHaveProperty('passwordHash');
      const bad = await coord.agent.get('/api/users').query({ role: 'king', pageSize: 500 }).expect(400);
      expect(Object.keys(bad.body.error.fields).sort()).toEqual(['pageSize', 'role']);

      await request(t.server)
        .post('/api/auth/login')
        .send({ email: juror.email, password: juror.password })
        .expect(401);
      const res = await coord.agent
        .post(`/api/users/${juror.id}/reactivate`)
        .set('X-CSRF-Token', coord.csrf)
        .expect(200);
      expect(res.body.isActive).toBe(true);
      await signIn(t.server, juror.email, juror.password);
      expect((await auditRows(t.dataSource, juror.id)).map((a) => a.action)).toEqual([
        'user.reactivated',
        'user.logged_in',
      ]);
    });

    it('lists invitations for coordinators only', async () => {
      const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
      const coord = await signIn(t.server, coordinator.email, coordinator.password);
      const email = uniqueEmail('listed');
      await coord.agent
        .post('/api/invitations')
        .set('X-CSRF-Token', coord.csrf)
        .send({ email, name: 'Listázott Koordinátor', role: 'coordinator', language: 'en' })
        .expect(201);
      const list = await coord.agent.get('/api/invitations').query({ pageSize: 100 }).expect(200);
      const row = list.body.items.find((i: { email: string }) => i.email === email.toLowerCase());
      expect(row).toMatchObject({ role: 'coordinator', acceptedAt: null });
      expect(row).not.toHaveProperty('tokenHash');
      const juror = await newUser(t.dataSource, { roles: ['juror'], organisationCode: 'BM' });
      const j = await signIn(t.server, juror.email, juror.password);
      await j.agent.get('/api/invitations').expect(403);
      await request(t.server).get('/api/invitations').expect(401);
    });
  });

  describe('audit log', () => {
    it('is append-only in the database', async () => {
      await expect(t.dataSource.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    });

    it('is readable by coordinators, filtered by target', async () => {
      const user = await newUser(t.dataSource);
      await signIn(t.server, user.email, user.password);
      const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
      const coord = await signIn(t.server, coordinator.email, coordinator.password);
      const res = await coord.agent.get('/api/audit').query({ targetType: 'user', targetId: user.id }).expect(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items[0]).toMatchObject({ action: 'user.logged_in', actorId: user.id });
    });
  });
});
