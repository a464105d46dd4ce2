import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { canonicalJson } from '@portal/applications';
import { overrideEnv } from '@portal/config';
import { FixedClock } from '@portal/core';
import { buildPublicResults, PublicationsService, type ResultsSnapshot } from '@portal/results';
import { seedDemo } from '../../scripts/demo-data';
import { newJuror, scoringCall, type ScoringCall, seatJurors, wholeRanking } from '../factories/jury';
import { auditRows, newUser, type TestUser } from '../factories/users';
import { startSmtpSink, type SmtpSink } from '../setup/smtp-sink';
import { eventually as poll } from '../setup/eventually';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';
import { isolateQueuePrefix, startTestWorker, type TestWorker } from '../setup/test-worker';

const NOW = new Date('2026-06-10T08:00:00Z');
const DAY = 86_400_000;

function put(who: SignedIn, url: string, body: object) {
  return who.agent.put(url).set('X-CSRF-Token', who.csrf).send(body);
}
function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}

/** What the worker does, within 30 s, looked at every 100 ms. */
const eventually = <T>(probe: () => Promise<T | undefined | null | false>): Promise<T> => poll(probe, 30_000, 100);

interface RankingRow {
  applicationId: string;
  themeId: string;
  rank: number | null;
  score: number | null;
}

