import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from './clock.js';
import {
  createCrypto,
  hashToken,
  loadMasterKey,
  type MasterKey,
  masterKeyFrom,
  safeEqual,
} from './crypto.js';
import type { Db } from './db.js';
import { reencryptAll, registerSealedColumn, type SealedColumn } from './sealed-columns.js';
import { openTestDatabase, type TestDatabase, testDbKind } from './test-db.js';

const newMaster = (): MasterKey => masterKeyFrom(randomBytes(32));

/** Flips one bit of a base64url segment's decoded bytes (editing the text could hit padding bits). */
function flipByte(segment: string, index: number): string {
  const bytes = Buffer.from(segment, 'base64url');
  bytes[index % bytes.length]! ^= 0x01;
  return bytes.toString('base64url');
}

function withPart(sealed: string, part: number, value: string): string {
  const parts = sealed.split(':');
  parts[part] = value;
  return parts.join(':');
}

describe(`crypto on ${testDbKind}`, () => {
  let tdb: TestDatabase | undefined;
  afterEach(async () => {
    await tdb?.close();
    tdb = undefined;
  });

  async function setup(master: MasterKey = newMaster()) {
    tdb = await openTestDatabase();
    const clock = createTestClock();
    const crypto = await createCrypto(tdb.db, master, clock.now);
    return { db: tdb.db, clock, master, crypto };
  }

  describe('sealing', () => {
    it('round-trips strings and bytes; every seal uses a fresh IV', async () => {
      const { crypto } = await setup();
      for (const text of ['13800138000', '', '张三 · 310101199001011234', 'x'.repeat(10_000)]) {
        const sealed = crypto.encrypt(text, 'merchants.phone');
        expect(sealed).not.toContain(text || '\u0000');
        expect(crypto.decrypt(sealed, 'merchants.phone')).toBe(text);
      }
      const a = crypto.encrypt('same', 'f');
      const b = crypto.encrypt('same', 'f');
      expect(a).not.toBe(b);
      expect(a.split(':')).toHaveLength(5);
      expect(a.startsWith(`k1:${crypto.activeKeyId}:`)).toBe(true);
      expect(crypto.keyIdOf(a)).toBe(crypto.activeKeyId);

      const bytes = randomBytes(5_000);
      const sealedBytes = crypto.encryptBytes(bytes, 'files.body');
      expect(sealedBytes.includes(bytes.subarray(0, 64))).toBe(false);
      expect(crypto.decryptBytes(sealedBytes, 'files.body').equals(bytes)).toBe(true);
      expect(crypto.decryptBytes(crypto.encryptBytes(Buffer.alloc(0), 'f'), 'f')).toHaveLength(0);
    });

    it('binds a ciphertext to its field name (associated data)', async () => {
      const { crypto } = await setup();
      const sealed = crypto.encrypt('13800138000', 'merchants.phone');
      expect(() => crypto.decrypt(sealed, 'merchants.email')).toThrow();
      expect(() => crypto.decrypt(sealed, 'merchants.phone ')).toThrow();
      expect(() => crypto.decrypt(sealed, '')).toThrow();
      const sealedBytes = crypto.encryptBytes(Buffer.from('id card front'), 'files.id_front');
      expect(() => crypto.decryptBytes(sealedBytes, 'files.id_back')).toThrow();
    });

    it('refuses a ciphertext tampered with in any part', async () => {
      const { crypto } = await setup();
      const sealed = crypto.encrypt('secret value', 'f');
      const [, kid, iv, tag, ct] = sealed.split(':') as [string, string, string, string, string];

      expect(() => crypto.decrypt(withPart(sealed, 0, 'k2'), 'f')).toThrow('malformed ciphertext');
      expect(() => crypto.decrypt(withPart(sealed, 1, `${kid}x`), 'f')).toThrow(/unknown data key/);
      expect(() => crypto.decrypt(sealed.split(':').slice(0, 4).join(':'), 'f')).toThrow('malformed');
      expect(() => crypto.decrypt('', 'f')).toThrow('malformed');
      for (let i = 0; i < 12; i++)
        expect(() => crypto.decrypt(withPart(sealed, 2, flipByte(iv, i)), 'f')).toThrow();
      for (let i = 0; i < 16; i++) {
        expect(() => crypto.decrypt(withPart(sealed, 3, flipByte(tag, i)), 'f')).toThrow();
      }
      expect(() => crypto.decrypt(withPart(sealed, 3, tag.slice(0, 10)), 'f')).toThrow();
      for (let i = 0; i < 12; i++)
        expect(() => crypto.decrypt(withPart(sealed, 4, flipByte(ct, i)), 'f')).toThrow();
      expect(() => crypto.decrypt(withPart(sealed, 4, ct.slice(0, -2)), 'f')).toThrow();
      expect(() => crypto.decrypt(withPart(sealed, 4, `${ct}AA`), 'f')).toThrow();

      // Another valid key id: the value was not sealed under that key.
      await crypto.rotateDataKey();
      expect(() => crypto.decrypt(withPart(sealed, 1, crypto.activeKeyId), 'f')).toThrow();
      expect(crypto.decrypt(sealed, 'f')).toBe('secret value');
    });

    it('refuses sealed bytes with any single bit flipped', async () => {
      const { crypto } = await setup();
      const sealed = crypto.encryptBytes(Buffer.from('passport scan'), 'files.body');
      for (let i = 0; i < sealed.length; i++) {
        const bad = Buffer.from(sealed);
        bad[i]! ^= 0x01;
        expect(() => crypto.decryptBytes(bad, 'files.body'), `byte ${i}`).toThrow();
      }
      expect(() => crypto.decryptBytes(sealed.subarray(0, sealed.length - 1), 'files.body')).toThrow();
    });
  });

  describe('keys', () => {
    it('creates one index key and one data key, once', async () => {
      const { db, master, crypto } = await setup();
      const rows = await db.selectFrom('crypto_keys').selectAll().execute();
      expect(rows.map((r) => [r.purpose, r.status]).sort()).toEqual([
        ['data', 'active'],
        ['index', 'active'],
      ]);
      expect(rows.every((r) => r.master_key_id === master.id)).toBe(true);
      // Keys are stored wrapped (iv.tag.ct under the master key), never as 32 raw bytes.
      for (const r of rows)
        expect(r.wrapped_key.split('.').map((p) => Buffer.from(p, 'base64url').length)).toEqual([12, 16, 32]);
      const again = await createCrypto(db, master);
      expect(await db.selectFrom('crypto_keys').select('id').execute()).toHaveLength(2);
      expect(again.activeKeyId).toBe(crypto.activeKeyId);
      expect(again.decrypt(crypto.encrypt('v', 'f'), 'f')).toBe('v');
    });

    it('rotateDataKey: old ciphertexts stay readable, new ones use the new key id', async () => {
      const { db, master, crypto } = await setup();
      const oldKid = crypto.activeKeyId;
      const old = crypto.encrypt('before rotation', 'f');
      const oldBytes = crypto.encryptBytes(Buffer.from('before'), 'b');
      const bidx = crypto.blindIndex('phone', '13800138000');
      // Another node that loaded the keyring before the rotation.
      const otherNode = await createCrypto(db, master);

      const newKid = await crypto.rotateDataKey();
      expect(newKid).not.toBe(oldKid);
      expect(crypto.activeKeyId).toBe(newKid);
      const fresh = crypto.encrypt('after rotation', 'f');
      expect(crypto.keyIdOf(fresh)).toBe(newKid);
      expect(crypto.decrypt(old, 'f')).toBe('before rotation');
      expect(crypto.decrypt(fresh, 'f')).toBe('after rotation');
      expect(crypto.decryptBytes(oldBytes, 'b').toString()).toBe('before');
      expect(crypto.blindIndex('phone', '13800138000')).toBe(bidx);

      const keys = await db.selectFrom('crypto_keys').selectAll().where('purpose', '=', 'data').execute();
      expect(Object.fromEntries(keys.map((k) => [k.id, k.status]))).toEqual({
        [oldKid]: 'retired',
        [newKid]: 'active',
      });

      // The other node learns the new key on reload.
      expect(() => otherNode.decrypt(fresh, 'f')).toThrow(/unknown data key/);
      await otherNode.reload();
      expect(otherNode.activeKeyId).toBe(newKid);
      expect(otherNode.decrypt(fresh, 'f')).toBe('after rotation');
      expect(otherNode.decrypt(old, 'f')).toBe('before rotation');
    });

    it('reencryptAll moves every registered sealed column to the active key', async () => {
      const { db, crypto } = await setup();
      type T = { sealed_things: { id: string; secret: string | null; note: string | null } };
      const tdb2 = db as unknown as Kysely<T>;
      await tdb2.schema
        .createTable('sealed_things')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('secret', 'text')
        .addColumn('note', 'text')
        .execute();
      const column: SealedColumn = {
        table: 'sealed_things',
        pk: 'id',
        column: 'secret',
        field: 'things.secret',
      };
      registerSealedColumn(column);
      registerSealedColumn(column); // registering twice is harmless

      const n = 1_100; // more than one page of 500
      const values = Array.from({ length: n }, (_, i) => ({
        id: `t_${String(i).padStart(5, '0')}`,
        secret: i % 100 === 7 ? null : crypto.encrypt(`value ${i}`, 'things.secret'),
        note: `note ${i}`,
      }));
      for (let i = 0; i < n; i += 200)
        await tdb2
          .insertInto('sealed_things')
          .values(values.slice(i, i + 200))
          .execute();
      const oldKid = crypto.activeKeyId;
      const newKid = await crypto.rotateDataKey();

      const progress: number[] = [];
      const moved = await reencryptAll(db as Db, crypto, (c, done) => {
        expect(c).toEqual(column);
        progress.push(done);
      });
      const sealedCount = values.filter((v) => v.secret !== null).length;
      expect(moved).toBe(sealedCount);
      expect(progress.at(-1)).toBe(sealedCount);

      const rows = await tdb2.selectFrom('sealed_things').selectAll().orderBy('id').execute();
      expect(rows).toHaveLength(n);
      for (const [i, r] of rows.entries()) {
        if (i % 100 === 7) {
          expect(r.secret).toBeNull();
          continue;
        }
        expect(crypto.keyIdOf(r.secret!)).toBe(newKid);
        expect(crypto.decrypt(r.secret!, 'things.secret')).toBe(`value ${i}`);
        expect(r.note).toBe(`note ${i}`);
      }
      expect(rows.some((r) => r.secret?.includes(oldKid))).toBe(false);
      // Nothing left to do.
      expect(await reencryptAll(db as Db, crypto)).toBe(0);
    });

    it('rewrapUnder: the new master key opens the keyring; the old one is refused clearly', async () => {
      const { db, master, crypto } = await setup();
      await crypto.rotateDataKey();
      const sealed = crypto.encrypt('13800138000', 'merchants.phone');
      const bidx = crypto.blindIndex('phone', '13800138000');
      const before = await db.selectFrom('crypto_keys').selectAll().orderBy('id').execute();

      const next = newMaster();
      expect(next.id).not.toBe(master.id);
      expect(await crypto.rewrapUnder(next)).toBe(3);

      const after = await db.selectFrom('crypto_keys').selectAll().orderBy('id').execute();
      expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
      expect(after.every((r) => r.master_key_id === next.id)).toBe(true);
      for (const [i, r] of after.entries()) expect(r.wrapped_key).not.toBe(before[i]!.wrapped_key);

      const reopened = await createCrypto(db, next);
      expect(reopened.masterKeyId).toBe(next.id);
      expect(reopened.activeKeyId).toBe(crypto.activeKeyId);
      expect(reopened.decrypt(sealed, 'merchants.phone')).toBe('13800138000');
      expect(reopened.blindIndex('phone', '13800138000')).toBe(bidx);

      await expect(createCrypto(db, master)).rejects.toThrow(
        `wrapped by master key ${next.id}, not ${master.id}: wrong master key?`,
      );
      await expect(createCrypto(db, newMaster())).rejects.toThrow(/wrong master key/);
      // The refused attempts added nothing.
      expect(await db.selectFrom('crypto_keys').select('id').execute()).toHaveLength(3);
    });

    it('a wrapped key altered in the table cannot be opened', async () => {
      const { db, master, crypto } = await setup();
      const row = await db
        .selectFrom('crypto_keys')
        .selectAll()
        .where('id', '=', crypto.activeKeyId)
        .executeTakeFirstOrThrow();
      const [iv, tag, ct] = row.wrapped_key.split('.') as [string, string, string];
      await db
        .updateTable('crypto_keys')
        .set({ wrapped_key: [iv, tag, flipByte(ct, 3)].join('.') })
        .where('id', '=', row.id)
        .execute();
      await expect(createCrypto(db, master)).rejects.toThrow();
    });
  });

  describe('blind indexes', () => {
    it('are deterministic per domain and differ across domains, values and databases', async () => {
      const { crypto } = await setup();
      const a = crypto.blindIndex('phone', '13800138000');
      expect(a).toMatch(/^[\w-]{43}$/);
      expect(crypto.blindIndex('phone', '13800138000')).toBe(a);
      expect(crypto.blindIndex('email', '13800138000')).not.toBe(a);
      expect(crypto.blindIndex('phone', '13800138001')).not.toBe(a);
      // The domain separator keeps ("ab", "c") and ("a", "bc") apart.
      expect(crypto.blindIndex('ab', 'c')).not.toBe(crypto.blindIndex('a', 'bc'));
      // Keyed: not a plain hash of the value.
      expect(a).not.toBe(hashToken('13800138000'));
      expect(a).not.toBe(hashToken('phone\u000013800138000'));

      const first = tdb!;
      tdb = undefined;
      try {
        const { crypto: otherDb } = await setup();
        expect(otherDb.blindIndex('phone', '13800138000')).not.toBe(a);
      } finally {
        await first.close();
      }
    });
  });
});

