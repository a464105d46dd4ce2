import { DataSource } from 'typeorm';
import { callStatus, isAcceptingSubmissions } from '@portal/calls';
import { Call } from '@portal/calls';
import { FixedClock } from '@portal/core';
import { createDataSource } from '@portal/schema';
import { DEMO_ACCOUNTS, DEMO_CRITERIA, demoCalls, seedDemo } from '../../scripts/demo-data';

/** The demo seed on this run's database: run twice, it leaves one of everything. */
describe('demo data', () => {
  let ds: DataSource;
  const clock = new FixedClock(new Date('2026-11-22T15:00:00Z'));

  beforeAll(async () => {
    ds = createDataSource();
    await ds.initialize();
    await seedDemo(ds, clock);
    clock.advance(3_600_000);
    await seedDemo(ds, clock);
  });

  afterAll(async () => {
    await ds.destroy();
  });

  const callOf = async (year: number) => {
    const calls = await ds.getRepository(Call).findBy({ year });
    expect(calls).toHaveLength(1);
    return calls[0];
  };
  const count = async (table: string, callId: string) =>
    Number((await ds.query(`SELECT count(*) AS n FROM ${table} WHERE call_id = $1`, [callId]))[0].n);

  it('leaves one 2020, one 2021 and one 2027 call however often it runs', async () => {
    for (const year of [2020, 2021, 2027]) await callOf(year);
    const [{ n }] = await ds.query(
      `SELECT count(*) AS n FROM audit_log
        WHERE target_type = 'call' AND action IN ('call.created', 'call.copied')
          AND changes ->> 'source' = 'demo seed'`,
    );
    expect(Number(n)).toBe(3);
    const [{ seated }] = await ds.query(
      `SELECT count(*) AS seated FROM audit_log WHERE action = 'jury.member_added' AND changes ->> 'source' = 'demo seed'`,
    );
    expect(Number(seated)).toBe(2);
    const emails = DEMO_ACCOUNTS.map((a) => a.email);
    const [{ users }] = await ds.query(`SELECT count(*) AS users FROM app_user WHERE email = ANY($1)`, [emails]);
    expect(Number(users)).toBe(DEMO_ACCOUNTS.length);
  });

  it('has the 2020 call of the seeds: five themes, announced and published in the past', async () => {
    const call = await callOf(2020);
    expect(callStatus(call, clock.now())).toBe('published');
    expect(call.announcedAt?.toISOString()).toBe('2020-05-04T08:00:00.000Z'); // 10:00 Budapest summer time
    const themes: Array<{ title_hu: string }> = await ds.query(
      `SELECT title_hu FROM call_theme WHERE call_id = $1 ORDER BY position`,
      [call.id],
    );
    expect(themes).toHaveLength(5);
    expect(themes.map((t) => t.title_hu)).toEqual(
      expect.arrayContaining([
        'Társadalmi felzárkózási jó gyakorlatok – a szegénység elleni küzdelem hatékony helyi módszerei',
        'Önkormányzati jó gyakorlatok az idősellátásban',
      ]),
    );
    expect(themes.some((t) => t.title_hu.startsWith('Önkormányzati innovációk – bármely'))).toBe(true);
    expect(themes.some((t) => /közbiztonság/.test(t.title_hu))).toBe(true);
    expect(themes.some((t) => /járvány/.test(t.title_hu))).toBe(true);
    expect(await count('call_criterion', call.id)).toBe(8);
  });

  it('has the 2021 call with four themes and the eight Council of Europe criteria', async () => {
    const call = await callOf(2021);
    expect(callStatus(call, clock.now())).toBe('published');
    expect(await count('call_theme', call.id)).toBe(4);
    const criteria: Array<{ name_en: string; weight: string; tie_break_order: number | null }> = await ds.query(
      `SELECT name_en, weight, tie_break_order FROM call_criterion WHERE call_id = $1 ORDER BY position`,
      [call.id],
    );
    expect(criteria.map((c) => c.name_en)).toEqual(DEMO_CRITERIA.map((c) => c.en));
    expect(criteria.map((c) => c.name_en)).toEqual(
      expect.arrayContaining(['Relevance', 'Impact', 'Efficiency', 'Innovation', 'Local initiative']),
    );
    expect(criteria.find((c) => c.name_en === 'Impact')).toMatchObject({ weight: '1.50', tie_break_order: 1 });
  });

  it('has a current 2027 call copied from 2021, open now and closing weeks ahead', async () => {
    const source = await callOf(2021);
    const call = await callOf(2027);
    expect(call.copiedFromCallId).toBe(source.id);
    expect(call.titleHu).toBe('Legjobb Önkormányzati Gyakorlatok 2027');
    expect(callStatus(call, clock.now())).toBe('open');
    expect(isAcceptingSubmissions(call, clock.now())).toBe(true);
    const weeksLeft = (call.submissionClosesAt.getTime() - clock.now().getTime()) / (7 * 86_400_000);
    expect(weeksLeft).toBeGreaterThan(4);
    expect(weeksLeft).toBeLessThan(10);
    for (const table of ['call_theme', 'call_criterion', 'call_question']) {
      expect(await count(table, call.id)).toBe(await count(table, source.id));
    }
    const lines = await demoCalls(ds, clock.now());
    const line = lines.find((l) => l.year === 2027);
    expect(line).toMatchObject({
      status: 'open',
      submissionClosesAtBudapest: expect.stringMatching(/T23:59:00\+0[12]:00$/),
    });
  });

  it('seats the demo jurors on the 2027 call’s jury, each once, declaration still to accept', async () => {
    const call = await callOf(2027);
    await seedDemo(ds, clock);
    const members = await ds.query<Array<{ email: string; code: string; declared: boolean }>>(
      `SELECT u.email, o.code, j.declaration_accepted_at IS NOT NULL AS declared
         FROM jury_member j JOIN app_user u ON u.id = j.user_id JOIN organisation o ON o.id = j.organisation_id
        WHERE j.call_id = $1 ORDER BY u.email`,
      [call.id],
    );
    expect(members).toEqual([
      { email: 'biralo.bm@demo.logy.hu', code: 'BM', declared: false },
      { email: 'juror.toosz@demo.logy.hu', code: 'TÖOSZ', declared: false },
    ]);
  });

  it('gives the past calls their jury, scores, decisions and one queued or finished publication, once', async () => {
    for (const year of [2020, 2021]) {
      const call = await callOf(year);
      const themes = await count('call_theme', call.id);
      expect(await count('scoring_round', call.id)).toBe(1);
      expect(await count('theme_decision', call.id)).toBe(themes);
      expect(await count('award_decision', call.id)).toBe(2 * themes);
      expect(await count('publication', call.id)).toBe(1);
      expect(await count('application', call.id)).toBe(2 * themes);
    }
  });
});
