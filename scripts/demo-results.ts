import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Demo practices (made up for the demo, on real municipalities of the register): per theme a winner and a runner-up. */
const PRACTICES: ReadonlyArray<{ municipality: string; title: string; summary: string }> = [
  {
    municipality: 'Alsómocsolád',
    title: 'Falugondnoki hálózat és szociális szövetkezet',
    summary:
      'A falugondnoki szolgálatra épülő szociális szövetkezet helyi munkát ad, és házhoz viszi az ebédet, a gyógyszert és a hivatali ügyintézést az idős lakóknak.',
  },
  {
    municipality: 'Szentes',
    title: 'Közösségi kert a tartósan munkanélkülieknek',
    summary: 'Önkormányzati telken művelt közösségi kert, ahol a résztvevők termelni és értékesíteni tanulnak.',
  },
  {
    municipality: 'Tata',
    title: 'Időskorúak jelzőrendszeres segítségnyújtása',
    summary: 'Ötven idős lakónál segélyhívó készülék, a jelzésekre a gondozók 30 percen belül kiérnek.',
  },
  {
    municipality: 'Ócsa',
    title: 'Nemzedékek háza',
    summary: 'Idősek napközije és ifjúsági klub egy épületben: közös programok, korrepetálás, digitális tanfolyam.',
  },
  {
    municipality: 'Zalaegerszeg',
    title: 'Digitális ügyintézés a könyvtárakban',
    summary:
      'A városi könyvtár fiókjaiban segítők mutatják meg, hogyan intézhető el online az önkormányzati ügyek zöme.',
  },
  {
    municipality: 'Mezőberény',
    title: 'Napelempark a közintézményekért',
    summary: 'A város saját napelemparkja fedezi az iskolák, az óvodák és a hivatal áramszükségletének felét.',
  },
  {
    municipality: 'Csenger',
    title: 'Polgárőrség és térfigyelő rendszer összehangolása',
    summary:
      'A polgárőrök és a térfigyelő kamerák közös ügyelete a betörések számát két év alatt a felére csökkentette.',
  },
  {
    municipality: 'Gödöllő',
    title: 'Biztonságos iskolaút program',
    summary: 'Forgalomcsillapított iskolautcák, önkéntes átkelést segítők és gyalogos „iskolabusz” az alsósoknak.',
  },
  {
    municipality: 'Őriszentpéter',
    title: 'Helyi termékek közös piaca',
    summary: 'A környék kistermelőinek közös piaca és webboltja, az önkormányzat szervezésében és logisztikájával.',
  },
  {
    municipality: 'Kisbér',
    title: 'Lakossági részvételi költségvetés',
    summary: 'A fejlesztési keret tizedéről a lakosok szavaznak; a javaslatokat lakossági fórumokon érlelik.',
  },
];

const FEEDBACK = [
  'Jól dokumentált, mérhető eredmények; a gyakorlat más településen is átvehető.',
  'Erős közösségi bevonás; érdemes lenne a költségeket részletesebben bemutatni.',
];

/**
 * The demo's results of a published past call (once: nothing if the call has a round), as the jury left them: two applications per
 * theme scored by the demo jurors in one closed round, the awards decided (winner and
 * commendation, following the ranking), and a publication queued through the outbox. The
 * worker then publishes it like any other: snapshot, winner list PDF, certificates, mails.
 */
