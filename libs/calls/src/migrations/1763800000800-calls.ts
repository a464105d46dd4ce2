import { MigrationInterface, QueryRunner } from 'typeorm';

/** Programmes and their yearly calls: themes, criteria and the extra questions of the application form. */
export class Calls1763800000800 implements MigrationInterface {
  name = 'Calls1763800000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name_hu text NOT NULL,
        name_en text NOT NULL,
        CONSTRAINT pk_programme PRIMARY KEY (id),
        CONSTRAINT uq_programme_code UNIQUE (code)
      )`);
    await q.query(`INSERT INTO programme (code, name_hu, name_en) VALUES ($1, $2, $3)`, [
      'logy',
      'Legjobb Önkormányzati Gyakorlatok',
      'Best Practices of Local Governments',
    ]);
    await q.query(`
      CREATE TABLE call (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL,
        year integer NOT NULL,
        title_hu text NOT NULL,
        title_en text NOT NULL,
        description_hu text NOT NULL,
        description_en text NOT NULL,
        submission_opens_at timestamptz NOT NULL,
        submission_closes_at timestamptz NOT NULL,
        scoring_closes_at timestamptz NOT NULL,
        results_at timestamptz NOT NULL,
        max_applications_per_municipality integer,
        practice_started_after date,
        announced_at timestamptz,
        scoring_started_at timestamptz,
        decided_at timestamptz,
        results_published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        copied_from_call_id uuid,
        CONSTRAINT pk_call PRIMARY KEY (id),
        CONSTRAINT uq_call_programme_year UNIQUE (programme_id, year),
        CONSTRAINT ck_call_year CHECK (year BETWEEN 2000 AND 2999),
        CONSTRAINT ck_call_phases_order CHECK (
          submission_opens_at < submission_closes_at
          AND submission_closes_at < scoring_closes_at
          AND scoring_closes_at < results_at),
        CONSTRAINT ck_call_max_applications CHECK (
          max_applications_per_municipality IS NULL OR max_applications_per_municipality >= 1),
        CONSTRAINT fk_call_programme_id FOREIGN KEY (programme_id) REFERENCES programme (id),
        CONSTRAINT fk_call_copied_from_call_id FOREIGN KEY (copied_from_call_id) REFERENCES call (id)
      )`);
    await q.query(`
      CREATE TABLE call_theme (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        position integer NOT NULL,
        title_hu text NOT NULL,
        title_en text NOT NULL,
        description_hu text NOT NULL,
        description_en text NOT NULL,
        sponsor_organisation_id uuid,
        removed_at timestamptz,
        CONSTRAINT pk_call_theme PRIMARY KEY (id),
        CONSTRAINT fk_call_theme_call_id FOREIGN KEY (call_id) REFERENCES call (id) ON DELETE CASCADE,
        CONSTRAINT fk_call_theme_sponsor_organisation_id FOREIGN KEY (sponsor_organisation_id)
          REFERENCES organisation (id)
      )`);
    await q.query(`CREATE INDEX ix_call_theme_call_id ON call_theme (call_id, position)`);
    await q.query(`
      CREATE TABLE call_criterion (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        position integer NOT NULL,
        name_hu text NOT NULL,
        name_en text NOT NULL,
        guidance_hu text NOT NULL,
        guidance_en text NOT NULL,
        weight numeric(6,2) NOT NULL,
        max_points integer NOT NULL,
        tie_break_order integer,
        removed_at timestamptz,
        CONSTRAINT pk_call_criterion PRIMARY KEY (id),
        CONSTRAINT uq_call_criterion_tie_break UNIQUE (call_id, tie_break_order),
        CONSTRAINT ck_call_criterion_weight CHECK (weight > 0),
        CONSTRAINT ck_call_criterion_max_points CHECK (max_points BETWEEN 1 AND 100),
        CONSTRAINT ck_call_criterion_tie_break CHECK (tie_break_order IS NULL OR tie_break_order >= 1),
        CONSTRAINT fk_call_criterion_call_id FOREIGN KEY (call_id) REFERENCES call (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_call_criterion_call_id ON call_criterion (call_id, position)`);
    await q.query(`
      CREATE TABLE call_question (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        position integer NOT NULL,
        label_hu text NOT NULL,
        label_en text NOT NULL,
        help_hu text,
        help_en text,
        kind text NOT NULL,
        required boolean NOT NULL DEFAULT false,
        choices jsonb,
        removed_at timestamptz,
        CONSTRAINT pk_call_question PRIMARY KEY (id),
        CONSTRAINT ck_call_question_kind CHECK (kind IN ('short_text', 'long_text', 'number', 'date', 'single_choice')),
        CONSTRAINT ck_call_question_choices CHECK (
          (kind = 'single_choice' AND choices IS NOT NULL AND jsonb_typeof(choices) = 'array'
            AND jsonb_array_length(choices) > 0)
          OR (kind <> 'single_choice' AND choices IS NULL)),
        CONSTRAINT fk_call_question_call_id FOREIGN KEY (call_id) REFERENCES call (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_call_question_call_id ON call_question (call_id, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_question`);
    await q.query(`DROP TABLE call_criterion`);
    await q.query(`DROP TABLE call_theme`);
    await q.query(`DROP TABLE call`);
    await q.query(`DROP TABLE programme`);
  }
}
