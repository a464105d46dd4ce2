import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationsService, canonicalJson } from '@portal/applications';
import { AuditService } from '@portal/audit';
import { Call, callStatus } from '@portal/calls';
import { Env } from '@portal/config';
import {
  Clock,
  DomainError,
  ErrorCode,
  FieldProblems,
  isLang,
  Lang,
  NotFoundError,
  toBudapestIso,
  WEB_PATHS,
  webUrl,
} from '@portal/core';
import { Transactions, Tx } from '@portal/database';
import type { SessionUser } from '@portal/identity';
import { JuryService, RoundsService, ScoringRound } from '@portal/jury';
import { MailService } from '@portal/mail';
import { OutboxService, QUEUES } from '@portal/queue';
import { FileStorage } from '@portal/storage';
import { DecisionsService } from './decisions.service';
import { Publication, PublicationStatus } from './results.entities';
import { renderCertificate, renderWinnerList } from './results-documents';
import { buildPublicResults, type PublicResults, type ResultsSnapshot, snapshotChanges } from './snapshot';

export interface PublicationView {
  id: string;
  callId: string;
  version: number;
  status: PublicationStatus;
  reason: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  sha256: string | null;
  changes: Record<string, unknown> | null;
  attempts: number;
  error: string | null;
  /** The outcome mails of this version, by state. */
  mails: { total: number; queued: number; sent: number; failed: number };
  files: { listHu: boolean; listEn: boolean; certificates: number };
}

/** An award of a municipality, with the call and theme it was given in. */
export type MunicipalityAward = PublicResults['themes'][number]['awards'][number] & {
  year: number;
  callId: string;
  call: string;
  themeId: string;
  theme: string;
};

/** A certificate a publication rendered, with the award it is for. */
export interface PublicationCertificate {
  applicationId: string;
  themeId: string;
  /** The theme's title, in the language asked for. */
  theme: string;
  /** The award level's name, in the language asked for. */
  level: string;
  municipality: string;
  title: string;
}

/** What the staff of the municipality see of their application once the call's results are published. */
export interface ApplicationOutcome {
  applicationId: string;
  callId: string;
  /** The publication version the outcome comes from. */
  version: number;
  publishedAt: Date;
  awarded: boolean;
  levelCode: string | null;
  /** The award level's name in the caller's language; null when not awarded. */
  level: string | null;
  position: number | null;
  themeId: string;
  theme: string;
  /** The jury's feedback texts, as the outcome mail lists them. */
  feedback: string[];
}

export interface PublicationRequest {
  /** Required from version 2 on: what the correction is and why. */
  reason?: string;
}

/**
 * Publishing a call's results through the queue. The request writes the publication and
 * its job to the outbox in one transaction and answers at once; the worker freezes the
 * snapshot (SHA-256 over its canonical JSON), sets the call published, renders the PDFs
 * and decides the outcome mails, each step idempotent, so a retried or repeated job
 * changes nothing twice. A correction is a new version; the older ones stay.
 */
@Injectable()
export class PublicationsService {
  private readonly logger = new Logger(PublicationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly mail: MailService,
    private readonly storage: FileStorage,
    private readonly env: Env,
    private readonly rounds: RoundsService,
    private readonly jury: JuryService,
    private readonly decisions: DecisionsService,
    private readonly applications: ApplicationsService,
  ) {}

