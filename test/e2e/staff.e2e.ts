import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/accounts.js';
import { verifiedMerchant } from '../helpers/verification.js';
import {
  cleanShots,
  DESKTOP_VIEWPORT,
  launchBrowser,
  openPage,
  PHONE_VIEWPORT,
  type Server,
  shot,
  startServer,
  type Watched,
} from './harness.js';
import { fillCodeFromOutbox } from './merchant-flows.js';

/**
 * Staff sub-accounts in the portal (SPEC §8, LOGIN-1): a verified merchant with a shop (set up
 * through the API) signs in with its password, creates a customer-service sub-account from the 客服
 * template after an SMS step-up (dev outbox); the sub-account signs in through the staff tab in a
 * second browser and sees its permissions; the owner adds a permission and the open sub-account
 * session sees it at its next request; finance and merchant-only pages answer 403 for it; disabling
 * ends its session. Phone viewport first (390×844), key screens again at 1280×800.
 */

const STAFF = '客服小王';
const STAFF_PASSWORD = 'Fuwu2024x';
const CS_PERMS = ['orders.view', 'logistics.view', 'customers.reply', 'products.view'];
const ORDERS = [
  ['MK-20261201-001', 'to_ship', 12_900],
  ['MK-20261201-002', 'completed', 5_990],
] as const;

let server: Server;
let browser: Browser;
let owner: Watched;
let staff: Watched;
let shopId = '';
let merchant: { phone: string; password: string; token: string };

