import * as OTPAuth from 'otpauth';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

/**
 * The merchant portal's account flows in a real browser against the real server (SPEC §1):
 * register by phone with the dev outbox, sign out, sign in by SMS code, enable TOTP in Security,
 * sign out, sign in with password + TOTP. Then the email-registered account binds a phone, and the
 * TOTP account changes its phone after a step-up with an authenticator code.
 * Phone viewport first (390×844), key screens again at 1280×800.
 */

const PASSWORD = 'Kaidian2024Shop';
const NEW_PASSWORD = 'Storefront7Open';
const randomPhone = (prefix: string) =>
  `${prefix}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const phone = randomPhone('139');
/** The number the email-registered account binds, and the TOTP account's next number. */
const emailAccountPhone = randomPhone('137');
const changedPhone = randomPhone('136');
const masked = (p: string) => `${p.slice(0, 3)}****${p.slice(-4)}`;

let server: Server;
let browser: Browser;
let w: Watched;
let page: Page;

beforeAll(async () => {
  cleanShots('accounts-');
  server = await startServer();
  browser = await launchBrowser();
  w = await openPage(browser, server.url);
  page = w.page;
  page.setDefaultTimeout(15_000);
});

// The steps build on each other: after the first failure, skip the rest instead of timing out in each.
let failed = false;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failed = true;
  await shot(page, `accounts-failure-${ctx.task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
});
beforeEach((ctx) => {
  if (failed) ctx.skip();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const byTest = (id: string) => page.getByTestId(id);

/** antd puts data-* on the checkbox's <input> or its wrapper, depending on the version. */
const isChecked = (id: string) =>
  byTest(id).evaluate(
    (el) => (el instanceof HTMLInputElement ? el : el.querySelector('input'))?.checked ?? false,
  );

async function fillCodeFromOutbox(name: string) {
  await byTest('outbox-open').click();
  const fill = page.getByTestId('outbox-fill').first();
  await fill.waitFor({ state: 'visible', timeout: 10_000 });
  await shot(page, name);
  await fill.click();
  await page
    .getByTestId('outbox-drawer')
    .waitFor({ state: 'hidden' })
    .catch(() => undefined);
}

async function signOut() {
  await byTest('account-menu').click();
  await byTest('sign-out').click();
  await page.waitForURL('**/login');
}

/**
 * Sensitive actions may answer step_up_required: the portal then asks for an SMS code to the
 * merchant's own phone. Passes that modal with the dev outbox if it appears, then waits for `done`.
 */
async function passStepUpIfAsked(done: Locator, name: string) {
  const code = page.getByTestId('step-up-code');
  await Promise.race([done.waitFor(), code.waitFor()]);
  if (!(await code.isVisible())) return false;
  const modal = page.locator('.ant-modal').filter({ has: code });
  await shot(page, `${name}-modal`);
  await modal.getByTestId('sms-send').click();
  await fillCodeFromOutbox(`${name}-outbox`);
  await expect.poll(() => code.inputValue()).toMatch(/^\d{6}$/);
  await byTest('step-up-submit').click();
  await done.waitFor();
  return true;
}

function totpFor(secret: string) {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
}

/** The server takes each TOTP window once: wait for a window after the last one used here. */
let lastTotpStep = 0;
async function freshTotp(secret: string) {
  while (Math.floor(Date.now() / 30_000) <= lastTotpStep) await page.waitForTimeout(500);
  const now = Date.now();
  lastTotpStep = Math.floor(now / 30_000);
  return totpFor(secret).generate({ timestamp: now });
}

/** Types a number into the phone card, waits for the live check, asks for a bind code and fills it. */
async function requestBindCode(number: string, name: string) {
  const card = byTest('phone-card');
  await byTest('bind-phone').fill(number);
  await expect
    .poll(() => card.locator('.ant-form-item-explain').first().textContent())
    .toContain(number.slice(0, 3));
  const send = card.getByTestId('sms-send');
  // The per-phone resend interval is 1 s in this test; the countdown may still run from the last number.
  await expect.poll(() => send.isEnabled()).toBe(true);
  await send.click();
  await byTest('bind-phone-sent').waitFor();
  await fillCodeFromOutbox(name);
  await expect.poll(() => byTest('bind-phone-code').inputValue()).toMatch(/^\d{6}$/);
  return byTest('bind-phone-code').inputValue();
}

describe('merchant portal: accounts', () => {
  let secret = '';
  let enrolledStep = 0;

  it('registers with phone + SMS code using the dev outbox', async () => {
    await page.goto('/register');
    await byTest('register-page').waitFor();
    await shot(page, 'accounts-01-register-phone');

    await byTest('cross-border').click();
    await byTest('phone').fill(phone);
    await expect.poll(() => page.locator('.ant-form-item-explain').first().textContent()).toContain('139');
    await shot(page, 'accounts-02-register-phone-valid');
    await byTest('next').click();

    await byTest('sms-code').waitFor();
    await shot(page, 'accounts-03-register-code');
    await fillCodeFromOutbox('accounts-04-outbox-drawer');
    await expect.poll(() => byTest('sms-code').inputValue()).toMatch(/^\d{6}$/);
    await byTest('next').click();

    await byTest('password').fill('abc123');
    await page.locator('[data-testid=password-rules] li[data-ok=false]').first().waitFor();
    await shot(page, 'accounts-05-register-password-weak');
    await byTest('password').fill(PASSWORD);
    await byTest('password-confirm').fill(`${PASSWORD}x`);
    await expect.poll(() => page.locator('[data-testid=password-rules] li[data-ok=false]').count()).toBe(0);
    await shot(page, 'accounts-06-register-password-mismatch');
    await byTest('password-confirm').fill(PASSWORD);
    await expect.poll(() => byTest('next').isEnabled()).toBe(true);
    await byTest('next').click();

    await byTest('agreement-open').click();
    await byTest('agreement-body').waitFor();
    await shot(page, 'accounts-07-agreement-drawer');
    await byTest('agreement-accept-drawer').click();
    await expect.poll(() => isChecked('agreement-accept')).toBe(true);
    await shot(page, 'accounts-08-register-agreement');
    await byTest('register-submit').click();

    await byTest('go-home').waitFor();
    await shot(page, 'accounts-09-register-done');
    await byTest('go-home').click();
    await byTest('home-page').waitFor();
    await byTest('prompt-bind_email').waitFor();
    await byTest('prompt-enable_totp').waitFor();
    await shot(page, 'accounts-10-home-prompts');
  });

  it('signs out and signs in with an SMS code', async () => {
    await signOut();
    await shot(page, 'accounts-11-login');
    await byTest('tab-sms').click();
    await byTest('sms-login-phone').fill(phone);
    // Registration sent a code moments ago; the per-phone resend interval is 1 s in this test.
    await page.waitForTimeout(1100);
    await byTest('sms-send').click();
    await expect.poll(() => byTest('sms-send').textContent()).toMatch(/\d|重新发送/);
    await fillCodeFromOutbox('accounts-12-login-outbox');
    await expect.poll(() => byTest('sms-login-code').inputValue()).toMatch(/^\d{6}$/);
    await shot(page, 'accounts-13-login-sms');
    await byTest('sms-login-submit').click();
    await byTest('home-page').waitFor();
  });

  it('enables TOTP in Security', async () => {
    await byTest('account-menu').click();
    await page.getByRole('menuitem', { name: /账号安全/ }).click();
    await byTest('security-page').waitFor();
    await byTest('sessions-card').locator('[data-testid=session-row]').first().waitFor();
    await shot(page, 'accounts-14-security');

    await byTest('totp-enable').click();
    await byTest('totp-qr').waitFor();
    secret = ((await byTest('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await shot(page, 'accounts-15-totp-enrol');
    const totp = totpFor(secret);
    enrolledStep = Math.floor(Date.now() / 30_000);
    await byTest('totp-code').fill(totp.generate());
    await byTest('totp-confirm').click();

    await byTest('recovery-codes').waitFor();
    expect(await byTest('recovery-codes').locator('code').count()).toBeGreaterThanOrEqual(8);
    await shot(page, 'accounts-16-recovery-codes');
    await byTest('recovery-saved').click();
    await byTest('recovery-done').click();
    await byTest('totp-disable').waitFor();
    await shot(page, 'accounts-17-security-totp-on');
  });

  it('signs out and signs in with password + TOTP', async () => {
    await signOut();
    await byTest('login-account').fill(phone);
    await byTest('login-password').fill(PASSWORD);
    await byTest('login-submit').click();
    await byTest('mfa-step').waitFor();
    await shot(page, 'accounts-18-mfa');

    // A TOTP code is accepted once: wait for the next 30 s window after the enrolment code.
    while (Math.floor(Date.now() / 30_000) <= enrolledStep) await page.waitForTimeout(500);
    await byTest('mfa-code').fill(totpFor(secret).generate());
    await byTest('mfa-submit').click();
    await byTest('home-page').waitFor();
    expect(await byTest('prompt-enable_totp').count()).toBe(0);
    await shot(page, 'accounts-19-home-after-mfa');
  });

  it('shows server errors in the chosen language (English)', async () => {
    await page.setViewportSize(PHONE_VIEWPORT);
    await signOut();
    await byTest('lang-switch').click();
    await byTest('login-account').fill(phone);
    await byTest('login-password').fill('Wrong-Password-1');
    await byTest('login-submit').click();
    const alert = page.locator('[data-code=invalid_credentials]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/incorrect/i);
    await shot(page, 'accounts-20-login-error-en');
    await byTest('forgot').click();
    await page.getByRole('dialog').waitFor();
    await shot(page, 'accounts-21-forgot-en');
    await page.keyboard.press('Escape');
    await page.goto('/register');
    await byTest('phone').fill('12345678901');
    await byTest('phone').blur();
    await page.locator('.ant-form-item-explain-error').waitFor();
    await shot(page, 'accounts-21b-register-en-invalid-phone');
    await byTest('lang-switch').click();
    await page.goto('/login');
  });

  it('looks right on a desktop viewport', async () => {
    await page.setViewportSize(DESKTOP_VIEWPORT);
    await page.goto('/login');
    await byTest('login-page').waitFor();
    await shot(page, 'accounts-d1-login-desktop');
    await page.goto('/register');
    await byTest('register-page').waitFor();
    await shot(page, 'accounts-d2-register-desktop');

    await page.goto('/login');
    await byTest('login-account').fill(phone);
    await byTest('login-password').fill(PASSWORD);
    await byTest('login-submit').click();
    await byTest('mfa-step').waitFor();
    await byTest('mfa-toggle').click();
    await shot(page, 'accounts-d3-mfa-recovery-desktop');
    await byTest('mfa-toggle').click();
    const step = Math.floor(Date.now() / 30_000);
    // The previous sign-in used this window's code, perhaps: take the next one.
    while (Math.floor(Date.now() / 30_000) <= step) await page.waitForTimeout(500);
    await byTest('mfa-code').fill(totpFor(secret).generate());
    await byTest('mfa-submit').click();
    await byTest('home-page').waitFor();
    await shot(page, 'accounts-d4-home-desktop');
    await page.goto('/security');
    await byTest('security-page').waitFor();
    await byTest('sessions-card').locator('[data-testid=session-row]').first().waitFor();
    await shot(page, 'accounts-d5-security-desktop');
    await byTest('outbox-open').click();
    await page.getByTestId('outbox-message').first().waitFor();
    await shot(page, 'accounts-d6-outbox-desktop');
    await page.keyboard.press('Escape');
  });

  it('binds an email through the link in the dev outbox', async () => {
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.goto('/security');
    await byTest('bind-email').fill(`m${phone}@example.com`);
    await byTest('bind-email-submit').click();
    await passStepUpIfAsked(byTest('email-sent'), 'accounts-22-bind-email-step-up');
    await shot(page, 'accounts-22-bind-email-sent');
    await byTest('outbox-open').click();
    const link = page.getByTestId('outbox-link').first();
    await link.waitFor();
    await shot(page, 'accounts-23-bind-email-outbox');
    await link.click();
    await byTest('verify-email-page').waitFor();
    await page.locator('.ant-result-success').waitFor();
    await shot(page, 'accounts-24-email-verified');
    await page.goto('/');
    await byTest('home-page').waitFor();
    expect(await byTest('prompts').count()).toBe(0);
    await shot(page, 'accounts-25-home-all-set');
  });

  it('changes the password after an SMS step-up', async () => {
    await page.goto('/security');
    await byTest('current-password').fill(PASSWORD);
    await byTest('password').fill(NEW_PASSWORD);
    await byTest('password-confirm').fill(NEW_PASSWORD);
    await expect.poll(() => byTest('password-submit').isEnabled()).toBe(true);
    await byTest('password-submit').click();
    const done = page.locator('.ant-message-success').filter({ hasText: '密码已修改' });
    const asked = await passStepUpIfAsked(done, 'accounts-26-step-up');
    expect(asked).toBe(true);
    await shot(page, 'accounts-27-password-changed');
  });

  it('registers by email and activates through the emailed link', async () => {
    await signOut();
    await page.goto('/register/email');
    await byTest('register-email-page').waitFor();
    await shot(page, 'accounts-28-register-email');
    const email = `e${phone}@example.com`;
    await byTest('email').fill(email);
    await byTest('password').fill(PASSWORD);
    await byTest('password-confirm').fill(PASSWORD);
    await byTest('agreement-accept').click();
    await expect.poll(() => byTest('register-email-submit').isEnabled()).toBe(true);
    await byTest('register-email-submit').click();
    await byTest('register-email-sent').waitFor();
    await shot(page, 'accounts-29-register-email-sent');
    await byTest('outbox-open').click();
    const link = page.getByTestId('outbox-link').first();
    await link.waitFor();
    await link.click();
    await byTest('verify-email-page').waitFor();
    await page.locator('.ant-result-success').waitFor();
    await shot(page, 'accounts-30-email-activated');
    await byTest('home-page').waitFor({ timeout: 10_000 });
    await shot(page, 'accounts-31-home-email-account');
  });

  it('binds a phone to the email-registered account through the dev outbox', async () => {
    await page.goto('/security');
    await byTest('security-page').waitFor();
    expect(await byTest('phone-status').textContent()).toContain('未绑定');
    await byTest('phone-bind-form').waitFor();
    await shot(page, 'accounts-40-security-no-phone');

    // Without a phone or TOTP no step-up is possible: the modal says so and points to binding a phone.
    await byTest('current-password').fill(PASSWORD);
    await byTest('password').fill(NEW_PASSWORD);
    await byTest('password-confirm').fill(NEW_PASSWORD);
    await expect.poll(() => byTest('password-submit').isEnabled()).toBe(true);
    await byTest('password-submit').click();
    await byTest('step-up-no-method').waitFor();
    expect(await byTest('step-up-code').count()).toBe(0);
    expect(await byTest('step-up-totp').count()).toBe(0);
    await shot(page, 'accounts-41-step-up-no-method');
    await byTest('step-up-bind-phone').click();
    await byTest('step-up-no-method').waitFor({ state: 'hidden' });
    await expect.poll(() => page.url()).toContain('/security#phone');

    // A number that belongs to another account: the code is right, the number is refused.
    await requestBindCode(phone, 'accounts-42-bind-phone-outbox');
    await byTest('bind-phone-submit').click();
    await byTest('phone-card').locator('[data-code=phone_taken]').waitFor();
    await shot(page, 'accounts-43-bind-phone-taken');

    // A wrong code first (shows the attempts left), then the right one.
    const code = await requestBindCode(emailAccountPhone, 'accounts-44-bind-phone-outbox-new');
    await byTest('bind-phone-code').fill(code.replace(/\d$/, (d) => String((Number(d) + 1) % 10)));
    await byTest('bind-phone-submit').click();
    await byTest('phone-card').locator('[data-code=sms_code_invalid]').waitFor();
    await shot(page, 'accounts-45-bind-phone-wrong-code');
    await byTest('bind-phone-code').fill(code);
    await byTest('bind-phone-submit').click();
    await page.locator('.ant-message-success').filter({ hasText: '手机号已绑定' }).waitFor();
    await expect.poll(() => byTest('phone-status').textContent()).toContain('已绑定');
    expect(await byTest('phone-current').textContent()).toContain(masked(emailAccountPhone));
    expect(await byTest('phone-bind-form').count()).toBe(0);
    await shot(page, 'accounts-46-phone-bound');

    // Now the pending password change passes step-up by SMS to the new phone (no TOTP: no switch).
    await byTest('password-submit').click();
    const done = page.locator('.ant-message-success').filter({ hasText: '密码已修改' });
    await byTest('step-up-code').waitFor();
    expect(await byTest('step-up-use-totp').count()).toBe(0);
    expect(await passStepUpIfAsked(done, 'accounts-47-email-account-step-up')).toBe(true);
  });

  it('changes the phone of the TOTP account after a step-up with an authenticator code', async () => {
    await signOut();
    await byTest('login-account').fill(phone);
    await byTest('login-password').fill(NEW_PASSWORD);
    await byTest('login-submit').click();
    await byTest('mfa-step').waitFor();
    // Earlier tests may have used the current window.
    lastTotpStep = Math.floor(Date.now() / 30_000);
    await byTest('mfa-code').fill(await freshTotp(secret));
    await byTest('mfa-submit').click();
    await byTest('home-page').waitFor();

    await page.goto('/security');
    await byTest('security-page').waitFor();
    expect(await byTest('phone-current').textContent()).toContain(masked(phone));
    await byTest('phone-change').click();
    await requestBindCode(changedPhone, 'accounts-48-change-phone-outbox');
    await byTest('bind-phone-submit').click();

    // The account has a phone and TOTP: SMS first, with the switch to the authenticator.
    await byTest('step-up-code').waitFor();
    await byTest('step-up-use-totp').waitFor();
    await shot(page, 'accounts-49-step-up-switch');
    await byTest('step-up-use-totp').click();
    await byTest('step-up-totp').waitFor();
    expect(await byTest('step-up-code').count()).toBe(0);
    await shot(page, 'accounts-49b-step-up-totp');

    // A stale code (ten minutes old) is refused with mfa_code_invalid.
    await byTest('step-up-totp').fill(totpFor(secret).generate({ timestamp: Date.now() - 600_000 }));
    await byTest('step-up-submit').click();
    await page.locator('.ant-modal [data-code=mfa_code_invalid]').waitFor();
    await shot(page, 'accounts-49c-step-up-totp-wrong');

    await byTest('step-up-totp').fill(await freshTotp(secret));
    await byTest('step-up-submit').click();
    await page.locator('.ant-message-success').filter({ hasText: '手机号已更换' }).waitFor();
    await expect.poll(() => byTest('phone-current').textContent()).toContain(masked(changedPhone));
    await byTest('step-up-totp').waitFor({ state: 'detached' });
    await shot(page, 'accounts-49d-phone-changed');

    await byTest('lang-switch').click();
    await expect.poll(() => byTest('phone-status').textContent()).toContain('Bound');
    await byTest('phone-change').click();
    await byTest('phone-bind-form').waitFor();
    await shot(page, 'accounts-49e-security-phone-en');
    await byTest('bind-phone-cancel').click();
    await byTest('lang-switch').click();
  });

  it('blocks the portal until a new agreement version is accepted', async () => {
    await server.app.services.agreements.publish({
      version: '2099-01-01-e2e',
      titleZh: '开店商家服务协议（修订版）',
      titleEn: 'Kaidian merchant service agreement (revised)',
      bodyZh: '一、修订说明：技术服务费结算周期调整为 T+5。\n\n二、其余条款不变。',
      bodyEn: '1. What changed: settlement now runs at T+5.\n\n2. Everything else stays the same.',
    });
    await page.goto('/');
    const accept = page.getByRole('button', { name: /同意并继续/ });
    await accept.waitFor();
    expect(await accept.isDisabled()).toBe(true);
    await shot(page, 'accounts-32-agreement-gate');
    await page.getByRole('dialog').getByRole('checkbox').check();
    await accept.click();
    await accept.waitFor({ state: 'hidden' });
    await byTest('home-page').waitFor();
    await shot(page, 'accounts-33-agreement-accepted');
  });

  it('had no page errors and loaded nothing from outside loopback', () => {
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  });
});
