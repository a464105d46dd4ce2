import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { Env } from '@portal/config';
import { Clock, fromRoot, NotFoundError } from '@portal/core';
import { FileStorage, StoredFile } from './file-storage';

/** A key is yyyy/mm/<uuid>: nothing of it comes from the user. */
const KEY = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Files on the local disk under STORAGE_DIR, written atomically (temporary file, then rename). */
@Injectable()
export class LocalDiskStorage extends FileStorage {
  private readonly root: string;

  constructor(
    env: Env,
    private readonly clock: Clock,
  ) {
    super();
    this.root = resolve(fromRoot(), env.STORAGE_DIR);
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new NotFoundError('file');
    const path = resolve(this.root, ...key.split('/'));
    if (!path.startsWith(this.root + sep)) throw new NotFoundError('file');
    return path;
  }

  async put(content: Buffer): Promise<StoredFile> {
    const now = this.clock.now();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = join(dirname(path), `.${randomUUID()}.part`);
    await writeFile(temporary, content, { flag: 'wx' });
    await rename(temporary, path);
    return { key, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
  }

  async read(key: string): Promise<Readable> {
    const path = this.path(key);
    if (!(await this.exists(key))) throw new NotFoundError('file');
    return createReadStream(path);
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.path(key))).isFile();
    } catch {
      return false;
    }
  }
}