  /**
   * Asks for the results to be published. Idempotent: while a publication of the call is
   * under way, or when nothing changed since the last one, that one is answered.
   */
  async request(
    actor: SessionUser,
    callId: string,
    input: PublicationRequest,
  ): Promise<{ publication: PublicationView; created: boolean }> {
    const { id, created } = await this.tx.run(async (tx) => {
      const { manager } = tx;
      const call = await manager.findOne(Call, { where: { id: callId }, lock: { mode: 'pessimistic_write' } });
      if (!call) throw new NotFoundError('call');
      const status = callStatus(call, this.clock.now());
      if (status !== 'decided' && status !== 'published')
        throw new DomainError(ErrorCode.CALL_WRONG_STATUS, { status });
      const latest = await manager.findOne(Publication, { where: { callId }, order: { version: 'DESC' } });
      if (latest && (latest.status === 'queued' || latest.status === 'running'))
        return { id: latest.id, created: false };
      const fingerprint = await this.decisionsFingerprint(manager, callId);
      if (latest?.sha256 && (await this.frozenFingerprint(manager, latest.id)) === fingerprint) {
        if (latest.status === 'failed') {
          await this.requeue(tx, latest, actor.id);
          return { id: latest.id, created: false };
        }
        return { id: latest.id, created: false };
      }
      const version = (latest?.version ?? 0) + 1;
      const reason = input.reason?.trim() || null;
      if (version > 1 && !reason) {
        const fields: FieldProblems = { reason: { key: 'fields.correctionRequired' } };
        throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, fields);
      }
      const publication = await manager.save(
        Publication,
        manager.create(Publication, {
          callId,
          version,
          status: 'queued',
          reason,
          requestedBy: actor.id,
          requestedAt: this.clock.now(),
        }),
      );
      await this.outbox.enqueue(tx, QUEUES.results, 'publish', { publicationId: publication.id });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'results.publication_requested',
        targetType: 'publication',
        targetId: publication.id,
        changes: { callId, version, reason },
      });
      return { id: publication.id, created: true };
    });
    return { publication: await this.view(id), created };
  }

  /** A failed publication queued again (its finished steps are not repeated). */
  async retry(actor: SessionUser, publicationId: string): Promise<PublicationView> {
    await this.tx.run(async (tx) => {
      const publication = await tx.manager.findOne(Publication, {
        where: { id: publicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!publication) throw new NotFoundError('publication');
      if (publication.status !== 'failed') {
        throw new DomainError(ErrorCode.PUBLICATION_WRONG_STATUS, { status: publication.status });
      }
      await this.requeue(tx, publication, actor.id);
    });
    return this.view(publicationId);
  }

  /** Sends the outcome mails of a publication that failed again (new delivery jobs; a mail already sent is never resent). */
  async retryFailedMails(actor: SessionUser, publicationId: string): Promise<PublicationView> {
    await this.tx.run(async (tx) => {
      const publication = await tx.manager.findOneBy(Publication, { id: publicationId });
      if (!publication) throw new NotFoundError('publication');
      // UPDATE … RETURNING: TypeORM gives [rows, count]
      const [failed] = await tx.manager.query<[Array<{ id: string }>, number]>(
        `UPDATE mail_message SET status = 'queued', last_error = NULL
          WHERE dedupe_key LIKE $1 AND status = 'failed' RETURNING id`,
        [`${mailPrefix(publication)}%`],
      );
      for (const row of failed) await this.outbox.enqueue(tx, QUEUES.mail, 'send', { mailId: row.id });
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: 'results.mails_retried',
        targetType: 'publication',
        targetId: publication.id,
        changes: { mails: failed.length },
      });
    });
    return this.view(publicationId);
  }

  async get(publicationId: string): Promise<PublicationView> {
    return this.view(publicationId);
  }

  async list(callId: string): Promise<PublicationView[]> {
    const rows = await this.dataSource.manager.find(Publication, {
      where: { callId },
      order: { version: 'DESC' },
      select: { id: true },
    });
    return Promise.all(rows.map((row) => this.view(row.id)));
  }

  /**
   * The worker's part (job results/publish). Each step checks what is done already, so a
   * repeated job, or one retried after a crash, finishes the work without doing any twice.
   */
  async run(publicationId: string): Promise<PublicationStatus> {
    const publication = await this.tx.run(async ({ manager }) => {
      const p = await manager.findOne(Publication, {
        where: { id: publicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!p) throw new NotFoundError('publication');
      if (p.status === 'completed') return p;
      const now = this.clock.now();
      p.attempts += 1;
      p.status = 'running';
      p.startedAt ??= now;
      p.error = null;
      if (!p.sha256) await this.freeze(manager, p, now);
      return manager.save(Publication, p);
    });
    if (publication.status === 'completed') return 'completed';
    const snapshot =
      (publication.snapshot as ResultsSnapshot | undefined) ??
      (await this.snapshotOf(this.dataSource.manager, publication.id));

    // the files: rendered once, stored by key
    const files = { ...publication.files };
    const publishedAt = (lang: Lang) => formatPublished(snapshot.publishedAt, lang);
    for (const lang of ['hu', 'en'] as const) {
      const key = lang === 'hu' ? 'listHu' : 'listEn';
      if (files[key]) continue;
      const results = buildPublicResults(snapshot, lang);
      const pdf = await renderWinnerList({
        lang,
        call: results.call.title,
        version: snapshot.version,
        publishedAt: publishedAt(lang),
        sha256: publication.sha256 ?? '',
        themes: results.themes.map((theme) => ({
          title: theme.title,
          awards: theme.awards.map((a) => ({
            level: a.level,
            municipality: a.municipality,
            county: a.county,
            title: a.title,
          })),
        })),
      });
      files[key] = (await this.storage.put(pdf)).key;
      await this.saveFiles(publication.id, files);
    }
    files.certificates ??= {};
    const publicHu = buildPublicResults(snapshot, 'hu');
    for (const theme of publicHu.themes) {
      for (const award of theme.awards) {
        if (files.certificates[award.applicationId]) continue;
        const pdf = await renderCertificate({
          lang: 'hu',
          call: publicHu.call.title,
          municipality: award.municipality,
          theme: theme.title,
          title: award.title,
          level: award.level,
          publishedAt: publishedAt('hu'),
        });
        files.certificates[award.applicationId] = (await this.storage.put(pdf)).key;
        await this.saveFiles(publication.id, files);
      }
    }

    // the mails, and done: in one transaction with the ledger and the outbox
    return this.tx.run(async (tx): Promise<PublicationStatus> => {
      const p = await tx.manager.findOne(Publication, {
        where: { id: publicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!p) throw new NotFoundError('publication');
      if (p.status === 'completed') return 'completed';
      const mailed = await this.mailOutcomes(tx, p, snapshot, files.certificates ?? {});
      p.status = 'completed';
      p.completedAt = this.clock.now();
      await tx.manager.save(Publication, p);
      await this.audit.record(tx.manager, {
        actorId: null,
        action: 'results.published',
        targetType: 'publication',
        targetId: p.id,
        changes: { callId: p.callId, version: p.version, sha256: p.sha256, mails: mailed },
      });
      return 'completed';
    });
  }

  /**
   * Records an attempt's error for coordinators to see; after the last attempt the
   * publication is failed (and can be retried: POST /api/publications/:id/retry).
   */
  async recordFailure(publicationId: string, error: string, final: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE publication SET error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
        WHERE id = $1 AND status <> 'completed'`,
      [publicationId, error.slice(0, 2000), final],
    );
  }

  /** The results of the call's latest completed publication, for the public; nothing published: 404. */
  async publicResults(callId: string, lang: Lang): Promise<PublicResults> {
    return this.published(`p.call_id = $2`, [lang, callId]);
  }

  /** The published results of the programme's call of a year (404 when there is none, or nothing published). */
  async publicResultsOfYear(year: number, lang: Lang): Promise<PublicResults> {
    return this.published(
      `p.call_id = (SELECT c.id FROM call c JOIN programme pr ON pr.id = c.programme_id
                     WHERE pr.code = 'logy' AND c.year = $2 AND c.results_published_at IS NOT NULL)`,
      [lang, year],
    );
  }

  /**
   * The awards a municipality received in the programme's published calls, newest first, from
   * each call's latest completed publication (one query; a publication frozen before its public
   * part was kept gets it first). Only awards: what was not awarded is not public.
   */
  async publicAwardsOfMunicipality(ksh: string, lang: Lang): Promise<MunicipalityAward[]> {
    const rows = await this.dataSource.query<Array<{ call_id: string; year: number; results: PublicResults | null }>>(
      `SELECT c.id AS call_id, c.year, p.public_results -> $2::text AS results
         FROM call c
         JOIN programme pr ON pr.id = c.programme_id AND pr.code = 'logy'
         JOIN LATERAL (SELECT public_results FROM publication
                        WHERE call_id = c.id AND status = 'completed' AND snapshot IS NOT NULL
                        ORDER BY version DESC LIMIT 1) p ON true
        WHERE c.results_published_at IS NOT NULL
          AND (p.public_results IS NULL OR p.public_results::text LIKE '%' || $1 || '%')
        ORDER BY c.year DESC`,
      [ksh, lang],
    );
    const awards: MunicipalityAward[] = [];
    for (const row of rows) {
      const results = row.results ?? (await this.publicResults(row.call_id, lang));
      for (const theme of results.themes) {
        for (const award of theme.awards) {
          if (award.municipalityKsh !== ksh) continue;
          awards.push({
            year: results.call.year,
            callId: results.call.id,
            call: results.call.title,
            themeId: theme.id,
            theme: theme.title,
            ...award,
          });
        }
      }
    }
    return awards;
  }

  /**
   * The published outcome of an application the viewer may see (else 404 NOT_FOUND, as its
   * other routes answer), from its call's latest completed publication: award and level from the frozen snapshot, read in one
   * query that extracts only this application's parts, and the jury's feedback texts as the
   * outcome mail gives them. Nothing published: 404 RESULTS_NOT_PUBLISHED; an application the
   * publication does not include (never submitted, withdrawn, not eligible): 404 NOT_FOUND.
   */
  async applicationOutcome(viewer: SessionUser, applicationId: string, lang: Lang): Promise<ApplicationOutcome> {
    const application = await this.applications.visible(this.dataSource.manager, viewer, applicationId);
    const [row] = await this.dataSource.query<
      Array<{
        version: number;
        published_at: string;
        application: { themeId: string } | null;
        award: { level: string; position: number } | null;
        level: { nameHu: string; nameEn: string } | null;
        theme: { titleHu: string; titleEn: string } | null;
      }>
    >(
      `SELECT p.version, s.doc ->> 'publishedAt' AS published_at, a.doc AS application, w.award,
              (SELECT l FROM jsonb_array_elements(s.doc -> 'awardLevels') l
                WHERE l ->> 'code' = w.award ->> 'level' LIMIT 1) AS level,
              (SELECT t FROM jsonb_array_elements(s.doc -> 'themes') t
                WHERE t ->> 'id' = a.doc ->> 'themeId' LIMIT 1) AS theme
         FROM publication p
         JOIN call c ON c.id = p.call_id AND c.results_published_at IS NOT NULL
         CROSS JOIN LATERAL (SELECT p.snapshot AS doc) s
         LEFT JOIN LATERAL (SELECT x AS doc FROM jsonb_array_elements(s.doc -> 'applications') x
                             WHERE x ->> 'id' = $2 LIMIT 1) a ON true
         LEFT JOIN LATERAL (SELECT x AS award FROM jsonb_array_elements(s.doc -> 'decisions') d,
                                   jsonb_array_elements(d -> 'awards') x
                             WHERE x ->> 'applicationId' = $2 LIMIT 1) w ON true
        WHERE p.call_id = $1 AND p.status = 'completed' AND p.snapshot IS NOT NULL
        ORDER BY p.version DESC LIMIT 1`,
      [application.callId, application.id],
    );
    if (!row) throw new DomainError(ErrorCode.RESULTS_NOT_PUBLISHED);
    if (!row.application) throw new NotFoundError('outcome');
    const feedback = await juryFeedback(this.dataSource.manager, application.callId, application.id);
    return {
      applicationId: application.id,
      callId: application.callId,
      version: row.version,
      publishedAt: new Date(row.published_at),
      awarded: row.award !== null,
      levelCode: row.award?.level ?? null,
      level: row.award ? ((lang === 'hu' ? row.level?.nameHu : row.level?.nameEn) ?? row.award.level) : null,
      position: row.award?.position ?? null,
      themeId: row.application.themeId,
      theme: (lang === 'hu' ? row.theme?.titleHu : row.theme?.titleEn) ?? '',
      feedback: feedback.map((f) => f.feedback),
    };
  }

  /**
   * The public part of the latest completed publication of the call `where` picks, in one
   * query of a few kB (the snapshot is not read). A publication frozen before that part was
   * kept gets it now, from its snapshot.
   */
  private async published(where: string, params: unknown[]): Promise<PublicResults> {
    const [row] = await this.dataSource.query<Array<{ id: string; results: PublicResults | null }>>(
      `SELECT p.id, p.public_results -> $1::text AS results FROM publication p
        WHERE ${where} AND p.status = 'completed' AND p.snapshot IS NOT NULL
        ORDER BY p.version DESC LIMIT 1`,
      params,
    );
    if (!row) throw new NotFoundError('results');
    if (row.results) return row.results;
    const publicResults = publicResultsOf(await this.snapshotOf(this.dataSource.manager, row.id));
    await this.dataSource.query(`UPDATE publication SET public_results = $2::jsonb WHERE id = $1`, [
      row.id,
      JSON.stringify(publicResults),
    ]);
    return publicResults[params[0] as Lang];
  }

  /** The scoring rules of an announced call, for everyone (404 for a draft). */
  async scoringRules(
    callId: string,
    lang: Lang,
  ): Promise<{
    callId: string;
    scoringMethod: string;
    description: string;
    minAwardScore: number | null;
    awardLevels: string[];
  }> {
    const call = await this.dataSource.manager.findOneBy(Call, { id: callId });
    if (!call?.announcedAt) throw new NotFoundError('call');
    const settings = await this.jury.settings(callId);
    const levels = await this.decisions.awardLevels(callId);
    return {
      callId,
      scoringMethod: settings.scoringMethod,
      description: METHOD_TEXTS[lang][settings.scoringMethod],
      minAwardScore: settings.minAwardScore,
      awardLevels: levels.map((l) => (lang === 'hu' ? l.nameHu : l.nameEn)),
    };
  }

  /** The published winner list PDF of the latest completed publication. */
  async publicListPdf(callId: string, lang: Lang): Promise<{ content: Readable; fileName: string }> {
    const latest = await this.latestCompleted(callId);
    const key = lang === 'hu' ? latest.files.listHu : latest.files.listEn;
    if (!key) throw new NotFoundError('results');
    const { year } = await this.dataSource.manager.findOneByOrFail(Call, { id: callId });
    const fileName =
      lang === 'hu'
        ? `LÖGY ${year} – díjazottak (${latest.version}. változat).pdf`
        : `LOGY ${year} – awarded (version ${latest.version}).pdf`;
    return { content: await this.storage.read(key), fileName };
  }

  /** The winner list PDF (in `lang`) of one publication version, for coordinators: 404 until it is rendered. */
  async listPdf(publicationId: string, lang: Lang): Promise<{ content: Readable; fileName: string }> {
    const p = await this.dataSource.manager.findOneBy(Publication, { id: publicationId });
    if (!p) throw new NotFoundError('publication');
    const key = lang === 'hu' ? p.files.listHu : p.files.listEn;
    if (!key) throw new NotFoundError('file');
    const { year } = await this.dataSource.manager.findOneByOrFail(Call, { id: p.callId });
    const fileName =
      lang === 'hu'
        ? `LÖGY ${year} – díjazottak (${p.version}. változat).pdf`
        : `LOGY ${year} – awarded (version ${p.version}).pdf`;
    return { content: await this.storage.read(key), fileName };
  }

  /**
   * The certificates a publication has rendered so far, in the order of the winner list, with
   * the award each is for (texts in `lang`); empty before the snapshot is frozen.
   */
  async certificates(publicationId: string, lang: Lang): Promise<PublicationCertificate[]> {
    const [row] = await this.dataSource.query<Array<{ files: Publication['files']; results: PublicResults | null }>>(
      `SELECT files, public_results -> $2::text AS results FROM publication WHERE id = $1`,
      [publicationId, lang],
    );
    if (!row) throw new NotFoundError('publication');
    const rendered = row.files.certificates ?? {};
    return (row.results?.themes ?? []).flatMap((theme) =>
      theme.awards
        .filter((award) => rendered[award.applicationId])
        .map((award) => ({
          applicationId: award.applicationId,
          themeId: theme.id,
          theme: theme.title,
          level: award.level,
          municipality: award.municipality,
          title: award.title,
        })),
    );
  }

  /** One certificate PDF of a publication: 404 when the publication has none for the application. */
  async certificatePdf(publicationId: string, applicationId: string): Promise<{ content: Readable; fileName: string }> {
    const p = await this.dataSource.manager.findOneBy(Publication, { id: publicationId });
    if (!p) throw new NotFoundError('publication');
    const key = p.files.certificates?.[applicationId];
    if (!key) throw new NotFoundError('file');
    const [{ year, name }] = await this.dataSource.query<Array<{ year: number; name: string }>>(
      `SELECT c.year, m.name FROM application a JOIN call c ON c.id = a.call_id
         JOIN municipality m ON m.ksh_code = a.municipality_ksh WHERE a.id = $1`,
      [applicationId],
    );
    return { content: await this.storage.read(key), fileName: `LÖGY ${year} – oklevél – ${name}.pdf` };
  }

  private async latestCompleted(callId: string): Promise<Publication> {
    const latest = await this.dataSource.manager.findOne(Publication, {
      where: { callId, status: 'completed' },
      order: { version: 'DESC' },
    });
    if (!latest?.sha256) throw new NotFoundError('results');
    return latest;
  }

  /** The frozen snapshot of a publication (read on its own: it is large). */
  private async snapshotOf(manager: EntityManager, publicationId: string): Promise<ResultsSnapshot> {
    const [row] = await manager.query<Array<{ snapshot: ResultsSnapshot | null }>>(
      `SELECT snapshot FROM publication WHERE id = $1`,
      [publicationId],
    );
    if (!row?.snapshot) throw new NotFoundError('results');
    return row.snapshot;
  }

  /** The decisions' fingerprint a frozen snapshot was made from (without reading the snapshot into the api). */
  private async frozenFingerprint(manager: EntityManager, publicationId: string): Promise<string | null> {
    const [row] = await manager.query<Array<{ fingerprint: string | null }>>(
      `SELECT snapshot ->> 'decisionsFingerprint' AS fingerprint FROM publication WHERE id = $1`,
      [publicationId],
    );
    return row?.fingerprint ?? null;
  }

  private async requeue(tx: Tx, publication: Publication, actorId: string): Promise<void> {
    publication.status = 'queued';
    publication.error = null;
    await tx.manager.save(Publication, publication);
    await this.outbox.enqueue(tx, QUEUES.results, 'publish', { publicationId: publication.id });
    await this.audit.record(tx.manager, {
      actorId,
      action: 'results.publication_retried',
      targetType: 'publication',
      targetId: publication.id,
      changes: { version: publication.version },
    });
  }

  private async saveFiles(publicationId: string, files: Publication['files']): Promise<void> {
    await this.dataSource.query(`UPDATE publication SET files = $2::jsonb WHERE id = $1`, [
      publicationId,
      JSON.stringify(files),
    ]);
  }

  /** Freezes the snapshot of everything the results rest on, its SHA-256, and what changed since the last version. */
  private async freeze(manager: EntityManager, publication: Publication, now: Date): Promise<void> {
    const snapshot = await this.buildSnapshot(manager, publication, now);
    publication.snapshot = snapshot as unknown as Record<string, unknown>;
    publication.sha256 = createHash('sha256').update(canonicalJson(snapshot), 'utf8').digest('hex');
    publication.publicResults = publicResultsOf(snapshot);
    const previous = await manager.findOne(Publication, {
      where: { callId: publication.callId, version: publication.version - 1 },
    });
    publication.changes = previous?.sha256
      ? snapshotChanges(await this.snapshotOf(manager, previous.id), snapshot)
      : null;
    const call = await manager.findOneByOrFail(Call, { id: publication.callId });
    if (!call.resultsPublishedAt) {
      await manager.update(
        Call,
        { id: call.id },
        { resultsPublishedAt: now, version: call.version + 1, updatedAt: now },
      );
      await this.audit.record(manager, {
        actorId: null,
        action: 'call.published',
        targetType: 'call',
        targetId: call.id,
        changes: {
          status: { from: 'decided', to: 'published' },
          publicationId: publication.id,
          resultsPublishedAt: now.toISOString(),
        },
      });
    }
  }

  private async buildSnapshot(manager: EntityManager, publication: Publication, now: Date): Promise<ResultsSnapshot> {
    const call = await manager.findOneByOrFail(Call, { id: publication.callId });
    const settings = await this.jury.settings(call.id, manager);
    const levels = await this.decisions.awardLevels(call.id, manager);
    const themes = await manager.query<ResultsSnapshot['themes']>(
      `SELECT id, position, title_hu AS "titleHu", title_en AS "titleEn" FROM call_theme
        WHERE call_id = $1 AND removed_at IS NULL ORDER BY position`,
      [call.id],
    );
    const applications = await manager.query<ResultsSnapshot['applications']>(
      `SELECT a.id, a.theme_id AS "themeId", a.municipality_ksh AS "municipalityKsh", m.name AS "municipalityName",
              m.county, s.content ->> 'title' AS title, coalesce(s.content ->> 'summary', '') AS summary,
              a.formal_check AS "formalCheck"
         FROM application a
         JOIN municipality m ON m.ksh_code = a.municipality_ksh
         JOIN LATERAL (SELECT content FROM application_submission s WHERE s.application_id = a.id
                        ORDER BY s.number DESC LIMIT 1) s ON true
        WHERE a.call_id = $1 AND a.status = 'submitted'
        ORDER BY a.id`,
      [call.id],
    );
    const decisions = await this.decisions.decisions(call.id);
    const roundRows = await manager.find(ScoringRound, { where: { callId: call.id }, order: { number: 'ASC' } });
    const rounds: ResultsSnapshot['rounds'] = [];
    for (const round of roundRows) {
      const committee: Record<string, string[]> = {};
      for (const d of decisions) if (d.roundId === round.id) committee[d.themeId] = d.committeeOrder;
      const ranking = await this.rounds.rankWith(manager, round, committee);
      rounds.push({
        id: round.id,
        number: round.number,
        nameHu: round.nameHu,
        nameEn: round.nameEn,
        closedAt: (round.closedAt ?? round.closesAt).toISOString(),
        criteria: ranking.criteria,
        scorecards: await this.rounds.scorecardsForRecord(manager, round),
        ranking: {
          methodRequested: ranking.methodRequested,
          methodUsed: ranking.methodUsed,
          notes: ranking.notes,
          rows: ranking.rows,
        },
      });
    }
    return {
      format: 1,
      call: { id: call.id, year: call.year, titleHu: call.titleHu, titleEn: call.titleEn },
      version: publication.version,
      reason: publication.reason,
      publishedAt: now.toISOString(),
      decisionsFingerprint: await this.decisionsFingerprint(manager, call.id),
      settings,
      awardLevels: levels,
      themes,
      applications,
      rounds,
      decisions: decisions.map((d) => ({
        themeId: d.themeId,
        roundId: d.roundId,
        followsRanking: d.followsRanking,
        justification: d.justification,
        committeeOrder: d.committeeOrder,
        version: d.version,
        decidedAt: d.decidedAt.toISOString(),
        awards: d.awards,
      })),
    };
  }

  /** A digest of the current decisions: a publication request with the same decisions as the last one adds nothing. */
  private async decisionsFingerprint(manager: EntityManager, callId: string): Promise<string> {
    const rows = await manager.query<unknown[]>(
      `SELECT d.theme_id, d.application_id, d.level_code, d.position, t.justification, t.committee_order
         FROM award_decision d JOIN theme_decision t ON t.theme_id = d.theme_id
        WHERE d.call_id = $1 ORDER BY d.theme_id, d.position`,
      [callId],
    );
    const themes = await manager.query<unknown[]>(
      `SELECT theme_id, version FROM theme_decision WHERE call_id = $1 ORDER BY theme_id`,
      [callId],
    );
    return createHash('sha256').update(canonicalJson({ rows, themes }), 'utf8').digest('hex');
  }

  /**
   * One outcome mail per applicant's staff member and application: in the first version to
   * every applicant, in a correction only to those whose outcome changed. The ledger's
   * dedupe key makes each go once.
   */
  private async mailOutcomes(
    tx: Tx,
    publication: Publication,
    snapshot: ResultsSnapshot,
    certificates: Record<string, string>,
  ): Promise<number> {
    const changed = new Set(
      ((publication.changes as { applications?: string[] } | null)?.applications ?? []).map(String),
    );
    const feedback = await juryFeedback(tx.manager, publication.callId);
    let count = 0;
    for (const application of snapshot.applications) {
      if (publication.version > 1 && !changed.has(application.id)) continue;
      const staff = await tx.manager.query<Array<{ id: string; email: string; name: string; language: string }>>(
        `SELECT u.id, u.email, u.name, u.language FROM membership m JOIN app_user u ON u.id = m.user_id
          WHERE m.municipality_ksh = $1 AND m.status = 'approved' AND u.is_active ORDER BY u.id`,
        [application.municipalityKsh],
      );
      const award = snapshot.decisions.flatMap((d) => d.awards).find((a) => a.applicationId === application.id);
      const texts = feedback.filter((f) => f.application_id === application.id).map((f) => `– ${f.feedback}`);
      for (const member of staff) {
        const lang: Lang = isLang(member.language.trim()) ? (member.language.trim() as Lang) : 'hu';
        const level = award ? snapshot.awardLevels.find((l) => l.code === award.level) : undefined;
        const theme = snapshot.themes.find((t) => t.id === application.themeId);
        await this.mail.send(tx, {
          to: member.email,
          toName: member.name,
          lang,
          template: 'results-outcome',
          params: {
            name: member.name,
            municipality: application.municipalityName,
            call: lang === 'hu' ? snapshot.call.titleHu : snapshot.call.titleEn,
            theme: (lang === 'hu' ? theme?.titleHu : theme?.titleEn) ?? '',
            title: application.title ?? '',
            outcome: level
              ? lang === 'hu'
                ? level.nameHu
                : level.nameEn
              : lang === 'hu'
                ? 'nem részesült díjban'
                : 'no award',
            feedback: texts.length ? texts.join('\n') : '–',
            resultsUrl: webUrl(this.env.PUBLIC_URL, WEB_PATHS.results(snapshot.call.year)),
          },
          dedupeKey: `${mailPrefix(publication)}${application.id}:${member.id}`,
          attachments: certificates[application.id]
            ? [
                {
                  storageKey: certificates[application.id],
                  filename: lang === 'hu' ? 'Oklevél.pdf' : 'Certificate.pdf',
                  contentType: 'application/pdf',
                },
              ]
            : [],
        });
        count += 1;
      }
    }
    return count;
  }

  private async view(publicationId: string): Promise<PublicationView> {
    const p = await this.dataSource.manager.findOneBy(Publication, { id: publicationId });
    if (!p) throw new NotFoundError('publication');
    const [mails] = await this.dataSource.query<Array<{ total: number; queued: number; sent: number; failed: number }>>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status = 'queued')::int AS queued,
              count(*) FILTER (WHERE status = 'sent')::int AS sent,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM mail_message WHERE dedupe_key LIKE $1`,
      [`${mailPrefix(p)}%`],
    );
    return {
      id: p.id,
      callId: p.callId,
      version: p.version,
      status: p.status,
      reason: p.reason,
      requestedAt: p.requestedAt,
      startedAt: p.startedAt,
      completedAt: p.completedAt,
      sha256: p.sha256,
      changes: p.changes,
      attempts: p.attempts,
      error: p.error,
      mails,
      files: {
        listHu: !!p.files.listHu,
        listEn: !!p.files.listEn,
        certificates: Object.keys(p.files.certificates ?? {}).length,
      },
    };
  }
}

/** The public part of a snapshot, in both languages. */
/**
 * The jury's feedback to the applicants of a call (or of one application): the texts of the
 * submitted, counted scorecards, by round and assignment. No juror, no score, no private note.
 */
function juryFeedback(
  manager: EntityManager,
  callId: string,
  applicationId?: string,
): Promise<Array<{ application_id: string; feedback: string }>> {
  return manager.query(
    `SELECT x.application_id, x.feedback FROM assignment x JOIN scoring_round r ON r.id = x.round_id
      WHERE r.call_id = $1 AND x.status = 'submitted' AND x.excluded_at IS NULL AND x.feedback IS NOT NULL
        AND ($2::uuid IS NULL OR x.application_id = $2)
      ORDER BY r.number, x.id`,
    [callId, applicationId ?? null],
  );
}

function publicResultsOf(snapshot: ResultsSnapshot): { hu: PublicResults; en: PublicResults } {
  return { hu: buildPublicResults(snapshot, 'hu'), en: buildPublicResults(snapshot, 'en') };
}

/** How each method works, as the public and the jurors read it. */
const METHOD_TEXTS: Record<Lang, Record<'mean' | 'median' | 'trimmed_mean' | 'normalised', string>> = {
  hu: {
    mean: 'Minden zsűritag pontjaiból a szempontok súlyával számított, 0–100 közötti összpontszám készül; a pályázat pontszáma a zsűritagok összpontszámainak átlaga.',
    median:
      'Minden zsűritag pontjaiból a szempontok súlyával számított, 0–100 közötti összpontszám készül; a pályázat pontszáma ezek mediánja.',
    trimmed_mean:
      'Minden zsűritag pontjaiból a szempontok súlyával számított, 0–100 közötti összpontszám készül; öt vagy több zsűritagnál a legmagasabb és a legalacsonyabb elhagyásával számított átlag, kevesebbnél az átlag a pályázat pontszáma.',
    normalised:
      'Minden zsűritag összpontszámait a saját szigorúságához igazítjuk (z-érték a zsűritag átlagához és szórásához, visszavetítve a zsűri skálájára), és ezek átlaga a pályázat pontszáma; csak ha minden zsűritag legalább 8 pályázatot értékelt, különben az átlag.',
  },
  en: {
    mean: "Each juror's points give a total of 0–100 weighted by the criteria; the application's score is the mean of its jurors' totals.",
    median:
      "Each juror's points give a total of 0–100 weighted by the criteria; the application's score is their median.",
    trimmed_mean:
      "Each juror's points give a total of 0–100 weighted by the criteria; from five jurors on the score is their mean without the highest and the lowest, below five their mean.",
    normalised:
      "Each juror's totals are adjusted for the juror's own strictness (z-score against the juror's mean and spread, mapped back to the panel's scale) and the score is their mean; only when every juror scored at least 8 applications, otherwise the mean.",
  },
};

/** The dedupe-key prefix of a publication's outcome mails. */
function mailPrefix(publication: Pick<Publication, 'callId' | 'version'>): string {
  return `results:${publication.callId}:v${publication.version}:`;
}

/** The publication instant as Budapest wall time, "2026-06-30 10:00 (budapesti idő)". */
function formatPublished(iso: string, lang: Lang): string {
  const local = toBudapestIso(new Date(iso)).slice(0, 16).replace('T', ' ');
  return `${local} (${lang === 'hu' ? 'budapesti idő' : 'Budapest time'})`;
}
