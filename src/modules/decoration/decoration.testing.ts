import sharp from 'sharp';
import { expect } from 'vitest';
import { bearer, registerMerchant } from '../../../test/helpers/accounts.js';
import type { TestApp } from '../../../test/helpers/app.js';
import { prepareCase } from '../../../test/helpers/verification.js';
import { makeValidIdNumber } from '../../adapters/kyc/index.js';

/** Test helpers for decoration and support: a verified merchant with a draft shop, images. */
let seq = 700 + Math.floor(Math.random() * 200);

export async function verifiedMerchant(app: TestApp) {
  const m = await registerMerchant(app);
  const idNumber = makeValidIdNumber(String(seq++));
  const created = await app.inject({
    method: 'POST',
    url: '/v1/verifications',
    headers: bearer(m.token),
    payload: { kind: 'personal', name: '张三', idRegion: 'mainland', idType: 'resident_id', idNumber },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().verification.id as string;
  await prepareCase(app, m.token, id, { name: '张三', idNumber });
  const res = await app.inject({
    method: 'POST',
    url: `/v1/verifications/${id}/submit`,
    headers: bearer(m.token),
  });
  expect(res.json().verification.status).toBe('approved');
  return { ...m, verificationId: id };
}

export async function merchantWithShop(app: TestApp, name: string) {
  const m = await verifiedMerchant(app);
  const tree = (await app.inject({ method: 'GET', url: '/v1/categories' })).json().categories as Array<{
    children: Array<{ id: string }>;
  }>;
  const categoryId = tree.find((c) => c.children.length > 0)!.children[0]!.id;
  const res = await app.inject({
    method: 'POST',
    url: '/v1/shops',
    headers: bearer(m.token),
    payload: { name, categoryId },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { ...m, shopId: res.json().shop.id as string };
}

/** A noisy picture (so it survives the decode checks) of the given size. */
export function picture(width: number, height: number, format: 'png' | 'jpeg' = 'png') {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919) % 251;
  const img = sharp(raw, { raw: { width, height, channels: 3 } }).withMetadata({
    exif: { IFD0: { Copyright: 'secret-exif-marker' } },
  });
  return (format === 'png' ? img.png() : img.jpeg()).toBuffer();
}
