import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Env } from '@portal/config';
import { budapestDate, Clock, isLang, Lang, WEB_PATHS, webUrl } from '@portal/core';
import { Transactions } from '@portal/database';
import { MailService } from '@portal/mail';

const DAY_MS = 24 * 3600 * 1000;

/** An assignment that counts as work (alias x, jury member j, round r): the juror on the round's jury, not excluded, no conflict. */
const UNFINISHED = `x.excluded_at IS NULL AND j.removed_at IS NULL
  AND (r.jury_member_ids IS NULL OR j.id = ANY(r.jury_member_ids))
  AND NOT EXISTS (SELECT 1 FROM jury_conflict c WHERE c.jury_member_id = j.id AND c.application_id = x.application_id)`;

/** Reminder occasions before a round closes, latest first. */
const OCCASIONS: ReadonlyArray<{ name: string; before: number }> = [
  { name: '1d', before: DAY_MS },
  { name: '7d', before: 7 * DAY_MS },
];

interface OpenRound {
  id: string;
  call_id: string;
  closes_at: Date;
  name_hu: string;
  name_en: string;
  call_title_hu: string;
  call_title_en: string;
}

export interface ReminderRun {
  rounds: number;
  /** Mails decided by this run (a mail decided before, by this or another worker, is not counted again). */
  reminders: number;
  summaries: number;
}

/**
 * The jury's scheduled mails. For every open round: 7 days and 1 day before it closes, a
 * reminder to each juror with unfinished scorecards; in its last week, a daily progress
 * summary to the coordinators. Each mail's dedupe key (round, occasion or Budapest day,
 * recipient) makes it go once, however many workers run this at the same time.
 */
@Injectable()
export class JuryRemindersService {
  private readonly logger = new Logger(JuryRemindersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly mail: MailService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  async run(): Promise<ReminderRun> {
    const now = this.clock.now();
    const rounds = await this.dataSource.query<OpenRound[]>(
      `SELECT r.id, r.call_id, r.closes_at, r.name_hu, r.name_en, c.title_hu AS call_title_hu, c.title_en AS call_title_en
         FROM scoring_round r JOIN call c ON c.id = r.call_id
        WHERE r.closed_at IS NULL AND r.opens_at <= $1 AND $1 < r.closes_at AND r.closes_at <= $1 + interval '7 days'
          AND c.decided_at IS NULL
        ORDER BY r.closes_at, r.id`,
      [now],
    );
    const result: ReminderRun = { rounds: rounds.length, reminders: 0, summaries: 0 };
    for (const round of rounds) {
      const left = round.closes_at.getTime() - now.getTime();
      const occasion = OCCASIONS.find((o) => left <= o.before);
      if (occasion) result.reminders += await this.remindJurors(round, occasion.name);
      result.summaries += await this.summarise(round, budapestDate(now));
    }
    if (result.reminders || result.summaries) {
      this.logger.log(`jury mails: ${result.reminders} reminders, ${result.summaries} summaries`);
    }
    return result;
  }

  private async remindJurors(round: OpenRound, occasion: string): Promise<number> {
    return this.tx.run(async (tx) => {
      const jurors = await tx.manager.query<
        Array<{ member_id: string; email: string; name: string; language: string; unfinished: number }>
      >(
        `SELECT j.id AS member_id, u.email, u.name, u.language, count(*)::int AS unfinished
           FROM assignment x JOIN jury_member j ON j.id = x.jury_member_id JOIN app_user u ON u.id = j.user_id
           JOIN scoring_round r ON r.id = x.round_id
          WHERE x.round_id = $1 AND x.status <> 'submitted' AND ${UNFINISHED} AND u.is_active
          GROUP BY j.id, u.email, u.name, u.language
          ORDER BY j.id`,
        [round.id],
      );
      let sent = 0;
      for (const juror of jurors) {
        const lang = langOf(juror.language);
        // the closing instant in the key: a round extended after a reminder gets its reminders again
        const dedupeKey = `jury-reminder:${round.id}:${occasion}:${juror.member_id}:${round.closes_at.toISOString()}`;
        if (await this.decided(tx.manager, dedupeKey)) continue;
        await this.mail.send(tx, {
          to: juror.email,
          toName: juror.name,
          lang,
          template: 'jury-reminder',
          params: {
            name: juror.name,
            call: lang === 'hu' ? round.call_title_hu : round.call_title_en,
            round: lang === 'hu' ? round.name_hu : round.name_en,
            unfinished: juror.unfinished,
            closesAt: round.closes_at.toISOString(),
            scoringUrl: webUrl(this.env.PUBLIC_URL, WEB_PATHS.jurorScoring()),
          },
          dedupeKey,
        });
        sent += 1;
      }
      return sent;
    });
  }

  private async summarise(round: OpenRound, day: string): Promise<number> {
    return this.tx.run(async (tx) => {
      const [counts] = await tx.manager.query<Array<{ assignments: number; submitted: number }>>(
        `SELECT count(*)::int AS assignments, count(*) FILTER (WHERE x.status = 'submitted')::int AS submitted
           FROM assignment x JOIN jury_member j ON j.id = x.jury_member_id JOIN scoring_round r ON r.id = x.round_id
          WHERE x.round_id = $1 AND ${UNFINISHED}`,
        [round.id],
      );
      const behind = await tx.manager.query<Array<{ name: string; unfinished: number }>>(
        `SELECT u.name, count(*)::int AS unfinished
           FROM assignment x JOIN jury_member j ON j.id = x.jury_member_id JOIN app_user u ON u.id = j.user_id
           JOIN scoring_round r ON r.id = x.round_id
          WHERE x.round_id = $1 AND x.status <> 'submitted' AND ${UNFINISHED}
          GROUP BY u.name ORDER BY count(*) DESC, u.name LIMIT 20`,
        [round.id],
      );
      const coordinators = await tx.manager.query<Array<{ id: string; email: string; name: string; language: string }>>(
        `SELECT id, email, name, language FROM app_user WHERE is_active AND 'coordinator' = ANY(roles) ORDER BY id`,
      );
      const percent = counts.assignments ? Math.floor((counts.submitted / counts.assignments) * 100) : 0;
      let sent = 0;
      for (const coordinator of coordinators) {
        const lang = langOf(coordinator.language);
        const dedupeKey = `jury-progress:${round.id}:${day}:${coordinator.id}`;
        if (await this.decided(tx.manager, dedupeKey)) continue;
        await this.mail.send(tx, {
          to: coordinator.email,
          toName: coordinator.name,
          lang,
          template: 'jury-progress',
          params: {
            name: coordinator.name,
            call: lang === 'hu' ? round.call_title_hu : round.call_title_en,
            round: lang === 'hu' ? round.name_hu : round.name_en,
            assignments: counts.assignments,
            submitted: counts.submitted,
            percent,
            jurorsBehind: behind.length ? behind.map((b) => `${b.name} (${b.unfinished})`).join(', ') : '–',
            closesAt: round.closes_at.toISOString(),
            progressUrl: webUrl(this.env.PUBLIC_URL, WEB_PATHS.roundProgress(round.call_id)),
          },
          dedupeKey,
        });
        sent += 1;
      }
      return sent;
    });
  }

  /** Whether the mail was decided already (then it is not counted; MailService would skip it anyway). */
  private async decided(manager: { query: DataSource['query'] }, dedupeKey: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM mail_message WHERE dedupe_key = $1`, [dedupeKey]);
    return rows.length > 0;
  }
}

function langOf(value: string): Lang {
  const trimmed = value.trim();
  return isLang(trimmed) ? trimmed : 'hu';
}
