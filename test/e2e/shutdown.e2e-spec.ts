import { request as httpRequest } from 'node:http';
import type { DataSource } from 'typeorm';
import { loadEnv, validateEnv } from '@portal/config';
import { createDataSource } from '@portal/schema';
import { anyMunicipality } from '../factories/municipalities';
import { newUser } from '../factories/users';
import { eventually } from '../setup/eventually';
import { createOwnDatabase, type OwnDatabase } from '../setup/own-database';
import { freePort } from '../setup/redis-server';
import { startSlowSmtpSink, type SlowSmtpSink } from '../setup/slow-smtp-sink';
import { buildWorkerProgram, startWorkerProcess, type WorkerBuild, type WorkerProcess } from '../setup/worker-process';

/**
 * SIGTERM to the real programs (compiled, as `npm run start:api` / `start:worker` run them): the api stops taking
 * new connections at once (before its modules close: see drainOnSignals), finishes the requests it is serving, then
 * exits; the worker finishes the job it is running (here a mail in the middle of its SMTP conversation) before it
 * exits. A program killed at once would leave the request
 * unanswered and the mail unaccepted (the slow sink drops a message whose client hung up).
 */

/** How a program ends after a clean shutdown: Nest's shutdown hook closes the app, then raises the signal again. */
const CLOSED = { code: null, signal: 'SIGTERM' };
describe('graceful shutdown on SIGTERM', () => {
  let build: WorkerBuild;
  let database: OwnDatabase;
  let dataSource: DataSource;
  const processes = new Set<WorkerProcess>();

  function start(program: 'api' | 'worker', env: Record<string, string>): WorkerProcess {
    const main = build.main.replace(/apps[\\/]worker[\\/]src[\\/]main\.js$/, `apps/${program}/src/main.js`);
    const child = startWorkerProcess(
      { ...build, main },
      {
        DATABASE_URL: database.url,
        REDIS_PREFIX: loadEnv().REDIS_PREFIX,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        ...env,
      },
    );
    processes.add(child);
    return child;
  }

  async function healthy(port: number, api: WorkerProcess): Promise<void> {
    await eventually(
      async () => {
        if (api.child.exitCode !== null) throw new Error(`the api exited: ${api.output()}`);
        return (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok;
      },
      30_000,
      100,
    );
  }

  beforeAll(async () => {
    [build, database] = await Promise.all([buildWorkerProgram(), createOwnDatabase()]);
    dataSource = createDataSource(validateEnv({ ...process.env, DATABASE_URL: database.url }));
    await dataSource.initialize();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...processes].map((p) => p.kill('SIGKILL')));
    await dataSource?.destroy();
    await database?.drop();
    await build?.remove();
  });

  it('the api finishes a request in flight, refuses new connections, and exits', async () => {
    const port = await freePort();
    const api = start('api', { PORT: String(port) });
    await healthy(port, api);

    const email = `leallitas-${Date.now()}@teszt.hu`;
    const body = Buffer.from(
      JSON.stringify({
        email,
        password: 'Hosszú-jelszó-2026',
        name: 'Őrző Űrsula',
        municipalityKsh: anyMunicipality().kshCode,
      }),
    );
    // a registration whose body arrives in two halves, with SIGTERM in between
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/auth/register',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, 20));
      setTimeout(() => {
        api.child.kill('SIGTERM');
        // once the api no longer takes connections, the rest of the body
        void eventually(
          async () =>
            await fetch(`http://127.0.0.1:${port}/health`).then(
              () => false,
              () => true,
            ),
          20_000,
          20,
        ).then(
          () => req.end(body.subarray(20)),
          (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
        );
      }, 300);
    });
    const res = await answer;
    expect({ status: res.status, body: res.body.slice(0, 300) }).toEqual({
      status: 201,
      body: expect.stringContaining(email),
    });
    expect(await api.exited).toEqual(CLOSED);
    const stored = await dataSource.query<Array<{ name: string }>>(`SELECT name FROM app_user WHERE email = $1`, [
      email,
    ]);
    expect(stored).toEqual([{ name: 'Őrző Űrsula' }]);
  }, 90_000);

  it('the worker finishes the mail it is sending before it exits', async () => {
    let sink: SlowSmtpSink | undefined;
    try {
      sink = await startSlowSmtpSink({ delayMs: 2_000 });
      const port = await freePort();
      const api = start('api', { PORT: String(port) });
      const worker = start('worker', { SMTP_URL: sink.url });
      await healthy(port, api);
      const user = await newUser(dataSource, { name: 'Kiss Ödön' });
      const asked = await fetch(`http://127.0.0.1:${port}/api/auth/password-reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email }),
      });
      expect(asked.status).toBeLessThan(300);
      // the mail is in the SMTP conversation: the worker holds its ledger row's lock while it talks to the server
      const mailId = await eventually(
        async () => {
          const rows = await dataSource.query<Array<{ id: string }>>(
            `SELECT id FROM mail_message WHERE to_address = $1 AND status = 'queued'`,
            [user.email],
          );
          if (!rows.length) return null;
          return dataSource
            .transaction(async (manager) => {
              await manager.query(`SELECT 1 FROM mail_message WHERE id = $1 FOR UPDATE NOWAIT`, [rows[0].id]);
              return null;
            })
            .catch((error: { code?: string }) => (error.code === '55P03' ? rows[0].id : null));
        },
        30_000,
        25,
      );
      expect(sink.mails).toHaveLength(0);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toEqual(CLOSED);
      // the server accepted the mail before the worker went, and the ledger says so
      // (the registration of the first test may be delivered too: its mail was still queued when that api went)
      const toUser = sink.mails.filter((m) => JSON.stringify(m.to).includes(user.email));
      expect(toUser.map((m) => m.subject)).toEqual([expect.stringMatching(/Jelszó visszaállítása/)]);
      const [row] = await dataSource.query<Array<{ status: string }>>(`SELECT status FROM mail_message WHERE id = $1`, [
        mailId,
      ]);
      expect(row.status).toBe('sent');
      api.child.kill('SIGTERM');
      expect(await api.exited).toEqual(CLOSED);
    } finally {
      await sink?.close();
    }
  }, 120_000);
});
