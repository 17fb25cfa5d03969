import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

/** Shared setup of the browser tests: the real server in-process on a temp data dir, and chromium. */

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const SHOTS = path.join(ROOT, 'test-results');
export const PHONE_VIEWPORT = { width: 390, height: 844 };
export const DESKTOP_VIEWPORT = { width: 1280, height: 800 };

export function assertWebBuilt(): void {
  const index = path.join(ROOT, 'web', 'dist', 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      `web/dist is missing (${index}). Build the web app first: npx vite build --config web/vite.config.ts`,
    );
  }
}

export type Server = { url: string; app: App; close: () => Promise<void> };

export async function startServer(extraEnv: Record<string, string> = {}): Promise<Server> {
  assertWebBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-e2e-'));
  const config = loadConfig({
    ...process.env,
    KAIDIAN_DATA_DIR: dataDir,
    KAIDIAN_MODE: 'development',
    KAIDIAN_LOG_LEVEL: 'silent',
    KAIDIAN_SMS_RESEND_SECONDS: process.env.KAIDIAN_SMS_RESEND_SECONDS ?? '1',
    PORT: '0',
    ...extraEnv,
  });
  const app = await createApp(config);
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

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`chromium not found at ${executablePath}: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export type Watched = { page: Page; context: BrowserContext; problems: string[]; foreign: string[] };

/** A page that records uncaught errors, console errors and any request leaving loopback. */
export async function openPage(browser: Browser, baseURL: string): Promise<Watched> {
  const context = await browser.newContext({
    baseURL,
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: 1,
    isMobile: false,
    hasTouch: false,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // 4xx answers the app handles (401 on /v1/me before sign-in, 404 outbox probe…) are logged by chromium.
    if (
      m.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())
    ) {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (
      !['127.0.0.1', 'localhost'].includes(u.hostname) &&
      u.protocol !== 'data:' &&
      u.protocol !== 'blob:'
    ) {
      foreign.push(r.url());
    }
  });
  return { page, context, problems, foreign };
}

/** Removes the screenshots of an earlier run (those starting with `prefix`). */
export function cleanShots(prefix: string): void {
  if (!fs.existsSync(SHOTS)) return;
  for (const f of fs.readdirSync(SHOTS))
    if (f.startsWith(prefix) && f.endsWith('.png')) fs.rmSync(path.join(SHOTS, f));
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  // Let antd finish its transitions (drawers, modals, messages) before the picture.
  await page.waitForTimeout(350);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
