import request from 'supertest';
import type { Response } from 'supertest';
import { overrideEnv } from '@portal/config';
import { newCall } from '../factories/calls';
import { anyMunicipalities } from '../factories/municipalities';
import { eventually } from '../setup/eventually';
import { closeApiAndWorker, pendingOutboxRows, receiptMails, savedEnv, startApiAndWorker } from '../setup/faults';
import { createOwnDatabase, type OwnDatabase } from '../setup/own-database';
import { startPostgresServer, type PostgresServer, type PostgresStopMode } from '../setup/postgres-server';
import { applicant, openRound, patch, post, put, type Applicant } from '../setup/rush';
import { recipients, startSmtpSink, type SmtpSink } from '../setup/smtp-sink';
import type { TestApp } from '../setup/test-app';
import { isolateQueuePrefix, type TestWorker } from '../setup/test-worker';

/*
 * PostgreSQL stopped and started again in the middle of a rush of draft saves, submissions
 * and scorecard saves. The cluster is this file's own (initdb into a temporary folder, run
 * with pg_ctl, the binaries STACK.md's pg_ctlcluster wraps): the machine's shared server is
 * never touched. Once cleanly (`-m fast`: every connection cut) and once as a crash
 * (`-m immediate`: no shutdown checkpoint, crash recovery at start). The api, and the worker
 * with its outbox poller, run in the test process on that cluster, and are never restarted.
 *
 * What is correct, and asserted:
 * - a request acknowledged (2xx) is in the database afterwards, exactly as acknowledged;
 * - a request that could not reach the database is answered 503 SERVICE_UNAVAILABLE in the
 *   api's one error shape (nothing about the failure leaks: no stack, no SQL), never 500;
 *   its change may or may not have been committed (a COMMIT cut off is unknown to the
 *   client), so the client re-reads or retries: a submission retried answers 200 with the
 *   same submission, a draft save retried on the version it re-read goes through;
 * - /health answers 503 naming the database while it is down, 200 once it is back;
 * - the connection pools reconnect by themselves: requests after the restart succeed and
 *   every receipt mail decided in the rush goes out.
 *
 * The mails: a mail the SMTP server accepted just before the database went, whose "sent"
 * could not be committed, is sent again on the job's retry with the same Message-ID (the
 * ledger's id): the README's one window for a second copy, here caused by the database
 * instead of a dead worker, and as narrow: at most the mails the worker sends at once.
 */

const NOW = '2026-03-20T08:00:00Z';
/** SendMailProcessor's concurrency: the mails one worker has in flight at most. */
const MAIL_CONCURRENCY = 4;
/** Safety limits (not expected durations). */
const RECOVERY_MS = 60_000;
const RUSH_MS = 90_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One answer of the rush: what was asked, and how it was answered. */
interface Attempt {
  kind: 'save' | 'submit' | 'score' | 'read';
  status: number;
  body: unknown;
}

/** A failure answer is clean: 503 SERVICE_UNAVAILABLE in the error shape, nothing else in it. */
function expectCleanFailure(attempt: Attempt): void {
  const body = attempt.body as { error?: Record<string, unknown> };
  expect({ kind: attempt.kind, status: attempt.status }).toEqual({ kind: attempt.kind, status: 503 });
  expect(body).toEqual({
    error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), requestId: expect.any(String) },
  });
  expect(JSON.stringify(body)).not.toMatch(/ at |stack|SELECT|INSERT|UPDATE|ECONNREFUSED|terminat/i);
}

