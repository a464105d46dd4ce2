import type { Readable } from 'node:stream';

export interface StoredFile {
  key: string;
  size: number;
  sha256: string;
}

/**
 * Where uploaded files live. Keys are made by the storage itself (never from a user's file
 * name); local disk by default, an object store later behind the same interface.
 */
export abstract class FileStorage {
  /** Stores the bytes under a new key; the whole content is written before this resolves. */
  abstract put(content: Buffer): Promise<StoredFile>;
  abstract read(key: string): Promise<Readable>;
  abstract remove(key: string): Promise<void>;
  abstract exists(key: string): Promise<boolean>;
}
