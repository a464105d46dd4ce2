/**
 * The access policy of the api: for every route the application serves, what each kind of
 * caller must get. test/e2e/access-matrix.e2e-spec.ts lists the routes from the running
 * application and checks every route × caller cell against this table; a route that is
 * served but missing here, or listed here but not served, fails that test.
 *
 * Keys are `METHOD /path/:param` exactly as Express serves them (global prefix included).
 *
 * Outcomes, checked on the answer's status and error code:
 * - allow   — access granted: a 2xx/3xx, or a refusal that can only come after the access
 *             checks: 400 (validation; bodies are validated after the guards), 409 (state:
 *             stale version, deadline passed, already decided …), 413 or 422. Never 401,
 *             403, 404, 429 or 5xx.
 * - deny401 — 401 UNAUTHENTICATED: not signed in (or the session ended).
 * - deny403 — 403 FORBIDDEN: signed in, but the role or the relation does not allow it
 *             (never CSRF_INVALID: every write carries the caller's token).
 * - deny404 — 404 NOT_FOUND: the object exists but is hidden from this caller (another
 *             municipality's application, a draft call, a conflicted juror's assignment).
 * - sealed  — 403 SCORES_SEALED: a juror asks for scores of a round that is still open.
 * - absent  — 404 ROUTE_NOT_FOUND for everyone: a route that exists only to answer that.
 * Every refusal carries the one error body `{ error: { code, message, fields? } }`.
 * Where the service decides access (applicants' and jurors' routes), the body is valid, so
 * that the service's check is what answers; on coordinator-only routes, whose only check is
 * the role guard, an empty body (400 after the guard) is enough. `hidden`/`shown` add what a
 * list may (not) mention to a caller: a 200 that leaks another municipality's ids fails too.
 *
 * The callers (the fixture of the spec builds them):
 * - anonymous        — no session.
 * - applicantA       — approved staff of municipality A.
 * - applicantB       — approved staff of municipality B.
 * - pending          — staff of A whose membership still waits for approval.
 * - juror            — seated on the scoring call's jury (declaration accepted), assigned
 *                      to A's application there.
 * - conflictedJuror  — seated on the same jury, assigned to A's application, saved a draft
 *                      scorecard, then declared a conflict of interest with it (the
 *                      assignment is excluded).
 * - coordinator, admin
 * - deactivated      — a coordinator and admin, approved staff of A, signed in and then
 *                      deactivated by an admin through the api (the old session cookie is
 *                      what it sends).
 *
 * The fixture (ids named by FixtureKey; a case's `params` say which fill the path):
 * - callOpen: announced, accepting submissions. A has a submitted application (theme 1,
 *   with an attachment and a receipt), a draft (theme 2, two attachments) and a draft to
 *   withdraw (theme 3): every theme used, so creating another is refused 409. B has a
 *   submitted application and a draft. Two deadline extensions to revoke.
 * - callDraft: not announced; three themes, criteria and questions (two of each to delete).
 * - callScoring: scoring started, round 1 open; submitted, eligible applications of A, B and
 *   two others (A's with a submitted attachment); the two jurors above, a spare juror with
 *   two throwaway assignments, two throwaway seats.
 * - callPublished: scored, closed, decided and published (its publication completed); one
 *   of its applications is A's (publishedAppA).
 * Destructive cells use throwaway objects (a separate one where two callers succeed), stale
 * versions or bodies that fail validation, so that no cell changes what another cell sees.
 */

export const CALLERS = [
  'anonymous',
  'applicantA',
  'applicantB',
  'pending',
  'juror',
  'conflictedJuror',
  'coordinator',
  'admin',
  'deactivated',
] as const;
export type Caller = (typeof CALLERS)[number];

export type Outcome = 'allow' | 'deny401' | 'deny403' | 'deny404' | 'sealed' | 'absent';
export type Expectations = Readonly<Record<Caller, Outcome>>;

