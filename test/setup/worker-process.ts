import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '@portal/core';

const run = promisify(execFile);

export interface WorkerBuild {
  /** The compiled worker's entry point (`<dir>/apps/worker/src/main.js`). */
  main: string;
  remove(): Promise<void>;
}

/**
 * Compiles apps/ and libs/ with swc as `npm run build` does (same .swcrc: the @portal/*
 * aliases become relative paths), but into a folder of its own under test-artifacts/ and
 * without touching dist/. Inside the project, so that node_modules, libs/core/src/i18n and
 * var/uploads are found from the compiled code exactly as from dist/.
 */
export async function buildWorkerProgram(): Promise<WorkerBuild> {
  const root = projectRoot();
  const dir = join(root, 'test-artifacts', `worker-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  const swc = require.resolve('@swc/cli/bin/swc.js', { paths: [root] });
  const args = [swc, 'apps', 'libs', '-d', dir, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--quiet'];
  await run(process.execPath, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  const main = join(dir, 'apps', 'worker', 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`swc wrote no ${main}`);
  return {
    main,
    remove: async () => {
      await rm(dir, { recursive: true, force: true });
      // test-artifacts/ itself, unless another run's build is in it
      await rmdir(dirname(dir)).catch(() => undefined);
    },
  };
}

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  /** Resolves when the process has ended (with its exit code or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** Sends the signal at once (synchronously: SIGKILL takes effect before this returns) and waits for the end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the compiled worker (`node <build>/apps/worker/src/main.js`) as a child process of
 * the test, with this process's environment plus `env`. The child's working directory is
 * the project root, as for `npm run start:worker`.
 */
export function startWorkerProcess(build: WorkerBuild, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [build.main], {
    cwd: projectRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('the worker process did not start');
  const pid = child.pid;
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    pid,
    child,
    exited,
    output: () => output,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