beforeAll(async () => {
  cleanShots('staff-');
  server = await startServer();
  merchant = await verifiedMerchant(server.app);
  const res = await server.app.inject({
    method: 'POST',
    url: '/v1/shops',
    headers: bearer(merchant.token),
    payload: {
      name: `员工测试店${Math.floor(Math.random() * 9000 + 1000)}`,
      categoryId: 'cat_apparel_womens',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  shopId = res.json().shop.id;
  await mirrorOrders();
  browser = await launchBrowser();
  owner = await openPage(browser, server.url);
  staff = await openPage(browser, server.url);
  owner.page.setDefaultTimeout(15_000);
  staff.page.setDefaultTimeout(15_000);
});

/** The marketplace pushes two order summaries over the integrator API (docs/orders.md). */
async function mirrorOrders() {
  const op = await server.app.services.operators.create({
    login: 'market.ops',
    role: 'admin',
    password: 'market-ops-2026',
  });
  const { secret } = await server.app.services.webhooks.apiKeys.create(
    { name: 'marketplace', scopes: ['orders:sync'] },
    op.id,
  );
  for (const [externalId, status, totalFen] of ORDERS) {
    const put = await server.app.inject({
      method: 'PUT',
      url: `/v1/integrations/shops/${shopId}/orders/${externalId}`,
      headers: bearer(secret),
      payload: {
        version: 1,
        status,
        totalFen,
        itemCount: 1,
        buyerLabel: '李**',
        logistics: null,
        placedAt: '2026-12-01T08:00:00.000Z',
      },
    });
    expect(put.statusCode, put.body).toBe(201);
  }
}

let failed = false;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failed = true;
  const name = ctx.task.name.replace(/\W+/g, '-');
  await shot(owner.page, `staff-failure-owner-${name}`).catch(() => undefined);
  await shot(staff.page, `staff-failure-staff-${name}`).catch(() => undefined);
});
beforeEach((ctx) => {
  if (failed) ctx.skip();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const perms = (l: Locator) => l.getAttribute('data-perms').then((v) => (v ?? '').split(' ').filter(Boolean));
const homePerms = (p: Page) =>
  p
    .getByTestId('staff-home')
    .getAttribute('data-permissions')
    .then((v) => (v ?? '').split(' ').filter(Boolean));

/** The step-up modal (SUB-1): an SMS code to the main account's phone, filled from the dev outbox. */
async function passStepUp(page: Page, name: string) {
  const code = page.getByTestId('step-up-code');
  await code.waitFor();
  await shot(page, `${name}-modal`);
  await page.locator('.ant-modal').filter({ has: code }).getByTestId('sms-send').click();
  await fillCodeFromOutbox(page);
  await expect.poll(() => code.inputValue()).toMatch(/^\d{6}$/);
  await page.getByTestId('step-up-submit').click();
  await code.waitFor({ state: 'hidden' });
}

describe('merchant portal: staff sub-accounts', () => {
  it('the owner signs in with the password and opens staff management', async () => {
    const { page } = owner;
    await page.goto('/login');
    await page.getByTestId('login-account').fill(merchant.phone);
    await page.getByTestId('login-password').fill(merchant.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('to-staff').click();
    await page.getByTestId('staff-page').waitFor();
    expect(await page.getByTestId('staff-page').getAttribute('data-shop-id')).toBe(shopId);
    await page.getByTestId('staff-empty').waitFor();
    await shot(page, 'staff-01-empty');
  });

  it('creates a customer-service sub-account from the 客服 template after an SMS step-up', async () => {
    const { page } = owner;
    const t = (id: string) => page.getByTestId(id);
    await t('staff-create').click();
    await t('staff-name').fill(STAFF);
    await t('staff-password').fill(STAFF_PASSWORD);
    await t('staff-password-confirm').fill(`${STAFF_PASSWORD}x`);
    // Live hint: the mismatch shows before anything is sent, and the button waits.
    await expect.poll(() => t('staff-create-submit').isEnabled()).toBe(false);
    await t('staff-password-confirm').fill(STAFF_PASSWORD);
    await t('staff-template-tpl_customer_service').click();
    expect(await t('staff-template-tpl_customer_service').getAttribute('data-checked')).toBe('true');
    // The template's permissions show ticked and locked in the catalog's groups.
    await expect.poll(() => t('staff-effective').locator('[data-perm]').count()).toBe(CS_PERMS.length);
    await shot(page, 'staff-02-create-form');
    await t('staff-create-submit').click();
    await passStepUp(page, 'staff-03-step-up');
    const row = t(`staff-row-${STAFF}`);
    await row.waitFor();
    expect(await t(`staff-roles-${STAFF}`).textContent()).toContain('客服');
    expect((await perms(t(`staff-perms-${STAFF}`))).sort()).toEqual([...CS_PERMS].sort());
    expect(await t(`staff-perms-${STAFF}`).textContent()).toContain('回复客户咨询');
    await shot(page, 'staff-04-list-phone');
    await page.setViewportSize(DESKTOP_VIEWPORT);
    await row.waitFor();
    await shot(page, 'staff-05-list-desktop');
    await page.setViewportSize(PHONE_VIEWPORT);
  });

  it('shows a taken name at the name field', async () => {
    const { page } = owner;
    const t = (id: string) => page.getByTestId(id);
    await t('staff-create').click();
    await t('staff-name').fill(STAFF);
    await t('staff-password').fill(STAFF_PASSWORD);
    await t('staff-password-confirm').fill(STAFF_PASSWORD);
    await t('staff-create-submit').click();
    // The step-up window is still open: the server answers subaccount_name_taken at once.
    const explain = page
      .locator('.ant-form-item')
      .filter({ has: t('staff-name') })
      .locator('.ant-form-item-explain');
    await expect.poll(() => explain.textContent()).toContain('已存在');
    await shot(page, 'staff-06-name-taken');
    await page.keyboard.press('Escape');
    await t('staff-name').waitFor({ state: 'detached' });
  });

  it('the sub-account signs in through the staff tab and sees its permissions', async () => {
    const { page } = staff;
    const t = (id: string) => page.getByTestId(id);
    await page.goto('/login');
    await t('tab-staff').click();
    await t('staff-login-shop').fill(shopId);
    await t('staff-login-name').fill(STAFF);
    await t('staff-login-password').fill(STAFF_PASSWORD);
    await shot(page, 'staff-07-staff-login');
    await t('staff-login-submit').click();
    await t('staff-home').waitFor();
    expect(await t('staff-home-name').textContent()).toBe(STAFF);
    expect(await t('staff-home-shop').textContent()).toContain(shopId);
    expect((await homePerms(page)).sort()).toEqual([...CS_PERMS].sort());
    expect(await t('staff-home-permissions').textContent()).toContain('回复客户咨询');
    // Only what it may use: no staff management, no merchant-only entries.
    expect(await t('staff-tool-staff.manage').count()).toBe(0);
    expect(await t('to-verification').count()).toBe(0);
    expect(await t('to-security').count()).toBe(0);
    await shot(page, 'staff-08-staff-home-phone');
    await page.setViewportSize(DESKTOP_VIEWPORT);
    await shot(page, 'staff-09-staff-home-desktop');
    await page.setViewportSize(PHONE_VIEWPORT);
  });

  it('the sub-account views the shop’s orders', async () => {
    const { page } = staff;
    await page.getByTestId('staff-tool-orders.view').click();
    await page.getByTestId('orders-page').waitFor();
    for (const [externalId] of ORDERS) await page.getByTestId(`order-row-${externalId}`).waitFor();
    await shot(page, 'staff-09b-staff-orders');
    await page.goto('/');
    await page.getByTestId('staff-home').waitFor();
  });

  it('the owner adds a permission; the open sub-account session sees it at its next request', async () => {
    const { page } = owner;
    const t = (id: string) => page.getByTestId(id);
    await t(`staff-configure-${STAFF}`).click();
    await t('staff-configure-drawer').waitFor();
    await t('staff-perm-products.edit').click();
    await shot(page, 'staff-10-configure');
    await t('staff-configure-submit').click();
    await expect.poll(() => perms(t(`staff-perms-${STAFF}`))).toContain('products.edit');

    const sp = staff.page;
    await sp.reload();
    await sp.getByTestId('staff-home').waitFor();
    await expect.poll(() => homePerms(sp)).toContain('products.edit');
    expect(await sp.getByTestId('staff-home-permissions').textContent()).toContain('编辑商品');
    await shot(sp, 'staff-11-staff-home-updated');
  });

  it('finance and merchant-only pages answer 403 for the sub-account', async () => {
    const { page } = staff;
    const res = await page.evaluate(async (id) => {
      const r = await fetch(`/v1/shops/${id}/deposit`, { credentials: 'same-origin' });
      return { status: r.status, body: await r.json() };
    }, shopId);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    for (const path of ['/shop/deposit', '/security', '/verification', '/shop/staff']) {
      await page.goto(path);
      await page.getByTestId('forbidden-page').waitFor();
    }
    await shot(page, 'staff-12-forbidden');
    await page.getByTestId('forbidden-home').click();
    await page.getByTestId('staff-home').waitFor();
  });

  it('disabling the sub-account ends its session at once', async () => {
    const { page } = owner;
    const t = (id: string) => page.getByTestId(id);
    await t(`staff-disable-${STAFF}`).click();
    await t('staff-confirm-ok').click();
    await expect.poll(() => t(`staff-row-${STAFF}`).getAttribute('data-status')).toBe('disabled');
    await shot(page, 'staff-13-disabled');

    const sp = staff.page;
    await sp.reload();
    await sp.waitForURL('**/login');
    await sp.getByTestId('tab-staff').click();
    await sp.getByTestId('staff-login-shop').fill(shopId);
    await sp.getByTestId('staff-login-name').fill(STAFF);
    await sp.getByTestId('staff-login-password').fill(STAFF_PASSWORD);
    await sp.getByTestId('staff-login-submit').click();
    await expect.poll(() => sp.locator('[data-code]').getAttribute('data-code')).toBe('subaccount_disabled');
    await shot(sp, 'staff-14-disabled-sign-in');
  });

  it('deletes the sub-account after a confirmation', async () => {
    const { page } = owner;
    const t = (id: string) => page.getByTestId(id);
    await t(`staff-delete-${STAFF}`).click();
    await t('staff-confirm-ok').click();
    await t(`staff-row-${STAFF}`).waitFor({ state: 'detached' });
    await t('staff-empty').waitFor();
  });

  it('had no page errors and no requests leaving loopback', () => {
    expect(owner.problems).toEqual([]);
    expect(staff.problems).toEqual([]);
    expect(owner.foreign).toEqual([]);
    expect(staff.foreign).toEqual([]);
  });
});
