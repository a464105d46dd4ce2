import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Env } from '@portal/config';
import { Transactions } from '@portal/database';
import { JuryRemindersService } from '@portal/jury';
import { MailService } from '@portal/mail';
import { QUEUES } from '@portal/queue';
import { REMINDER_EVERY_MS, REMINDER_SCHEDULER_ID } from '../../apps/worker/src/jury-reminders.processor';
import { budapest } from '../factories/calls';
import { newJuror, scoringCall, type ScoringCall, seatJurors } from '../factories/jury';
import { mailsTo, type TestUser } from '../factories/users';
import { createTestApp, signIn, type TestApp } from '../setup/test-app';
import { isolateQueuePrefix, startTestWorker } from '../setup/test-worker';

const MINUTE = 60_000;
const DAY = 86_400_000;
// the round closes three days after the clocks go back (25 October 2026, 03:00 CEST → 02:00 CET)
const CLOSES = budapest('2026-10-28T12:00');
const CREATED = budapest('2026-10-15T09:00');

describe('jury reminders', () => {
  let t: TestApp;
  let call: ScoringCall;
  let jurors: TestUser[];
  let reminders: JuryRemindersService;
  let secondWorker: JuryRemindersService;

  beforeAll(async () => {
    isolateQueuePrefix();
    t = await createTestApp({ now: CREATED });
    call = await scoringCall(t.dataSource, { now: CREATED, applications: 3 });
    jurors = [
      await newJuror(t.dataSource, { organisationCode: 'BM', name: 'Bíró Ágnes' }),
      await newJuror(t.dataSource, { organisationCode: 'HOA', name: 'Kész Elemér' }),
      await newJuror(t.dataSource, { organisationCode: 'TÖOSZ', name: 'Szűcs Ödön', language: 'en' }),
    ];
    await seatJurors(t.dataSource, call.id, jurors, { addedBy: call.coordinator.id });
    const coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    await coordinator.agent
      .put(`/api/calls/${call.id}/jury/settings`)
      .set('X-CSRF-Token', coordinator.csrf)
      .send({ jurorsPerApplication: 3 })
      .expect(200);
    const round = await coordinator.agent
      .post(`/api/calls/${call.id}/rounds`)
      .set('X-CSRF-Token', coordinator.csrf)
      .send({
        nameHu: '1. forduló – írásbeli értékelés',
        nameEn: 'Round 1 – written assessment',
        closesAt: CLOSES.toISOString(),
      })
      .expect(201);
    await coordinator.agent
      .post(`/api/rounds/${round.body.id}/auto-assign`)
      .set('X-CSRF-Token', coordinator.csrf)
      .expect(200);
    // juror 1 has submitted every scorecard; jurors 0 and 2 have three unfinished each
    await t.dataSource.query(
      `UPDATE assignment SET status = 'submitted', submitted_at = now()
        WHERE jury_member_id = (SELECT id FROM jury_member WHERE call_id = $1 AND user_id = $2)`,
      [call.id, jurors[1].id],
    );
    reminders = t.app.get(JuryRemindersService);
    // a second worker: its own service instance on the same database
    secondWorker = new JuryRemindersService(
      t.app.get(DataSource),
      t.app.get(Transactions),
      t.app.get(MailService),
      t.clock,
      t.app.get(Env),
    );
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  async function jurorMails(index: number) {
    return (await mailsTo(t.dataSource, jurors[index].email)).filter((m) => m.template === 'jury-reminder');
  }
  async function summaries() {
    return (await mailsTo(t.dataSource, call.coordinator.email)).filter((m) => m.template === 'jury-progress');
  }

  it('sends nothing earlier than 7 days before the close', async () => {
    t.clock.set(new Date(CLOSES.getTime() - 7 * DAY - MINUTE));
    await reminders.run();
    expect(await jurorMails(0)).toHaveLength(0);
    expect(await summaries()).toHaveLength(0);
  });

  it('7 days before (across the change of clocks): one reminder per juror with unfinished scorecards, even with two workers', async () => {
    // 7 × 24 hours before 28 October 12:00 CET is 21 October 13:00 CEST
    t.clock.set(new Date(CLOSES.getTime() - 7 * DAY));
    expect(t.clock.now().toISOString()).toBe('2026-10-21T11:00:00.000Z');
    await Promise.all([reminders.run(), secondWorker.run(), reminders.run()]);
    const first = await jurorMails(0);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ language: 'hu', dedupe_key: expect.stringContaining(':7d:') });
    expect(first[0].params).toMatchObject({ unfinished: 3, round: '1. forduló – írásbeli értékelés' });
    // the links land on the portal's pages: the juror's scorecards, the call's rounds for coordinators
    const publicUrl = t.app.get(Env).PUBLIC_URL;
    expect(first[0].params.scoringUrl).toBe(`${publicUrl}/zsuri/ertekeles`);
    expect((await summaries())[0]?.params.progressUrl).toBe(`${publicUrl}/koordinator/felhivasok/${call.id}/fordulok`);
    expect(await jurorMails(1)).toHaveLength(0);
    const english = await jurorMails(2);
    expect(english).toHaveLength(1);
    expect(english[0]).toMatchObject({
      language: 'en',
      params: expect.objectContaining({ round: 'Round 1 – written assessment' }),
    });
    expect(await summaries()).toHaveLength(1);
  });

  it('a later run the same day sends nothing more', async () => {
    t.clock.set(new Date(CLOSES.getTime() - 7 * DAY + 3 * 3600_000));
    await Promise.all([reminders.run(), secondWorker.run()]);
    expect(await jurorMails(0)).toHaveLength(1);
    expect(await summaries()).toHaveLength(1);
  });

  it('the coordinators get a summary each day of the last week', async () => {
    t.clock.set(new Date(CLOSES.getTime() - 6 * DAY));
    await reminders.run();
    expect(await summaries()).toHaveLength(2);
    expect(await jurorMails(0)).toHaveLength(1);
  });

  it('1 day before: one more reminder each, once', async () => {
    t.clock.set(new Date(CLOSES.getTime() - DAY + MINUTE));
    await Promise.all([reminders.run(), secondWorker.run()]);
    await reminders.run();
    const mails = await jurorMails(0);
    expect(mails.map((m) => m.dedupe_key.split(':')[2])).toEqual(['7d', '1d']);
    expect(mails[0].dedupe_key).toContain(CLOSES.toISOString());
    expect(await jurorMails(2)).toHaveLength(2);
    expect(await jurorMails(1)).toHaveLength(0);
  });

  it('nothing after the close', async () => {
    t.clock.set(new Date(CLOSES.getTime()));
    const before = (await summaries()).length;
    await reminders.run();
    expect(await summaries()).toHaveLength(before);
    expect(await jurorMails(0)).toHaveLength(2);
  });

  it('the worker schedules the reminder job once, however often it starts', async () => {
    const one = await startTestWorker();
    const two = await startTestWorker();
    try {
      const queue = one.module.get<Queue>(getQueueToken(QUEUES.jury));
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.filter((s) => s.key === REMINDER_SCHEDULER_ID || s.id === REMINDER_SCHEDULER_ID)).toHaveLength(
        1,
      );
      expect(schedulers[0]).toMatchObject({ every: REMINDER_EVERY_MS, name: 'reminders' });
    } finally {
      await one.close();
      await two.close();
    }
  });
});
