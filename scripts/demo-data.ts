import argon2 from 'argon2';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { Call, callStatus, copyCallContent } from '@portal/calls';
import type { CallStatus, QuestionChoice, QuestionKind } from '@portal/calls';
import { BUDAPEST_ZONE, Clock, parseBudapestInstant, SystemClock, toBudapestIso } from '@portal/core';
import { seedDemoResults } from './demo-results';

export const DEMO_PASSWORD = 'LogyDemo-2026';

export interface DemoAccount {
  email: string;
  name: string;
  roles: string[];
  language: 'hu' | 'en';
  organisation?: string;
  municipality?: { name: string; status: 'approved' | 'pending' };
  note: string;
}

/** The demo accounts, one per role (and a pending applicant to approve). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@demo.logy.hu', name: 'Adminisztrátor Ádám', roles: ['admin'], language: 'hu', note: 'admin' },
  {
    email: 'koordinator@demo.logy.hu',
    name: 'Dr. Zongor Gábor',
    roles: ['coordinator'],
    language: 'hu',
    note: 'programme coordinator',
  },
  {
    email: 'biralo.bm@demo.logy.hu',
    name: 'Bíráló Bernadett',
    roles: ['juror'],
    language: 'hu',
    organisation: 'BM',
    note: 'juror (Belügyminisztérium)',
  },
  {
    email: 'juror.toosz@demo.logy.hu',
    name: 'Juror Jenő',
    roles: ['juror'],
    language: 'en',
    organisation: 'TÖOSZ',
    note: 'juror (TÖOSZ), English interface',
  },
  {
    email: 'palyazo@alsomocsolad.demo.logy.hu',
    name: 'Pályázó Piroska',
    roles: ['applicant'],
    language: 'hu',
    municipality: { name: 'Alsómocsolád', status: 'approved' },
    note: 'municipal staff of Alsómocsolád (approved)',
  },
  {
    email: 'ugyintezo@gyor.demo.logy.hu',
    name: 'Ügyintéző Ödön',
    roles: ['applicant'],
    language: 'hu',
    municipality: { name: 'Győr', status: 'pending' },
    note: 'municipal staff of Győr (awaiting approval)',
  },
];

/**
 * Loads the demo data; safe to run again (existing demo accounts and calls are left as they
 * are). The municipality register, the steering-committee organisations and the programme
 * come with the migrations, so every database has them. The current call's dates follow
 * `clock`.
 */