describe('results: from scores to a published winner list', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: TestWorker;
  let call: ScoringCall;
  let coordinator: SignedIn;
  let staff: TestUser[];
  let jurors: TestUser[];
  let roundId: string;
  let ranking: RankingRow[];
  const canary = `TITOK-${randomUUID()}`;

  beforeAll(async () => {
    isolateQueuePrefix();
    sink = await startSmtpSink();
    overrideEnv({ SMTP_URL: sink.url });
    t = await createTestApp({ now: NOW });
    worker = await startTestWorker();
    call = await scoringCall(t.dataSource, {
      now: NOW,
      applications: 6,
      criteria: [
        { nameHu: 'Hatás', nameEn: 'Impact', weight: 1.5, maxPoints: 10, tieBreakOrder: 1 },
        { nameHu: 'Átvehetőség', nameEn: 'Replicability', weight: 1, maxPoints: 10 },
      ],
    });
    staff = [];
    for (const application of call.applications) {
      staff.push(await newUser(t.dataSource, { municipalityKsh: application.municipalityKsh, name: 'Jegyző Ödön' }));
    }
    jurors = [];
    for (const code of ['BM', 'TÖOSZ', 'HOA', 'MÖSZ']) {
      jurors.push(await newJuror(t.dataSource, { organisationCode: code, name: `Bíráló ${code}` }));
    }
    await seatJurors(t.dataSource, call.id, jurors, { addedBy: call.coordinator.id });
    coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    await put(coordinator, `/api/calls/${call.id}/jury/settings`, { jurorsPerApplication: 3 }).expect(200);
    const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    });
    roundId = round.body.id as string;
    const criteria = round.body.criteria as Array<{ id: string }>;
    await post(coordinator, `/api/rounds/${roundId}/auto-assign`).expect(200);
    // every juror scores: points differ by application so that no two totals tie
    for (const [j, juror] of jurors.entries()) {
      const agent = await signIn(t.server, juror.email, juror.password);
      const mine = await agent.agent.get(`/api/jury/assignments?roundId=${roundId}&pageSize=100`);
      for (const assignment of mine.body.items as Array<{ id: string; applicationId: string }>) {
        const a = call.applications.findIndex((x) => x.id === assignment.applicationId);
        await put(agent, `/api/assignments/${assignment.id}/scorecard`, {
          scores: [
            { criterionId: criteria[0].id, points: (a * 3 + j) % 11 },
            { criterionId: criteria[1].id, points: (a * 7 + 2 * j + 1) % 11 },
          ],
          privateNote: `${canary} a zsűrinek`,
          feedback: `Visszajelzés ${a + 1}/${j + 1}: jól átvehető gyakorlat.`,
          submit: true,
        }).expect(200);
      }
    }
    await post(coordinator, `/api/rounds/${roundId}/close`).expect(200);
  }, 120_000);

  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.close();
    overrideEnv({ SMTP_URL: '' });
  });

  it('ranks as an independent computation from the raw scores says', async () => {
    const raw = await t.dataSource.query<
      Array<{ assignment_id: string; application_id: string; weight: string; max_points: number; points: string }>
    >(
      `SELECT x.id AS assignment_id, x.application_id, c.weight, c.max_points, s.points
         FROM assignment x JOIN score s ON s.assignment_id = x.id JOIN round_criterion c ON c.id = s.criterion_id
        WHERE x.round_id = $1 AND x.status = 'submitted'`,
      [roundId],
    );
    const sums = new Map<string, { app: string; wp: number; wmax: number }>();
    for (const row of raw) {
      const s = sums.get(row.assignment_id) ?? { app: row.application_id, wp: 0, wmax: 0 };
      s.wp += Number(row.weight) * Number(row.points);
      s.wmax += Number(row.weight) * row.max_points;
      sums.set(row.assignment_id, s);
    }
    const totals = new Map<string, number[]>();
    for (const s of sums.values()) totals.set(s.app, [...(totals.get(s.app) ?? []), (100 * s.wp) / s.wmax]);
    const expected = call.applications.map((a) => {
      const list = totals.get(a.id) ?? [];
      return { applicationId: a.id, themeId: a.themeId, score: list.reduce((x, y) => x + y, 0) / list.length };
    });

    ranking = await wholeRanking(coordinator.agent, roundId);
    expect(ranking).toHaveLength(6);
    for (const e of expected) {
      const row = ranking.find((r) => r.applicationId === e.applicationId)!;
      expect(row.score).toBeCloseTo(e.score, 3);
      // its rank: 1 + the number of applications of its theme with a higher score
      const higher = expected.filter((o) => o.themeId === e.themeId && o.score > e.score + 1e-6).length;
      expect({ id: e.applicationId, rank: row.rank }).toEqual({ id: e.applicationId, rank: higher + 1 });
    }
  });

  it('pages the ranking and filters it by theme and by the disagreement flag, each page from the whole ranking', async () => {
    const theme = ranking[0].themeId;
    const first = await coordinator.agent.get(`/api/rounds/${roundId}/ranking?pageSize=2`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 6, page: 1, pageSize: 2, methodRequested: 'mean', methodUsed: 'mean' });
    expect(first.body.items.map((r: RankingRow) => r.applicationId)).toEqual(
      ranking.slice(0, 2).map((r) => r.applicationId),
    );
    const second = await coordinator.agent.get(`/api/rounds/${roundId}/ranking?pageSize=2&page=2`);
    expect(second.body.items.map((r: RankingRow) => r.applicationId)).toEqual(
      ranking.slice(2, 4).map((r) => r.applicationId),
    );
    // one theme: its rows in rank order, with the ranks of the whole ranking (not renumbered)
    const oneTheme = await wholeRanking(coordinator.agent, roundId, `&themeId=${theme.toUpperCase()}`);
    expect(oneTheme.map((r) => [r.applicationId, r.rank])).toEqual(
      ranking.filter((r) => r.themeId === theme).map((r) => [r.applicationId, r.rank]),
    );
    expect(oneTheme.length).toBeGreaterThan(0);
    expect(oneTheme.length).toBeLessThan(6);
    // flagged and unflagged split the ranking
    const flagged = await wholeRanking(coordinator.agent, roundId, '&flagged=true');
    const calm = await wholeRanking(coordinator.agent, roundId, '&flagged=false');
    expect(flagged.every((r) => r.flagged)).toBe(true);
    expect(calm.every((r) => !r.flagged)).toBe(true);
    expect([...flagged, ...calm].map((r) => r.applicationId).sort()).toEqual(
      ranking.map((r) => r.applicationId).sort(),
    );
    // bad paging and filters: 400 naming the field, in the caller's language
    for (const [query, field] of [
      ['pageSize=101', 'pageSize'],
      ['page=0', 'page'],
      ['themeId=nem-uuid', 'themeId'],
      ['flagged=talán', 'flagged'],
    ]) {
      const hu = await coordinator.agent.get(`/api/rounds/${roundId}/ranking?${encodeURI(query)}`);
      expect({ query, status: hu.status, code: hu.body.error?.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(Object.keys(hu.body.error.fields)).toEqual([field]);
      const en = await coordinator.agent
        .get(`/api/rounds/${roundId}/ranking?${encodeURI(query)}`)
        .set('Accept-Language', 'en');
      expect(en.body.error.fields[field]).not.toEqual(hu.body.error.fields[field]);
    }
  });

  it('shows the winners under every method side by side', async () => {
    const res = await coordinator.agent.get(`/api/rounds/${roundId}/sensitivity`);
    expect(res.status).toBe(200);
    expect(res.body.methods.map((m: { method: string }) => m.method)).toEqual([
      'mean',
      'median',
      'trimmed_mean',
      'normalised',
    ]);
    expect(typeof res.body.differs).toBe('boolean');
  });

  it('shows nothing on any public route before publication, but the scoring rules of the call', async () => {
    const anonymous = request(t.server);
    const rules = await anonymous.get(`/api/public/calls/${call.id}/scoring-rules`);
    expect(rules.status).toBe(200);
    expect(rules.body).toMatchObject({
      scoringMethod: 'mean',
      awardLevels: ['Nyertes', 'Különdíj', 'Elismerő oklevél'],
    });
    expect(rules.body.description).toContain('átlaga');
    expect((await anonymous.get(`/api/public/results?year=${call.year}`)).status).toBe(404);
    expect((await anonymous.get(`/api/public/calls/${call.id}/results`)).status).toBe(404);
    expect((await anonymous.get(`/api/public/calls/${call.id}/results.pdf`)).status).toBe(404);
  });

  it('lets only coordinators set award levels and decide, refusing bad input with 400 and storing nothing', async () => {
    const juror = await signIn(t.server, jurors[0].email, jurors[0].password);
    const applicant = await signIn(t.server, staff[0].email, staff[0].password);
    for (const who of [juror, applicant]) {
      expect((await who.agent.get(`/api/calls/${call.id}/award-levels`)).status).toBe(403);
      expect((await put(who, `/api/calls/${call.id}/themes/${call.themes[0].id}/awards`, { awards: [] })).status).toBe(
        403,
      );
      expect((await post(who, `/api/calls/${call.id}/publications`)).status).toBe(403);
      expect((await who.agent.get(`/api/calls/${call.id}/ranking.csv`)).status).toBe(403);
    }
    expect((await request(t.server).post(`/api/calls/${call.id}/decide`)).status).toBe(401);
    const badCode = await put(coordinator, `/api/calls/${call.id}/award-levels`, {
      levels: [{ code: 'Fődíj!', nameHu: 'Fődíj', nameEn: 'Grand prize' }],
    });
    expect(badCode.status).toBe(400);
    expect(Object.keys(badCode.body.error.fields)).toEqual(['levels.0.code']);
    const unknownLevel = await put(coordinator, `/api/calls/${call.id}/themes/${call.themes[0].id}/awards`, {
      awards: [{ applicationId: ranking[0].applicationId, level: 'grand_prize' }],
    });
    expect(unknownLevel.status).toBe(400);
    const [{ count }] = await t.dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM award_decision WHERE call_id = $1`,
      [call.id],
    );
    expect(count).toBe(0);
    const levels = await put(coordinator, `/api/calls/${call.id}/award-levels`, {
      levels: [
        { code: 'winner', nameHu: 'Nyertes', nameEn: 'Winner' },
        { code: 'special_prize', nameHu: 'Különdíj', nameEn: 'Special prize' },
        { code: 'commendation', nameHu: 'Elismerő oklevél', nameEn: 'Commendation' },
      ],
    });
    expect(levels.status).toBe(200);
    expect(levels.body.map((l: { code: string }) => l.code)).toEqual(['winner', 'special_prize', 'commendation']);
    const early = await post(coordinator, `/api/calls/${call.id}/publications`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('CALL_WRONG_STATUS');
  });

  it('records the awards per theme: following the ranking, or departing from it with a justification', async () => {
    for (const theme of call.themes) {
      const ordered = ranking.filter((r) => r.themeId === theme.id).sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
      if (theme.id === call.themes[1].id) {
        // the committee gives the prize to the second
        const departing = await put(coordinator, `/api/calls/${call.id}/themes/${theme.id}/awards`, {
          awards: [{ applicationId: ordered[1].applicationId, level: 'winner' }],
        });
        expect(departing.status).toBe(422);
        expect(departing.body.error.code).toBe('JUSTIFICATION_REQUIRED');
        const justified = await put(coordinator, `/api/calls/${call.id}/themes/${theme.id}/awards`, {
          awards: [{ applicationId: ordered[1].applicationId, level: 'winner' }],
          justification: 'A helyszíni látogatás alapján a bizottság egyhangúlag a második helyezettet díjazza.',
        });
        expect(justified.status).toBe(200);
        expect(justified.body.followsRanking).toBe(false);
        continue;
      }
      const res = await put(coordinator, `/api/calls/${call.id}/themes/${theme.id}/awards`, {
        awards: [
          { applicationId: ordered[0].applicationId, level: 'winner' },
          { applicationId: ordered[1].applicationId, level: 'commendation' },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ followsRanking: true, justification: null });
    }
    const decided = await post(coordinator, `/api/calls/${call.id}/decide`);
    expect(decided.status).toBe(200);
    const frozen = await put(coordinator, `/api/calls/${call.id}/themes/${call.themes[0].id}/awards`, { awards: [] });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.code).toBe('RESULTS_FROZEN');
    expect((await auditRows(t.dataSource, call.id)).map((r) => r.action)).toEqual(
      expect.arrayContaining(['results.theme_decided', 'call.decided']),
    );
  });

  it('publishes once however many ask at once: one publication, one mail per applicant', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(coordinator, `/api/calls/${call.id}/publications`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    const ids = new Set(answers.map((a) => a.body.id as string));
    expect(ids.size).toBe(1);
    const id = [...ids][0];
    const done = await eventually(async () => {
      const res = await coordinator.agent.get(`/api/publications/${id}`);
      return res.body.status === 'completed' && res.body.mails.sent === staff.length ? res.body : null;
    });
    expect(done).toMatchObject({ version: 1, files: { listHu: true, listEn: true, certificates: 5 } });
    const [{ count }] = await t.dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM publication WHERE call_id = $1`,
      [call.id],
    );
    expect(count).toBe(1);
    const notFailed = await post(coordinator, `/api/publications/${id}/retry`);
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.error.code).toBe('PUBLICATION_WRONG_STATUS');
    // at the SMTP server: exactly one mail per applicant's staff member
    for (const member of staff) {
      const mails = sink.mails.filter((m) =>
        (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.value.some((v) => v.address === member.email)),
      );
      expect({ to: member.email, mails: mails.length }).toEqual({ to: member.email, mails: 1 });
      expect(mails[0].text).toContain('Visszajelzés');
      expect(mails[0].text).not.toContain(canary);
    }
    const ours = new Set(staff.map((member) => member.email));
    const certificates = sink.mails.filter(
      (m) =>
        (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.value.some((v) => ours.has(v.address ?? ''))) &&
        m.attachments.some((a) => a.filename === 'Oklevél.pdf'),
    );
    expect(certificates).toHaveLength(5);
    // the snapshot's digest is the SHA-256 of its canonical JSON
    const [row] = await t.dataSource.query<Array<{ snapshot: object; sha256: string }>>(
      `SELECT snapshot, sha256 FROM publication WHERE id = $1`,
      [id],
    );
    expect(createHash('sha256').update(canonicalJson(row.snapshot), 'utf8').digest('hex')).toBe(row.sha256);
  }, 60_000);

  it('shows the published winners to everyone, without jurors, scores or notes', async () => {
    const res = await request(t.server).get(`/api/public/results?year=${call.year}`);
    expect(res.status).toBe(200);
    expect(res.body.themes).toHaveLength(3);
    const first = res.body.themes.find((th: { id: string }) => th.id === call.themes[0].id);
    expect(first.awards.map((a: { levelCode: string }) => a.levelCode)).toEqual(['winner', 'commendation']);
    expect(first.awards[0]).toMatchObject({ level: 'Nyertes', position: 1, municipality: expect.any(String) });
    const text = JSON.stringify(res.body);
    for (const juror of jurors) expect(text).not.toContain(juror.name);
    expect(text).not.toContain(canary);
    expect(text).not.toContain('Visszajelzés');
    const english = await request(t.server).get(`/api/public/calls/${call.id}/results?lang=en`);
    expect(english.body.themes[0].awards[0].level).toBe('Winner');
    const pdf = await request(t.server).get(`/api/public/calls/${call.id}/results.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`${call.year}`);
  });

  it('keeps the public part beside the snapshot, equal to one made from it, and makes it for an older publication', async () => {
    const [stored] = await t.dataSource.query<Array<{ id: string; snapshot: ResultsSnapshot; public_results: object }>>(
      `SELECT id, snapshot, public_results FROM publication WHERE call_id = $1 AND status = 'completed'
        ORDER BY version DESC LIMIT 1`,
      [call.id],
    );
    expect(stored.public_results).toEqual(
      JSON.parse(
        JSON.stringify({
          hu: buildPublicResults(stored.snapshot, 'hu'),
          en: buildPublicResults(stored.snapshot, 'en'),
        }),
      ),
    );
    const before = (await request(t.server).get(`/api/public/calls/${call.id}/results?lang=en`)).body;
    // a publication frozen before the public part was kept: it is made on the first read, and kept
    await t.dataSource.query(`UPDATE publication SET public_results = NULL WHERE id = $1`, [stored.id]);
    const again = await request(t.server).get(`/api/public/calls/${call.id}/results?lang=en`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(before);
    const [kept] = await t.dataSource.query<Array<{ public_results: object }>>(
      `SELECT public_results FROM publication WHERE id = $1`,
      [stored.id],
    );
    expect(kept.public_results).toEqual(stored.public_results);
  });

  it('shows a municipality’s awards on its public page, and nothing it was not awarded', async () => {
    const published = (await request(t.server).get(`/api/public/calls/${call.id}/results`)).body as {
      themes: Array<{
        id: string;
        title: string;
        awards: Array<{ municipalityKsh: string; applicationId: string; levelCode: string }>;
      }>;
    };
    const awarded = published.themes.flatMap((theme) => theme.awards.map((award) => ({ ...award, themeId: theme.id })));
    const winner = awarded[0];
    const res = await request(t.server).get(`/api/public/municipalities/${winner.municipalityKsh}/awards`);
    expect(res.status).toBe(200);
    expect(res.body.municipality.kshCode).toBe(winner.municipalityKsh);
    const ofThisCall = (res.body.awards as Array<{ callId: string; applicationId: string }>).filter(
      (a) => a.callId === call.id,
    );
    expect(ofThisCall.map((a) => a.applicationId).sort()).toEqual(
      awarded
        .filter((a) => a.municipalityKsh === winner.municipalityKsh)
        .map((a) => a.applicationId)
        .sort(),
    );
    expect(res.body.awards[0]).toMatchObject({ year: call.year, level: expect.any(String), theme: expect.any(String) });
    // an applicant that won nothing: its page lists no award of this call (and says nothing of its score)
    const loser = call.applications.find((a) => !awarded.some((w) => w.municipalityKsh === a.municipalityKsh));
    expect(loser).toBeDefined();
    const empty = await request(t.server).get(`/api/public/municipalities/${loser!.municipalityKsh}/awards?lang=en`);
    expect(empty.status).toBe(200);
    expect((empty.body.awards as Array<{ callId: string }>).filter((a) => a.callId === call.id)).toEqual([]);
    expect(JSON.stringify(empty.body)).not.toMatch(/score|points/i);
    // a code that is not 5 digits: 400 naming the field; one nobody has: 404
    const bad = await request(t.server).get('/api/public/municipalities/12a/awards');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('ksh');
    expect((await request(t.server).get('/api/public/municipalities/99999/awards')).status).toBe(404);
  });

  it('exports the ranking and the scores as CSV for Hungarian Excel', async () => {
    const csv = await coordinator.agent.get(`/api/calls/${call.id}/ranking.csv`);
    expect(csv.status).toBe(200);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain('Témakör;Helyezés;Pályázat');
    const scores = await coordinator.agent.get(`/api/calls/${call.id}/scores.csv?lang=en`);
    expect(scores.text).toContain('Round;Application;Local government;Juror');
    expect(scores.text.split('\r\n').length).toBeGreaterThan(6 * 3 * 2);
  });

  it('publishes a correction as a new version, keeping the old one and saying what changed', async () => {
    const theme = call.themes[2].id;
    const ordered = ranking.filter((r) => r.themeId === theme).sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
    const noReason = await put(coordinator, `/api/calls/${call.id}/themes/${theme}/awards`, {
      awards: [{ applicationId: ordered[0].applicationId, level: 'winner' }],
    });
    expect(noReason.status).toBe(409);
    const corrected = await put(coordinator, `/api/calls/${call.id}/themes/${theme}/awards`, {
      awards: [{ applicationId: ordered[0].applicationId, level: 'winner' }],
      correction: 'Az elismerő oklevelet tévesen rögzítettük.',
    });
    expect(corrected.status).toBe(200);
    const missing = await post(coordinator, `/api/calls/${call.id}/publications`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('reason');
    // the mail server refuses for a while: the failure shows, and a retry sends it
    sink.reject({ code: 550, message: 'Mailbox unavailable' });
    const again = await post(coordinator, `/api/calls/${call.id}/publications`, {
      reason: 'Helyesbítés: egy elismerő oklevél törölve.',
    });
    expect(again.status).toBe(202);
    expect(again.body.version).toBe(2);
    const failed = await eventually(async () => {
      const res = await coordinator.agent.get(`/api/publications/${again.body.id}`);
      return res.body.status === 'completed' && res.body.mails.failed === 1 ? res.body : null;
    });
    expect(failed.mails).toMatchObject({ total: 1, sent: 0, failed: 1 });
    sink.reject(null);
    const retried = await post(coordinator, `/api/publications/${again.body.id}/retry-mails`);
    expect(retried.status).toBe(202);
    const done = await eventually(async () => {
      const res = await coordinator.agent.get(`/api/publications/${again.body.id}`);
      return res.body.mails.sent === 1 ? res.body : null;
    });
    expect(done.mails).toMatchObject({ total: 1, sent: 1, failed: 0 });
    expect(done.changes.removed).toEqual([expect.objectContaining({ applicationId: ordered[1].applicationId })]);
    // only the applicant whose outcome changed is told again
    expect(done.mails.total).toBe(1);
    const versions = await coordinator.agent.get(`/api/calls/${call.id}/publications`);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const latest = await request(t.server).get(`/api/public/calls/${call.id}/results`);
    expect(latest.body.version).toBe(2);
  }, 60_000);

  it('publishes the demo’s past calls through the same pipeline', async () => {
    // the instant demo-data.int-spec.ts seeds at: the demo is seeded once per database, whichever file runs first
    await seedDemo(t.dataSource, new FixedClock(new Date('2026-11-22T15:00:00Z')));
    const [row] = await t.dataSource.query<Array<{ id: string; status: string }>>(
      `SELECT p.id, p.status FROM publication p JOIN call c ON c.id = p.call_id
         JOIN programme g ON g.id = c.programme_id WHERE g.code = 'logy' AND c.year = 2021`,
    );
    expect(row).toBeDefined();
    // the demo's worker polls the outbox; here the job is run as the worker runs it
    if (row.status !== 'completed') await t.app.get(PublicationsService).run(row.id);
    const res = await request(t.server).get('/api/public/results?year=2021');
    expect(res.status).toBe(200);
    expect(res.body.themes).toHaveLength(4);
    for (const theme of res.body.themes as Array<{ awards: Array<{ levelCode: string }> }>) {
      expect(theme.awards.map((a) => a.levelCode)).toEqual(['winner', 'commendation']);
    }
    expect(JSON.stringify(res.body)).toContain('Alsómocsolád');
  }, 60_000);
});
