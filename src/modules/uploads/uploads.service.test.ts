import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { DAY } from '../../kernel/clock.js';
import { isAppError } from '../../kernel/errors.js';
import { createLocalFileStore } from './file-store.js';
import { createUploadsModule, type UploadsModule } from './index.js';

const photo = (w = 1000, h = 800) =>
  sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } })
    .jpeg()
    .toBuffer();

describe('file store', () => {
  let root: string;
  let store: ReturnType<typeof createLocalFileStore>;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-files-'));
    store = createLocalFileStore(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes atomically under ab/cd/, replaces whole files and leaves no temporary file', async () => {
    const key = 'upl_abcd0000000000000000';
    await store.put(key, Buffer.from('one'));
    await store.put(key, Buffer.from('two'));
    expect((await store.get(key))?.toString()).toBe('two');
    expect(fs.readdirSync(path.join(root, 'ab', 'cd'))).toEqual([`${key}.bin`]);
    await store.delete(key);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
  });

  it('accepts upload ids only as keys, so no key can become another path', async () => {
    for (const key of ['../../etc/passwd', 'upl_../../x', 'upl_ABCD0000000000000000', '', 'upl_abc']) {
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/invalid file key/);
    }
  });
});

describe(`uploads service on ${testDbKind}`, () => {
  let app: TestApp;
  let m: UploadsModule;
  let owner: { type: 'merchant'; id: string };
  beforeEach(async () => {
    app = await createTestApp();
    m = createUploadsModule(app.ctx);
    owner = { type: 'merchant', id: (await registerMerchant(app)).id };
  });
  afterEach(async () => {
    const dir = app.ctx.config.dataDir;
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const files = () => createLocalFileStore(path.join(app.ctx.config.dataDir, 'files'));

  it('throws the refusal code with its details and stores nothing', async () => {
    const err = await m.uploads.create(owner, 'id_front', await photo(300, 200)).catch((e) => e);
    expect(isAppError(err, 'image_resolution_too_low')).toBe(true);
    expect(err.details).toEqual({ minShortSide: 600 });
    expect(await app.ctx.db.selectFrom('uploads').select('id').execute()).toEqual([]);
  });

  it('binds each file to its upload id: a file swapped between two uploads does not open', async () => {
    const a = await m.uploads.create(owner, 'id_front', await photo());
    const b = await m.uploads.create(owner, 'id_back', await photo());
    fs.copyFileSync(files().pathOf(a.id), files().pathOf(b.id));
    await expect(m.uploads.readForOwner(owner, b.id)).rejects.toThrow();
    expect((await m.uploads.readForOwner(owner, a.id)).bytes.length).toBe(a.bytes);
  });

  it('lets an operator read any upload, recording upload.viewed in the audit log first', async () => {
    const image = await photo();
    const row = await m.uploads.create(owner, 'business_licence', image);
    const read = await m.uploads.readForOperator(row.id, 'op_reviewer1', {
      ip: '10.0.0.9',
      reason: 'review',
    });
    expect(read.bytes.equals(image)).toBe(true);
    const events = await app.ctx.audit.list({ action: 'upload.viewed' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_type: 'operator',
      actor_id: 'op_reviewer1',
      target_type: 'upload',
      target_id: row.id,
      ip: '10.0.0.9',
    });
    expect(JSON.parse(events[0]!.data)).toEqual({
      purpose: 'business_licence',
      ownerType: 'merchant',
      ownerId: owner.id,
      reason: 'review',
    });
    expect((await app.ctx.audit.verifyChain()).ok).toBe(true);
    await expect(m.uploads.readForOperator('upl_00000000000000000000', 'op_reviewer1')).rejects.toThrow(
      'not_found',
    );
  });

  it('limits uploads per merchant per hour', async () => {
    for (let i = 0; i < 60; i++) await m.uploads.admit(owner);
    const err = await m.uploads.admit(owner).catch((e) => e);
    expect(isAppError(err, 'rate_limited')).toBe(true);
    await m.uploads.admit({ type: 'merchant', id: 'mer_other' });
  });

  it('purges face images past their retention (LIV-4) and keeps documents', async () => {
    const selfie = await m.uploads.create(owner, 'selfie', await photo());
    const idFront = await m.uploads.create(owner, 'id_front', await photo());
    app.clock.advance(8 * DAY);
    const purged = await m.uploads.purge({
      purposes: ['selfie', 'liveness_frame'],
      before: app.clock.now() - 7 * DAY,
    });
    expect(purged).toBe(1);
    expect(await files().get(selfie.id)).toBeNull();
    await expect(m.uploads.readForOwner(owner, selfie.id)).rejects.toThrow('not_found');
    expect((await m.uploads.readForOwner(owner, idFront.id)).row.id).toBe(idFront.id);
  });

  it('re-seals files under the new data key after a rotation', async () => {
    const image = await photo();
    const row = await m.uploads.create(owner, 'id_front', image);
    const before = await files().get(row.id);
    const newKey = await app.ctx.crypto.rotateDataKey();
    expect(await m.uploads.reencryptFiles()).toBe(1);
    expect(await m.uploads.reencryptFiles()).toBe(0);
    const after = (await files().get(row.id))!;
    expect(after.equals(before!)).toBe(false);
    expect(after.subarray(1, 1 + after[0]!).toString()).toBe(newKey);
    expect((await m.uploads.readForOwner(owner, row.id)).bytes.equals(image)).toBe(true);
  });
});
