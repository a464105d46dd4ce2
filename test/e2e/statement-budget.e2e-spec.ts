import pg from 'pg';
import { newCall } from '../factories/calls';
import { newJuror, scoringCall, seatJurors } from '../factories/jury';
import { anyMunicipality } from '../factories/municipalities';
import { newUser } from '../factories/users';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';

const NOW = new Date('2026-03-01T10:00:00Z');
const DAY = 86_400_000;

/**
 * The statements the api sends to PostgreSQL for one request of the hot paths (the deadline
 * rush's draft save and submit, a juror's scorecard save): every statement is a round trip
 * while the request holds a pooled connection, and the bench (npm run bench -- rush scoring)
 * showed the api bound by them. Counted, not timed; the budgets are today's counts, so a
 * change that adds a statement to these paths is seen here first.
 */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(pg.Client.prototype, 'query');
  try {
    await work();
    return spy.mock.calls.map(([text]) =>
      String(typeof text === 'string' ? text : (text as { text?: string }).text)
        .replace(/\s+/g, ' ')
        .slice(0, 400),
    );
  } finally {
    spy.mockRestore();
  }
}

/** Fails with the statements listed when a request sent more than its budget. */
function expectWithin(name: string, statements: string[], budget: number): void {
  if (statements.length > budget) {
    throw new Error(`${name}: ${statements.length} statements, budget ${budget}:\n${statements.join('\n')}`);
  }
}

const sent = (statements: string[], pattern: RegExp) => statements.filter((s) => pattern.test(s)).length;

describe('statements per request on the hot paths (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
  });

  afterAll(async () => {
    await t.close();
  });

  const send = (who: SignedIn, method: 'patch' | 'post' | 'put', url: string, body: object) =>
    who.agent[method](url).set('X-CSRF-Token', who.csrf).send(body);

  it('saves a draft and submits it in few statements', async () => {
    const call = await newCall(t.dataSource, { questions: [] });
    const ksh = anyMunicipality().kshCode;
    const user = await newUser(t.dataSource, { municipalityKsh: ksh });
    const me = await signIn(t.server, user.email, user.password);
    const created = await send(me, 'post', `/api/calls/${call.id}/applications`, {
      themeId: call.themes[0].id,
      municipalityKsh: ksh,
    }).expect(201);
    const content = {
      title: 'Árvíztűrő tükörfúrógép',
      summary: 'Összefoglaló',
      problem: 'Probléma',
      practice: 'Gyakorlat',
      results: 'Eredmények',
      costHuf: 1_000_000,
      communityParticipation: 'Részvétel',
      sustainability: 'Fenntarthatóság',
      adoption: 'Átvehetőség',
      startDate: '2019-01-01',
      contact: { name: 'Őri Dezső', position: 'jegyző', email: 'ori@teszt.hu', phone: '+36 30 123 4567' },
    };
    let version = created.body.version as number;
    const save = await statementsOf(async () => {
      const res = await send(me, 'patch', `/api/applications/${created.body.id}`, { version, content }).expect(200);
      version = res.body.version as number;
    });
    const submit = await statementsOf(() =>
      send(me, 'post', `/api/applications/${created.body.id}/submit`, { version }).expect(201),
    );
    // session and user in one, the application, the form's questions, the update with its audit row
    // in one statement (no transaction), and the answer's detail in one; a submit: session and user,
    // the row locked, the call with the municipality's extension, the questions, the attachments, the
    // submission, the update with its audit row, the receipt's outbox row, the detail, and the
    // transaction's two
    expectWithin('draft save', save, 5);
    expect(sent(save, /^WITH changed AS \(UPDATE application .* audited AS \(INSERT INTO audit_log/)).toBe(1);
    expect(sent(save, /^(SELECT s\.sess)/)).toBe(1);
    expectWithin('submit', submit, 11);
    expect(sent(submit, /^INSERT INTO application_submission/)).toBe(1);
    expect(sent(submit, /^WITH changed AS \(UPDATE application .* audited AS \(INSERT INTO audit_log/)).toBe(1);
    expect(sent(submit, /^INSERT INTO outbox/)).toBe(1);
    expect(sent(submit, /^(SELECT s\.sess|START TRANSACTION|COMMIT)/)).toBe(3);
  });

  it('saves a scorecard in few statements', async () => {
    const call = await scoringCall(t.dataSource, { now: NOW, applications: 2 });
    const juror = await newJuror(t.dataSource);
    await seatJurors(t.dataSource, call.id, [juror], { addedBy: call.coordinator.id });
    const coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    const round = await send(coordinator, 'post', `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 14 * DAY).toISOString(),
    }).expect(201);
    await send(coordinator, 'post', `/api/rounds/${round.body.id}/auto-assign`, {}).expect(200);
    const me = await signIn(t.server, juror.email, juror.password);
    const mine = await me.agent.get(`/api/jury/assignments?pageSize=10`).expect(200);
    const assignmentId = mine.body.items[0].id as string;
    const criteria = await me.agent.get(`/api/assignments/${assignmentId}`).expect(200);
    const scores = (criteria.body.criteria as Array<{ id: string }>).map((c) => ({ criterionId: c.id, points: 3 }));
    const save = await statementsOf(() =>
      send(me, 'put', `/api/assignments/${assignmentId}/scorecard`, { scores }).expect(200),
    );
    // session and user in one, the round's gate, the assignment with the juror's seat, the round with
    // its call and settings, the criteria, the scores' upsert and read, the update with its audit row,
    // and the transaction's two
    expectWithin('scorecard save', save, 10);
    expect(sent(save, /pg_advisory_xact_lock_shared/)).toBe(1);
    expect(sent(save, /^INSERT INTO score /)).toBe(1);
    expect(sent(save, /^WITH changed AS \(UPDATE assignment .* audited AS \(INSERT INTO audit_log/)).toBe(1);
    expect(sent(save, /^(SELECT s\.sess|START TRANSACTION|COMMIT)/)).toBe(3);
  });
});