describe('loadMasterKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-mk-'));
    dirs.push(d);
    return path.join(d, 'data');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('generates a key file in development, warns once, and reads the same key afterwards', () => {
    const dataDir = tempDir();
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    const first = loadMasterKey({}, { dev: true, dataDir, warn });
    const file = path.join(dataDir, 'master.key');
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(first.key).toHaveLength(32);
    expect(first.id).toMatch(/^mk_[0-9a-f]{12}$/);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toMatch(/DEVELOPMENT MASTER KEY/);

    const second = loadMasterKey({}, { dev: true, dataDir, warn });
    expect(second.id).toBe(first.id);
    expect(second.key.equals(first.key)).toBe(true);
    expect(warnings).toHaveLength(1);
  });

  it('refuses production without a key, and writes nothing', () => {
    const dataDir = tempDir();
    const warnings: string[] = [];
    expect(() => loadMasterKey({}, { dev: false, dataDir, warn: (m) => warnings.push(m) })).toThrow(
      /KAIDIAN_MASTER_KEY or KAIDIAN_MASTER_KEY_FILE/,
    );
    expect(() =>
      loadMasterKey({ value: '', file: '' }, { dev: false, dataDir, warn: (m) => warnings.push(m) }),
    ).toThrow(/production mode needs/);
    expect(fs.existsSync(path.join(dataDir, 'master.key'))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('takes the key from the value or the file, and checks its length', () => {
    const dataDir = tempDir();
    const raw = randomBytes(32);
    const warn = () => {
      throw new Error('no warning expected');
    };
    const fromValue = loadMasterKey({ value: raw.toString('base64') }, { dev: false, dataDir, warn });
    expect(fromValue.key.equals(raw)).toBe(true);
    expect(fromValue.id).toBe(masterKeyFrom(raw).id);

    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'mk.b64');
    fs.writeFileSync(file, `${raw.toString('base64')}\n`);
    expect(loadMasterKey({ file }, { dev: false, dataDir, warn }).id).toBe(fromValue.id);

    expect(() =>
      loadMasterKey({ value: randomBytes(16).toString('base64') }, { dev: false, dataDir, warn }),
    ).toThrow('master key must be 32 bytes');
    expect(() => masterKeyFrom(randomBytes(31))).toThrow('32 bytes');
  });
});

describe('token helpers', () => {
  it('hashToken is a stable SHA-256 and safeEqual compares exactly', () => {
    expect(hashToken('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    expect(hashToken('abc')).not.toBe(hashToken('abd'));
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });
});
