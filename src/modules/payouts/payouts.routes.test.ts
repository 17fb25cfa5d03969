import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from './bank-card.js';
import { auditLeaks, auth, client, createHarness, type Harness, testDbKind } from './payouts.testing.js';

/**
 * PAY-1 through HTTP on a real database (SQLite, or PostgreSQL with KAIDIAN_TEST_DATABASE_URL), the
 * real service and the accounts module's step-up check; verification, phones and re-verification faked.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ maxAccounts: 4 });
});
afterAll(async () => {
  await h.close();
});

const { card, CARD, local, bind, bankCard, alipay, list, withdraw } = client(() => h);

describe(`payout accounts (PAY-1) on ${testDbKind}`, () => {
  it('binds a bank card after step-up; the number leaves masked only, in responses and audit', async () => {
    const m = h.merchant();
    const res = await bankCard(m, { account: CARD.replace(/(\d{4})/g, '$1 ').trim() });
    expect(res.statusCode, res.body).toBe(201);
    const acc = res.json().payoutAccount;
    expect(acc).toMatchObject({
      kind: 'bank_card',
      accountMasked: `6228 **** **** ${CARD.slice(-4)}`,
      bankName: '中国农业银行',
      cardType: 'debit',
      luhnExempt: false,
      priority: 1,
      isDefault: false,
    });
    expect(res.body).not.toContain(CARD);
    const listed = await h.app.inject({ method: 'GET', url: '/v1/payout-accounts', headers: auth(m.token) });
    expect(listed.body).not.toContain(CARD);
    const rows = await h.ctx.db.selectFrom('payout_accounts').selectAll().where('id', '=', acc.id).execute();
    expect(JSON.stringify(rows)).not.toContain(CARD);
    expect(h.ctx.crypto.decrypt(rows[0]!.number_enc, 'payout_accounts.number')).toBe(CARD);
    const audit = await h.ctx.audit.list({ actorId: m.id });
    expect(audit.map((e) => e.action)).toEqual(['payout_account.bound']);
    expect(JSON.stringify(audit)).not.toContain(CARD.slice(4, 12));
    expect(JSON.stringify(audit)).not.toContain(local(m.phone));
  });

  it('requires a fresh step-up to bind and to unbind', async () => {
    const m = h.merchant();
    const res = await bankCard(m, {}, m.token);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('step_up_required');
    const ok = await bankCard(m);
    const id = ok.json().payoutAccount.id;
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/v1/payout-accounts/${id}`,
      headers: auth(m.token),
    });
    expect(del.json().code).toBe('step_up_required');
    const del2 = await h.app.inject({
      method: 'DELETE',
      url: `/v1/payout-accounts/${id}`,
      headers: auth(m.stepUp),
    });
    expect(del2.statusCode).toBe(204);
    expect(await list(m)).toEqual([]);
  });

  it('refuses a bad Luhn digit, accepts an exempt UnionPay BIN and flags it', async () => {
    const m = h.merchant();
    const bad = `${CARD.slice(0, -1)}${(Number(CARD.at(-1)) + 1) % 10}`;
    const res = await bankCard(m, { account: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'bank_card_invalid', reason: 'luhn' });
    const p = '621700123456789012';
    const exempt = `${p}${(Number(luhnCheckDigit(p)) + 1) % 10}`;
    const ok = await bankCard(m, { account: exempt });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().payoutAccount).toMatchObject({
      luhnExempt: true,
      accountMasked: `6217 **** **** ${exempt.slice(-4)}`,
    });
    expect((await bankCard(m, { account: '12345' })).json()).toMatchObject({
      code: 'bank_card_invalid',
      reason: 'length',
    });
  });

  it('refuses a holder name other than the verified identity (normalised comparison)', async () => {
    const m = h.merchant();
    const res = await bankCard(m, { holderName: '李四' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('payout_holder_mismatch');
    expect((await bankCard(m, { holderName: ' 张　三 ' })).statusCode).toBe(201);
  });

  it('enterprise: the holder must be the company, not the legal representative', async () => {
    const m = h.merchant({
      identity: { kind: 'enterprise', name: '张三', companyName: '杭州开店科技有限公司' },
    });
    expect((await bankCard(m)).json().code).toBe('payout_holder_mismatch');
    expect((await bankCard(m, { holderName: '杭州开店科技有限公司' })).statusCode).toBe(201);
  });

  it('refuses without an approved identity', async () => {
    const m = h.merchant({ identity: null });
    const res = await bankCard(m);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('payout_verification_required');
  });

  it('refuses a reserved phone other than the registered one; WeChat Pay must be that phone', async () => {
    const m = h.merchant();
    const res = await bankCard(m, { reservedPhone: '13900001111' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('payout_phone_mismatch');
    expect((await bankCard(m, { reservedPhone: '12345' })).json().code).toBe('phone_invalid');
    const wx = await bind(m, {
      kind: 'wechat_pay',
      account: '13900001111',
      holderName: '张三',
      reservedPhone: local(m.phone),
    });
    expect(wx.json().code).toBe('payout_phone_mismatch');
    const ok = await bind(m, {
      kind: 'wechat_pay',
      account: m.phone,
      holderName: '张三',
      reservedPhone: m.phone,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().payoutAccount).toMatchObject({
      accountMasked: `${local(m.phone).slice(0, 3)}****${m.phone.slice(-4)}`,
      isDefault: true,
    });
  });

  it('refuses the same number twice for one merchant, not across merchants', async () => {
    const a = h.merchant();
    expect((await bankCard(a)).statusCode).toBe(201);
    const again = await bankCard(a, { account: `${CARD.slice(0, 8)}-${CARD.slice(8)}` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('payout_account_duplicate');
    const b = h.merchant();
    expect((await bankCard(b)).statusCode).toBe(201);
  });

  it('concurrent binds of one number: exactly one wins (unique index), the rest are 409', async () => {
    const m = h.merchant();
    const all = await Promise.all(Array.from({ length: 8 }, () => bankCard(m)));
    expect(all.map((r) => r.statusCode).sort()).toEqual([201, ...Array(7).fill(409)]);
    expect(await list(m)).toHaveLength(1);
  });

  it('limits the number of accounts', async () => {
    const m = h.merchant();
    for (const p of ['622848001234560', '622848001234561', '622848001234562', '622848001234563'])
      expect((await bankCard(m, { account: card(p) })).statusCode).toBe(201);
    const res = await bankCard(m, { account: card('622848001234564') });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'payout_account_limit', max: 4 });
  });
});

describe(`order, default, IDOR (PAY-1) on ${testDbKind}`, () => {
  it('sets the order only from a permutation of the merchant’s own accounts', async () => {
    const m = h.merchant();
    const c = (await bankCard(m)).json().payoutAccount.id as string;
    const a = (await alipay(m)).json().payoutAccount.id as string;
    const e = (await alipay(m, 'zhang.san@example.com')).json().payoutAccount;
    expect(e.accountMasked).toBe('z***@example.com');
    const put = (ids: string[]) =>
      h.app.inject({
        method: 'PUT',
        url: '/v1/payout-accounts/order',
        headers: auth(m.token),
        payload: { ids },
      });
    const ok = await put([e.id, c, a]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().payoutAccounts.map((x: { id: string; priority: number }) => [x.id, x.priority])).toEqual(
      [
        [e.id, 1],
        [c, 2],
        [a, 3],
      ],
    );
    const other = h.merchant();
    const foreign = (await bankCard(other)).json().payoutAccount.id as string;
    for (const ids of [[e.id, c], [e.id, c, a, a], [e.id, c, a, foreign], [e.id, c, foreign], []]) {
      const res = await put(ids);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('payout_order_invalid');
    }
    expect((await list(m)).map((x) => x.id)).toEqual([e.id, c, a]);
    const audit = await h.ctx.audit.list({ actorId: m.id, action: 'payout_account.reordered' });
    expect(audit).toHaveLength(1);
  });

  it('the first Alipay/WeChat account becomes default; default must be Alipay or WeChat Pay', async () => {
    const m = h.merchant();
    const c = (await bankCard(m)).json().payoutAccount;
    expect(c.isDefault).toBe(false);
    const a = (await alipay(m)).json().payoutAccount;
    expect(a.isDefault).toBe(true);
    const e = (await alipay(m, 'z@example.com')).json().payoutAccount;
    expect(e.isDefault).toBe(false);
    const setDefault = (id: string, token = m.token) =>
      h.app.inject({ method: 'POST', url: `/v1/payout-accounts/${id}/default`, headers: auth(token) });
    const bad = await setDefault(c.id);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('payout_default_kind_invalid');
    const ok = await setDefault(e.id);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().payoutAccount.isDefault).toBe(true);
    expect((await list(m)).filter((x) => x.isDefault).map((x) => x.id)).toEqual([e.id]);
    // Unbinding the default promotes the next Alipay/WeChat account in priority order.
    await h.app.inject({ method: 'DELETE', url: `/v1/payout-accounts/${e.id}`, headers: auth(m.stepUp) });
    expect((await list(m)).filter((x) => x.isDefault).map((x) => x.id)).toEqual([a.id]);
  });

  it("another merchant's account id is a 404 everywhere", async () => {
    const owner = h.merchant();
    const id = (await bankCard(owner)).json().payoutAccount.id as string;
    const thief = h.merchant();
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/v1/payout-accounts/${id}`,
      headers: auth(thief.stepUp),
    });
    expect(del.statusCode).toBe(404);
    const def = await h.app.inject({
      method: 'POST',
      url: `/v1/payout-accounts/${id}/default`,
      headers: auth(thief.token),
    });
    expect(def.statusCode).toBe(404);
    const w = await withdraw(thief, 'k-idor', { payoutAccountId: id, amountFen: 100 });
    expect(w.statusCode).toBe(404);
    expect(await list(owner)).toHaveLength(1);
    expect(await list(thief)).toEqual([]);
  });
});

it('no audit event holds a number, masked or not', async () => {
  expect(await auditLeaks(h)).toEqual([]);
});

it('declares every status it returned', () => {
  expect(h.undeclared).toEqual([]);
});
