import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeSandboxIdImage, makeValidIdNumber, makeValidUscc } from '../../src/adapters/kyc/index.js';
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

let legalRep: { name: string; idNumber: string };
let overdueId: string;

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

  it('met no page errors and made no requests off the machine', () => {
    expect(w.problems).toEqual([]);
    expect(w.foreign).toEqual([]);
  });
});
