import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/kernel/clock.js';
import { bearer, sendCode } from '../helpers/accounts.js';
import { verifiedMerchant } from '../helpers/verification.js';
import {
  assertWebBuilt,
  cleanShots,
  DESKTOP_VIEWPORT,
  launchBrowser,
  openPage,
  PHONE_VIEWPORT,
  type Server,
  shot,
  type Watched,
} from './harness.js';
import { fillCodeFromOutbox } from './merchant-flows.js';

/**
 * The main-account change in the portal and the console (SPEC §7 MAIN-1..5, docs/ownership.md).
 * Owner A (verified, with a shop set up through the API) signs in with the password, opens
 * /shop/owner, names B by phone, confirms with password + SMS code (dev outbox) and sees the
 * security waiting period counting down. The server's clock then moves past the waiting period
 * (a 1-hour period, the clock injected like the other time-based tests): A sees the acceptance
 * window, B (a second browser) accepts on /transfers with a code to B's own phone; A's session
 * is gone at the next load; B has the shop and the hand-over checklist; an operator sees the
 * completed transfer in the console. Phone viewport first (390×844), the console at 1280×800.
 */

const WAITING_HOURS = 1;
let offset = 0;
const clock: Clock = { now: () => Date.now() + offset };

let server: Server;
let browser: Browser;
let a: Watched;
let b: Watched;
let ops: Watched;
let shopId = '';
let shopName = '';
let owner: { phone: string; password: string; token: string };
let next: { phone: string; password: string; token: string };

