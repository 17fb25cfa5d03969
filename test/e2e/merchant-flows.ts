import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { makeSandboxIdImage } from '../../src/adapters/kyc/index.js';

/**
 * Merchant steps in the portal shared by the browser tests: registration through the dev outbox,
 * the verification wizard's details and ID photos. Each takes the page it drives.
 */

export const MERCHANT_PASSWORD = 'Kaidian2024Shop';

/** Writes bytes to a file in `dir` for a file chooser; returns its path. */
export async function writeFile(dir: string, name: string, bytes: Buffer | Promise<Buffer>): Promise<string> {
  const p = path.join(dir, name);
  fs.writeFileSync(p, await bytes);
  return p;
}

/** Opens the dev outbox and fills the newest code into the form. */
export async function fillCodeFromOutbox(page: Page) {
  await page.getByTestId('outbox-open').click();
  const fill = page.getByTestId('outbox-fill').first();
  await fill.waitFor({ state: 'visible', timeout: 10_000 });
  await fill.click();
  await page
    .getByTestId('outbox-drawer')
    .waitFor({ state: 'hidden' })
    .catch(() => undefined);
}

/** Registers a personal merchant by phone + SMS code (dev outbox) and lands on the home page. */
export async function registerMerchant(page: Page, phone: string) {
  const byTest = (id: string) => page.getByTestId(id);
  await page.goto('/register');
  await byTest('register-page').waitFor();
  await byTest('phone').fill(phone);
  await expect
    .poll(() => page.locator('.ant-form-item-explain').first().textContent())
    .toContain(phone.slice(0, 3));
  await byTest('next').click();
  await byTest('sms-code').waitFor();
  await fillCodeFromOutbox(page);
  await expect.poll(() => byTest('sms-code').inputValue()).toMatch(/^\d{6}$/);
  await byTest('next').click();
  await byTest('password').fill(MERCHANT_PASSWORD);
  await byTest('password-confirm').fill(MERCHANT_PASSWORD);
  await expect.poll(() => byTest('next').isEnabled()).toBe(true);
  await byTest('next').click();
  await byTest('agreement-open').click();
  await byTest('agreement-accept-drawer').click();
  await byTest('register-submit').click();
  await byTest('go-home').click();
  await byTest('home-page').waitFor();
}

/** Type, details and consent for a personal mainland case with a long-term ID. */
export async function personalDetails(page: Page, who: { name: string; idNumber: string }) {
  const byTest = (id: string) => page.getByTestId(id);
  await byTest('to-verification').click();
  await byTest('verification-type').waitFor();
  await byTest('kind-personal').click();
  await byTest('verification-type-next').click();
  await byTest('verification-details').waitFor();
  await byTest('verification-name').fill(who.name);
  await byTest('verification-id-number').fill(who.idNumber);
  await byTest('verification-valid-until-long-term').click();
  await byTest('verification-consent').click();
}

/** Uploads both sandbox ID photos (the sandbox OCR reads the typed name and number back). */
export async function uploadIdPhotos(
  page: Page,
  dir: string,
  who: { name: string; idNumber: string },
  prefix: string,
) {
  const byTest = (id: string) => page.getByTestId(id);
  const front = await writeFile(
    dir,
    `${prefix}-front.png`,
    makeSandboxIdImage({ name: who.name, idNumber: who.idNumber }),
  );
  const back = await writeFile(dir, `${prefix}-back.png`, makeSandboxIdImage({ validUntil: '长期' }));
  await byTest('slot-id_front-file').setInputFiles(front);
  await byTest('slot-id_front').locator('[data-testid=upload-hints]').waitFor();
  await byTest('slot-id_back-file').setInputFiles(back);
  await byTest('slot-id_back').locator('[data-testid=upload-hints]').waitFor();
  await expect.poll(() => byTest('verification-documents-next').isEnabled()).toBe(true);
}
