import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import {
  lastMessage,
  licenceUpload,
  merchantWithShop,
  operator,
  shopStatus,
  submitShop,
  verifiedMerchant,
} from '../activation/activation.testing.js';
import { CLAIM_TTL_MS } from './review.service.js';

/**
 * SHOP-3 through the real app: attaching documents per required code, submitting, the operator
 * queue (roles, claim race, claim lapse), decisions with reasons, audited document views, and the
 * shop moving on once everything is approved.
 */
let app: TestApp;
let reviewerA: { token: string; id: string };
let reviewerB: { token: string; id: string };
let support: { token: string; id: string };

beforeAll(async () => {
  app = await createTestApp();
  reviewerA = await operator(app, 'q.reviewer.a', 'reviewer');
  reviewerB = await operator(app, 'q.reviewer.b', 'senior_reviewer');
  support = await operator(app, 'q.support', 'support');
});
afterAll(async () => {
  await app.close();
});

const put = (token: string, shopId: string, code: string, uploadId: string) =>
  app.inject({
    method: 'PUT',
    url: `/v1/shops/${shopId}/qualifications/${code}`,
    headers: bearer(token),
    payload: { uploadId },
  });
const submitQuals = (token: string, shopId: string) =>
  app.inject({ method: 'POST', url: `/v1/shops/${shopId}/qualifications/submit`, headers: bearer(token) });
const claim = (token: string, id: string) =>
  app.inject({ method: 'POST', url: `/v1/review/qualifications/${id}/claim`, headers: bearer(token) });
const decide = (token: string, id: string, payload: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: `/v1/review/qualifications/${id}/decision`,
    headers: bearer(token),
    payload,
  });

async function queueIdFor(shopId: string): Promise<string[]> {
  const res = await app.inject({
    method: 'GET',
    url: '/v1/review/qualifications',
    headers: bearer(reviewerA.token),
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().qualifications as Array<{ id: string; shopId: string }>)
    .filter((q) => q.shopId === shopId)
    .map((q) => q.id);
}

/** A food shop (food_business_licence, deposit ¥5,000) with its licence submitted for review. */
async function submittedFoodShop() {
  const m = await merchantWithShop(app, 'cat_food_fresh');
  expect((await submitShop(app, m.token, m.shopId)).json().shop.status).toBe('pending_qualification');
  const uploadId = await licenceUpload(app, m.token);
  const attached = await put(m.token, m.shopId, 'food_business_licence', uploadId);
  expect(attached.statusCode, attached.body).toBe(200);
  expect(attached.json().qualification).toMatchObject({ status: 'attached', uploadId });
  const sub = await submitQuals(m.token, m.shopId);
  expect(sub.statusCode, sub.body).toBe(200);
  expect(sub.json().qualifications[0].status).toBe('pending_review');
  const [id] = await queueIdFor(m.shopId);
  return { ...m, uploadId, qid: id! };
}

describe(`qualifications, merchant side (SHOP-3) on ${testDbKind}`, () => {
  it('lists required codes, refuses codes the category does not require, missing documents and other shops', async () => {
    const m = await merchantWithShop(app, 'cat_food_drinks');
    const list = await app.inject({
      method: 'GET',
      url: `/v1/shops/${m.shopId}/qualifications`,
      headers: bearer(m.token),
    });
    expect(
      list.json().qualifications.map((q: { code: string; status: string }) => [q.code, q.status]),
    ).toEqual([
      ['food_business_licence', 'missing'],
      ['alcohol_distribution_filing', 'missing'],
    ]);
    const uploadId = await licenceUpload(app, m.token);
    const bad = await put(m.token, m.shopId, 'ccc_certificate', uploadId);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('qualification_not_required');
    expect((await put(m.token, m.shopId, 'food_business_licence', uploadId)).statusCode).toBe(200);

    // Submitting the documents needs the shop submitted, then every code attached.
    expect((await submitQuals(m.token, m.shopId)).json().code).toBe('qualifications_not_open');
    expect((await submitShop(app, m.token, m.shopId)).json().shop.status).toBe('pending_qualification');
    const missing = await submitQuals(m.token, m.shopId);
    expect(missing.statusCode).toBe(409);
    expect(missing.json()).toMatchObject({
      code: 'qualifications_missing',
      missing: ['alcohol_distribution_filing'],
    });

    const other = await verifiedMerchant(app);
    const foreign = await licenceUpload(app, other.token);
    expect((await put(other.token, m.shopId, 'alcohol_distribution_filing', foreign)).statusCode).toBe(404);
    // Someone else's upload on one's own shop is not found either.
    expect((await put(m.token, m.shopId, 'alcohol_distribution_filing', foreign)).statusCode).toBe(404);
    // The upload must be made for an industry licence, and not be in use elsewhere.
    const wrongPurpose = await licenceUpload(app, m.token, 2, 'business_licence');
    const mismatch = await put(m.token, m.shopId, 'alcohol_distribution_filing', wrongPurpose);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().code).toBe('upload_purpose_mismatch');
    const reused = await put(m.token, m.shopId, 'alcohol_distribution_filing', uploadId);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('upload_attached');
  });
});