export const FIXTURE_KEYS = [
  'municipalityA',
  'municipalityC',
  'callOpen',
  'openThemeOfA',
  'appASubmitted',
  'appADraft',
  'appAWithdrawable',
  'attachmentA',
  'attachmentAThrowaway',
  'attachmentB',
  'submissionNumber',
  'extensionForCoordinator',
  'extensionForAdmin',
  'callDraft',
  'draftTheme',
  'draftThemeForCoordinator',
  'draftThemeForAdmin',
  'draftCriterion',
  'draftCriterionForCoordinator',
  'draftCriterionForAdmin',
  'draftQuestion',
  'draftQuestionForCoordinator',
  'draftQuestionForAdmin',
  'throwawayUser',
  'throwawayMembership',
  'throwawayInvitation',
  'unknownToken',
  'callScoring',
  'scoringThemeOfA',
  'scoringAppA',
  'scoringAppX',
  'scoringAttachmentA',
  'roundScoring',
  'roundCriterion',
  'jurorMember',
  'memberForCoordinator',
  'memberForAdmin',
  'jurorAssignment',
  'conflictedAssignment',
  'assignmentForCoordinator',
  'assignmentForAdmin',
  'callPublished',
  'publishedAppA',
  'publishedYear',
  'roundPublished',
  'publication',
] as const;
export type FixtureKey = (typeof FIXTURE_KEYS)[number];
export type FixtureIds = Readonly<Record<FixtureKey, string>>;

export interface AccessCase {
  /** Names the case in failure messages when a route has several. */
  label?: string;
  /** Path parameter → the fixture id that fills it. */
  params?: Readonly<Record<string, FixtureKey>>;
  /** Per caller, the parameters that differ from `params` (own objects, throwaway objects). */
  paramsFor?: Partial<Record<Caller, Readonly<Record<string, FixtureKey>>>>;
  /** The query string's parameters. */
  query?: (ids: FixtureIds) => Record<string, string>;
  /** The JSON body of a write (default `{}`). */
  body?: (ids: FixtureIds) => object;
  expect: Expectations;
  /** Ids that must not appear in an allowed answer to this caller (what a list must leave out). */
  hidden?: Partial<Record<Caller, readonly FixtureKey[]>>;
  /** Ids that must appear in the answer to this caller (so that a `hidden` check can fail). */
  shown?: Partial<Record<Caller, readonly FixtureKey[]>>;
  /** Runs after every other route (ends the session: logout). */
  runLast?: boolean;
  note?: string;
}

export type RoutePolicy = AccessCase | readonly AccessCase[];

function everyone(outcome: Outcome): Record<Caller, Outcome> {
  return Object.fromEntries(CALLERS.map((caller) => [caller, outcome])) as Record<Caller, Outcome>;
}

/** Anyone, signed in or not. */
export const PUBLIC: Expectations = everyone('allow');
/** Any signed-in, active user. */
export const SIGNED_IN: Expectations = { ...everyone('allow'), anonymous: 'deny401', deactivated: 'deny401' };
/** Coordinators and admins only. */
export const MANAGERS: Expectations = {
  ...everyone('deny403'),
  anonymous: 'deny401',
  deactivated: 'deny401',
  coordinator: 'allow',
  admin: 'allow',
};
/** Jurors only (their own side of the jury). */
export const JURORS: Expectations = {
  ...everyone('deny403'),
  anonymous: 'deny401',
  deactivated: 'deny401',
  juror: 'allow',
  conflictedJuror: 'allow',
};
export const JURORS_AND_MANAGERS: Expectations = { ...JURORS, coordinator: 'allow', admin: 'allow' };
export const APPLICANTS_AND_MANAGERS: Expectations = {
  ...MANAGERS,
  applicantA: 'allow',
  applicantB: 'allow',
  pending: 'allow',
};
/** A's application, read: A's staff and the managers; for anyone else it does not exist. */
export const A_READS: Expectations = {
  ...SIGNED_IN,
  applicantB: 'deny404',
  pending: 'deny404',
  juror: 'deny404',
  conflictedJuror: 'deny404',
};
/** A's application, changed: A's staff only; managers see it but never write for a municipality. */
export const A_WRITES: Expectations = { ...A_READS, coordinator: 'deny403', admin: 'deny403' };
/** A draft call: managers only; for anyone else it does not exist. */
export const DRAFT_CALL: Expectations = { ...everyone('deny404'), coordinator: 'allow', admin: 'allow' };
/** Ids that do not belong together (an attachment of another application): nobody finds anything. */
export const MISMATCHED: Expectations = { ...everyone('deny404'), anonymous: 'deny401', deactivated: 'deny401' };
/** An assignment of the juror: the juror and managers; the conflicted juror finds nothing. */
export const JUROR_ASSIGNMENT: Expectations = { ...JURORS_AND_MANAGERS, conflictedJuror: 'deny404' };