/** The harness's server, with the clock injected so the test can pass the waiting period. */
async function startServerWithClock(): Promise<Server> {
  assertWebBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-e2e-'));
  const config = loadConfig({
    ...process.env,
    KAIDIAN_DATA_DIR: dataDir,
    KAIDIAN_MODE: 'development',
    KAIDIAN_LOG_LEVEL: 'silent',
    KAIDIAN_SMS_RESEND_SECONDS: '1',
    KAIDIAN_TRANSFER_WAITING_HOURS: String(WAITING_HOURS),
    PORT: '0',
  });
  const app = await createApp(config, { overrides: { clock } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

beforeAll(async () => {
  cleanShots('ownership-');
  server = await startServerWithClock();
  owner = await verifiedMerchant(server.app, { name: '王店主' });
  next = await verifiedMerchant(server.app, { name: '李接手' });
  shopName = `转让测试店${Math.floor(Math.random() * 9000 + 1000)}`;
  const res = await server.app.inject({
    method: 'POST',
    url: '/v1/shops',
    headers: bearer(owner.token),
    payload: { name: shopName, categoryId: 'cat_apparel_womens' },
  });
  expect(res.statusCode, res.body).toBe(201);
  shopId = res.json().shop.id;
  browser = await launchBrowser();
  a = await openPage(browser, server.url);
  b = await openPage(browser, server.url);
  for (const w of [a, b]) w.page.setDefaultTimeout(15_000);
});

let failed = false;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failed = true;
  const name = ctx.task.name.replace(/\W+/g, '-');
  await shot(a.page, `ownership-failure-a-${name}`).catch(() => undefined);
  await shot(b.page, `ownership-failure-b-${name}`).catch(() => undefined);
  if (ops) await shot(ops.page, `ownership-failure-console-${name}`).catch(() => undefined);
});
beforeEach((ctx) => {
  if (failed) ctx.skip();
});

afterAll(async () => {
  for (const w of [a, b, ops]) {
    if (!w) continue;
    expect(w.problems, w.problems.join('\n')).toEqual([]);
    expect(w.foreign).toEqual([]);
  }
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, who: { phone: string; password: string }) {
  await page.goto('/login');
  await page.getByTestId('login-account').fill(who.phone);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-page').waitFor();
}

const leftSeconds = (page: Page, id: string) =>
  page
    .getByTestId(id)
    .first()
    .getAttribute('data-left-seconds')
    .then((v) => Number(v));

describe('main-account change (MAIN-1..5)', () => {
  it('the owner opens /shop/owner: no transfer, the steps and the windows', async () => {
    const { page } = a;
    await signIn(page, owner);
    await page.goto('/shop/owner');
    await page.getByTestId('owner-page').waitFor();
    await page.getByTestId('owner-step-phone-form').waitFor();
    expect(await page.getByTestId('owner-state').getAttribute('data-status')).toBe('none');
    expect(await page.getByTestId('owner-page').textContent()).toContain(shopName);
    expect(await page.getByTestId('owner-step-confirm').textContent()).toContain('5 分钟');
    await shot(page, 'ownership-01-owner-start');
  });

  it('checks the phone on the device, then asks for the password and an own SMS code', async () => {
    const { page } = a;
    const t = (id: string) => page.getByTestId(id);
    await t('owner-new-phone').fill('1234');
    await t('owner-phone-next').click();
    await expect.poll(() => page.locator('.ant-form-item-explain').first().textContent()).toContain('11 位');
    expect(await t('owner-step-confirm-form').count()).toBe(0);
    await t('owner-new-phone').fill(next.phone);
    await t('owner-phone-next').click();
    await t('owner-step-confirm-form').waitFor();
    expect(await t('owner-confirm-summary').textContent()).toContain(next.phone.slice(7));
    await t('owner-password').fill(owner.password);
    await t('sms-send').click();
    await fillCodeFromOutbox(page);
    await expect.poll(() => t('owner-sms-code').inputValue()).toMatch(/^\d{6}$/);
    await shot(page, 'ownership-02-confirm');
    await t('owner-submit').click();
    await t('owner-waiting').waitFor();
    expect(await t('owner-state').getAttribute('data-status')).toBe('waiting');
    // The waiting period counts down from about an hour, and the acceptance deadline is shown.
    const left = await leftSeconds(page, 'owner-waiting-left');
    expect(left).toBeGreaterThan(WAITING_HOURS * 3600 - 120);
    expect(left).toBeLessThanOrEqual(WAITING_HOURS * 3600);
    await expect.poll(() => leftSeconds(page, 'owner-waiting-left')).toBeLessThan(left);
    expect(await t('steps-waiting-left').count()).toBe(1);
    expect(await t('owner-cancel').isVisible()).toBe(true);
    await shot(page, 'ownership-03-waiting');
    await page.setViewportSize(DESKTOP_VIEWPORT);
    await t('lang-switch').click();
    await expect.poll(() => t('owner-waiting').textContent()).toContain('Security waiting period');
    await shot(page, 'ownership-03b-waiting-desktop-en');
    await t('lang-switch').click();
    await expect.poll(() => t('owner-waiting').textContent()).toContain('安全等待期');
    await page.setViewportSize(PHONE_VIEWPORT);
  });

  it('the new owner sees the offer on the home page; acceptance waits for the period', async () => {
    const { page } = b;
    const t = (id: string) => page.getByTestId(id);
    await signIn(page, next);
    await t('home-incoming-transfers').waitFor();
    await shot(page, 'ownership-04-new-owner-home');
    await t('to-transfers').click();
    const offer = t('incoming-offer');
    await offer.waitFor();
    expect(await offer.getAttribute('data-status')).toBe('waiting');
    expect(await t('incoming-shop').textContent()).toBe(shopName);
    // Masked: the owner's number never shows in full.
    const from = (await t('incoming-from').textContent()) ?? '';
    expect(from).toContain('****');
    expect(from).not.toContain(owner.phone);
    expect(await t('incoming-accept').isDisabled()).toBe(true);
    expect(await leftSeconds(page, 'incoming-waiting-left')).toBeGreaterThan(0);
    await shot(page, 'ownership-05-offer-waiting');
  });

  it('after the waiting period the owner sees the acceptance window', async () => {
    offset += (WAITING_HOURS * 60 + 1) * 60_000;
    const { page } = a;
    await page.reload();
    await page.getByTestId('owner-awaiting').waitFor();
    expect(await page.getByTestId('owner-state').getAttribute('data-status')).toBe('awaiting_acceptance');
    expect(await leftSeconds(page, 'owner-accept-left')).toBeGreaterThan(3600);
    await shot(page, 'ownership-06-awaiting');
  });

  it('the new owner accepts with a code to their own phone', async () => {
    const { page } = b;
    const t = (id: string) => page.getByTestId(id);
    await page.reload();
    const offer = t('incoming-offer');
    await offer.waitFor();
    await expect.poll(() => offer.getAttribute('data-status')).toBe('awaiting_acceptance');
    await offer.getByTestId('sms-send').click();
    await fillCodeFromOutbox(page);
    await expect.poll(() => t('incoming-sms-code').inputValue()).toMatch(/^\d{6}$/);
    await shot(page, 'ownership-07-accept');
    await t('incoming-accept').click();
    await t('incoming-accepted').waitFor();
    expect(await t('incoming-accepted').textContent()).toContain(shopName);
    await shot(page, 'ownership-08-accepted');
  });

  it('the old owner’s session has ended: a reload lands on the sign-in page', async () => {
    const { page } = a;
    await page.reload();
    await page.waitForURL('**/login');
    await page.getByTestId('login-page').waitFor();
    await shot(page, 'ownership-09-old-owner-signed-out');
  });

  it('the new owner has the shop and the hand-over checklist', async () => {
    const { page } = b;
    const t = (id: string) => page.getByTestId(id);
    await t('incoming-to-checklist').click();
    await t('checklist-page').waitFor();
    await t('checklist-item-pending_orders').waitFor();
    expect(await page.locator('[data-testid^="checklist-item-"]').count()).toBe(6);
    expect(await t('checklist-progress').getAttribute('data-done')).toBe('0');
    await t('checklist-toggle-pending_orders').click();
    await expect.poll(() => t('checklist-item-pending_orders').getAttribute('data-done')).toBe('true');
    await t('checklist-toggle-security_settings').click();
    await expect.poll(() => t('checklist-progress').getAttribute('data-done')).toBe('2');
    await shot(page, 'ownership-10-checklist');
    await page.setViewportSize(DESKTOP_VIEWPORT);
    await shot(page, 'ownership-11-checklist-desktop');
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.goto('/');
    await expect.poll(() => t('home-shop-status').textContent()).toContain(shopName);
    expect(await t('home-incoming-transfers').count()).toBe(0);
    // The shop's own page now says it has a completed change (and the cooldown that follows).
    await page.goto('/shop/owner');
    await t('owner-ended').waitFor();
    expect(await t('owner-ended').getAttribute('data-status')).toBe('completed');
    await t('owner-cooldown-shop').waitFor();
    await shot(page, 'ownership-12-new-owner-after');
  });

  it('the console lists the completed transfer with masked phones and its details', async () => {
    ops = await openPage(browser, server.url);
    const { page } = ops;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize(DESKTOP_VIEWPORT);
    await server.app.services.operators.create({
      login: 'owner.admin',
      password: 'Operator2024!x',
      displayName: '转让审核',
      role: 'admin',
    });
    await page.goto('/console/login');
    await page.getByTestId('console-login-name').fill('owner.admin');
    await page.getByTestId('console-login-password').fill('Operator2024!x');
    await page.getByTestId('console-login-submit').click();
    await page.getByTestId('console-layout').waitFor();
    await page.getByTestId('nav-transfers').click();
    await page.getByTestId('transfers-page').waitFor();
    const row = page.locator(`[data-shop-id="${shopId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('completed');
    expect(await row.getByTestId('transfer-from').textContent()).toContain('****');
    expect(await row.getByTestId('transfer-to').textContent()).toContain('****');
    await shot(page, 'ownership-13-console-list');
    await page.getByTestId('transfers-filter-shop').locator('input').fill(shopId);
    await page.getByTestId('transfers-filter-shop').locator('input').press('Enter');
    await page.waitForURL(`**shopId=${shopId}`);
    await row.getByTestId('transfer-row-open').click();
    await page.getByTestId('transfer-drawer').waitFor();
    expect(await page.getByTestId('transfer-drawer-status').getAttribute('data-status')).toBe('completed');
    expect(await page.getByTestId('transfer-drawer-ended-by').textContent()).toBe('新主账号');
    expect(await page.getByTestId('transfer-cancel').count()).toBe(0);
    await shot(page, 'ownership-14-console-drawer');
    await page.keyboard.press('Escape');
    await page.getByTestId('transfer-drawer').waitFor({ state: 'hidden' });
  });

  it('an admin blocks another open transfer with a reason; its owner sees why and the cooldown', async () => {
    // A second shop: owner C asks (through the API) to give it to D.
    const c = await verifiedMerchant(server.app, { name: '赵三' });
    const d = await verifiedMerchant(server.app, { name: '钱四' });
    const made = await server.app.inject({
      method: 'POST',
      url: '/v1/shops',
      headers: bearer(c.token),
      payload: {
        name: `拦截测试店${Math.floor(Math.random() * 9000 + 1000)}`,
        categoryId: 'cat_apparel_womens',
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const otherShop = made.json().shop.id as string;
    // Past the 1-second resend interval of C's registration code.
    await new Promise((r) => setTimeout(r, 1_100));
    const smsCode = await sendCode(server.app, c.phone, 'main_account_change', c.token);
    const asked = await server.app.inject({
      method: 'POST',
      url: `/v1/shops/${otherShop}/transfers`,
      headers: bearer(c.token),
      payload: { newOwnerPhone: d.phone, password: c.password, smsCode },
    });
    expect(asked.statusCode, asked.body).toBe(201);

    const { page } = ops;
    await page.getByTestId('transfers-filter-shop').locator('input').fill(otherShop);
    await page.getByTestId('transfers-filter-shop').locator('input').press('Enter');
    await page.waitForURL(`**shopId=${otherShop}`);
    const row = page.locator(`[data-shop-id="${otherShop}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('waiting');
    expect(await row.getByTestId('transfer-waiting-left').textContent()).toMatch(/剩余/);
    await row.getByTestId('transfer-row-open').click();
    await page.getByTestId('transfer-block').click();
    await page.getByTestId('transfer-end-reason').fill('疑似账号被盗，已电话联系店主核实');
    await shot(page, 'ownership-15-console-block');
    await page.getByTestId('transfer-end-submit').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('blocked');
    await expect
      .poll(() => page.getByTestId('transfer-drawer-reason').textContent())
      .toContain('疑似账号被盗');
    await shot(page, 'ownership-16-console-blocked');

    // C signs in (on A's old browser) and reads what happened and what happens next.
    const ap = a.page;
    await signIn(ap, c);
    await ap.goto('/shop/owner');
    await ap.getByTestId('owner-ended').waitFor();
    expect(await ap.getByTestId('owner-ended').getAttribute('data-status')).toBe('blocked');
    expect(await ap.getByTestId('owner-ended-body').textContent()).toContain('疑似账号被盗');
    await ap.getByTestId('owner-cooldown-shop').waitFor();
    expect(await ap.getByTestId('owner-restart').isDisabled()).toBe(true);
    await shot(ap, 'ownership-17-owner-blocked');
  });
});
