import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idNumberCheckChar, usccCheckChar } from '../../src/modules/verification/validators/index.js';
import { bearer, registerMerchant } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';

/** A valid resident ID number: Beijing Xicheng, born 1990-01-01, the given 3-digit sequence. */
function idNumber(seq: number): string {
  const body = `11010219900101${String(seq).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

function uscc(n: number): string {
  // 91 + region 110000 + organisation code (8 chars + its check char) — built with the validator's own helper.
  const org8 = String(10000000 + n).slice(0, 8);
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...org8].reduce((acc, c, i) => acc + Number(c) * weights[i]!, 0);
  const c9 = 11 - (sum % 11);
  const orgCheck = c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
  const body = `91110000${org8}${orgCheck}`;
  return body + usccCheckChar(body);
}

describe(`real-name verification cases on ${testDbKind}`, () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const create = (token: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/verifications', headers: bearer(token), payload });
  const personal = (id: string, name = '张三') => ({
    kind: 'personal',
    name,
    idRegion: 'mainland',
    idType: 'resident_id',
    idNumber: id,
  });
  const caseCount = async () =>
    (await app.ctx.db.selectFrom('verification_cases').select('id').execute()).length;

  it('creates a personal case in draft, readable by its merchant only, with the subject sealed', async () => {
    const m = await registerMerchant(app);
    const res = await create(m.token, personal(idNumber(11)));
    expect(res.statusCode).toBe(201);
    const v = res.json().verification;
    expect(v).toMatchObject({ kind: 'personal', status: 'draft', reasons: [] });
    expect(v.id).toMatch(/^vcase_/);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/verifications/${v.id}`, headers: bearer(m.token) })).json()
        .verification.id,
    ).toBe(v.id);
    const other = await registerMerchant(app);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/verifications/${v.id}`, headers: bearer(other.token) }))
        .statusCode,
    ).toBe(404);
    const row = await app.ctx.db.selectFrom('verification_cases').selectAll().executeTakeFirstOrThrow();
    expect(row.subject_enc).not.toContain(idNumber(11));
    expect(row.subject_enc).not.toContain('张三');
  });

  it('KYC-1: a bad number is refused before anything is stored; 15-digit numbers are refused', async () => {
    const m = await registerMerchant(app);
    const good = idNumber(13);
    const bad = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const res = await create(m.token, personal(bad));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'id_number_invalid', title: '请输入正确的身份证件号码' });
    const old = await create(m.token, personal('110102900101123'));
    expect(old.json()).toMatchObject({ code: 'id_number_invalid', reason: 'first_generation' });
    expect(await caseCount()).toBe(0);
  });

  it('KYC-2: a bad USCC → uscc_invalid; a valid enterprise case claims the USCC', async () => {
    const m = await registerMerchant(app, { accountType: 'enterprise' });
    const code = uscc(1234);
    const bad = await create(m.token, {
      kind: 'enterprise',
      companyName: '开店科技有限公司',
      uscc: `${code.slice(0, 17)}I`,
      legalRepresentative: { name: '李四', idNumber: idNumber(21) },
    });
    expect(bad.json().code).toBe('uscc_invalid');
    const ok = await create(m.token, {
      kind: 'enterprise',
      companyName: '开店科技有限公司',
      uscc: code.toLowerCase(),
      legalRepresentative: { name: '李四', idNumber: idNumber(21) },
    });
    expect(ok.statusCode).toBe(201);
    const other = await registerMerchant(app, { accountType: 'enterprise' });
    const dup = await create(other.token, {
      kind: 'enterprise',
      companyName: '别的公司',
      uscc: code,
      legalRepresentative: { name: '王五', idNumber: idNumber(23) },
    });
    expect(dup.json().code).toBe('identity_already_bound');
  });

  it('KYC-5: merchants racing for one ID number — exactly one wins', async () => {
    const merchants = await Promise.all(Array.from({ length: 8 }, () => registerMerchant(app)));
    const id = idNumber(31);
    // The same number typed differently (lower-case x is accepted and stored as X).
    const variants = [id, id.toLowerCase(), ` ${id} `];
    const results = await Promise.all(
      merchants.map((m, i) => create(m.token, personal(variants[i % variants.length]!))),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(
      results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'identity_already_bound'),
    ).toBe(true);
    const holding = await app.ctx.db
      .selectFrom('verification_cases')
      .select('id')
      .where('holds_identity', '=', 1)
      .execute();
    expect(holding).toHaveLength(1);
  });

  it('KYC-5: a withdrawn case releases its identity; a merchant holds one case at a time', async () => {
    const a = await registerMerchant(app);
    const b = await registerMerchant(app);
    const id = idNumber(41);
    const first = (await create(a.token, personal(id))).json().verification;
    expect((await create(a.token, personal(idNumber(43)))).json().code).toBe('verification_in_progress');
    expect((await create(b.token, personal(id))).json().code).toBe('identity_already_bound');
    const withdrawn = await app.inject({
      method: 'POST',
      url: `/v1/verifications/${first.id}/withdraw`,
      headers: bearer(a.token),
    });
    expect(withdrawn.json().verification.status).toBe('withdrawn');
    expect((await create(b.token, personal(id))).statusCode).toBe(201);
    // Withdrawing twice is a state conflict, not a 500.
    const again = await app.inject({
      method: 'POST',
      url: `/v1/verifications/${first.id}/withdraw`,
      headers: bearer(a.token),
    });
    expect(again.json().code).toBe('verification_state_conflict');
  });
});