export async function seedDemo(dataSource: DataSource, clock: Clock = new SystemClock()): Promise<DemoAccount[]> {
  const hash = await argon2.hash(DEMO_PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
  await dataSource.transaction(async (manager) => {
    for (const account of DEMO_ACCOUNTS) {
      const orgRows: Array<{ id: string }> = account.organisation
        ? await manager.query(`SELECT id FROM organisation WHERE code = $1`, [account.organisation])
        : [];
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO app_user (email, name, password_hash, language, roles, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [account.email, account.name, hash, account.language, account.roles, orgRows[0]?.id ?? null],
      );
      if (!inserted[0]) continue;
      const userId = inserted[0].id;
      await manager.query(
        `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes)
         VALUES (NULL, 'user.registered', 'user', $1, $2::jsonb)`,
        [userId, JSON.stringify({ email: account.email, roles: account.roles, source: 'demo seed' })],
      );
      if (account.municipality) {
        const [municipality]: Array<{ ksh_code: string }> = await manager.query(
          `SELECT ksh_code FROM municipality WHERE name = $1`,
          [account.municipality.name],
        );
        const status = account.municipality.status;
        const [membership]: Array<{ id: string }> = await manager.query(
          `INSERT INTO membership (user_id, municipality_ksh, position, status, decided_at)
           VALUES ($1, $2, $3, $4, CASE WHEN $4 = 'approved' THEN now() END) RETURNING id`,
          [userId, municipality.ksh_code, 'jegyző', status],
        );
        await manager.query(
          `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes)
           VALUES (NULL, $1, 'membership', $2, $3::jsonb)`,
          [
            `membership.${status === 'approved' ? 'approved' : 'requested'}`,
            membership.id,
            JSON.stringify({ status, source: 'demo seed' }),
          ],
        );
      }
    }
    await seedDemoCalls(manager, clock.now());
  });
  return DEMO_ACCOUNTS;
}

interface DemoCriterion {
  hu: string;
  en: string;
  guidanceHu: string;
  guidanceEn: string;
  weight: number;
  maxPoints: number;
  tieBreakOrder: number | null;
}

/**
 * The eight criteria of the Council of Europe's Best Practice Programme method, as the
 * steering committee scores them. Weights and maxima are the demo's choice: every criterion
 * 0–10 points; impact, replicability and innovation weigh 1.5, the rest 1 (a weighted
 * maximum of 95). Ties are decided by impact, then replicability, then innovation.
 */
export const DEMO_CRITERIA: DemoCriterion[] = [
  {
    hu: 'Relevancia',
    en: 'Relevance',
    guidanceHu: 'Mennyire felel meg a gyakorlat a témakörnek és a település valós szükségleteinek?',
    guidanceEn: 'How well does the practice fit the theme and the real needs of the municipality?',
    weight: 1,
    maxPoints: 10,
    tieBreakOrder: null,
  },
  {
    hu: 'Hatás',
    en: 'Impact',
    guidanceHu: 'Milyen mérhető, tartós változást hozott a gyakorlat a helyi közösség életében?',
    guidanceEn: 'What measurable, lasting change has the practice brought to the local community?',
    weight: 1.5,
    maxPoints: 10,
    tieBreakOrder: 1,
  },
  {
    hu: 'Hatékonyság',
    en: 'Efficiency',
    guidanceHu: 'Arányban állnak-e az elért eredmények a ráfordított költségekkel és erőforrásokkal?',
    guidanceEn: 'Are the results in proportion to the cost and resources spent?',
    weight: 1,
    maxPoints: 10,
    tieBreakOrder: null,
  },
  {
    hu: 'Közösségi részvétel',
    en: 'Community participation',
    guidanceHu: 'Mennyire vonták be a lakosokat, civil szervezeteket és partnereket a tervezésbe és a megvalósításba?',
    guidanceEn: 'How far were residents, civil organisations and partners involved in planning and delivery?',
    weight: 1,
    maxPoints: 10,
    tieBreakOrder: null,
  },
  {
    hu: 'Adaptálhatóság',
    en: 'Replicability',
    guidanceHu: 'Átvehető és megismételhető-e a gyakorlat más, hasonló adottságú településeken?',
    guidanceEn: 'Can other municipalities in a similar position adopt and repeat the practice?',
    weight: 1.5,
    maxPoints: 10,
    tieBreakOrder: 2,
  },
  {
    hu: 'Belső erőforrások mozgósítása',
    en: 'Mobilisation of internal resources',
    guidanceHu: 'Mennyire épít a gyakorlat a település saját emberi, anyagi és közösségi erőforrásaira?',
    guidanceEn: "How far does the practice build on the municipality's own human, material and community resources?",
    weight: 1,
    maxPoints: 10,
    tieBreakOrder: null,
  },
  {
    hu: 'Innováció',
    en: 'Innovation',
    guidanceHu: 'Mennyiben új vagy újszerű a megoldás a település vagy az ország gyakorlatában?',
    guidanceEn: 'How new is the solution for the municipality or for the country?',
    weight: 1.5,
    maxPoints: 10,
    tieBreakOrder: 3,
  },
  {
    hu: 'Helyi kezdeményezés',
    en: 'Local initiative',
    guidanceHu: 'A gyakorlat helyi kezdeményezésből, helyi döntéssel született-e?',
    guidanceEn: 'Did the practice grow from a local initiative and a local decision?',
    weight: 1,
    maxPoints: 10,
    tieBreakOrder: null,
  },
];

interface DemoTheme {
  hu: string;
  en: string;
  descriptionHu: string;
  descriptionEn: string;
}

interface DemoCall {
  year: number;
  titleHu: string;
  titleEn: string;
  descriptionHu: string;
  descriptionEn: string;
  /** Budapest wall times. */
  announcedAt: string;
  submissionOpensAt: string;
  submissionClosesAt: string;
  scoringClosesAt: string;
  resultsAt: string;
  scoringStartedAt: string;
  decidedAt: string;
  resultsPublishedAt: string;
  themes: DemoTheme[];
}

/**
 * The 2020 and 2021 calls. From the seeds (shared/seeds) and TÖOSZ's public notices: 2020
 * was announced on 4 May 2020 under the main theme of recovery from the epidemic, with 5
 * themes (three named word for word in the February 2021 invitation), 27 applications, a
 * shortlist of 19 chosen on 17 July 2020 and the winner list published; 2021 was announced
 * on 31 May 2021 with 4 themes (elderly care; crime prevention and public safety; social
 * inclusion, named in the June 2021 invitation; municipal innovations), deadline 30 June
 * 2021. The other dates, the titles of the themes not named in the sources and every
 * English text are the demo's own.
 */
export const DEMO_CALLS: DemoCall[] = [
  {
    year: 2020,
    titleHu: 'Legjobb Önkormányzati Gyakorlatok 2020',
    titleEn: 'Best Practices of Local Governments 2020',
    descriptionHu:
      'Helyreállítás és újjáépítés a járvány okozta károk enyhítésére – jól bevált önkormányzati innovációk. ' +
      'Olyan, már bizonyított önkormányzati jó gyakorlatokat várunk, amelyekből más települések tanulhatnak.',
    descriptionEn:
      'Recovery and reconstruction to mitigate the damage caused by the epidemic – proven municipal innovations. ' +
      'We look for proven municipal good practices that other municipalities can learn from.',
    announcedAt: '2020-05-04T10:00',
    submissionOpensAt: '2020-05-04T10:00',
    submissionClosesAt: '2020-07-02T23:59',
    scoringClosesAt: '2020-10-30T23:59',
    resultsAt: '2020-12-07T10:00',
    scoringStartedAt: '2020-07-06T09:00',
    decidedAt: '2020-11-27T14:00',
    resultsPublishedAt: '2020-12-07T10:00',
    themes: [
      {
        hu: 'Helyreállítás és újjáépítés – önkormányzati válaszok a koronavírus-járvány okozta károk enyhítésére',
        en: 'Recovery and reconstruction – municipal responses that mitigate the damage of the coronavirus epidemic',
        descriptionHu:
          'A járvány idején bevezetett és bevált helyi megoldások, a helyi gazdaság és közösség talpra állítása.',
        descriptionEn:
          'Local solutions introduced and proven during the epidemic; getting the local economy and community back on their feet.',
      },
      {
        hu: 'Társadalmi felzárkózási jó gyakorlatok – a szegénység elleni küzdelem hatékony helyi módszerei',
        en: 'Social inclusion good practices – effective local methods of fighting poverty',
        descriptionHu: 'A szegénység és a társadalmi kirekesztődés elleni helyi programok.',
        descriptionEn: 'Local programmes against poverty and social exclusion.',
      },
      {
        hu: 'Önkormányzati jó gyakorlatok az idősellátásban',
        en: 'Municipal good practices in elderly care',
        descriptionHu:
          'Az idős lakosok ellátását, biztonságát és közösségi részvételét segítő önkormányzati megoldások.',
        descriptionEn: 'Municipal solutions for the care, safety and community participation of elderly residents.',
      },
      {
        hu: 'Önkormányzati jó gyakorlatok a közbiztonság erősítésében',
        en: 'Municipal good practices in strengthening public safety',
        descriptionHu:
          'Bűnmegelőzés, polgárőrség, biztonságos közterek: a helyi közbiztonságot javító együttműködések.',
        descriptionEn:
          'Crime prevention, civil guards, safe public spaces: partnerships that improve local public safety.',
      },
      {
        hu: 'Önkormányzati innovációk – bármely (a fenti témakörön kívüli) önkormányzati hatáskörbe tartozó, már végrehajtott jól működő tevékenységek',
        en: 'Municipal innovations – any well-functioning activity already carried out within municipal competence (outside the themes above)',
        descriptionHu: 'Minden más önkormányzati feladatkörben megvalósult, bizonyítottan működő újítás.',
        descriptionEn: 'Any proven innovation in any other field of municipal competence.',
      },
    ],
  },
  {
    year: 2021,
    titleHu: 'Legjobb Önkormányzati Gyakorlatok 2021',
    titleEn: 'Best Practices of Local Governments 2021',
    descriptionHu:
      'Olyan, már bizonyított önkormányzati jó gyakorlatokat várunk, amelyek a koronavírus-járvány utáni ' +
      'újrakezdésben más önkormányzatok hasznára lehetnek. Témakörönként egy online konferenciát tartunk.',
    descriptionEn:
      'We look for proven municipal good practices that can help other municipalities make a new start after ' +
      'the coronavirus epidemic. One online conference is held for each theme.',
    announcedAt: '2021-05-31T10:00',
    submissionOpensAt: '2021-05-31T10:00',
    submissionClosesAt: '2021-06-30T23:59',
    scoringClosesAt: '2021-10-29T23:59',
    resultsAt: '2021-12-06T10:00',
    scoringStartedAt: '2021-07-05T09:00',
    decidedAt: '2021-11-26T14:00',
    resultsPublishedAt: '2021-12-06T10:00',
    themes: [
      {
        hu: 'Társadalmi felzárkózási jó gyakorlatok – a szegénység elleni küzdelem munka biztosításával, munkahelyteremtéssel a település közösségének hasznára',
        en: 'Social inclusion good practices – fighting poverty by providing work and creating jobs for the benefit of the community',
        descriptionHu: 'Helyi foglalkoztatási és munkahelyteremtő programok a szegénység ellen.',
        descriptionEn: 'Local employment and job-creation programmes against poverty.',
      },
      {
        hu: 'Önkormányzati jó gyakorlatok az idősellátásban',
        en: 'Municipal good practices in elderly care',
        descriptionHu: 'Az idős lakosok ellátását és közösségi életét segítő önkormányzati megoldások a járvány után.',
        descriptionEn: 'Municipal solutions for the care and community life of elderly residents after the epidemic.',
      },
      {
        hu: 'Bűnmegelőzés és közbiztonság – önkormányzati jó gyakorlatok',
        en: 'Crime prevention and public safety – municipal good practices',
        descriptionHu: 'A helyi bűnmegelőzést és a lakosság biztonságérzetét erősítő együttműködések.',
        descriptionEn: "Partnerships that strengthen local crime prevention and residents' sense of safety.",
      },
      {
        hu: 'Önkormányzati innovációk – bármely (a fenti témakörökön kívüli) önkormányzati hatáskörbe tartozó, már végrehajtott jól működő tevékenységek',
        en: 'Municipal innovations – any well-functioning activity already carried out within municipal competence (outside the themes above)',
        descriptionHu: 'Minden más önkormányzati feladatkörben megvalósult, bizonyítottan működő újítás.',
        descriptionEn: 'Any proven innovation in any other field of municipal competence.',
      },
    ],
  },
];

/** The extra questions of the demo calls' application form. */
const DEMO_QUESTIONS: Array<{
  labelHu: string;
  labelEn: string;
  kind: QuestionKind;
  required: boolean;
  choices: QuestionChoice[] | null;
}> = [
  {
    labelHu: 'Hány lakost ér el a gyakorlat?',
    labelEn: 'How many residents does the practice reach?',
    kind: 'number',
    required: true,
    choices: null,
  },
  {
    labelHu: 'A gyakorlat egy mondatban, a tudásbázis számára',
    labelEn: 'The practice in one sentence, for the knowledge base',
    kind: 'short_text',
    required: false,
    choices: null,
  },
  {
    labelHu: 'Mikor vett részt a témakör online konferenciáján?',
    labelEn: "When did you attend the theme's online conference?",
    kind: 'date',
    required: false,
    choices: null,
  },
  {
    labelHu: 'Honnan értesült a pályázatról?',
    labelEn: 'How did you hear of the call?',
    kind: 'single_choice',
    required: false,
    choices: [
      { value: 'toosz', hu: 'A TÖOSZ hírleveléből', en: "From TÖOSZ's newsletter" },
      { value: 'conference', hu: 'Online konferencián', en: 'At an online conference' },
      { value: 'association', hu: 'Önkormányzati szövetségtől', en: 'From an association of local authorities' },
      { value: 'other', hu: 'Máshonnan', en: 'Elsewhere' },
    ],
  },
];

/** A Budapest wall time of the demo data as an instant. */
function budapest(wallTime: string): Date {
  const parsed = parseBudapestInstant(wallTime);
  if (!parsed.ok) throw new Error(`demo data: ${wallTime} is not a Budapest time (${parsed.problem})`);
  return parsed.instant;
}

async function insertCall(
  manager: EntityManager,
  call: {
    year: number;
    titleHu: string;
    titleEn: string;
    descriptionHu: string;
    descriptionEn: string;
    submissionOpensAt: Date;
    submissionClosesAt: Date;
    scoringClosesAt: Date;
    resultsAt: Date;
    announcedAt: Date;
    scoringStartedAt: Date | null;
    decidedAt: Date | null;
    resultsPublishedAt: Date | null;
    copiedFromCallId: string | null;
  },
): Promise<string | null> {
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO call (programme_id, year, title_hu, title_en, description_hu, description_en,
                       submission_opens_at, submission_closes_at, scoring_closes_at, results_at,
                       announced_at, scoring_started_at, decided_at, results_published_at, copied_from_call_id,
                       created_at, updated_at)
     SELECT p.id, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $10, $10
       FROM programme p WHERE p.code = 'logy'
     ON CONFLICT ON CONSTRAINT uq_call_programme_year DO NOTHING
     RETURNING id`,
    [
      call.year,
      call.titleHu,
      call.titleEn,
      call.descriptionHu,
      call.descriptionEn,
      call.submissionOpensAt,
      call.submissionClosesAt,
      call.scoringClosesAt,
      call.resultsAt,
      call.announcedAt,
      call.scoringStartedAt,
      call.decidedAt,
      call.resultsPublishedAt,
      call.copiedFromCallId,
    ],
  );
  return rows[0]?.id ?? null;
}

async function auditSeededCall(manager: EntityManager, callId: string, changes: Record<string, unknown>) {
  await manager.query(
    `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes)
     VALUES (NULL, $1, 'call', $2, $3::jsonb)`,
    [
      changes.copiedFromCallId ? 'call.copied' : 'call.created',
      callId,
      JSON.stringify({ ...changes, source: 'demo seed' }),
    ],
  );
}

/**
 * The 2020 and 2021 calls (announced, their results published, in the past) and a current
 * call for 2027 copied from 2021: announced, accepting submissions from a week before the
 * seed until six weeks after it (23:59 Budapest time). A year that has a call already is
 * left as it is.
 */
export async function seedDemoCalls(manager: EntityManager, now: Date): Promise<void> {
  for (const demo of DEMO_CALLS) {
    const callId = await insertCall(manager, {
      ...demo,
      submissionOpensAt: budapest(demo.submissionOpensAt),
      submissionClosesAt: budapest(demo.submissionClosesAt),
      scoringClosesAt: budapest(demo.scoringClosesAt),
      resultsAt: budapest(demo.resultsAt),
      announcedAt: budapest(demo.announcedAt),
      scoringStartedAt: budapest(demo.scoringStartedAt),
      decidedAt: budapest(demo.decidedAt),
      resultsPublishedAt: budapest(demo.resultsPublishedAt),
      copiedFromCallId: null,
    });
    if (!callId) continue;
    for (const [index, theme] of demo.themes.entries()) {
      await manager.query(
        `INSERT INTO call_theme (call_id, position, title_hu, title_en, description_hu, description_en)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [callId, index + 1, theme.hu, theme.en, theme.descriptionHu, theme.descriptionEn],
      );
    }
    for (const [index, c] of DEMO_CRITERIA.entries()) {
      await manager.query(
        `INSERT INTO call_criterion (call_id, position, name_hu, name_en, guidance_hu, guidance_en, weight, max_points,
                                     tie_break_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [callId, index + 1, c.hu, c.en, c.guidanceHu, c.guidanceEn, c.weight, c.maxPoints, c.tieBreakOrder],
      );
    }
    for (const [index, q] of DEMO_QUESTIONS.entries()) {
      await manager.query(
        `INSERT INTO call_question (call_id, position, label_hu, label_en, kind, required, choices)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
        [callId, index + 1, q.labelHu, q.labelEn, q.kind, q.required, q.choices ? JSON.stringify(q.choices) : null],
      );
    }
    await auditSeededCall(manager, callId, { year: demo.year, status: 'published', themes: demo.themes.length });
  }
  // their results (also for a database seeded before the portal had results)
  for (const demo of DEMO_CALLS) {
    const [call]: Array<{ id: string }> = await manager.query(
      `SELECT c.id FROM call c JOIN programme p ON p.id = c.programme_id WHERE p.code = 'logy' AND c.year = $1`,
      [demo.year],
    );
    if (call) await seedDemoResults(manager, call.id);
  }

  const [source]: Array<{
    id: string;
    title_hu: string;
    title_en: string;
    description_hu: string;
    description_en: string;
  }> = await manager.query(
    `SELECT c.id, c.title_hu, c.title_en, c.description_hu, c.description_en
         FROM call c JOIN programme p ON p.id = c.programme_id WHERE p.code = 'logy' AND c.year = 2021`,
  );
  if (!source) return;
  const today = DateTime.fromJSDate(now, { zone: BUDAPEST_ZONE }).startOf('day');
  const at = (days: number, hour: number, minute = 0) => today.plus({ days }).set({ hour, minute }).toJSDate();
  const callId = await insertCall(manager, {
    year: 2027,
    titleHu: source.title_hu.replace('2021', '2027'),
    titleEn: source.title_en.replace('2021', '2027'),
    descriptionHu: source.description_hu,
    descriptionEn: source.description_en,
    announcedAt: now,
    submissionOpensAt: at(-7, 9),
    submissionClosesAt: at(42, 23, 59),
    scoringClosesAt: at(42 + 56, 23, 59),
    resultsAt: at(42 + 84, 10),
    scoringStartedAt: null,
    decidedAt: null,
    resultsPublishedAt: null,
    copiedFromCallId: source.id,
  });
  if (!callId) return;
  const copied = await copyCallContent(manager, source.id, callId);
  await auditSeededCall(manager, callId, { year: 2027, status: 'open', copiedFromCallId: source.id, ...copied });
  await seatDemoJury(manager, callId);
}

