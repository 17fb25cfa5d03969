import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db.js';
import { newId } from './ids.js';

/**
 * Crypto kernel (SEC-2). Envelope encryption: a master key (env, file, or generated in development)
 * wraps data keys stored in `crypto_keys`; values are sealed with the active data key in
 * AES-256-GCM, with the field name as associated data so a ciphertext cannot be moved to another
 * column. Each ciphertext names its key id, so `kaidian keys rotate` can add a key and re-encrypt.
 * Look-ups use HMAC-SHA256 blind indexes under a separate, random index key that never rotates
 * with the master key.
 */

const FORMAT = 'k1';

declare module './db-schema.js' {
  interface Database {
    crypto_keys: {
      id: string;
      purpose: 'data' | 'index';
      wrapped_key: string;
      master_key_id: string;
      status: 'active' | 'retired';
      created_at: number;
    };
  }
}

export type MasterKey = { id: string; key: Buffer };

export function masterKeyFrom(raw: Buffer): MasterKey {
  if (raw.length !== 32) throw new Error('master key must be 32 bytes');
  return { id: `mk_${createHash('sha256').update(raw).digest('hex').slice(0, 12)}`, key: raw };
}

export type MasterKeySource = { value?: string | undefined; file?: string | undefined };

/**
 * Production needs KAIDIAN_MASTER_KEY or KAIDIAN_MASTER_KEY_FILE. Development generates one into
 * the data directory and says so loudly: whoever holds that file can read the data.
 */
