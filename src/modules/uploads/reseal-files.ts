import type { Crypto } from '../../kernel/crypto.js';
import type { FileStore } from './file-store.js';

/** Key id of a value sealed by `crypto.encryptBytes` (its first byte is the id's length). */
export function sealedKeyId(sealed: Buffer): string {
  return sealed.subarray(1, 1 + (sealed[0] ?? 0)).toString('utf8');
}

/**
 * After a data-key rotation (`kaidian keys rotate`): re-seals, under the active key, every file of
 * one kind that an older key sealed. `idsAfter` pages through the ids in order; `aad` is the
 * associated data the kind seals its files with. Returns how many files were re-sealed.
 */
export async function resealFiles(
  deps: {
    crypto: Crypto;
    files: FileStore;
    aad: (id: string) => string;
    idsAfter: (after: string, limit: number) => Promise<string[]>;
  },
  onProgress?: (done: number) => void,
): Promise<number> {
  const { crypto, files, aad } = deps;
  const PAGE = 200;
  let done = 0;
  let after = '';
  for (;;) {
    const ids = await deps.idsAfter(after, PAGE);
    for (const id of ids) {
      const sealed = await files.get(id);
      if (sealed && sealedKeyId(sealed) !== crypto.activeKeyId) {
        await files.put(id, crypto.encryptBytes(crypto.decryptBytes(sealed, aad(id)), aad(id)));
        done++;
      }
      after = id;
    }
    onProgress?.(done);
    if (ids.length < PAGE) return done;
  }
}