describe(`qualification review (SHOP-3) on ${testDbKind}`, () => {
  it('carries a food shop through review, deposit and activation to its home page', async () => {
    const m = await submittedFoodShop();
    expect((await claim(reviewerA.token, m.qid)).statusCode).toBe(200);
    expect((await decide(reviewerA.token, m.qid, { decision: 'approve' })).statusCode).toBe(200);
    expect(await shopStatus(app, m.shopId)).toBe('pending_deposit');
    const home = async () =>
      (
        await app.inject({ method: 'GET', url: `/v1/shops/${m.shopId}/home`, headers: bearer(m.token) })
      ).json();
    expect((await home()).tasks.map((t: { code: string }) => t.code)).toContain('deposit_unpaid');

    const pay = await app.inject({
      method: 'POST',
      url: `/v1/shops/${m.shopId}/deposit/payments`,
      headers: { ...bearer(m.token), 'idempotency-key': `pay-${m.shopId}` },
      payload: {},
    });
    expect(pay.statusCode, pay.body).toBe(201);
    await app.inject({
      method: 'POST',
      url: `/v1/deposit/sandbox/payments/${pay.json().payment.id}/confirm`,
      headers: bearer(m.token),
    });
    await app.ctx.jobs.drain();
    expect(await shopStatus(app, m.shopId)).toBe('ready_to_activate');
    expect((await home()).tasks.map((t: { code: string }) => t.code)).toContain('activate');

    const sent = await app.inject({
      method: 'POST',
      url: `/v1/shops/${m.shopId}/activation/send`,
      headers: bearer(m.token),
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const sms = await lastMessage(app, m.phone);
    const ok = await app.inject({
      method: 'POST',
      url: `/v1/shops/${m.shopId}/activation/confirm`,
      headers: bearer(m.token),
      payload: { code: sms.code },
    });
    expect(ok.json()).toMatchObject({ alreadyActive: false, shop: { status: 'active' } });
    const figures = (await home()).figures;
    expect(figures).toMatchObject({
      depositStatus: 'paid',
      depositHeldFen: 500_000,
      qualificationsRequired: 1,
      qualificationsApproved: 1,
    });
  });

  it('lets support read but not claim or decide; reviewers race for a claim and exactly one wins', async () => {
    const m = await submittedFoodShop();
    const queue = await app.inject({
      method: 'GET',
      url: '/v1/review/qualifications',
      headers: bearer(support.token),
    });
    expect(queue.statusCode).toBe(200);
    expect((await claim(support.token, m.qid)).statusCode).toBe(403);
    const merchantTry = await app.inject({
      method: 'GET',
      url: '/v1/review/qualifications',
      headers: bearer(m.token),
    });
    expect(merchantTry.statusCode).toBe(403);

    const [a, b] = await Promise.all([claim(reviewerA.token, m.qid), claim(reviewerB.token, m.qid)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? reviewerA : reviewerB;
    const loser = winner === reviewerA ? reviewerB : reviewerA;
    expect((a.statusCode === 200 ? b : a).json().code).toBe('qualification_claimed');
    const notMine = await decide(loser.token, m.qid, { decision: 'approve' });
    expect(notMine.json().code).toBe('qualification_not_claimed');

    // The claim lapses after 30 minutes; then the other reviewer can take it.
    app.clock.advance(CLAIM_TTL_MS + 1000);
    expect((await claim(loser.token, m.qid)).statusCode).toBe(200);
    expect((await decide(winner.token, m.qid, { decision: 'approve' })).json().code).toBe(
      'qualification_not_claimed',
    );
  });

  it('rejects with a reason (message to the merchant, note kept internal), then approves the new document', async () => {
    const m = await submittedFoodShop();
    expect((await claim(reviewerA.token, m.qid)).statusCode).toBe(200);
    const noReason = await decide(reviewerA.token, m.qid, { decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('qualification_reason_invalid');
    const rejected = await decide(reviewerA.token, m.qid, {
      decision: 'reject',
      reason: 'document_unclear',
      note: 'seal unreadable',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().qualification.status).toBe('rejected');
    expect(await shopStatus(app, m.shopId)).toBe('pending_qualification');

    const mine = await app.inject({
      method: 'GET',
      url: `/v1/shops/${m.shopId}/qualifications`,
      headers: { ...bearer(m.token), 'accept-language': 'en' },
    });
    const item = mine.json().qualifications[0];
    expect(item.status).toBe('rejected');
    expect(item.reason.code).toBe('document_unclear');
    expect(JSON.stringify(mine.json())).not.toContain('seal unreadable');
    await app.ctx.jobs.drain();
    const outbox = await app.inject({ method: 'GET', url: `/v1/dev/outbox?to=${m.phone}` });
    const notice = (outbox.json().messages as Array<{ purpose: string; body: string }>).find(
      (x) => x.purpose === 'notice',
    );
    expect(notice?.body).toContain('未通过审核');
    expect(notice?.body).not.toContain('seal unreadable');
    expect(await app.services.qualifications.qualificationsApproved(m.shopId)).toBe(false);

    // Replace, resubmit, approve: the shop moves on to its deposit.
    const next = await licenceUpload(app, m.token, 1);
    expect((await put(m.token, m.shopId, 'food_business_licence', next)).statusCode).toBe(200);
    expect((await submitQuals(m.token, m.shopId)).statusCode).toBe(200);
    expect((await put(m.token, m.shopId, 'food_business_licence', next)).json().code).toBe(
      'qualification_locked',
    );
    expect((await claim(reviewerB.token, m.qid)).statusCode).toBe(200);

    const detail = await app.inject({
      method: 'GET',
      url: `/v1/review/qualifications/${m.qid}`,
      headers: bearer(reviewerB.token),
    });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().qualification.uploadId).toBe(next);
    expect(detail.json().history.map((h: { event: string }) => h.event)).toEqual([
      'attach',
      'submit',
      'reject',
      'attach',
      'submit',
    ]);
    expect(detail.json().history[2].note).toBe('seal unreadable');
    const content = await app.inject({
      method: 'GET',
      url: `/v1/review/qualifications/${m.qid}/document/content`,
      headers: bearer(support.token),
    });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/jpeg');
    const views = await app.ctx.audit.list({ targetId: next });
    expect(views.map((v) => [v.action, v.actor_id])).toEqual([['upload.viewed', support.id]]);

    const approved = await decide(reviewerB.token, m.qid, { decision: 'approve' });
    expect(approved.json().qualification.status).toBe('approved');
    expect(await shopStatus(app, m.shopId)).toBe('pending_deposit');
    expect(await app.services.qualifications.qualificationsApproved(m.shopId)).toBe(true);
    const again = await decide(reviewerB.token, m.qid, { decision: 'approve' });
    expect(again.json().code).toBe('qualification_state_conflict');
    const audit = await app.ctx.audit.list({ targetId: m.qid });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'qualification.claimed',
        'qualification.viewed',
        'qualification.rejected',
        'qualification.approved',
      ]),
    );
  });
});