export function loadMasterKey(
  src: MasterKeySource,
  opts: { dev: boolean; dataDir: string; warn: (msg: string) => void },
): MasterKey {
  if (src.value) return masterKeyFrom(Buffer.from(src.value, 'base64'));
  if (src.file) return masterKeyFrom(Buffer.from(fs.readFileSync(src.file, 'utf8').trim(), 'base64'));
  if (!opts.dev) {
    throw new Error('production mode needs KAIDIAN_MASTER_KEY or KAIDIAN_MASTER_KEY_FILE (32 bytes, base64)');
  }
  const file = path.join(opts.dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    opts.warn(
      `!!! DEVELOPMENT MASTER KEY GENERATED at ${file}. Anyone with this file can decrypt the data. ` +
        'Set KAIDIAN_MASTER_KEY or KAIDIAN_MASTER_KEY_FILE in production. !!!',
    );
  }
  return masterKeyFrom(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
}

function seal(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; tag: Buffer; ct: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

function open(key: Buffer, iv: Buffer, tag: Buffer, ct: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

function wrap(master: MasterKey, dataKey: Buffer, keyId: string): string {
  const { iv, tag, ct } = seal(master.key, dataKey, `crypto_keys:${keyId}`);
  return [b64(iv), b64(tag), b64(ct)].join('.');
}

function unwrap(master: MasterKey, wrapped: string, keyId: string): Buffer {
  const [iv, tag, ct] = wrapped.split('.');
  if (!iv || !tag || !ct) throw new Error(`malformed wrapped key ${keyId}`);
  return open(master.key, unb64(iv), unb64(tag), unb64(ct), `crypto_keys:${keyId}`);
}

export type Crypto = Awaited<ReturnType<typeof createCrypto>>;

export async function createCrypto(db: Db, master: MasterKey, now: () => number = Date.now) {
  let dataKeys = new Map<string, Buffer>();
  let activeId = '';
  let indexKey: Buffer = Buffer.alloc(0);

  async function load(): Promise<void> {
    const rows = await db.selectFrom('crypto_keys').selectAll().orderBy('created_at').execute();
    const foreign = rows.find((r) => r.master_key_id !== master.id);
    if (foreign) {
      throw new Error(
        `data key ${foreign.id} is wrapped by master key ${foreign.master_key_id}, not ${master.id}: wrong master key?`,
      );
    }
    const next = new Map<string, Buffer>();
    let nextActive = '';
    for (const r of rows) {
      const key = unwrap(master, r.wrapped_key, r.id);
      if (r.purpose === 'index') indexKey = key;
      else {
        next.set(r.id, key);
        if (r.status === 'active') nextActive = r.id;
      }
    }
    dataKeys = next;
    activeId = nextActive;
  }

  async function bootstrapKey(purpose: 'data' | 'index', id: string): Promise<void> {
    const key = randomBytes(32);
    await db
      .insertInto('crypto_keys')
      .values({
        id,
        purpose,
        wrapped_key: wrap(master, key, id),
        master_key_id: master.id,
        status: 'active',
        created_at: now(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async function addKey(purpose: 'data' | 'index'): Promise<string> {
    const id = newId(purpose === 'data' ? 'dk' : 'ik');
    const key = randomBytes(32);
    await db.transaction().execute(async (trx) => {
      if (purpose === 'data') {
        await trx
          .updateTable('crypto_keys')
          .set({ status: 'retired' })
          .where('purpose', '=', 'data')
          .execute();
      }
      await trx
        .insertInto('crypto_keys')
        .values({
          id,
          purpose,
          wrapped_key: wrap(master, key, id),
          master_key_id: master.id,
          status: 'active',
          created_at: now(),
        })
        .execute();
    });
    return id;
  }

  await load();
  // First start: fixed ids make the bootstrap idempotent, so nodes starting together on an empty
  // database agree on one index key and one first data key.
  if (indexKey.length === 0) await bootstrapKey('index', 'ik_initial');
  if (!activeId) await bootstrapKey('data', 'dk_initial');
  await load();

  return {
    masterKeyId: master.id,
    get activeKeyId() {
      return activeId;
    },
    /** Reloads the keyring (another node may have rotated). */
    reload: load,

    /** Seals a UTF-8 string; `field` is the associated data (e.g. "merchants.phone"). */
    encrypt(plaintext: string, field: string): string {
      const key = dataKeys.get(activeId)!;
      const { iv, tag, ct } = seal(key, Buffer.from(plaintext, 'utf8'), field);
      return [FORMAT, activeId, b64(iv), b64(tag), b64(ct)].join(':');
    },

    decrypt(sealed: string, field: string): string {
      const [format, kid, iv, tag, ct] = sealed.split(':');
      if (format !== FORMAT || !kid || !iv || !tag || ct === undefined)
        throw new Error('malformed ciphertext');
      const key = dataKeys.get(kid);
      if (!key) throw new Error(`unknown data key ${kid}`);
      return open(key, unb64(iv), unb64(tag), unb64(ct), field).toString('utf8');
    },

    encryptBytes(plaintext: Buffer, field: string): Buffer {
      const key = dataKeys.get(activeId)!;
      const { iv, tag, ct } = seal(key, plaintext, field);
      const kid = Buffer.from(activeId, 'utf8');
      return Buffer.concat([Buffer.from([kid.length]), kid, iv, tag, ct]);
    },

    decryptBytes(sealed: Buffer, field: string): Buffer {
      const kidLen = sealed[0] ?? 0;
      const kid = sealed.subarray(1, 1 + kidLen).toString('utf8');
      const key = dataKeys.get(kid);
      if (!key) throw new Error(`unknown data key ${kid}`);
      const rest = sealed.subarray(1 + kidLen);
      return open(key, rest.subarray(0, 12), rest.subarray(12, 28), rest.subarray(28), field);
    },

    /** Key id a sealed value was written with. */
    keyIdOf(sealed: string): string | undefined {
      return sealed.split(':')[1];
    },

    /** Keyed blind index for equality look-ups; `domain` separates uses (phone, email, id number…). */
    blindIndex(domain: string, value: string): string {
      return createHmac('sha256', indexKey).update(`${domain}\0${value}`).digest('base64url');
    },

    /** Makes a new data key the active one; old keys stay for decryption until re-encrypted. */
    async rotateDataKey(): Promise<string> {
      const id = await addKey('data');
      await load();
      return id;
    },

    /** Rewraps every stored key under a new master key (run with both keys at hand). */
    async rewrapUnder(next: MasterKey): Promise<number> {
      const rows = await db.selectFrom('crypto_keys').selectAll().execute();
      await db.transaction().execute(async (trx) => {
        for (const r of rows) {
          const key = unwrap(master, r.wrapped_key, r.id);
          await trx
            .updateTable('crypto_keys')
            .set({ wrapped_key: wrap(next, key, r.id), master_key_id: next.id })
            .where('id', '=', r.id)
            .execute();
        }
      });
      return rows.length;
    },
  };
}

/** SHA-256 of a high-entropy secret (session tokens, email link tokens): safe to store and look up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