/**
 * The demo jurors on the 2027 call's jury (they accept the declaration themselves), added
 * by the demo coordinator, with the programme's usual three jurors per application.
 */
async function seatDemoJury(manager: EntityManager, callId: string): Promise<void> {
  const jurors = DEMO_ACCOUNTS.filter((account) => account.roles.includes('juror')).map((account) => account.email);
  const seated: Array<{ id: string; user_id: string }> = await manager.query(
    `INSERT INTO jury_member (call_id, user_id, organisation_id, added_by)
     SELECT $1, u.id, u.organisation_id, c.id
       FROM app_user u, app_user c
      WHERE u.email = ANY($2::text[]) AND u.organisation_id IS NOT NULL AND c.email = 'koordinator@demo.logy.hu'
     ON CONFLICT (call_id, user_id) DO NOTHING
     RETURNING id, user_id`,
    [callId, jurors],
  );
  await manager.query(`INSERT INTO jury_settings (call_id) VALUES ($1) ON CONFLICT (call_id) DO NOTHING`, [callId]);
  for (const member of seated) {
    await manager.query(
      `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes)
       VALUES (NULL, 'jury.member_added', 'call', $1, $2::jsonb)`,
      [callId, JSON.stringify({ juryMemberId: member.id, userId: member.user_id, source: 'demo seed' })],
    );
  }
}

export interface DemoCallLine {
  year: number;
  titleHu: string;
  status: CallStatus;
  submissionClosesAtBudapest: string;
}

/** The calls for the demo banner, newest first. */
export async function demoCalls(dataSource: DataSource, now: Date): Promise<DemoCallLine[]> {
  const calls = await dataSource.getRepository(Call).find({ order: { year: 'DESC' } });
  return calls.map((call) => ({
    year: call.year,
    titleHu: call.titleHu,
    status: callStatus(call, now),
    submissionClosesAtBudapest: toBudapestIso(call.submissionClosesAt),
  }));
}
