import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER_BINARY = '/usr/bin/redis-server';

export interface RedisServer {
  port: number;
  /** redis://127.0.0.1:<port>, for REDIS_URL. */
  url: string;
  /** Whether the server process runs now. */
  readonly running: boolean;
  /** Starts the server (again) on the same port and waits until it answers PING. */
  start(): Promise<void>;
  /** SIGTERM, and waits for the process to end. */
  stop(): Promise<void>;
  /** Stops the server if it runs and removes its folder. */
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the kernel picks it; nobody listens on it afterwards). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** True when a RESP PING on the port gets +PONG. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let answer = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/**
 * A Redis server of the test's own (not the system's), on a free loopback port, without
 * persistence (`--save '' --appendonly no`), its working folder a temporary one. Stopping
 * and starting it again empties it, as a restarted cache-only Redis is.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'logy-redis-'));
  let child: ChildProcess | undefined;
  let exited: Promise<void> | undefined;
  let output = '';

  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== undefined;
    },
    async start() {
      if (child) return;
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
      const proc = spawn(REDIS_SERVER_BINARY, [...args, '--dir', dir, '--daemonize', 'no'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      const keep = (chunk: Buffer): void => {
        output = (output + chunk.toString('utf8')).slice(-10_000);
      };
      proc.stdout?.on('data', keep);
      proc.stderr?.on('data', keep);
      exited = new Promise<void>((resolve) => {
        proc.once('exit', () => {
          if (child === proc) child = undefined;
          resolve();
        });
      });
      const until = Date.now() + 10_000;
      while (!(await pings(port))) {
        if (!child) throw new Error(`redis-server on port ${port} ended at start:\n${output}`);
        if (Date.now() > until) throw new Error(`redis-server on port ${port} did not answer within 10 s:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      const proc = child;
      if (!proc) return;
      proc.kill('SIGTERM');
      await exited;
    },
    async close() {
      const proc = child;
      if (proc) {
        proc.kill('SIGKILL');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
