import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where upload bytes live, apart from the identity data in the database (LIV-4, SEC-2). The store
 * only ever sees ciphertext: the uploads service seals every file before `put`. Keys are upload
 * ids. The embedded mode uses the local directory below; an S3-compatible object store (DESIGN:
 * production mode) implements the same three calls — `put` must be all-or-nothing there too,
 * which a single PutObject is.
 */
export interface FileStore {
  /** Stores the bytes under the key, replacing any earlier version atomically. */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes, or null when there is no such file. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the file; a missing file is not an error. */
  delete(key: string): Promise<void>;
}

/** Upload ids only (`upl_` + 20 Crockford base32 characters): nothing else can become a path. */
const KEY = /^[a-z]{2,8}_[0-9a-z]{20}$/;

/**
 * Files under `<root>/ab/cd/<key>.bin`, where ab and cd are the first four random characters of
 * the id (32×32×32×32 directories keep each one small). Writes go to a temporary file in the same
 * directory, are flushed, then renamed over the target: a reader sees the old file or the new one,
 * never half of one, and a crash leaves at most a `.tmp` file behind.
 */
export function createLocalFileStore(root: string): FileStore & { pathOf(key: string): string } {
  function pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid file key ${JSON.stringify(key)}`);
    const id = key.slice(key.indexOf('_') + 1);
    return path.join(root, id.slice(0, 2), id.slice(2, 4), `${key}.bin`);
  }

  return {
    pathOf,

    async put(key, data) {
      const target = pathOf(key);
      const dir = path.dirname(target);
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const tmp = path.join(dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
      const handle = await fs.open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(data);
        await handle.sync();
        await handle.close();
        await fs.rename(tmp, target);
      } catch (err) {
        await handle.close().catch(() => {});
        await fs.rm(tmp, { force: true });
        throw err;
      }
    },

    async get(key) {
      try {
        return await fs.readFile(pathOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },

    async delete(key) {
      await fs.rm(pathOf(key), { force: true });
    },
  };
}
