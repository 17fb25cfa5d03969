import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeSandboxIdImage, makeValidIdNumber, makeValidUscc } from '../../src/adapters/kyc/index.js';
import { seedDemo } from '../../src/cli/seed-demo.js';
import {
  cleanShots,
  launchBrowser,
  openPage,
  type Server,
  shot,
  startServer,
  type Watched,
} from './harness.js';

/**
 * The operations console (SPEC §2, KYC-8..10) in a real browser against the real server, at the
 * reviewers' desktop size: an operator signs in, finds an enterprise case in the queue, claims it,
 * opens it, rejects it for retry with an internal note; the merchant resubmits through the API; the
 * operator approves it; the dashboard draws its charts. Screenshots at 1440×900 in test-results/.
 */

const CONSOLE_VIEWPORT = { width: 1440, height: 900 };
const OPERATOR = { login: 'reviewer.wang', password: 'review-desk-2026', displayName: '王审核' };
const PASSWORD = 'Kaidian2024Shop';
const NOTE = '营业执照公章模糊，已电话告知商家重新扫描';
/** Upload purpose of each document slot (src/modules/verification/documents.ts). */
const SLOT_PURPOSE: Record<string, string> = {
  id_front: 'id_front',
  id_back: 'id_back',
  id_holding: 'id_holding',
  business_licence: 'business_licence',
  industry_licence: 'industry_licence',
  legal_rep_id_front: 'id_front',
  legal_rep_id_back: 'id_back',
};

let server: Server;
let browser: Browser;
let w: Watched;
let page: Page;
let caseId: string;
let merchantToken: string;

type Json = Record<string, unknown>;
async function call(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Json) : {} };
}

async function registerMerchant(): Promise<string> {
  const phone = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  expect((await call('POST', '/v1/sms-codes', { phone, purpose: 'register' })).status).toBe(202);
  const outbox = await call('GET', `/v1/dev/outbox?to=${encodeURIComponent(phone)}`);
  const smsCode = (outbox.json.messages as Array<{ code: string }>)[0]!.code;
  const agreement = await call('GET', '/v1/agreements/current');
  const reg = await call('POST', '/v1/registrations', {
    accountType: 'enterprise',
    phone,
    smsCode,
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    agreementVersion: agreement.json.version,
  });
  expect(reg.status, JSON.stringify(reg.json)).toBe(201);
  return (reg.json.session as { token: string }).token;
}

