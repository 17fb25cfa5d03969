import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { multipart } from '../../../test/helpers/verification.js';
import { merchantWithShop, picture } from './decoration.testing.js';

/** Key rotation re-seals decoration images and ticket screenshots; both stay readable. */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

async function post(url: string, token: string, bytes: Buffer) {
  const body = multipart([{ name: 'file', bytes }]);
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { ...bearer(token), ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe(`file re-encryption after key rotation on ${testDbKind}`, () => {
  it('re-seals each file once and keeps it readable', async () => {
    const m = await merchantWithShop(app, '轮换测试店');
    const image = (await post(`/v1/shops/${m.shopId}/decoration/images`, m.token, await picture(800, 400)))
      .image;
    const shot = (await post('/v1/support/attachments', m.token, await picture(300, 600))).attachment;
    await app.ctx.crypto.rotateDataKey();
    expect(await app.services.decoration.images.reencryptFiles()).toBe(1);
    expect(await app.services.support.attachments.reencryptFiles()).toBe(1);
    expect(await app.services.decoration.images.reencryptFiles()).toBe(0);
    const img = await app.inject({ method: 'GET', url: image.url, headers: bearer(m.token) });
    expect(img.statusCode).toBe(200);
    const att = await app.inject({
      method: 'GET',
      url: `/v1/support/attachments/${shot.id}`,
      headers: bearer(m.token),
    });
    expect(att.statusCode).toBe(200);
  });
});
