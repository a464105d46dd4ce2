import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The jury of a call: its members and their declarations, conflicts of interest (stored
 * ones; the automatic ones are the view jury_conflict), preferences, scoring rounds with
 * their own criteria and shortlists, assignments with their scorecards, and the scores.
 */
export class Jury1763802000000 implements MigrationInterface {
  name = 'Jury1763802000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jury_settings (
        call_id uuid NOT NULL,
        jurors_per_application int NOT NULL DEFAULT 3,
        score_step numeric(2,1) NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_jury_settings PRIMARY KEY (call_id),
        CONSTRAINT ck_jury_settings_jurors_per_application CHECK (jurors_per_application BETWEEN 1 AND 20),
        CONSTRAINT ck_jury_settings_score_step CHECK (score_step IN (0.5, 1)),
        CONSTRAINT fk_jury_settings_call_id FOREIGN KEY (call_id) REFERENCES call (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE jury_member (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        user_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        theme_ids uuid[] NOT NULL DEFAULT '{}',
        declaration_accepted_at timestamptz,
        added_by uuid NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        CONSTRAINT pk_jury_member PRIMARY KEY (id),
        CONSTRAINT uq_jury_member_call_user UNIQUE (call_id, user_id),
        CONSTRAINT fk_jury_member_call_id FOREIGN KEY (call_id) REFERENCES call (id) ON DELETE CASCADE,
        CONSTRAINT fk_jury_member_user_id FOREIGN KEY (user_id) REFERENCES app_user (id),
        CONSTRAINT fk_jury_member_organisation_id FOREIGN KEY (organisation_id) REFERENCES organisation (id),
        CONSTRAINT fk_jury_member_added_by FOREIGN KEY (added_by) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE INDEX ix_jury_member_user_id ON jury_member (user_id)`);
    await q.query(`
      CREATE TABLE conflict_of_interest (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        jury_member_id uuid NOT NULL,
        application_id uuid NOT NULL,
        source text NOT NULL,
        reason text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_conflict_of_interest PRIMARY KEY (id),
        CONSTRAINT uq_conflict_of_interest_member_application UNIQUE (jury_member_id, application_id),
        CONSTRAINT ck_conflict_of_interest_source CHECK (source IN ('declared', 'coordinator')),
        CONSTRAINT fk_conflict_of_interest_call_id FOREIGN KEY (call_id) REFERENCES call (id) ON DELETE CASCADE,
        CONSTRAINT fk_conflict_of_interest_jury_member_id FOREIGN KEY (jury_member_id) REFERENCES jury_member (id) ON DELETE CASCADE,
        CONSTRAINT fk_conflict_of_interest_application_id FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT fk_conflict_of_interest_created_by FOREIGN KEY (created_by) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE INDEX ix_conflict_of_interest_call_id ON conflict_of_interest (call_id)`);
    await q.query(`
      CREATE TABLE juror_preference (
        jury_member_id uuid NOT NULL,
        application_id uuid NOT NULL,
        preference text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_juror_preference PRIMARY KEY (jury_member_id, application_id),
        CONSTRAINT ck_juror_preference_preference CHECK (preference IN ('keen', 'neutral', 'rather_not')),
        CONSTRAINT fk_juror_preference_jury_member_id FOREIGN KEY (jury_member_id) REFERENCES jury_member (id) ON DELETE CASCADE,
        CONSTRAINT fk_juror_preference_application_id FOREIGN KEY (application_id) REFERENCES application (id)
      )`);
    await q.query(`
      CREATE TABLE scoring_round (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        number int NOT NULL,
        name_hu text NOT NULL,
        name_en text NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        closed_at timestamptz,
        jury_member_ids uuid[],
        version int NOT NULL DEFAULT 1,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_scoring_round PRIMARY KEY (id),
        CONSTRAINT uq_scoring_round_call_number UNIQUE (call_id, number),
        CONSTRAINT ck_scoring_round_number CHECK (number >= 1),
        CONSTRAINT ck_scoring_round_window CHECK (opens_at < closes_at),
        CONSTRAINT fk_scoring_round_call_id FOREIGN KEY (call_id) REFERENCES call (id) ON DELETE CASCADE,
        CONSTRAINT fk_scoring_round_created_by FOREIGN KEY (created_by) REFERENCES app_user (id)
      )`);
    await q.query(`
      CREATE TABLE round_criterion (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL,
        position int NOT NULL,
        name_hu text NOT NULL,
        name_en text NOT NULL,
        guidance_hu text NOT NULL DEFAULT '',
        guidance_en text NOT NULL DEFAULT '',
        weight numeric(6,2) NOT NULL,
        max_points int NOT NULL,
        tie_break_order int,
        source_criterion_id uuid,
        CONSTRAINT pk_round_criterion PRIMARY KEY (id),
        CONSTRAINT uq_round_criterion_position UNIQUE (round_id, position),
        CONSTRAINT ck_round_criterion_weight CHECK (weight > 0),
        CONSTRAINT ck_round_criterion_max_points CHECK (max_points BETWEEN 1 AND 100),
        CONSTRAINT fk_round_criterion_round_id FOREIGN KEY (round_id) REFERENCES scoring_round (id) ON DELETE CASCADE,
        CONSTRAINT fk_round_criterion_source_criterion_id FOREIGN KEY (source_criterion_id) REFERENCES call_criterion (id)
      )`);
    await q.query(`
      CREATE TABLE round_entry (
        round_id uuid NOT NULL,
        application_id uuid NOT NULL,
        added_by uuid NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_round_entry PRIMARY KEY (round_id, application_id),
        CONSTRAINT fk_round_entry_round_id FOREIGN KEY (round_id) REFERENCES scoring_round (id) ON DELETE CASCADE,
        CONSTRAINT fk_round_entry_application_id FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT fk_round_entry_added_by FOREIGN KEY (added_by) REFERENCES app_user (id)
      )`);
    await q.query(`
      CREATE TABLE assignment (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL,
        application_id uuid NOT NULL,
        jury_member_id uuid NOT NULL,
        source text NOT NULL,
        status text NOT NULL DEFAULT 'assigned',
        private_note text,
        feedback text,
        version int NOT NULL DEFAULT 1,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        excluded_at timestamptz,
        excluded_reason text,
        CONSTRAINT pk_assignment PRIMARY KEY (id),
        CONSTRAINT uq_assignment_round_application_member UNIQUE (round_id, application_id, jury_member_id),
        CONSTRAINT ck_assignment_source CHECK (source IN ('auto', 'manual')),
        CONSTRAINT ck_assignment_status CHECK (status IN ('assigned', 'draft', 'submitted')),
        CONSTRAINT ck_assignment_submitted CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)),
        CONSTRAINT ck_assignment_excluded CHECK ((excluded_at IS NULL) = (excluded_reason IS NULL)),
        CONSTRAINT fk_assignment_round_id FOREIGN KEY (round_id) REFERENCES scoring_round (id) ON DELETE CASCADE,
        CONSTRAINT fk_assignment_application_id FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT fk_assignment_jury_member_id FOREIGN KEY (jury_member_id) REFERENCES jury_member (id),
        CONSTRAINT fk_assignment_created_by FOREIGN KEY (created_by) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE INDEX ix_assignment_jury_member_id ON assignment (jury_member_id, round_id)`);
    await q.query(`CREATE INDEX ix_assignment_application_id ON assignment (application_id)`);
    await q.query(`
      CREATE TABLE score (
        assignment_id uuid NOT NULL,
        criterion_id uuid NOT NULL,
        points numeric(4,1),
        abstain_reason text,
        note text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_score PRIMARY KEY (assignment_id, criterion_id),
        CONSTRAINT ck_score_points CHECK (points IS NULL OR points >= 0),
        CONSTRAINT ck_score_points_or_abstain CHECK (points IS NULL OR abstain_reason IS NULL),
        CONSTRAINT fk_score_assignment_id FOREIGN KEY (assignment_id) REFERENCES assignment (id) ON DELETE CASCADE,
        CONSTRAINT fk_score_criterion_id FOREIGN KEY (criterion_id) REFERENCES round_criterion (id)
      )`);
    await q.query(`CREATE INDEX ix_score_criterion_id ON score (criterion_id)`);
    // the applications a round scores: round 1 every eligible submitted application of the
    // call, a later round those shortlisted into it (still submitted and eligible)
    await q.query(`
      CREATE VIEW round_application AS
        SELECT r.id AS round_id, a.id AS application_id
          FROM scoring_round r
          JOIN application a ON a.call_id = r.call_id AND a.status = 'submitted' AND a.formal_check = 'eligible'
         WHERE r.number = 1
            OR EXISTS (SELECT 1 FROM round_entry e WHERE e.round_id = r.id AND e.application_id = a.id)`);
    // every conflict of interest: stored ones (declared by the juror, set by a coordinator)
    // and automatic ones (the juror's own municipality; the juror's organisation as partner)
    await q.query(`
      CREATE VIEW jury_conflict AS
        SELECT c.jury_member_id, c.application_id, c.source, c.reason, c.created_at
          FROM conflict_of_interest c
        UNION ALL
        SELECT DISTINCT j.id, a.id, 'municipality', NULL::text, NULL::timestamptz
          FROM jury_member j
          JOIN membership m ON m.user_id = j.user_id AND m.status IN ('pending', 'approved')
          JOIN application a ON a.call_id = j.call_id AND a.municipality_ksh = m.municipality_ksh
        UNION ALL
        SELECT j.id, a.id, 'partner', NULL::text, NULL::timestamptz
          FROM jury_member j
          JOIN organisation o ON o.id = j.organisation_id
          JOIN application a ON a.call_id = j.call_id
         WHERE jsonb_typeof(a.content -> 'partnerOrganisations') = 'array'
           AND (a.content -> 'partnerOrganisations') ? o.code`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW jury_conflict`);
    await q.query(`DROP VIEW round_application`);
    for (const table of [
      'score',
      'assignment',
      'round_entry',
      'round_criterion',
      'scoring_round',
      'juror_preference',
      'conflict_of_interest',
      'jury_member',
      'jury_settings',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