const STALE = 999_999;
const NEW_PASSWORD = 'Hozzáférési-mátrix-2026';

export const ACCESS_POLICY: Readonly<Record<string, RoutePolicy>> = {
  // --- health and the API documentation (Swagger UI, mounted outside the controllers) ---
  'GET /health': { expect: PUBLIC },
  'GET /api/docs/swagger-ui-init.js': { expect: PUBLIC },
  'GET /api/docs/docs/swagger-ui-init.js': { expect: PUBLIC },
  'GET /api/docs': { expect: PUBLIC },
  'GET /api/docs/index.html': { expect: PUBLIC },
  'GET /api/docs/LICENSE': { expect: everyone('absent'), note: 'Swagger UI refuses to serve its LICENSE' },
  'GET /api/docs/': { expect: PUBLIC },
  'GET /api/openapi.json': { expect: PUBLIC },
  'GET /api/docs-yaml': { expect: PUBLIC },

  // --- auth ---
  'POST /api/auth/register': { expect: PUBLIC, note: 'an empty body: 400 for everyone' },
  'POST /api/auth/login': {
    expect: PUBLIC,
    note: 'an empty body: 400 before passport (no session is replaced, no failure is counted)',
  },
  'POST /api/auth/logout': { expect: SIGNED_IN, runLast: true },
  'GET /api/auth/me': { expect: SIGNED_IN },
  'PATCH /api/auth/me': { expect: SIGNED_IN, body: () => ({}) },
  'GET /api/auth/csrf': { expect: PUBLIC },
  'POST /api/auth/password': {
    expect: SIGNED_IN,
    body: () => ({ currentPassword: 'nem-ez-a-jelszó', newPassword: NEW_PASSWORD }),
    note: 'a wrong current password: 400 WRONG_PASSWORD, nothing changes',
  },
  'POST /api/auth/password-reset': { expect: PUBLIC, body: () => ({ email: 'senki@nem-letezik.hu' }) },
  'POST /api/auth/password-reset/confirm': {
    expect: PUBLIC,
    body: () => ({ token: 'x'.repeat(43), newPassword: NEW_PASSWORD }),
  },

  // --- users, memberships, invitations ---
  'GET /api/users': { expect: MANAGERS },
  'POST /api/users/:id/deactivate': { expect: MANAGERS, params: { id: 'throwawayUser' } },
  'POST /api/users/:id/reactivate': { expect: MANAGERS, params: { id: 'throwawayUser' } },
  'GET /api/memberships': { expect: MANAGERS },
  'POST /api/memberships': {
    expect: SIGNED_IN,
    body: (ids) => ({ municipalityKsh: ids.municipalityC }),
    note: 'anyone signed in may ask to act for a municipality; it waits for approval',
  },
  'POST /api/memberships/:id/approve': {
    expect: MANAGERS,
    params: { id: 'throwawayMembership' },
    note: 'the coordinator approves, the admin then gets 409 MEMBERSHIP_ALREADY_DECIDED',
  },
  'POST /api/memberships/:id/reject': { expect: MANAGERS, params: { id: 'throwawayMembership' } },
  'POST /api/memberships/:id/revoke': { expect: MANAGERS, params: { id: 'throwawayMembership' } },
  'GET /api/invitations': { expect: MANAGERS },
  'POST /api/invitations': { expect: MANAGERS },
  'GET /api/invitations/preview/:token': {
    expect: PUBLIC,
    params: { token: 'unknownToken' },
    note: 'the token is the credential: 400 INVITATION_INVALID for an unknown one',
  },
  'POST /api/invitations/accept': { expect: PUBLIC },
  'POST /api/invitations/:id/revoke': {
    expect: MANAGERS,
    params: { id: 'throwawayInvitation' },
    note: 'idempotent: the coordinator and the admin both get 200',
  },

  // --- the register ---
  'GET /api/municipalities': { expect: PUBLIC },
  'GET /api/municipalities/:ksh': { expect: PUBLIC, params: { ksh: 'municipalityA' } },
  'GET /api/organisations': { expect: PUBLIC },

  // --- calls ---
  'GET /api/calls': { expect: PUBLIC },
  'GET /api/calls/:id': [
    { label: 'draft', expect: DRAFT_CALL, params: { id: 'callDraft' } },
    { label: 'announced', expect: PUBLIC, params: { id: 'callOpen' } },
  ],
  'POST /api/calls': { expect: MANAGERS },
  'PATCH /api/calls/:id': {
    expect: MANAGERS,
    params: { id: 'callDraft' },
    body: () => ({ version: STALE, titleHu: 'Hozzáférési próba' }),
  },
  'POST /api/calls/:id/announce': { expect: MANAGERS, params: { id: 'callDraft' }, body: () => ({ version: STALE }) },
  'POST /api/calls/:id/copy': { expect: MANAGERS, params: { id: 'callDraft' } },
  'POST /api/calls/:id/start-scoring': {
    expect: MANAGERS,
    params: { id: 'callOpen' },
    body: () => ({ version: STALE }),
  },
  'POST /api/calls/:id/themes': { expect: MANAGERS, params: { id: 'callDraft' } },
  'PATCH /api/calls/:id/themes/:themeId': { expect: MANAGERS, params: { id: 'callDraft', themeId: 'draftTheme' } },
  'DELETE /api/calls/:id/themes/:themeId': {
    expect: MANAGERS,
    params: { id: 'callDraft', themeId: 'draftThemeForCoordinator' },
    paramsFor: { admin: { themeId: 'draftThemeForAdmin' } },
  },
  'POST /api/calls/:id/criteria': { expect: MANAGERS, params: { id: 'callDraft' } },
  'PATCH /api/calls/:id/criteria/:criterionId': {
    expect: MANAGERS,
    params: { id: 'callDraft', criterionId: 'draftCriterion' },
  },
  'DELETE /api/calls/:id/criteria/:criterionId': {
    expect: MANAGERS,
    params: { id: 'callDraft', criterionId: 'draftCriterionForCoordinator' },
    paramsFor: { admin: { criterionId: 'draftCriterionForAdmin' } },
  },
  'POST /api/calls/:id/questions': { expect: MANAGERS, params: { id: 'callDraft' } },
  'PATCH /api/calls/:id/questions/:questionId': {
    expect: MANAGERS,
    params: { id: 'callDraft', questionId: 'draftQuestion' },
  },
  'DELETE /api/calls/:id/questions/:questionId': {
    expect: MANAGERS,
    params: { id: 'callDraft', questionId: 'draftQuestionForCoordinator' },
    paramsFor: { admin: { questionId: 'draftQuestionForAdmin' } },
  },

  // --- applications ---
  'POST /api/calls/:callId/applications': {
    expect: { ...A_WRITES, applicantB: 'deny403', pending: 'deny403', juror: 'deny403', conflictedJuror: 'deny403' },
    params: { callId: 'callOpen' },
    body: (ids) => ({ themeId: ids.openThemeOfA, municipalityKsh: ids.municipalityA }),
    note: 'only an approved member of the municipality in the body; A gets 409 (a theme A has used)',
  },
  'GET /api/calls/:callId/applications.csv': { expect: MANAGERS, params: { callId: 'callOpen' } },
  'GET /api/calls/:callId/statistics': { expect: MANAGERS, params: { callId: 'callOpen' } },
  'GET /api/statistics/calls': { expect: MANAGERS },
  'GET /api/applications': {
    expect: APPLICANTS_AND_MANAGERS,
    query: (ids) => ({ callId: ids.callOpen, pageSize: '100' }),
    shown: { applicantA: ['appASubmitted', 'appADraft'], coordinator: ['appASubmitted'], admin: ['appADraft'] },
    hidden: {
      applicantB: ['appASubmitted', 'appADraft', 'appAWithdrawable'],
      pending: ['appASubmitted', 'appADraft', 'appAWithdrawable'],
    },
    note: 'applicants see their own municipalities only (the pending one: none)',
  },
  'GET /api/my-applications': {
    expect: { ...APPLICANTS_AND_MANAGERS, coordinator: 'deny403', admin: 'deny403' },
    shown: { applicantA: ['appASubmitted', 'appADraft', 'publishedAppA', 'callOpen'], applicantB: ['callOpen'] },
    hidden: {
      applicantB: ['appASubmitted', 'appADraft', 'appAWithdrawable', 'publishedAppA'],
      pending: ['appASubmitted', 'appADraft', 'appAWithdrawable', 'publishedAppA'],
    },
    note: "municipal staff's own page: their approved municipalities' applications and the open calls",
  },
  'GET /api/applications/:id': { expect: A_READS, params: { id: 'appASubmitted' } },
  'PATCH /api/applications/:id': {
    expect: A_WRITES,
    params: { id: 'appADraft' },
    body: () => ({ version: STALE, content: { title: 'Hozzáférési próba' } }),
    note: 'a stale version: A gets 409 APPLICATION_STALE_VERSION, nothing is saved',
  },
  'GET /api/applications/:id/missing': { expect: A_READS, params: { id: 'appADraft' } },
  'GET /api/applications/:id/outcome': { expect: A_READS, params: { id: 'publishedAppA' } },
  'POST /api/applications/:id/submit': {
    expect: A_WRITES,
    params: { id: 'appADraft' },
    body: () => ({ version: STALE }),
  },
  'POST /api/applications/:id/withdraw': {
    expect: A_WRITES,
    params: { id: 'appAWithdrawable' },
    note: 'A withdraws its throwaway draft',
  },
  'POST /api/applications/:id/reopen': { expect: MANAGERS, params: { id: 'appASubmitted' } },
  'POST /api/applications/:id/formal-check': { expect: MANAGERS, params: { id: 'appASubmitted' } },
  'GET /api/applications/:id/submissions/:number/receipt': {
    expect: A_READS,
    params: { id: 'appASubmitted', number: 'submissionNumber' },
  },
  'GET /api/applications/:id/attachments': { expect: A_READS, params: { id: 'appADraft' } },
  'POST /api/applications/:id/attachments': {
    expect: A_WRITES,
    params: { id: 'appADraft' },
    note: 'no file: A gets 400, after the access check',
  },
  'GET /api/applications/:id/attachments/:attachmentId': [
    { label: "A's", expect: A_READS, params: { id: 'appADraft', attachmentId: 'attachmentA' } },
    {
      label: "B's attachment under A's application",
      expect: MISMATCHED,
      params: { id: 'appADraft', attachmentId: 'attachmentB' },
    },
  ],
  'DELETE /api/applications/:id/attachments/:attachmentId': {
    expect: A_WRITES,
    params: { id: 'appADraft', attachmentId: 'attachmentAThrowaway' },
  },
  'GET /api/calls/:callId/extensions': { expect: MANAGERS, params: { callId: 'callOpen' } },
  'POST /api/calls/:callId/extensions': { expect: MANAGERS, params: { callId: 'callOpen' } },
  'DELETE /api/calls/:callId/extensions/:id': {
    expect: MANAGERS,
    params: { callId: 'callOpen', id: 'extensionForCoordinator' },
    paramsFor: { admin: { id: 'extensionForAdmin' } },
  },

  // --- the jury of a call (coordinators) ---
  'GET /api/calls/:callId/jury/settings': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'PUT /api/calls/:callId/jury/settings': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'GET /api/calls/:callId/jury': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'POST /api/calls/:callId/jury': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'PATCH /api/calls/:callId/jury/:memberId': {
    expect: MANAGERS,
    params: { callId: 'callScoring', memberId: 'jurorMember' },
  },
  'DELETE /api/calls/:callId/jury/:memberId': {
    expect: MANAGERS,
    params: { callId: 'callScoring', memberId: 'memberForCoordinator' },
    paramsFor: { admin: { memberId: 'memberForAdmin' } },
  },
  'GET /api/calls/:callId/conflicts': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'POST /api/calls/:callId/conflicts': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'GET /api/calls/:callId/rounds': [
    { label: 'on the jury', expect: JURORS_AND_MANAGERS, params: { callId: 'callScoring' } },
    {
      label: 'not on the jury',
      expect: { ...JURORS_AND_MANAGERS, juror: 'deny404', conflictedJuror: 'deny404' },
      params: { callId: 'callPublished' },
    },
  ],
  'POST /api/calls/:callId/rounds': { expect: MANAGERS, params: { callId: 'callScoring' } },

  // --- the juror's side ---
  'GET /api/jury/declaration': { expect: JURORS },
  'GET /api/jury/calls': { expect: JURORS },
  'POST /api/jury/calls/:callId/declaration': [
    { label: 'on the jury', expect: JURORS, params: { callId: 'callScoring' }, body: () => ({ accept: true }) },
    {
      label: 'not on the jury',
      expect: { ...JURORS, juror: 'deny404', conflictedJuror: 'deny404' },
      params: { callId: 'callOpen' },
      body: () => ({ accept: true }),
    },
  ],
  'GET /api/jury/calls/:callId/applications': [
    { label: 'on the jury', expect: JURORS, params: { callId: 'callScoring' } },
    {
      label: 'not on the jury',
      expect: { ...JURORS, juror: 'deny404', conflictedJuror: 'deny404' },
      params: { callId: 'callPublished' },
    },
  ],
  'PUT /api/jury/calls/:callId/preferences/:applicationId': {
    expect: JURORS,
    params: { callId: 'callScoring', applicationId: 'scoringAppA' },
    body: () => ({ preference: 'keen' }),
    note: 'the conflicted juror may still mark the application it is in conflict with (no effect: never assigned)',
  },
  'POST /api/jury/calls/:callId/conflicts': {
    expect: JURORS,
    params: { callId: 'callScoring' },
    body: (ids) => ({ applicationId: ids.scoringAppX, reason: 'A projekt szakmai tanácsadója voltam.' }),
    note: 'an application neither juror is assigned to',
  },
  'GET /api/jury/assignments': {
    expect: JURORS,
    query: (ids) => ({ roundId: ids.roundScoring, pageSize: '100' }),
    shown: { juror: ['jurorAssignment'] },
    hidden: { juror: ['conflictedAssignment'], conflictedJuror: ['conflictedAssignment', 'jurorAssignment'] },
    note: 'a juror lists only its own assignments, never an excluded one',
  },
  'GET /api/jury/progress': {
    expect: JURORS,
    shown: { juror: ['roundScoring'], conflictedJuror: ['roundScoring'] },
    hidden: { juror: ['roundPublished'], conflictedJuror: ['roundPublished'] },
    note: "the juror's own counts per round of its juries; never a round of a jury it is not on",
  },
  'GET /api/jury/rounds/:roundId/progress': { expect: JURORS, params: { roundId: 'roundScoring' } },

  // --- rounds ---
  'GET /api/rounds/:roundId': { expect: JURORS_AND_MANAGERS, params: { roundId: 'roundScoring' } },
  'PATCH /api/rounds/:roundId': { expect: MANAGERS, params: { roundId: 'roundScoring' } },
  'POST /api/rounds/:roundId/close': {
    expect: MANAGERS,
    params: { roundId: 'roundPublished' },
    note: 'a round that is closed already',
  },
  'POST /api/rounds/:roundId/auto-assign': {
    expect: MANAGERS,
    params: { roundId: 'roundPublished' },
    note: 'a round that is closed already',
  },
  'GET /api/rounds/:roundId/assignments': { expect: MANAGERS, params: { roundId: 'roundScoring' } },
  'POST /api/rounds/:roundId/assignments': { expect: MANAGERS, params: { roundId: 'roundScoring' } },
  'GET /api/rounds/:roundId/ranking': [
    {
      label: 'open round',
      expect: { ...JURORS_AND_MANAGERS, juror: 'sealed', conflictedJuror: 'sealed' },
      params: { roundId: 'roundScoring' },
    },
    {
      label: 'round of another jury',
      expect: { ...JURORS_AND_MANAGERS, juror: 'deny404', conflictedJuror: 'deny404' },
      params: { roundId: 'roundPublished' },
    },
  ],
  'GET /api/rounds/:roundId/sensitivity': { expect: MANAGERS, params: { roundId: 'roundScoring' } },
  'GET /api/rounds/:roundId/progress/jurors': { expect: MANAGERS, params: { roundId: 'roundScoring' } },
  'GET /api/rounds/:roundId/progress/applications': { expect: MANAGERS, params: { roundId: 'roundScoring' } },

  // --- assignments ---
  'GET /api/assignments/:id': [
    { label: "the juror's", expect: JUROR_ASSIGNMENT, params: { id: 'jurorAssignment' } },
    {
      label: 'own',
      expect: JUROR_ASSIGNMENT,
      params: { id: 'jurorAssignment' },
      paramsFor: { conflictedJuror: { id: 'conflictedAssignment' } },
      note: "the conflicted juror's own assignment, excluded by its declaration",
    },
  ],
  'DELETE /api/assignments/:id': {
    expect: MANAGERS,
    params: { id: 'assignmentForCoordinator' },
    paramsFor: { admin: { id: 'assignmentForAdmin' } },
  },
  'PUT /api/assignments/:id/scorecard': [
    {
      label: "the juror's",
      expect: { ...JUROR_ASSIGNMENT, coordinator: 'deny403', admin: 'deny403' },
      params: { id: 'jurorAssignment' },
      body: (ids) => ({ scores: [{ criterionId: ids.roundCriterion, points: 5 }] }),
      note: 'only the juror scores, never a coordinator',
    },
    {
      label: 'own',
      expect: { ...JUROR_ASSIGNMENT, coordinator: 'deny403', admin: 'deny403' },
      params: { id: 'jurorAssignment' },
      paramsFor: { conflictedJuror: { id: 'conflictedAssignment' } },
      body: (ids) => ({ scores: [{ criterionId: ids.roundCriterion, points: 6 }] }),
    },
  ],
  'GET /api/assignments/:id/scores': [
    {
      label: "the juror's",
      expect: { ...JUROR_ASSIGNMENT, juror: 'sealed' },
      params: { id: 'jurorAssignment' },
      note: 'sealed for jurors while the round is open',
    },
    {
      label: 'own',
      expect: { ...JUROR_ASSIGNMENT, juror: 'sealed' },
      params: { id: 'jurorAssignment' },
      paramsFor: { conflictedJuror: { id: 'conflictedAssignment' } },
    },
  ],
  'GET /api/assignments/:id/attachments/:attachmentId': [
    {
      label: "the juror's",
      expect: JUROR_ASSIGNMENT,
      params: { id: 'jurorAssignment', attachmentId: 'scoringAttachmentA' },
    },
    {
      label: 'own',
      expect: JUROR_ASSIGNMENT,
      params: { id: 'jurorAssignment', attachmentId: 'scoringAttachmentA' },
      paramsFor: { conflictedJuror: { id: 'conflictedAssignment' } },
    },
    {
      label: 'an attachment the submission does not name',
      expect: { ...MANAGERS, coordinator: 'deny404', admin: 'deny404', juror: 'deny404', conflictedJuror: 'deny404' },
      params: { id: 'jurorAssignment', attachmentId: 'attachmentA' },
    },
  ],

  // --- results ---
  'GET /api/calls/:callId/award-levels': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'PUT /api/calls/:callId/award-levels': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'GET /api/calls/:callId/decisions': { expect: MANAGERS, params: { callId: 'callPublished' } },
  'PUT /api/calls/:callId/themes/:themeId/awards': {
    expect: MANAGERS,
    params: { callId: 'callScoring', themeId: 'scoringThemeOfA' },
  },
  'POST /api/calls/:callId/decide': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'POST /api/calls/:callId/publications': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'GET /api/calls/:callId/publications': { expect: MANAGERS, params: { callId: 'callPublished' } },
  'GET /api/calls/:callId/ranking.csv': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'GET /api/calls/:callId/scores.csv': { expect: MANAGERS, params: { callId: 'callScoring' } },
  'GET /api/publications/:id': { expect: MANAGERS, params: { id: 'publication' } },
  'POST /api/publications/:id/retry': { expect: MANAGERS, params: { id: 'publication' } },
  'POST /api/publications/:id/retry-mails': { expect: MANAGERS, params: { id: 'publication' } },
  'GET /api/publications/:id/winner-list.pdf': { expect: MANAGERS, params: { id: 'publication' } },
  'GET /api/publications/:id/certificates': { expect: MANAGERS, params: { id: 'publication' } },
  'GET /api/publications/:id/certificates/:applicationId': {
    expect: MANAGERS,
    params: { id: 'publication', applicationId: 'publishedAppA' },
    note: "A's application is awarded in the published call: its certificate",
  },
  'GET /api/public/results': { expect: PUBLIC, query: (ids) => ({ year: ids.publishedYear }) },
  'GET /api/public/calls/:callId/results': { expect: PUBLIC, params: { callId: 'callPublished' } },
  'GET /api/public/calls/:callId/scoring-rules': { expect: PUBLIC, params: { callId: 'callScoring' } },
  'GET /api/public/calls/:callId/results.pdf': { expect: PUBLIC, params: { callId: 'callPublished' } },
  'GET /api/public/municipalities/:ksh/awards': { expect: PUBLIC, params: { ksh: 'municipalityA' } },
  'GET /api/public/calls/current': { expect: PUBLIC },

  // --- operations ---
  'GET /api/mails/captured': { expect: MANAGERS },
  'GET /api/audit': { expect: MANAGERS },
};
