import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/kernel/clock.js';
import { agreementVersion, totpCode } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';

import { type FakeOidcProvider, followToProvider, startFakeOidc } from '../helpers/fake-oidc.js';

/**
 * Third-party sign-in (REG-2) end to end: the app's routes against a fake OpenID provider on
 * 127.0.0.1. The browser is played by hand: app.inject for the app (carrying the cookies it sets),
 * fetch for the provider.
 */
const PUBLIC_URL = 'http://kaidian.test';
const REDIRECT_URI = `${PUBLIC_URL}/v1/oidc/callback`;
const CLIENT_ID = 'kaidian-portal';
// Characters that must be form-encoded in client_secret_basic (RFC 6749 §2.3.1).
const CLIENT_SECRET = 'oidc s3cret: with spaces & symbols';

type InjectCookie = { name: string; value: string; path?: string; httpOnly?: boolean; sameSite?: string };

const cookieOf = (res: { cookies: InjectCookie[] }, name: string) => res.cookies.find((c) => c.name === name);

function oidcEnv(issuer: string): Record<string, string> {
  return {
    KAIDIAN_PUBLIC_URL: PUBLIC_URL,
    KAIDIAN_OIDC_ISSUER: issuer,
    KAIDIAN_OIDC_CLIENT_ID: CLIENT_ID,
    KAIDIAN_OIDC_CLIENT_SECRET: CLIENT_SECRET,
    KAIDIAN_OIDC_NAME: 'WeChat',
  };
}

/** GET /v1/oidc/authorize: the redirect to the provider and the sealed flow cookie. */
async function startFlow(app: TestApp) {
  const res = await app.inject({ method: 'GET', url: '/v1/oidc/authorize' });
  expect(res.statusCode, res.body).toBe(302);
  const flow = cookieOf(res, 'kd_oidc');
  expect(flow?.value).toBeTruthy();
  return { res, location: String(res.headers.location), flowCookie: flow?.value ?? '' };
}

/** The provider's redirect back, delivered to the app with (or without) the flow cookie. */
function callback(app: TestApp, back: URL | string, flowCookie?: string) {
  const url = typeof back === 'string' ? back : `${back.pathname}${back.search}`;
  return app.inject({
    method: 'GET',
    url,
    ...(flowCookie !== undefined ? { cookies: { kd_oidc: flowCookie } } : {}),
  });
}

/** A whole sign-in: authorize → provider → callback. */
async function signInThroughProvider(app: TestApp) {
  const { location, flowCookie } = await startFlow(app);
  const back = await followToProvider(location);
  const res = await callback(app, back, flowCookie);
  return { res, session: cookieOf(res, 'kd_session')?.value };
}

