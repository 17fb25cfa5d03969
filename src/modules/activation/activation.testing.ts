import sharp from 'sharp';
import { expect } from 'vitest';
import { bearer, registerMerchant } from '../../../test/helpers/accounts.js';
import type { TestApp } from '../../../test/helpers/app.js';
import { prepareCase, upload } from '../../../test/helpers/verification.js';
import { makeValidIdNumber } from '../../adapters/kyc/index.js';

/** Test helpers for shop progression, qualifications and activation (real app, real database). */

let seq = 700;

export async function operator(
  app: TestApp,
  login: string,
  role: 'reviewer' | 'senior_reviewer' | 'admin' | 'support',
) {
  const password = 'correct-horse-9';
  await app.services.operators.create({ login, role, password });
  const res = await app.inject({
    method: 'POST',
    url: '/v1/operator/sessions',
    payload: { login, password },
  });
  expect(res.statusCode, res.body).toBe(201);
  const row = await app.ctx.db
    .selectFrom('operators')
    .select('id')
    .where('login', '=', login)
    .executeTakeFirstOrThrow();
  return { token: res.json().session.token as string, id: row.id };
}

/** A merchant whose personal case (张三) was auto-approved by the sandbox providers. */
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
  return { ...m, idNumber };
}

/** A verified merchant with a draft shop in `categoryId`. */
export async function merchantWithShop(app: TestApp, categoryId: string) {
  const m = await verifiedMerchant(app);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/shops',
    headers: bearer(m.token),
    payload: { name: `青禾测试${seq++}号店`, categoryId },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { ...m, shopId: res.json().shop.id as string };
}

export const submitShop = (app: TestApp, token: string, shopId: string) =>
  app.inject({ method: 'POST', url: `/v1/shops/${shopId}/submit`, headers: bearer(token) });

export async function shopStatus(app: TestApp, shopId: string): Promise<string | undefined> {
  return (await app.services.shops.find(shopId))?.status;
}

/** A category with no qualification and no deposit (the default tree has none: an admin edits one). */
export async function freeCategory(app: TestApp, id = 'cat_home_decor'): Promise<string> {
  const admin = await operator(app, `admin.${seq++}`, 'admin');
  const node = await app.services.categories.byId(id);
  await app.services.categories.update({ operatorId: admin.id }, id, {
    version: node!.version,
    requirements: { deposit: { amountFen: 0 } },
  });
  return id;
}

/** A licence scan that passes the industry_licence checks (size, sharpness). */
export async function licenceUpload(
  app: TestApp,
  token: string,
  shade = 0,
  purpose = 'industry_licence',
): Promise<string> {
  const width = 1200;
  const height = 900;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = ((x >> 3) + (y >> 3) + shade) % 2 === 0 ? 30 : 225;
      raw.fill(v, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  const bytes = await sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  return upload(app, token, purpose, bytes);
}

/** Newest activation message to a phone or email (the test clock stands still: pick by purpose). */
export async function lastMessage(app: TestApp, to: string) {
  await app.ctx.jobs.drain();
  const res = await app.inject({ method: 'GET', url: `/v1/dev/outbox?to=${encodeURIComponent(to)}` });
  const m = (res.json().messages as Array<{ code: string | null; body: string; purpose: string }>).find((x) =>
    x.purpose.includes('activation'),
  );
  if (!m) throw new Error(`no message for ${to}`);
  const token = /token=(kdact_[A-Za-z0-9_-]+)/.exec(m.body)?.[1] ?? null;
  return { ...m, token };
}