export async function seedDemoResults(manager: EntityManager, callId: string): Promise<void> {
  const [call]: Array<{ scoring_started_at: Date; scoring_closes_at: Date; submission_closes_at: Date }> =
    await manager.query(`SELECT scoring_started_at, scoring_closes_at, submission_closes_at FROM call WHERE id = $1`, [
      callId,
    ]);
  const [coordinator]: Array<{ id: string }> = await manager.query(
    `SELECT id FROM app_user WHERE email = 'koordinator@demo.logy.hu'`,
  );
  const jurors: Array<{ id: string; organisation_id: string }> = await manager.query(
    `SELECT id, organisation_id FROM app_user WHERE 'juror' = ANY(roles) AND email LIKE '%@demo.logy.hu'
      AND organisation_id IS NOT NULL ORDER BY email`,
  );
  if (!call?.scoring_started_at || !coordinator || jurors.length === 0) return;
  const seeded: unknown[] = await manager.query(`SELECT 1 FROM scoring_round WHERE call_id = $1`, [callId]);
  if (seeded.length) return;
  const themes: Array<{ id: string }> = await manager.query(
    `SELECT id FROM call_theme WHERE call_id = $1 AND removed_at IS NULL ORDER BY position`,
    [callId],
  );
  const criteria: Array<{ id: string; position: number }> = await manager.query(
    `SELECT id, position FROM call_criterion WHERE call_id = $1 AND removed_at IS NULL ORDER BY position`,
    [callId],
  );

  const members: string[] = [];
  for (const juror of jurors) {
    const [member]: Array<{ id: string }> = await manager.query(
      `INSERT INTO jury_member (call_id, user_id, organisation_id, declaration_accepted_at, added_by, added_at)
       VALUES ($1, $2, $3, $4, $5, $4) RETURNING id`,
      [callId, juror.id, juror.organisation_id, call.scoring_started_at, coordinator.id],
    );
    members.push(member.id);
  }
  await manager.query(`INSERT INTO jury_settings (call_id) VALUES ($1) ON CONFLICT (call_id) DO NOTHING`, [callId]);
  const [round]: Array<{ id: string }> = await manager.query(
    `INSERT INTO scoring_round (call_id, number, name_hu, name_en, opens_at, closes_at, closed_at, created_by, created_at)
     VALUES ($1, 1, '1. forduló – írásbeli értékelés', 'Round 1 – written assessment', $2, $3, $3, $4, $2) RETURNING id`,
    [callId, call.scoring_started_at, call.scoring_closes_at, coordinator.id],
  );
  // what the api would have recorded for the round's close (test/invariants.ts: no state change without an audit row)
  await demoAudit(manager, 'round.closed', 'scoring_round', round.id, { closedAt: call.scoring_closes_at });
  // the scorecards were handed in a day before the round closed (its closing instant itself is late)
  const scoredAt = new Date(call.scoring_closes_at.getTime() - 86_400_000);
  const roundCriteria: Array<{ id: string }> = await manager.query(
    `INSERT INTO round_criterion (round_id, position, name_hu, name_en, guidance_hu, guidance_en, weight, max_points,
                                  tie_break_order, source_criterion_id)
     SELECT $1, position, name_hu, name_en, guidance_hu, guidance_en, weight, max_points, tie_break_order, id
       FROM call_criterion WHERE call_id = $2 AND removed_at IS NULL ORDER BY position
     RETURNING id`,
    [round.id, callId],
  );
  const levels = [
    ['winner', 1, 'Nyertes', 'Winner'],
    ['special_prize', 2, 'Különdíj', 'Special prize'],
    ['commendation', 3, 'Elismerő oklevél', 'Commendation'],
  ];
  for (const [code, position, hu, en] of levels) {
    await manager.query(
      `INSERT INTO award_level (call_id, code, position, name_hu, name_en) VALUES ($1, $2, $3, $4, $5)`,
      [callId, code, position, hu, en],
    );
  }

  for (const [t, theme] of themes.entries()) {
    const placed: string[] = [];
    for (const place of [0, 1]) {
      const practice = PRACTICES[(t * 2 + place) % PRACTICES.length];
      const [municipality]: Array<{ ksh_code: string }> = await manager.query(
        `SELECT ksh_code FROM municipality WHERE name = $1 ORDER BY ksh_code LIMIT 1`,
        [practice.municipality],
      );
      const content = {
        title: practice.title,
        summary: practice.summary,
        problem: 'A település lakosságának igényeire adott válasz.',
        practice: practice.summary,
        results: 'A program első két évének eredményei a beszámolóban.',
        costHuf: 12_000_000 + t * 1_000_000,
        communityParticipation: 'Lakossági fórumok, civil szervezetek és önkéntesek.',
        sustainability: 'Saját forrásból és pályázati támogatásból fenntartva.',
        adoption: 'Más, hasonló méretű településen is bevezethető.',
        startDate: '2018-09-01',
      };
      const submittedAt = new Date(call.submission_closes_at.getTime() - (t + 1) * 86_400_000);
      const [application]: Array<{ id: string }> = await manager.query(
        `INSERT INTO application (call_id, theme_id, municipality_ksh, status, title, content, created_by, updated_by,
                                  submitted_at, formal_check, formal_checked_at, formal_checked_by)
         VALUES ($1, $2, $3, 'submitted', $4, $5::jsonb, $6, $6, $7, 'eligible', $7, $6) RETURNING id`,
        [callId, theme.id, municipality.ksh_code, practice.title, JSON.stringify(content), coordinator.id, submittedAt],
      );
      await manager.query(
        // no receipt file: it is rendered on its first download
        `INSERT INTO application_submission (application_id, number, content, attachments, sha256, received_at,
                                             submitted_by, receipt_storage_key)
         VALUES ($1, 1, $2::jsonb, '[]'::jsonb, $3, $4, $5, NULL)`,
        [
          application.id,
          JSON.stringify(content),
          createHash('sha256').update(JSON.stringify(content)).digest('hex'),
          submittedAt,
          coordinator.id,
        ],
      );
      await demoAudit(manager, 'application.submitted', 'application', application.id, {
        number: 1,
        receivedAt: submittedAt,
      });
      for (const [j, member] of members.entries()) {
        const [assignment]: Array<{ id: string }> = await manager.query(
          `INSERT INTO assignment (round_id, application_id, jury_member_id, source, status, feedback, created_by,
                                   created_at, updated_at, submitted_at)
           VALUES ($1, $2, $3, 'auto', 'submitted', $4, $5, $6, $7, $7) RETURNING id`,
          [
            round.id,
            application.id,
            member,
            FEEDBACK[(place + j) % FEEDBACK.length],
            coordinator.id,
            call.scoring_started_at,
            scoredAt,
          ],
        );
        for (const [c, criterion] of roundCriteria.entries()) {
          // the winner scores higher on every criterion
          const points = place === 0 ? 9 - ((c + j) % 2) : 6 + ((c + t + j) % 2);
          await manager.query(
            `INSERT INTO score (assignment_id, criterion_id, points, updated_at) VALUES ($1, $2, $3, $4)`,
            [assignment.id, criterion.id, points, scoredAt],
          );
        }
      }
      placed.push(application.id);
    }
    await manager.query(
      `INSERT INTO theme_decision (call_id, theme_id, round_id, follows_ranking, decided_by, decided_at)
       VALUES ($1, $2, $3, true, $4, $5)`,
      [callId, theme.id, round.id, coordinator.id, call.scoring_closes_at],
    );
    await demoAudit(manager, 'results.theme_decided', 'call', callId, { themeId: theme.id, followsRanking: true });
    for (const [index, applicationId] of placed.entries()) {
      await manager.query(
        `INSERT INTO award_decision (call_id, theme_id, round_id, application_id, level_code, position, rank_at_decision,
                                     decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8)`,
        [
          callId,
          theme.id,
          round.id,
          applicationId,
          index === 0 ? 'winner' : 'commendation',
          index + 1,
          coordinator.id,
          call.scoring_closes_at,
        ],
      );
    }
  }
  if (criteria.length !== roundCriteria.length) throw new Error('demo results: criteria were not copied');

  const [publication]: Array<{ id: string }> = await manager.query(
    `INSERT INTO publication (call_id, version, status, requested_by) VALUES ($1, 1, 'queued', $2) RETURNING id`,
    [callId, coordinator.id],
  );
  await manager.query(`INSERT INTO outbox (queue, job_name, payload) VALUES ('results', 'publish', $1::jsonb)`, [
    JSON.stringify({ publicationId: publication.id }),
  ]);
  await demoAudit(manager, 'call.decided', 'call', callId, {});
  await demoAudit(manager, 'results.publication_requested', 'publication', publication.id, { callId, version: 1 });
}

/** The audit row the api writes with the state change the seed makes directly (actor: none, source: demo seed). */
async function demoAudit(
  manager: EntityManager,
  action: string,
  targetType: string,
  targetId: string,
  changes: Record<string, unknown>,
): Promise<void> {
  await manager.query(
    `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes)
     VALUES (NULL, $1, $2, $3, $4::jsonb)`,
    [action, targetType, targetId, JSON.stringify({ ...changes, source: 'demo seed' })],
  );
}
