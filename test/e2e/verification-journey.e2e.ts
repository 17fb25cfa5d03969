import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeValidIdNumber } from '../../src/adapters/kyc/index.js';
import {
  cleanShots,
  DESKTOP_VIEWPORT,
  launchBrowser,
  openPage,
  PHONE_VIEWPORT,
  ROOT,
  type Server,
  shot,
  startServer,
  type Watched,
} from './harness.js';
import { personalDetails, registerMerchant, uploadIdPhotos } from './merchant-flows.js';

/**
 * Issue 3's acceptance journey, in sandbox mode, two browsers against one server:
 * a merchant (phone viewport) completes personal verification, doing liveness through the photo
 * upload fallback; the case goes to review (sandbox sequence 998: the name does not match the
 * authority); an operator (desktop console) rejects it with a retry reason; the merchant resubmits
 * and the operator approves; a local endpoint receives both decisions as webhooks whose Standard
 * Webhooks signatures verify with the endpoint's secret.
 */

const MERCHANT = {
  phone: `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  name: '赵晓云',
  idNumber: makeValidIdNumber('998', { birthDate: `1988-0${1 + Math.floor(Math.random() * 9)}-12` }),
};
const ADMIN = { login: 'admin.journey', password: 'journey-admin-2026', role: 'admin' as const };
const REVIEWER = { login: 'reviewer.journey', password: 'journey-review-2026', role: 'reviewer' as const };
const FACES = [1, 2, 3].map((i) => path.join(ROOT, `node_modules/@vladmandic/face-api/demo/sample${i}.jpg`));

type Delivery = { headers: Record<string, string>; body: string };
const deliveries: Delivery[] = [];
let receiver: http.Server;
let receiverUrl: string;
let signingSecret: string;

let server: Server;
let browser: Browser;
let merchant: Watched;
let consoleWin: Watched;
let m: Page;
let op: Page;
let tmp: string;
let caseId: string;

async function call(method: string, url: string, token: string, payload?: unknown) {
  const res = await server.app.inject({
    method: method as 'POST',
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
  return { status: res.statusCode, json: res.json() as Record<string, unknown> };
}

async function operatorToken(who: { login: string; password: string }) {
  const payload = { login: who.login, password: who.password };
  const res = await server.app.inject({ method: 'POST', url: '/v1/operator/sessions', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().session.token as string;
}

beforeAll(async () => {
  cleanShots('journey-');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-journey-'));
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      deliveries.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/kaidian`;

  server = await startServer();
  server.app.ctx.jobs.start(200);
  for (const o of [ADMIN, REVIEWER]) await server.app.services.operators.create(o);
  // The integrator's side: an API key (admin) registers the endpoint; its secret signs deliveries.
  const admin = await operatorToken(ADMIN);
  const key = await call('POST', '/v1/admin/api-keys', admin, {
    name: 'marketplace',
    scopes: ['webhooks:manage'],
  });
  expect(key.status).toBe(201);
  const endpoint = await call('POST', '/v1/webhook-endpoints', key.json.secret as string, {
    url: receiverUrl,
    eventTypes: ['verification.approved', 'verification.rejected'],
  });
  expect(endpoint.status, JSON.stringify(endpoint.json)).toBe(201);
  signingSecret = endpoint.json.secret as string;

  browser = await launchBrowser();
  merchant = await openPage(browser, server.url);
  m = merchant.page;
  m.setDefaultTimeout(15_000);
  await m.setViewportSize(PHONE_VIEWPORT);
  consoleWin = await openPage(browser, server.url);
  op = consoleWin.page;
  op.setDefaultTimeout(15_000);
  await op.setViewportSize({ width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const mt = (id: string) => m.getByTestId(id);
const ot = (id: string) => op.getByTestId(id);

/** The operator opens the case from the queue, claims it and waits until the decisions are enabled. */
async function claimInConsole() {
  await op.goto('/console/queue');
  const row = op.locator(`tr[data-case-id="${caseId}"]`);
  await row.waitFor();
  await row.getByTestId('queue-claim').click();
  await op.waitForURL(`**/console/cases/${caseId}`);
  await ot('case-subject').waitFor();
  await expect.poll(() => ot('case-approve').isEnabled()).toBe(true);
}

describe('verification journey: merchant, operator and the marketplace webhook', () => {
  it('the merchant verifies on a phone, liveness through the photo fallback, and waits for review', async () => {
    await registerMerchant(m, MERCHANT.phone);
    await personalDetails(m, MERCHANT);
    await mt('verification-details-next').click();
    await mt('verification-documents').waitFor();
    await uploadIdPhotos(m, tmp, MERCHANT, 'journey');
    await mt('verification-documents-next').click();
    await mt('liveness-start').click();
    await mt('liveness-actions').waitFor();
    await mt('liveness-fallback').click();
    await mt('liveness-files').setInputFiles(FACES);
    await shot(m, 'journey-01-liveness-fallback');
    await mt('liveness-send').click();
    await mt('liveness-passed').waitFor({ timeout: 30_000 });
    await mt('liveness-next').click();
    await mt('verification-submit-button').click();
    await expect
      .poll(() => mt('verification-result').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('pending_review');
    caseId = decodeURIComponent(/\/verification\/([^/?#]+)/.exec(m.url())![1]!);
    await shot(m, 'journey-02-pending-review');
  });

  it('the operator signs in to the console and rejects it with a retry reason', async () => {
    await op.goto('/console/login');
    await ot('console-login-name').fill(REVIEWER.login);
    await ot('console-login-password').fill(REVIEWER.password);
    await ot('console-login-submit').click();
    await op.waitForURL('**/console/queue');
    await claimInConsole();
    await op.locator('[data-testid="case-document-img"]').first().waitFor();
    await shot(op, 'journey-03-console-case');
    await ot('case-reject').click();
    await ot('decision-drawer').waitFor();
    await ot('reason-info_mismatch').click();
    await ot('decision-note').fill('姓名与权威库不一致，请核对后重提');
    await shot(op, 'journey-04-console-reject');
    await ot('decision-submit').click();
    await op.locator('[data-testid="case-status"][data-status="rejected_retry"]').first().waitFor();
  });

  it('the merchant sees the reason, fixes and resubmits', async () => {
    await m.reload();
    await expect.poll(() => mt('verification-result').getAttribute('data-status')).toBe('rejected_retry');
    expect(await m.locator('[data-code=info_mismatch][data-kind=retry]').count()).toBe(1);
    expect(await m.content()).not.toContain('权威库不一致');
    await shot(m, 'journey-05-rejected-retry');
    await mt('verification-fix').click();
    await mt('verification-documents').waitFor();
    await mt('verification-documents-next').click();
    await mt('verification-submit').waitFor();
    await mt('verification-submit-button').click();
    await expect
      .poll(() => mt('verification-result').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('pending_review');
  });

  it('the operator approves the resubmission and the merchant sees it', async () => {
    await claimInConsole();
    await ot('case-approve').click();
    await ot('approve-confirm').click();
    await op.locator('[data-testid="case-status"][data-status="approved"]').first().waitFor();
    await shot(op, 'journey-06-console-approved');
    await m.reload();
    await expect.poll(() => mt('verification-result').getAttribute('data-status')).toBe('approved');
    await shot(m, 'journey-07-approved');
    await m.setViewportSize(DESKTOP_VIEWPORT);
    await shot(m, 'journey-07-approved-desktop');
  });

  it('the marketplace endpoint received both decisions, signed', async () => {
    await expect.poll(() => deliveries.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const wh = new Webhook(signingSecret);
    const events = deliveries.map(
      (d) => wh.verify(d.body, d.headers) as { type: string; data: Record<string, unknown> },
    );
    expect(events.map((e) => [e.type, e.data.status])).toEqual([
      ['verification.rejected', 'rejected_retry'],
      ['verification.approved', 'approved'],
    ]);
    expect(events[0]!.data).toMatchObject({ verificationId: caseId, reasons: ['info_mismatch'] });
    // Ids and codes only: no name, no ID number, no reviewer note.
    const all = deliveries.map((d) => d.body).join('\n');
    for (const secret of [MERCHANT.name, MERCHANT.idNumber, '权威库']) expect(all).not.toContain(secret);
    // A tampered body does not verify.
    const first = deliveries[0]!;
    expect(() => wh.verify(first.body.replace('rejected_retry', 'approved'), first.headers)).toThrow();
  });

  it('met no page errors and made no requests off the machine', () => {
    expect([...merchant.problems, ...consoleWin.problems]).toEqual([]);
    expect([...merchant.foreign, ...consoleWin.foreign]).toEqual([]);
  });
});