describe('faults: PostgreSQL restarted during a rush (a cluster of this file)', () => {
  let pg: PostgresServer;
  let database: OwnDatabase;
  let sink: SmtpSink;
  let t: TestApp;
  let worker: TestWorker;
  const original = savedEnv('DATABASE_URL', 'SMTP_URL');

  beforeAll(async () => {
    [pg, sink] = await Promise.all([startPostgresServer(), startSmtpSink()]);
    // the run's migrations, on this cluster: createOwnDatabase makes <name>_<hex> next to DATABASE_URL's
    overrideEnv({ DATABASE_URL: pg.url('logy_faults') });
    database = await createOwnDatabase();
    isolateQueuePrefix();
    [t, worker] = await startApiAndWorker(NOW, { DATABASE_URL: database.url, SMTP_URL: sink.url });
  }, 120_000);

  afterAll(async () => {
    try {
      // the api and the worker close their pools on a database that answers
      if (pg && !pg.running) await pg.start().catch(() => undefined);
      await closeApiAndWorker(worker, t);
    } finally {
      await sink?.close();
      await pg?.close();
      overrideEnv(original);
    }
  }, 60_000);

  describe.each([
    ['cleanly (pg_ctl stop -m fast: connections cut)', 'fast'],
    ['as a crash (pg_ctl stop -m immediate: crash recovery at start)', 'immediate'],
  ] as const)('stopped %s and started again', (_title, mode: PostgresStopMode) => {
    it('keeps every acknowledged save, submission and scorecard, answers 503 meanwhile, and recovers by itself', async () => {
      const call = await newCall(t.dataSource);
      const municipalities = anyMunicipalities(14).map((m) => m.kshCode);
      const editors: Applicant[] = [];
      const submitters: Applicant[] = [];
      for (const [i, ksh] of municipalities.entries()) {
        (i < 5 ? editors : submitters).push(await applicant(t, call, ksh));
      }
      const round = await openRound(t, NOW);

      const attempts: Attempt[] = [];
      const record = (kind: Attempt['kind'], res: Response): Response => {
        attempts.push({ kind, status: res.status, body: res.body as unknown });
        return res;
      };
      let stopping = false;
      let acksAfterStart = 0;
      let started = false;
      const rushUntil = Date.now() + RUSH_MS;
      const rushing = () => !stopping && Date.now() < rushUntil;

      // draft editors: save after save on the version they know; after a failure they re-read it
      const saves = editors.map((a) => ({ applicant: a, acked: [] as number[], failed: [] as number[] }));
      const editing = saves.map(async (log) => {
        let version = log.applicant.version;
        for (let n = 1; rushing(); n++) {
          const res = record(
            'save',
            await patch(log.applicant.api, `/api/applications/${log.applicant.applicationId}`, {
              version,
              content: { summary: `mentés ${n}` },
            }),
          );
          if (res.status === 200) {
            version = res.body.version as number;
            log.acked.push(n);
            if (started) acksAfterStart++;
            continue;
          }
          log.failed.push(n);
          for (;;) {
            await pause(50);
            const read = record(
              'read',
              await log.applicant.api.agent.get(`/api/applications/${log.applicant.applicationId}`),
            );
            if (read.status === 200) {
              version = read.body.version as number;
              break;
            }
          }
        }
      });
      // jurors: scorecard drafts, points changing with every save
      const points = (n: number) => [n % 11, n % 6];
      const scoring = round.cards.map((card) => ({ card, acked: [] as number[], failed: [] as number[] }));
      const scoringDone = scoring.map(async (log) => {
        for (let n = 1; rushing(); n++) {
          const res = record(
            'score',
            await put(log.card.juror, `/api/assignments/${log.card.assignmentId}/scorecard`, {
              scores: round.criteria.map((criterionId, c) => ({ criterionId, points: points(n)[c] })),
            }),
          );
          if (res.status === 200) {
            log.acked.push(n);
            if (started) acksAfterStart++;
          } else {
            log.failed.push(n);
            await pause(50);
          }
        }
      });
      // submitters: submit until acknowledged (a repeated submit answers 200 with the same submission)
      const submitted = new Map<string, { status: number; sha256: string; number: number }>();
      const submit = async (a: Applicant) => {
        for (;;) {
          const res = record('submit', await post(a.api, `/api/applications/${a.applicationId}/submit`));
          if (res.status === 200 || res.status === 201) {
            submitted.set(a.applicationId, {
              status: res.status,
              sha256: res.body.submission.sha256 as string,
              number: res.body.submission.number as number,
            });
            return;
          }
          if (Date.now() > rushUntil) throw new Error(`submission of ${a.applicationId} never acknowledged`);
          await pause(100);
        }
      };

      // the rush is on: everyone has been answered at least once
      await eventually(() =>
        Promise.resolve(saves.every((s) => s.acked.length > 0) && scoring.every((s) => s.acked.length > 0)),
      );
      // four submissions while PostgreSQL stops, five while it is down, five after it started again
      const waveA = Promise.all(submitters.slice(0, 4).map(submit));
      await pg.stop(mode);
      const waveB = Promise.all(submitters.slice(4, 9).map(submit));
      // while it is down: every kind of request has failed, /health names the database
      await eventually(() => {
        const kinds = new Set(attempts.filter((a) => a.status >= 500).map((a) => a.kind));
        return Promise.resolve(['save', 'submit', 'score', 'read'].every((kind) => kinds.has(kind as Attempt['kind'])));
      });
      const down = await request(t.server).get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });

      await pg.start();
      started = true;
      const waveC = Promise.all(submitters.slice(9).map(submit));
      await eventually(async () => (await request(t.server).get('/health')).status === 200, RECOVERY_MS);
      // the pools reconnected by themselves: every client goes on, every submission is acknowledged
      await Promise.all([waveA, waveB, waveC]);
      await eventually(() => Promise.resolve(acksAfterStart >= 2 * (saves.length + scoring.length)), RECOVERY_MS);
      stopping = true;
      await Promise.all([...editing, ...scoringDone]);

      // every failure was a clean 503, and there were failures of every kind
      const failures = attempts.filter((a) => a.status >= 300);
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures) expectCleanFailure(failure);

      // the drafts: the last acknowledged save, or a later one whose answer was lost
      for (const log of saves) {
        const [row] = await t.dataSource.query<Array<{ summary: string }>>(
          `SELECT content ->> 'summary' AS summary FROM application WHERE id = $1`,
          [log.applicant.applicationId],
        );
        const last = Math.max(...log.acked);
        const possible = [last, ...log.failed.filter((n) => n > last)].map((n) => `mentés ${n}`);
        expect(possible).toContainEqual(row.summary);
      }
      // the scorecards: likewise
      for (const log of scoring) {
        const rows = await t.dataSource.query<Array<{ criterion_id: string; points: string }>>(
          `SELECT criterion_id, points FROM score WHERE assignment_id = $1`,
          [log.card.assignmentId],
        );
        const stored = round.criteria.map((id) => Number(rows.find((r) => r.criterion_id === id)?.points));
        const last = Math.max(...log.acked);
        const possible = [last, ...log.failed.filter((n) => n > last)].map(points);
        expect(possible).toContainEqual(stored);
      }
      // the submissions: one each, the one acknowledged
      expect(submitted.size).toBe(submitters.length);
      for (const a of submitters) {
        const rows = await t.dataSource.query<Array<{ sha256: string; number: number }>>(
          `SELECT sha256, number FROM application_submission WHERE application_id = $1`,
          [a.applicationId],
        );
        const acked = submitted.get(a.applicationId);
        expect(rows).toEqual([{ sha256: acked?.sha256, number: acked?.number }]);
      }

      // every receipt mail goes out; a second copy only in the window, with the same Message-ID
      const ledger = await eventually(async () => {
        const rows = await receiptMails(t, submitters);
        return rows.length === submitters.length && rows.every((m) => m.status === 'sent') && rows;
      }, RECOVERY_MS);
      let duplicates = 0;
      for (const mail of ledger) {
        const copies = sink.mails.filter((m) => recipients(m).includes(mail.to_address));
        expect({ to: mail.to_address, atLeastOnce: copies.length >= 1 }).toEqual({
          to: mail.to_address,
          atLeastOnce: true,
        });
        for (const copy of copies) expect(copy.messageId).toMatch(new RegExp(`^<${mail.id}@`));
        duplicates += copies.length - 1;
      }
      expect(duplicates).toBeLessThanOrEqual(MAIL_CONCURRENCY);
      // and the outbox has nothing left to relay
      expect(await pendingOutboxRows(t)).toBe(0);
    }, 180_000);
  });
});
