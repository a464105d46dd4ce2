import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './redis-server';

/**
 * The PostgreSQL binaries of the newest version installed (Debian: /usr/lib/postgresql/<major>/bin),
 * the ones STACK.md's `pg_ctlcluster` wraps.
 */
export function postgresBinaries(): string {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base)
    ? readdirSync(base)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(base, name, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) throw new Error(`no PostgreSQL binaries under ${base}/<major>/bin`);
  return join(base, majors[0], 'bin');
}

/** How `pg_ctl stop` ends the server: `fast` (clean, connections cut) or `immediate` (as a crash). */
export type PostgresStopMode = 'fast' | 'immediate';

export interface PostgresServer {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database>, for DATABASE_URL. */
  url(database: string): string;
  /** Whether the server runs now (as far as this helper started and stopped it). */
  readonly running: boolean;
  /** `pg_ctl start -w`: starts the server (again) on the same port and data, and waits until it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop -m <mode> -w`. */
  stop(mode?: PostgresStopMode): Promise<void>;
  /** `pg_ctl restart -m <mode> -w`: stopped and started again, with the same data. */
  restart(mode?: PostgresStopMode): Promise<void>;
  /** Stops the server (immediate) if it runs and removes its folder. */
  close(): Promise<void>;
  /** The tail of the server's log (for failure messages). */
  log(): Promise<string>;
}

/** The uid and gid of the `postgres` account: initdb and postgres refuse to run as root. */
function postgresAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A PostgreSQL cluster of the test's own (never the machine's shared one): `initdb` into a
 * temporary folder (trust authentication, superuser `postgres`, UTF-8), the server on a free
 * loopback port with its socket in that folder, started and stopped with `pg_ctl` as
 * `pg_ctlcluster` does. Run as root, every command runs as the `postgres` account, which
 * then owns the folder. The data survives stop and start (a restart keeps every committed row).
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = postgresBinaries();
  const account = postgresAccount();
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'logy-postgres-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  let running = false;

  const run = (program: string, args: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile(
        join(bin, program),
        args,
        { cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' }, timeout: 60_000, ...account },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`${program} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
          else resolve(stdout);
        },
      );
    });
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60 -c fsync=off`;

  const server: PostgresServer = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    get running() {
      return running;
    },
    async start() {
      if (running) return;
      await run('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '30', 'start']);
      running = true;
    },
    async stop(mode = 'fast') {
      if (!running) return;
      await run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop']);
      running = false;
    },
    async restart(mode = 'fast') {
      await run('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-m', mode, '-w', '-t', '30', 'restart']);
      running = true;
    },
    async close() {
      if (running) await server.stop('immediate').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
    async log() {
      return (await readFile(logFile, 'utf8').catch(() => '')).slice(-10_000);
    },
  };

  try {
    if (account) await chown(dir, account.uid, account.gid);
    await mkdir(data, { mode: 0o700 });
    if (account) await chown(data, account.uid, account.gid);
    await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await server.start();
    // pg_ctl -w waits for the postmaster; one query proves it serves the port
    const client = new Client({ connectionString: server.url('postgres'), connectionTimeoutMillis: 5000 });
    await client.connect();
    await client.end();
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}
