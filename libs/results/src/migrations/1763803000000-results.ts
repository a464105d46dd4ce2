import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results: the scoring method and award rules of a call (chosen before scoring), its award
 * levels, the coordinators' award decisions per theme, and the publications of the results
 * (versioned, each with its frozen snapshot and SHA-256).
 */
export class Results1763803000000 implements MigrationInterface {
  name = 'Results1763803000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE jury_settings
        ADD COLUMN scoring_method text NOT NULL DEFAULT 'mean',
        ADD COLUMN min_award_score numeric(5,2),
        ADD COLUMN disagreement_threshold numeric(5,2) NOT NULL DEFAULT 15,
        ADD CONSTRAINT ck_jury_settings_scoring_method
          CHECK (scoring_method IN ('mean', 'median', 'trimmed_mean', 'normalised')),
        ADD CONSTRAINT ck_jury_settings_min_award_score CHECK (min_award_score BETWEEN 0 AND 100),
        ADD CONSTRAINT ck_jury_settings_disagreement_threshold CHECK (disagreement_threshold BETWEEN 0 AND 100)`);
    await q.query(`
      CREATE TABLE award_level (
        call_id uuid NOT NULL,
        code text NOT NULL,
        position int NOT NULL,
        name_hu text NOT NULL,
        name_en text NOT NULL,
        CONSTRAINT pk_award_level PRIMARY KEY (call_id, code),
        CONSTRAINT uq_award_level_position UNIQUE (call_id, position),
        CONSTRAINT ck_award_level_code CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
        CONSTRAINT fk_award_level_call_id FOREIGN KEY (call_id) REFERENCES call (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE award_decision (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        theme_id uuid NOT NULL,
        round_id uuid NOT NULL,
        application_id uuid NOT NULL,
        level_code text NOT NULL,
        position int NOT NULL,
        rank_at_decision int,
        score_at_decision numeric(7,4),
        decided_by uuid NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_award_decision PRIMARY KEY (id),
        CONSTRAINT uq_award_decision_application UNIQUE (call_id, application_id),
        CONSTRAINT uq_award_decision_position UNIQUE (theme_id, position),
        CONSTRAINT ck_award_decision_position CHECK (position >= 1),
        CONSTRAINT fk_award_decision_call_id FOREIGN KEY (call_id) REFERENCES call (id) ON DELETE CASCADE,
        CONSTRAINT fk_award_decision_theme_id FOREIGN KEY (theme_id) REFERENCES call_theme (id),
        CONSTRAINT fk_award_decision_round_id FOREIGN KEY (round_id) REFERENCES scoring_round (id),
        CONSTRAINT fk_award_decision_application_id FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT fk_award_decision_decided_by FOREIGN KEY (decided_by) REFERENCES app_user (id)
      )`);
    await q.query(`
      CREATE TABLE theme_decision (
        call_id uuid NOT NULL,
        theme_id uuid NOT NULL,
        round_id uuid NOT NULL,
        justification text,
        committee_order uuid[] NOT NULL DEFAULT '{}',
        follows_ranking boolean NOT NULL,
        version int NOT NULL DEFAULT 1,
        decided_by uuid NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_theme_decision PRIMARY KEY (theme_id),
        CONSTRAINT ck_theme_decision_justified CHECK (follows_ranking OR justification IS NOT NULL),
        CONSTRAINT fk_theme_decision_call_id FOREIGN KEY (call_id) REFERENCES call (id) ON DELETE CASCADE,
        CONSTRAINT fk_theme_decision_theme_id FOREIGN KEY (theme_id) REFERENCES call_theme (id),
        CONSTRAINT fk_theme_decision_round_id FOREIGN KEY (round_id) REFERENCES scoring_round (id),
        CONSTRAINT fk_theme_decision_decided_by FOREIGN KEY (decided_by) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE INDEX ix_theme_decision_call_id ON theme_decision (call_id)`);
    await q.query(`
      CREATE TABLE publication (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        version int NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        reason text,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        completed_at timestamptz,
        snapshot jsonb,
        sha256 text,
        changes jsonb,
        files jsonb NOT NULL DEFAULT '{}',
        attempts int NOT NULL DEFAULT 0,
        error text,
        CONSTRAINT pk_publication PRIMARY KEY (id),
        CONSTRAINT uq_publication_call_version UNIQUE (call_id, version),
        CONSTRAINT ck_publication_status CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        CONSTRAINT ck_publication_version CHECK (version >= 1),
        CONSTRAINT ck_publication_sha256 CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT fk_publication_call_id FOREIGN KEY (call_id) REFERENCES call (id) ON DELETE CASCADE,
        CONSTRAINT fk_publication_requested_by FOREIGN KEY (requested_by) REFERENCES app_user (id)
      )`);
    // at most one publication of a call under way at a time
    await q.query(
      `CREATE UNIQUE INDEX uq_publication_in_progress ON publication (call_id) WHERE status IN ('queued', 'running')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publication`);
    await q.query(`DROP TABLE theme_decision`);
    await q.query(`DROP TABLE award_decision`);
    await q.query(`DROP TABLE award_level`);
    await q.query(`
      ALTER TABLE jury_settings
        DROP CONSTRAINT ck_jury_settings_disagreement_threshold,
        DROP CONSTRAINT ck_jury_settings_min_award_score,
        DROP CONSTRAINT ck_jury_settings_scoring_method,
        DROP COLUMN disagreement_threshold,
        DROP COLUMN min_award_score,
        DROP COLUMN scoring_method`);
  }
}