async function me(app: TestApp, sessionToken: string) {
  const res = await app.inject({ method: 'GET', url: '/v1/me', cookies: { kd_session: sessionToken } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

function expectFailed(res: {
  statusCode: number;
  headers: Record<string, unknown>;
  cookies: InjectCookie[];
}) {
  expect(res.statusCode).toBe(302);
  expect(res.headers.location).toBe('/login?oidc=failed');
  expect(cookieOf(res, 'kd_session')).toBeUndefined();
}

describe(`third-party sign-in (OIDC) on ${testDbKind}`, () => {
  let op: FakeOidcProvider;
  let app: TestApp;
  let seq = 0;

  beforeAll(async () => {
    op = await startFakeOidc({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI });
  });
  afterAll(async () => {
    await op.close();
  });
  beforeEach(async () => {
    op.user = { sub: `wx-openid-${++seq}-${randomBytes(3).toString('hex')}`, name: '张三' };
    op.tokenRequests = [];
    app = await createTestApp({ env: oidcEnv(op.issuer) });
  });
  afterEach(async () => {
    await app?.close();
  });

  it('GET /v1/oidc/config says it is enabled, with the display name', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/oidc/config' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ enabled: true, name: 'WeChat' });
  });

  it('authorize redirects to the provider with PKCE, state and nonce, and seals the flow in a cookie on /v1/oidc', async () => {
    const { location, res } = await startFlow(app);
    const url = new URL(location);
    expect(`${url.origin}${url.pathname}`).toBe(`${op.issuer}/authorize`);
    const q = url.searchParams;
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('scope')?.split(' ')).toContain('openid');
    expect(q.get('code_challenge_method')).toBe('S256');
    const state = q.get('state') ?? '';
    const nonce = q.get('nonce') ?? '';
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect(nonce.length).toBeGreaterThanOrEqual(32);

    const flow = cookieOf(res, 'kd_oidc');
    expect(flow).toMatchObject({ path: '/v1/oidc', httpOnly: true, sameSite: 'Lax', maxAge: 600 });
    // Sealed: neither the state, the nonce nor the verifier can be read from it.
    expect(flow?.value).not.toContain(state);
    expect(flow?.value).not.toContain(nonce);
    expect(Buffer.from(flow?.value ?? '', 'base64').toString('latin1')).not.toContain(state);
    // Nothing is created before the provider answers.
    expect(op.tokenRequests).toEqual([]);
  });

  it('REG-2 + AGR-1: the first sign-in creates a personal merchant that must accept the agreement', async () => {
    const { location, flowCookie } = await startFlow(app);
    const back = await followToProvider(location);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);

    const res = await callback(app, back, flowCookie);
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/');
    const session = cookieOf(res, 'kd_session');
    expect(session).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
    // The flow cookie is spent.
    const cleared = cookieOf(res, 'kd_oidc');
    expect(cleared?.value ?? '').toBe('');
    expect(op.tokenRequests).toEqual([{ status: 200 }]);

    const first = await me(app, session?.value ?? '');
    expect(first.type).toBe('merchant');
    expect(first.merchant).toMatchObject({
      accountType: 'personal',
      crossBorder: false,
      phone: null,
      email: null,
      status: 'active',
      hasPassword: false,
      totpEnabled: false,
    });
    expect(first.merchant.id).toMatch(/^mer_/);
    expect(first.agreementRequired).toBe(true);

    const events = await app.ctx.audit.list({ action: 'merchant.registered', targetId: first.merchant.id });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.data ?? '{}')).toMatchObject({ method: 'oidc', issuer: op.issuer });

    const accept = await app.inject({
      method: 'POST',
      url: '/v1/me/agreements',
      cookies: { kd_session: session?.value ?? '' },
      payload: { version: await agreementVersion(app) },
    });
    expect(accept.statusCode, accept.body).toBe(204);
    expect((await me(app, session?.value ?? '')).agreementRequired).toBe(false);
  });

  it('a second sign-in with the same subject signs into the same merchant; another subject gets another one', async () => {
    const a = await signInThroughProvider(app);
    const b = await signInThroughProvider(app);
    expect(a.res.headers.location).toBe('/');
    expect(b.res.headers.location).toBe('/');
    expect(a.session).toBeTruthy();
    expect(b.session).toBeTruthy();
    expect(b.session).not.toBe(a.session);
    const first = await me(app, a.session ?? '');
    const second = await me(app, b.session ?? '');
    expect(second.merchant.id).toBe(first.merchant.id);
    expect(second.session.id).not.toBe(first.session.id);
    expect(await app.ctx.audit.list({ action: 'merchant.registered' })).toHaveLength(1);

    op.user = { sub: `${op.user.sub}-other` };
    const c = await signInThroughProvider(app);
    expect((await me(app, c.session ?? '')).merchant.id).not.toBe(first.merchant.id);
  });

  it('LOGIN-1: a merchant with TOTP is sent to the second step, not signed in', async () => {
    const { session } = await signInThroughProvider(app);
    const token = session ?? '';
    const enrol = await app.inject({ method: 'POST', url: '/v1/me/totp', cookies: { kd_session: token } });
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { secret } = enrol.json();
    const confirm = await app.inject({
      method: 'POST',
      url: '/v1/me/totp/confirm',
      cookies: { kd_session: token },
      payload: { code: totpCode(secret, app.clock.now()) },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);

    app.clock.advance(MINUTE);
    const again = await signInThroughProvider(app);
    expect(again.res.statusCode).toBe(302);
    const location = String(again.res.headers.location);
    expect(location).toMatch(/^\/login\?challenge=/);
    expect(again.session).toBeUndefined();
    const challengeId = new URL(location, PUBLIC_URL).searchParams.get('challenge');
    const mfa = await app.inject({
      method: 'POST',
      url: '/v1/sessions/mfa',
      payload: { challengeId, code: totpCode(secret, app.clock.now()) },
    });
    expect(mfa.statusCode, mfa.body).toBe(201);
    const after = await app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${mfa.json().session.token}` },
    });
    expect(after.json().session.mfa).toBe(true);
  });

  it('concurrent first sign-ins with one subject create one merchant', async () => {
    const flows = await Promise.all([startFlow(app), startFlow(app), startFlow(app)]);
    const backs = await Promise.all(flows.map((f) => followToProvider(f.location)));
    const results = await Promise.all(backs.map((b, i) => callback(app, b, flows[i]?.flowCookie)));
    const sessions = results.map((r) => cookieOf(r, 'kd_session')?.value).filter((s) => s !== undefined);
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    for (const r of results) expect(['/', '/login?oidc=failed']).toContain(r.headers.location);
    const ids = new Set(await Promise.all(sessions.map(async (s) => (await me(app, s)).merchant.id)));
    expect(ids.size).toBe(1);
    expect(await app.ctx.audit.list({ action: 'merchant.registered' })).toHaveLength(1);
    const merchants = await app.ctx.db.selectFrom('merchants').select('id').execute();
    expect(merchants.map((m) => m.id)).toEqual([...ids]);
  });

  it('a tampered state is refused before the code is redeemed', async () => {
    const { location, flowCookie } = await startFlow(app);
    const back = await followToProvider(location);
    const state = back.searchParams.get('state') ?? '';
    for (const forged of [`${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`, 'forged-state']) {
      const url = new URL(back);
      url.searchParams.set('state', forged);
      expectFailed(await callback(app, url, flowCookie));
    }
    const noState = new URL(back);
    noState.searchParams.delete('state');
    expectFailed(await callback(app, noState, flowCookie));
    expect(op.tokenRequests).toEqual([]);
    expect(await app.ctx.audit.list({ action: 'merchant.registered' })).toHaveLength(0);
  });

  it('a missing, forged or foreign kd_oidc cookie fails the sign-in and creates nothing', async () => {
    const { location, flowCookie } = await startFlow(app);
    const back = await followToProvider(location);

    // No cookie at all (a link opened in another browser, or a login-CSRF attempt).
    expectFailed(await callback(app, back));
    // Garbage, and the real cookie with one character changed (authenticated encryption).
    expectFailed(await callback(app, back, 'not-a-sealed-value'));
    const i = Math.floor(flowCookie.length / 2);
    const flipped = `${flowCookie.slice(0, i)}${flowCookie[i] === 'A' ? 'B' : 'A'}${flowCookie.slice(i + 1)}`;
    expectFailed(await callback(app, back, flipped));
    // A well-formed flow sealed for another purpose (other associated data) is not accepted either.
    const flow = {
      state: back.searchParams.get('state'),
      nonce: 'n',
      codeVerifier: 'v'.repeat(43),
      at: app.clock.now(),
    };
    expectFailed(await callback(app, back, app.ctx.crypto.encrypt(JSON.stringify(flow), 'merchants.phone')));
    // The cookie of another flow of this browser does not match this provider answer.
    const other = await startFlow(app);
    expectFailed(await callback(app, back, other.flowCookie));

    expect(op.tokenRequests).toEqual([]);
    expect(await app.ctx.audit.list({ action: 'merchant.registered' })).toHaveLength(0);
  });

  it('a flow cookie sealed by another installation (another master key) is refused', async () => {
    const other = await createTestApp({ env: oidcEnv(op.issuer) });
    try {
      const { location, flowCookie } = await startFlow(other);
      const back = await followToProvider(location);
      expectFailed(await callback(app, back, flowCookie));
      expect(op.tokenRequests).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('a provider error, a missing code and a flow older than 10 minutes fail', async () => {
    const denied = await startFlow(app);
    const deniedBack = await followToProvider(denied.location);
    const state = deniedBack.searchParams.get('state') ?? '';
    expectFailed(
      await callback(
        app,
        `/v1/oidc/callback?error=access_denied&state=${encodeURIComponent(state)}`,
        denied.flowCookie,
      ),
    );
    expectFailed(
      await callback(app, `/v1/oidc/callback?state=${encodeURIComponent(state)}`, denied.flowCookie),
    );

    const late = await startFlow(app);
    const lateBack = await followToProvider(late.location);
    app.clock.advance(11 * MINUTE);
    expectFailed(await callback(app, lateBack, late.flowCookie));
    expect(op.tokenRequests).toEqual([]);
  });

  it('a code can be redeemed once: replaying the callback fails', async () => {
    const { location, flowCookie } = await startFlow(app);
    const back = await followToProvider(location);
    const ok = await callback(app, back, flowCookie);
    expect(ok.headers.location).toBe('/');
    expectFailed(await callback(app, back, flowCookie));
    expect(op.tokenRequests.map((r) => r.status)).toEqual([200, 400]);
  });
});

describe(`OIDC not configured or unreachable on ${testDbKind}`, () => {
  it('not configured: config says disabled, authorize is a 404 problem oidc_unavailable', async () => {
    const app = await createTestApp();
    try {
      const config = await app.inject({ method: 'GET', url: '/v1/oidc/config' });
      expect(config.statusCode).toBe(200);
      expect(config.json()).toEqual({ enabled: false, name: null });
      const res = await app.inject({
        method: 'GET',
        url: '/v1/oidc/authorize',
        headers: { 'accept-language': 'en' },
      });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 404, code: 'oidc_unavailable' });
      expect(res.json().title).toMatch(/not configured/i);
      expect(cookieOf(res, 'kd_oidc')).toBeUndefined();
      // A stray callback ends on the login page, without a session.
      expectFailed(await app.inject({ method: 'GET', url: '/v1/oidc/callback?code=x&state=y' }));
    } finally {
      await app.close();
    }
  });

  it('provider down: authorize is a 502 problem oidc_provider_unavailable, and no flow cookie', async () => {
    // A port that was just free: nothing listens there any more.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));

    const app = await createTestApp({ env: oidcEnv(`http://127.0.0.1:${port}`) });
    try {
      const config = await app.inject({ method: 'GET', url: '/v1/oidc/config' });
      expect(config.json()).toEqual({ enabled: true, name: 'WeChat' });
      const res = await app.inject({ method: 'GET', url: '/v1/oidc/authorize' });
      expect(res.statusCode).toBe(502);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 502, code: 'oidc_provider_unavailable' });
      expect(cookieOf(res, 'kd_oidc')).toBeUndefined();
      expect(app.undeclaredStatuses).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('the provider coming back makes sign-in work again (a failed discovery is not cached)', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    // Start with nothing there; then a provider appears on that very port.
    const app = await createTestApp({ env: oidcEnv(`http://127.0.0.1:${port}`) });
    let op: FakeOidcProvider | undefined;
    try {
      expect((await app.inject({ method: 'GET', url: '/v1/oidc/authorize' })).statusCode).toBe(502);
      op = await startFakeOidc({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUri: REDIRECT_URI,
        port,
      });
      const { session, res } = await signInThroughProvider(app);
      expect(res.headers.location).toBe('/');
      expect(session).toBeTruthy();
    } finally {
      await op?.close();
      await app.close();
    }
  });
});
