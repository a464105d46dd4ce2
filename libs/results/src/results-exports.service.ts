import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Call } from '@portal/calls';
import { type Lang, NotFoundError } from '@portal/core';
import { toCsv } from '@portal/documents';
import { RoundsService, ScoringRound } from '@portal/jury';

const HEADERS = {
  hu: {
    ranking: [
      'Témakör',
      'Helyezés',
      'Pályázat',
      'Önkormányzat',
      'Vármegye',
      'Pontszám (0–100)',
      'Zsűritagok',
      'Medián',
      'Szórás',
      'Terjedelem',
      'Megbeszélendő',
      'Díjazható',
      'Holtverseny-döntés',
      'Feloldatlan holtverseny',
    ],
    scores: [
      'Forduló',
      'Pályázat',
      'Önkormányzat',
      'Zsűritag',
      'Szervezet',
      'Állapot',
      'Beszámít',
      'Kizárás oka',
      'Szempont',
      'Súly',
      'Max. pont',
      'Pont',
      'Tartózkodás oka',
    ],
    yes: 'igen',
    no: 'nem',
    ranking_file: (year: number, round: number) => `LÖGY ${year} – rangsor, ${round}. forduló.csv`,
    scores_file: (year: number) => `LÖGY ${year} – pontszámok.csv`,
  },
  en: {
    ranking: [
      'Theme',
      'Rank',
      'Application',
      'Local government',
      'County',
      'Score (0–100)',
      'Jurors',
      'Median',
      'SD',
      'Range',
      'To discuss',
      'Eligible for award',
      'Tie decided by',
      'Unresolved tie',
    ],
    scores: [
      'Round',
      'Application',
      'Local government',
      'Juror',
      'Organisation',
      'Status',
      'Counted',
      'Why excluded',
      'Criterion',
      'Weight',
      'Max points',
      'Points',
      'Abstention reason',
    ],
    yes: 'yes',
    no: 'no',
    ranking_file: (year: number, round: number) => `LOGY ${year} – ranking, round ${round}.csv`,
    scores_file: (year: number) => `LOGY ${year} – scores.csv`,
  },
} as const;

/** A number as the spreadsheet of that language reads it (decimal comma in Hungarian). */
function num(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '';
  const text = String(Math.round(value * 10_000) / 10_000);
  return lang === 'hu' ? text.replace('.', ',') : text;
}

/** Coordinators' exports: the ranking of a round and every score, as CSV for Hungarian Excel. */
@Injectable()
export class ResultsExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
  ) {}

  async rankingCsv(
    callId: string,
    roundId: string | undefined,
    lang: Lang,
  ): Promise<{ content: string; fileName: string }> {
    const manager = this.dataSource.manager;
    const call = await manager.findOneBy(Call, { id: callId });
    if (!call) throw new NotFoundError('call');
    const round = roundId
      ? await manager.findOneBy(ScoringRound, { id: roundId, callId })
      : await manager.findOne(ScoringRound, { where: { callId }, order: { number: 'DESC' } });
    if (!round) throw new NotFoundError('round');
    const ranking = await this.rounds.rankWith(manager, round, {});
    const names = await manager.query<
      Array<{ id: string; title: string; municipality: string; county: string; theme_hu: string; theme_en: string }>
    >(
      `SELECT a.id, a.title, m.name AS municipality, m.county, t.title_hu AS theme_hu, t.title_en AS theme_en
         FROM application a JOIN municipality m ON m.ksh_code = a.municipality_ksh JOIN call_theme t ON t.id = a.theme_id
        WHERE a.call_id = $1`,
      [callId],
    );
    const byId = new Map(names.map((n) => [n.id, n]));
    const t = HEADERS[lang];
    const rows = ranking.rows.map((row) => {
      const n = byId.get(row.applicationId);
      return [
        lang === 'hu' ? n?.theme_hu : n?.theme_en,
        row.rank,
        n?.title,
        n?.municipality,
        n?.county,
        num(row.score, lang),
        row.jurors,
        num(row.median, lang),
        num(row.sd, lang),
        num(row.range, lang),
        row.flagged ? t.yes : t.no,
        row.eligibleForAward ? t.yes : t.no,
        row.decidedBy ?? '',
        row.unresolvedTie ? t.yes : t.no,
      ];
    });
    return { content: toCsv([...t.ranking], rows), fileName: t.ranking_file(call.year, round.number) };
  }

  async scoresCsv(callId: string, lang: Lang): Promise<{ content: string; fileName: string }> {
    const manager = this.dataSource.manager;
    const call = await manager.findOneBy(Call, { id: callId });
    if (!call) throw new NotFoundError('call');
    const rows = await manager.query<
      Array<{
        round: number;
        title: string;
        municipality: string;
        juror: string;
        organisation: string;
        status: string;
        excluded_reason: string | null;
        conflicted: boolean;
        criterion_hu: string;
        criterion_en: string;
        weight: string;
        max_points: number;
        points: string | null;
        abstain_reason: string | null;
      }>
    >(
      `SELECT r.number AS round, a.title, m.name AS municipality, u.name AS juror, o.code AS organisation, x.status,
              x.excluded_reason,
              EXISTS (SELECT 1 FROM jury_conflict c WHERE c.jury_member_id = x.jury_member_id AND c.application_id = x.application_id) AS conflicted,
              c.name_hu AS criterion_hu, c.name_en AS criterion_en, c.weight, c.max_points, s.points, s.abstain_reason
         FROM assignment x
         JOIN scoring_round r ON r.id = x.round_id
         JOIN application a ON a.id = x.application_id
         JOIN municipality m ON m.ksh_code = a.municipality_ksh
         JOIN jury_member j ON j.id = x.jury_member_id
         JOIN app_user u ON u.id = j.user_id
         JOIN organisation o ON o.id = j.organisation_id
         JOIN score s ON s.assignment_id = x.id
         JOIN round_criterion c ON c.id = s.criterion_id
        WHERE r.call_id = $1
        ORDER BY r.number, a.title, a.id, u.name, x.id, c.position`,
      [callId],
    );
    const t = HEADERS[lang];
    const body = rows.map((row) => {
      const counted = row.status === 'submitted' && !row.excluded_reason && !row.conflicted;
      return [
        row.round,
        row.title,
        row.municipality,
        row.juror,
        row.organisation,
        row.status,
        counted ? t.yes : t.no,
        row.excluded_reason ?? (row.conflicted ? 'conflict' : ''),
        lang === 'hu' ? row.criterion_hu : row.criterion_en,
        num(Number(row.weight), lang),
        row.max_points,
        num(row.points === null ? null : Number(row.points), lang),
        row.abstain_reason ?? '',
      ];
    });
    return { content: toCsv([...t.scores], body), fileName: t.scores_file(call.year) };
  }
}