/** Attaches sandbox images to the slots a submission reports missing (when the server asks for documents). */
async function attachMissing(
  token: string,
  id: string,
  missing: string[],
  legalRep: { name: string; idNumber: string },
) {
  for (const slot of missing) {
    const image = await makeSandboxIdImage({ ...legalRep, validUntil: '2099-12-31' });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(image)], { type: 'image/png' }), `${slot}.png`);
    const up = await fetch(`${server.url}/v1/uploads?purpose=${SLOT_PURPOSE[slot] ?? slot}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const upload = (await up.json()) as { upload?: { id: string } };
    expect(up.status, JSON.stringify(upload)).toBe(201);
    const put = await call(
      'PUT',
      `/v1/verifications/${id}/documents/${slot}`,
      { uploadId: upload.upload!.id },
      token,
    );
    expect(put.status, JSON.stringify(put.json)).toBe(200);
  }
}

/** Submits (or resubmits) a case; attaches documents first when the server says they are missing. */
async function submit(
  token: string,
  id: string,
  legalRep: { name: string; idNumber: string },
): Promise<string> {
  let res = await call('POST', `/v1/verifications/${id}/submit`, undefined, token);
  if (res.json.code === 'documents_missing') {
    await attachMissing(token, id, res.json.missing as string[], legalRep);
    res = await call('POST', `/v1/verifications/${id}/submit`, undefined, token);
  }
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return (res.json.verification as { status: string }).status;
}

/** An enterprise merchant with a case waiting for review (enterprises always go to a reviewer). */
async function seedEnterpriseCase(seq: string, companyName: string, crossBorder: boolean) {
  const token = await registerMerchant();
  const legalRep = { name: '陈立', idNumber: makeValidIdNumber(seq) };
  const created = await call(
    'POST',
    '/v1/verifications',
    {
      kind: 'enterprise',
      companyName,
      uscc: makeValidUscc('', { fill: `5${seq}1234` }),
      legalRepresentative: legalRep,
      crossBorder,
    },
    token,
  );
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const id = (created.json.verification as { id: string }).id;
  expect(await submit(token, id, legalRep)).toBe('pending_review');
  return { token, id, legalRep };
}

/** A licence-like JPEG (checkerboard, sharp enough for the upload checks). */
async function licenceImage(): Promise<Buffer> {
  const width = 1200;
  const height = 900;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      raw.fill(((x >> 3) + (y >> 3)) % 2 === 0 ? 30 : 225, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function uploadFile(token: string, url: string, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'licence.jpg');
  const res = await fetch(`${server.url}${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const json = (await res.json()) as { upload?: { id: string }; attachment?: { id: string } };
  expect(res.status, JSON.stringify(json)).toBe(201);
  return (json.upload ?? json.attachment)!.id;
}

/**
 * SHOP-3 and ACT-3 data through the API: a verified demo merchant opens a fresh-food shop (food
 * business licence, ¥5,000 deposit), submits the licence for review and opens an activation ticket
 * with a screenshot.
 */
async function seedShopWithQualificationAndTicket() {
  const demo = await seedDemo(server.app.ctx);
  const verified = demo.merchants.find((m) => m.stage === 'verified')!;
  const session = await call('POST', '/v1/sessions', { phone: verified.phone, password: verified.password });
  const token = (session.json.session as { token: string }).token;
  const shop = await call(
    'POST',
    '/v1/shops',
    { name: '青禾生鲜旗舰店', categoryId: 'cat_food_fresh' },
    token,
  );
  expect(shop.status, JSON.stringify(shop.json)).toBe(201);
  const shopId = (shop.json.shop as { id: string }).id;
  expect((await call('POST', `/v1/shops/${shopId}/submit`, undefined, token)).status).toBe(200);
  const uploadId = await uploadFile(token, '/v1/uploads?purpose=industry_licence', await licenceImage());
  const put = await call(
    'PUT',
    `/v1/shops/${shopId}/qualifications/food_business_licence`,
    { uploadId },
    token,
  );
  expect(put.status, JSON.stringify(put.json)).toBe(200);
  expect((await call('POST', `/v1/shops/${shopId}/qualifications/submit`, undefined, token)).status).toBe(
    200,
  );
  const screenshotId = await uploadFile(token, '/v1/support/attachments', await licenceImage());
  const ticket = await call(
    'POST',
    '/v1/support/tickets',
    {
      type: 'activation',
      subject: '激活短信收不到',
      body: '点击激活后一直没收到短信验证码，请帮忙看看。',
      shopId,
      device: { userAgent: 'Mozilla/5.0 (iPhone)', platform: 'iOS 17.4', screen: '390x844@3' },
      screenshotUploadIds: [screenshotId],
    },
    token,
  );
  expect(ticket.status, JSON.stringify(ticket.json)).toBe(201);
  const withShop = demo.merchants.find((m) => m.stage === 'with_shop')!;
  return {
    token,
    shopId,
    ticketId: (ticket.json.ticket as { id: string }).id,
    admin: demo.operator,
    activeShop: { phone: withShop.phone, password: withShop.password, shopId: withShop.shopId! },
  };
}

let legalRep: { name: string; idNumber: string };
let overdueId: string;
let shopSeed: Awaited<ReturnType<typeof seedShopWithQualificationAndTicket>>;

beforeAll(async () => {
  cleanShots('console-');
  server = await startServer();
  await server.app.services.operators.create({ ...OPERATOR, role: 'reviewer' });
  const main = await seedEnterpriseCase('123', '杭州青禾贸易有限公司', false);
  caseId = main.id;
  merchantToken = main.token;
  legalRep = main.legalRep;
  const overdue = await seedEnterpriseCase('125', '深圳远帆跨境电商有限公司', true);
  overdueId = overdue.id;
  // Seeded past its SLA (the server's clock is real here): the queue must show it overdue, in red.
  await server.app.ctx.db
    .updateTable('verification_cases')
    .set({ sla_due_at: Date.now() - 20 * 60_000 })
    .where('id', '=', overdueId)
    .execute();
  browser = await launchBrowser();
  w = await openPage(browser, server.url);
  page = w.page;
  await page.setViewportSize(CONSOLE_VIEWPORT);
  page.setDefaultTimeout(15_000);
});

let failed = false;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failed = true;
  await shot(page, `console-failure-${ctx.task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
});
beforeEach((ctx) => {
  if (failed) ctx.skip();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const byTest = (id: string) => page.getByTestId(id);
/** A second reviewer's token, through the API. */
async function reviewerToken(): Promise<string> {
  const login = 'reviewer.two';
  await server.app.services.operators.create({ login, role: 'reviewer', password: OPERATOR.password });
  const res = await call('POST', '/v1/operator/sessions', { login, password: OPERATOR.password });
  return (res.json.session as { token: string }).token;
}
const caseRow = () => page.locator(`tr[data-case-id="${caseId}"]`);

describe('operations console', () => {
  it('sends a signed-out visitor to the sign-in page and shows a wrong password as a problem', async () => {
    await page.goto('/console/queue');
    await page.waitForURL('**/console/login?next=*');
    await byTest('console-login-name').fill(OPERATOR.login);
    await byTest('console-login-password').fill('not-the-password');
    await byTest('console-login-submit').click();
    const alert = page.locator('[role="alert"][data-code="invalid_credentials"]');
    await alert.waitFor();
    await shot(page, 'console-01-login-error');
  });

  it('holds the sign-in button while a login is throttled', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (await call('POST', '/v1/operator/sessions', { login: 'intruder.x', password: 'guess-guess-1' }))
          .status,
      ).toBe(401);
    await byTest('console-login-name').fill('intruder.x');
    await byTest('console-login-password').fill('guess-guess-2');
    await byTest('console-login-submit').click();
    const alert = page.locator('[role="alert"][data-code="login_throttled"]');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toMatch(/登录尝试过于频繁，请 \d+ 秒后再试/);
    expect(await byTest('console-login-submit').isDisabled()).toBe(true);
    await shot(page, 'console-01b-login-throttled');
  });

  it('signs in and lists the case in the queue with its SLA countdown', async () => {
    await byTest('console-login-name').fill(OPERATOR.login);
    await byTest('console-login-password').fill(OPERATOR.password);
    await byTest('console-login-submit').click();
    await page.waitForURL('**/console/queue');
    await caseRow().waitFor();
    await expect(byTest('console-operator').innerText()).resolves.toContain(OPERATOR.displayName);
    await expect(caseRow().innerText()).resolves.toContain('企业');
    await expect(caseRow().getByTestId('queue-sla').innerText()).resolves.toMatch(/剩余/);
    expect(await page.locator('tr[data-case-id]').count()).toBe(2);
    // Soonest due first: the overdue cross-border case leads, its countdown red.
    expect(await page.locator('tr[data-case-id]').first().getAttribute('data-case-id')).toBe(overdueId);
    const overdueSla = page.locator(`tr[data-case-id="${overdueId}"] [data-testid="queue-sla"]`);
    expect(await overdueSla.getAttribute('data-breached')).toBe('true');
    await expect(overdueSla.innerText()).resolves.toMatch(/已超时/);
    await shot(page, 'console-02-queue');
  });

  it('filters the queue by cross-border', async () => {
    await byTest('filter-cross').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '仅跨境' }).click();
    await page.waitForURL('**/console/queue?cross=yes');
    await expect.poll(() => page.locator('tr[data-case-id]').count()).toBe(1);
    expect(await caseRow().count()).toBe(0);
    await byTest('filter-cross').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '全部' }).click();
    await caseRow().waitFor();
  });

  it('claims the case and opens its details', async () => {
    await caseRow().getByTestId('queue-claim').click();
    await page.waitForURL(`**/console/cases/${caseId}`);
    await byTest('case-subject').waitFor();
    await expect(byTest('case-subject').innerText()).resolves.toContain('杭州青禾贸易有限公司');
    await expect(byTest('case-claimed-by').innerText()).resolves.toContain('我');
    expect(await page.locator('[data-testid="case-check"]').count()).toBeGreaterThan(0);
    expect(await byTest('case-approve').isEnabled()).toBe(true);
    // Documents, when the case has them, load through the audited content route.
    const docs = page.locator('[data-testid="case-document-img"]');
    const hasDocuments = (await page.locator('[data-testid="case-document"]').count()) > 0;
    if (hasDocuments) await docs.first().waitFor();
    await shot(page, 'console-03-case');
    if (hasDocuments) {
      // A thumbnail opens the full-size image.
      await page.locator('[data-testid="case-document"] .ant-image').first().click();
      await page.locator('.ant-image-preview img').first().waitFor();
      await shot(page, 'console-03b-document-preview');
      await page.keyboard.press('Escape');
      await page.locator('.ant-image-preview').first().waitFor({ state: 'hidden' });
    }
  });

  it('rejects for retry with a reason from the catalog and an internal note', async () => {
    await byTest('case-reject').click();
    await byTest('decision-drawer').waitFor();
    await byTest('reasons-final').waitFor();
    await byTest('reason-licence_unclear').click();
    await byTest('decision-retry-info').waitFor();
    await expect(byTest('decision-preview').innerText()).resolves.toContain('营业执照不清晰');
    await byTest('decision-note').fill(NOTE);
    await shot(page, 'console-04-reject-drawer');
    await byTest('decision-submit').click();
    await page.locator('[data-testid="case-status"][data-status="rejected_retry"]').first().waitFor();
    await expect(byTest('history-note').first().innerText()).resolves.toContain(NOTE);
    expect(await byTest('case-approve').isDisabled()).toBe(true);
    await shot(page, 'console-05-rejected');
  });

  it('approves the resubmitted case after claiming it on the case page', async () => {
    expect(await submit(merchantToken, caseId, legalRep)).toBe('pending_review');
    await byTest('case-refresh').click();
    await page.locator('[data-testid="case-status"][data-status="pending_review"]').first().waitFor();
    expect(await byTest('case-approve').isDisabled()).toBe(true);
    await byTest('case-claim').click();
    await expect.poll(() => byTest('case-approve').isEnabled()).toBe(true);
    await byTest('case-approve').click();
    await byTest('approve-confirm').click();
    await page.locator('[data-testid="case-status"][data-status="approved"]').first().waitFor();
    await shot(page, 'console-06-approved');
    const merchantView = await call('GET', `/v1/verifications/${caseId}`, undefined, merchantToken);
    expect((merchantView.json.verification as { status: string }).status).toBe('approved');
    expect(JSON.stringify(merchantView.json)).not.toContain(NOTE);
  });

  it('draws the dashboard charts with their numbers', async () => {
    await byTest('nav-dashboard').click();
    await page.waitForURL('**/console/dashboard');
    await page.locator('[data-testid="chart-funnel"] canvas').waitFor();
    await page.locator('[data-testid="chart-sla"] canvas').waitFor();
    await expect(byTest('funnel-table').innerText()).resolves.toContain('人工通过');
    await expect(byTest('stat-open').innerText()).resolves.toContain('1');
    await expect(byTest('stat-breaching').innerText()).resolves.toContain('1');
    await shot(page, 'console-07-dashboard');
  });

  it('escalates a claimed case to senior reviewers with an internal note (KYC-10)', async () => {
    await page.goto(`${server.url}/console/cases/${overdueId}`);
    await byTest('case-claim').click();
    await expect.poll(() => byTest('case-escalate').isEnabled()).toBe(true);
    await byTest('case-escalate').click();
    await byTest('escalate-note').fill('跨境备案信息需高级审核员确认');
    await page.locator('[data-testid="escalate-modal"] .ant-btn-primary').click();
    await byTest('tag-escalated').first().waitFor();
    await shot(page, 'console-07b-escalated');
    const res = await call('POST', `/v1/review/cases/${overdueId}/claim`, undefined, await reviewerToken());
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('case_escalated');
  });

  it('reviews a shop qualification: claim, document, reject with a reason, shop and category shown', async () => {
    const seeded = await seedShopWithQualificationAndTicket();
    shopSeed = seeded;
    await byTest('nav-qualifications').click();
    await page.waitForURL('**/console/qualifications');
    const row = page.locator('[data-testid^="qual-queue-row-"]').filter({ hasText: seeded.shopId });
    await row.waitFor();
    await row.getByTestId('qual-row-open').click();
    await byTest('qual-drawer').waitFor();
    await expect(byTest('qual-shop-name').innerText()).resolves.toBe('青禾生鲜旗舰店');
    await expect(byTest('qual-category').innerText()).resolves.toContain('生鲜');
    await page.locator('[data-testid="qual-document"][data-loaded="true"]').waitFor();
    expect(await byTest('qual-decision').count()).toBe(0);
    await byTest('qual-claim').click();
    await byTest('qual-reject').click();
    await byTest('qual-decision-submit').click();
    // No reason yet: the form says so and nothing is sent.
    await page.getByText('驳回时必须选择原因').waitFor();
    await byTest('qual-reason').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '资质图片不清晰' }).click();
    await byTest('qual-note').fill('公章模糊');
    await shot(page, 'console-09-qualification-reject');
    await byTest('qual-decision-submit').click();
    await page
      .locator('[data-testid="qual-drawer"] [data-testid="qual-status"][data-status="rejected"]')
      .waitFor();
    await byTest('qual-decided').waitFor();
    await expect(byTest('qual-history').innerText()).resolves.toContain('公章模糊');
    const merchantView = await call(
      'GET',
      `/v1/shops/${seeded.shopId}/qualifications`,
      undefined,
      seeded.token,
    );
    const item = (
      merchantView.json.qualifications as Array<{ status: string; reason: { code: string } }>
    )[0]!;
    expect(item).toMatchObject({ status: 'rejected', reason: { code: 'document_unclear' } });
    expect(JSON.stringify(merchantView.json)).not.toContain('公章模糊');
    await page.keyboard.press('Escape');
    await byTest('qual-drawer').waitFor({ state: 'hidden' });
  });

  it('answers and resolves a support ticket with its screenshot', async () => {
    const { ticketId } = shopSeed;
    await byTest('nav-tickets').click();
    await page.waitForURL('**/console/tickets');
    await byTest(`ticket-row-${ticketId}`).waitFor();
    await byTest(`ticket-row-${ticketId}`).getByTestId('ticket-row-open').click();
    await byTest('ticket-drawer').waitFor();
    await page.locator('[data-testid="ticket-attachment"][data-loaded="true"]').waitFor();
    await expect(byTest('ticket-device').innerText()).resolves.toContain('iOS 17.4');
    await byTest('ticket-reply-input').fill('短信通道已恢复，请重新发送激活码。');
    await byTest('ticket-reply-submit').click();
    await page.locator('[data-testid="ticket-message"][data-author="operator"]').waitFor();
    await page
      .locator('[data-testid="ticket-drawer"] [data-testid="ticket-status"][data-status="answered"]')
      .waitFor();
    await shot(page, 'console-10-ticket-answered');
    await byTest('ticket-resolve').click();
    await page
      .locator('[data-testid="ticket-drawer"] [data-testid="ticket-status"][data-status="resolved"]')
      .waitFor();
    await byTest('ticket-no-reply').waitFor();
    const merchantView = await call('GET', `/v1/support/tickets/${ticketId}`, undefined, shopSeed.token);
    expect((merchantView.json.ticket as { status: string }).status).toBe('resolved');
    await page.keyboard.press('Escape');
    await byTest('ticket-drawer').waitFor({ state: 'hidden' });
  });

  it('shows the shop deposit ledger from its id, in yuan', async () => {
    await byTest('nav-deposits').click();
    await page.waitForURL('**/console/shops/deposit');
    await byTest('deposit-empty').waitFor();
    await byTest('deposit-shop-input').locator('input').fill(shopSeed.shopId);
    await byTest('deposit-shop-input').locator('input').press('Enter');
    await byTest('deposit-summary').waitFor();
    await expect(byTest('deposit-required').innerText()).resolves.toContain('¥5,000.00');
    await expect(byTest('deposit-held').innerText()).resolves.toContain('¥0.00');
    // A reviewer neither deducts nor refunds: the buttons say so instead of failing later.
    expect(await byTest('deduction-create').isDisabled()).toBe(true);
    expect(await byTest('deposit-refund').isDisabled()).toBe(true);
    await shot(page, 'console-11-deposit');
  });

  it('speaks English on request and signs out', async () => {
    await byTest('lang-switch').click();
    await byTest('nav-queue').click();
    await page.waitForURL('**/console/queue');
    await page.getByText('Review queue').first().waitFor();
    await shot(page, 'console-08-queue-en');
    await byTest('lang-switch').click();
    await byTest('console-sign-out').click();
    await page.waitForURL('**/console/login');
    const me = await page.evaluate(() => fetch('/v1/me').then((r) => r.status));
    expect(me).toBe(401);
  });

  it('lets an admin find an active shop, restrict it with a reason, then lift it (issue 4)', async () => {
    const { admin, activeShop } = shopSeed;
    const { shopId } = activeShop;
    const MESSAGE = '请在 7 天内提交该批商品的进货凭证';
    const INTERNAL = '买家投诉 3 起，见工单';
    const merchant = await call('POST', '/v1/sessions', {
      phone: activeShop.phone,
      password: activeShop.password,
    });
    const merchantShopToken = (merchant.json.session as { token: string }).token;
    const merchantShop = async () =>
      (await call('GET', `/v1/shops/${shopId}`, undefined, merchantShopToken)).json.shop as Json;

    await page.goto('/console/login');
    await byTest('console-login-name').fill(admin.login);
    await byTest('console-login-password').fill(admin.password);
    await byTest('console-login-submit').click();
    await page.waitForURL('**/console/queue');
    await byTest('nav-shops').click();
    await page.waitForURL('**/console/shops');
    await byTest('shops-list-page').waitFor();
    // Every shop first (the fresh-food shop too), then the search by the owner's phone finds one.
    await byTest(`shop-row-${shopSeed.shopId}`).waitFor();
    await byTest('shops-search').locator('input').fill(activeShop.phone);
    await byTest('shops-search').locator('input').press('Enter');
    await page.waitForURL('**/console/shops?q=*');
    await expect.poll(() => page.locator('tr[data-shop-id]').count()).toBe(1);
    const row = byTest(`shop-row-${shopId}`);
    await row.locator('[data-testid="shop-status"][data-status="active"]').waitFor();
    await shot(page, 'console-12-shops-list');

    await row.getByTestId('shop-row-open').click();
    await byTest('shop-drawer').waitFor();
    await page.locator('[data-testid="shop-drawer-status"][data-status="active"]').waitFor();
    await page.locator('[data-testid="shop-event"][data-event="activate"]').waitFor();
    // An admin may also suspend and close an active shop; nothing to lift or reinstate yet.
    await byTest('shop-action-suspend').waitFor();
    await byTest('shop-action-close').waitFor();
    expect(await byTest('shop-action-lift').count()).toBe(0);
    expect(await byTest('shop-action-reinstate').count()).toBe(0);

    await byTest('shop-action-restrict').click();
    await byTest('shop-action-form').waitFor();
    // No reason yet: the form says so and nothing is sent.
    await byTest('shop-action-submit').click();
    await page.getByText('请选择原因').waitFor();
    await byTest('shop-action-reason').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '涉嫌售假' }).click();
    // Only new listings are blocked: withdrawals stay open.
    await byTest('shop-action-effect-withdrawals_frozen').click();
    await byTest('shop-action-message').fill(MESSAGE);
    await byTest('shop-action-note').fill(INTERNAL);
    await shot(page, 'console-13-shop-restrict-form');
    await byTest('shop-action-submit').click();
    await page.locator('[data-testid="shop-drawer-status"][data-status="restricted"]').waitFor();
    const hold = page.locator('[data-testid="shop-hold"][data-source="operator"]');
    await expect(hold.getByTestId('shop-hold-reasons').innerText()).resolves.toContain('涉嫌售假');
    await expect(hold.innerText()).resolves.toContain(MESSAGE);
    expect(await hold.locator('[data-testid="shop-effect"]').count()).toBe(1);
    await page.locator('[data-testid="shop-event"][data-event="restrict"]').waitFor();
    await shot(page, 'console-14-shop-restricted');
    expect(await merchantShop()).toMatchObject({
      status: 'restricted',
      restriction: { reasons: ['counterfeit'], effects: ['no_new_listings'] },
    });
    expect(JSON.stringify(await merchantShop())).not.toContain(INTERNAL);

    await byTest('shop-action-lift').click();
    await byTest('shop-action-form').waitFor();
    await byTest('shop-action-submit').click();
    await page.locator('[data-testid="shop-drawer-status"][data-status="active"]').waitFor();
    await byTest('shop-no-restriction').waitFor();
    await page.locator('[data-testid="shop-event"][data-event="lift_restriction"]').waitFor();
    expect(await merchantShop()).toMatchObject({ status: 'active', restriction: null });
    await page.locator('[data-testid="shop-drawer"] .ant-drawer-close').click();
    await byTest('shop-drawer').waitFor({ state: 'hidden' });
    await row.locator('[data-testid="shop-status"][data-status="active"]').waitFor();
  });

  it('met no page errors and made no requests off the machine', () => {
    expect(w.problems).toEqual([]);
    expect(w.foreign).toEqual([]);
  });
});
